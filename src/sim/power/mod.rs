//! Power (seed step 5, MODEL.md's power part): who holds each type of power
//! in a region, how it compounds and what checks it.

pub mod ledger;

use bevy::prelude::*;

use super::SimSystems;

/// Power compounds at the end of the month, after people have moved.
pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        FixedUpdate,
        ledger::compound
            .in_set(SimSystems::Learning)
            .after(super::people::learning::migrate),
    );
}
