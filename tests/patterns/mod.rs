//! Patterns: stylised facts the model must reproduce on shipped scenarios
//! (pattern-oriented modelling, Grimm et al. 2005, Science 310:987), each
//! with its source and its tolerance. A pattern that fails is a defect of
//! the model, not of the test: a tolerance is never loosened to pass.
//!
//! A pattern the model does not yet reproduce is marked `#[ignore]` with
//! the issue that owns the defect, so that `cargo test -- --ignored` shows
//! it failing; it is never loosened.
//!
//! They run in the model's test binary (`tests/model/main.rs` includes
//! this folder), so that they cost no second link of the engine.

mod commons;
mod epidemic;
mod famine;
mod inequality;
mod labour;
mod population;
mod prices;
