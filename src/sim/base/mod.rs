//! The model's foundations: the books (money and goods conserved), the
//! random streams (one per mechanism), the economy's parameters, the
//! state hash and the settling months before month 0.

pub mod books;
pub(crate) mod bounded;
pub mod goods;
pub mod hash;
pub mod hex;
pub mod parallel;
pub mod params;
pub(crate) mod settle;
pub mod streams;

use bevy::prelude::*;

/// The books, opened empty.
pub(super) fn plugin(app: &mut App) {
    app.init_resource::<books::Books>()
        .init_resource::<parallel::Faults>();
}
