//! The model's foundations: the books (money and goods conserved), the
//! random streams (one per mechanism), the economy's parameters, bounded
//! numbers, goods, hexes and parallel gathers. Every room builds on these;
//! nothing here imports anything else in the model (`.ci/layers.py` holds
//! it).

pub mod books;
pub mod bounded;
pub mod calendar;
pub mod goods;
pub mod hex;
pub mod parallel;
pub mod params;
pub mod saved;
pub mod stats;
pub mod streams;

use bevy::prelude::*;

/// The books, opened empty.
pub(super) fn plugin(app: &mut App) {
    app.init_resource::<books::Books>()
        .init_resource::<parallel::Faults>();
}
