//! The model's integration tests, in one binary (each test binary links the
//! engine). Each module tells one part of the story; `support` builds
//! headless runs from scenarios.

mod support;

mod ablation;
mod aid;
mod backlash;
mod basics;
mod columns;
mod commons;
mod costs;
mod crises;
mod determinism;
mod doughnut;
mod ecology;
mod edges;
mod errors;
mod gap;
mod geography;
mod hostile;
mod innovation;
mod investment;
mod labour;
mod levers;
mod lives;
mod moves;
mod pinned;
mod planning;
mod power;
mod regimes;
mod same_world;
mod scenarios;
mod sessions;
mod snapshots;
mod start;
mod stress;
mod sweep;
mod transition;
mod voice;

#[path = "../patterns/mod.rs"]
mod patterns;
