//! The model of mutualism, without its window: an interactive simulation of
//! adaptive mutualism and the economic regimes it is compared with.
//!
//! - [`sim`]: the model, an ECS world advanced one month per fixed step; it
//!   runs headless and knows nothing of scenario files or of being drawn;
//! - [`scenario`]: scenario files, the worlds they describe, and spawning a
//!   world into the model;
//! - [`headless`]: runs without a window, CSV output and the benchmark;
//! - [`compare`]: one scenario under several regimes with the same seeds;
//! - [`gap`]: why a run differs from its baseline, split into parts and
//!   credited to each move by its ablation;
//! - [`findings`]: the book's causal sentences with the ablations that
//!   back them;
//! - [`words`]: the event log's sentences, for the window and CSV.
//!
//! The window (the map and the panel) is the `mutualism` binary's, in the
//! repository's `src/`: it reads this crate and sends lever changes to it,
//! and an edit there never recompiles the model.

pub mod compare;
pub mod findings;
pub mod gap;
pub mod headless;
pub mod scenario;
pub mod sim;
pub mod state;
pub mod stress;
pub mod sweep;
pub mod words;
