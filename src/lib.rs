//! mutualism: an interactive simulation of adaptive mutualism and the
//! economic regimes it is compared with.
//!
//! - [`sim`]: the model, an ECS world advanced one month per fixed step; it
//!   runs headless and knows nothing of being drawn;
//! - [`scenario`]: scenario files and the worlds they describe;
//! - [`headless`]: runs without a window, CSV output and the benchmark;
//! - [`compare`]: one scenario under several regimes with the same seeds;
//! - [`words`]: the event log's sentences, for the window and CSV;
//! - [`explain`]: the window's words for everything the model has, read
//!   from `assets/explain.ron`;
//! - `gui` (feature `gui`): the window, with the map (`view`) and the panel
//!   (`ui`), which read the model and send lever changes to it.

pub mod compare;
pub mod explain;
pub mod headless;
pub mod scenario;
pub mod shot;
pub mod sim;
pub mod words;

#[cfg(feature = "gui")]
pub mod gui;
#[cfg(feature = "gui")]
mod ui;
#[cfg(feature = "gui")]
mod view;
