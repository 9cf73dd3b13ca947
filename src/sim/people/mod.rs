//! People: cohorts, culture and trust, and how health, skills, trust and
//! numbers follow what each month brings; migration.

pub(crate) mod learning;
pub mod region;

use bevy::prelude::*;

use super::SimSystems;

/// People learn from the month, then (after innovation) migrate.
pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        FixedUpdate,
        (learning::learn, learning::migrate)
            .chain()
            .in_set(SimSystems::Learning),
    );
}
