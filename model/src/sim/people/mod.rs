//! People: cohorts, culture and trust, and how health, skills, trust and
//! numbers follow what each month brings; migration.

pub(crate) mod learning;
pub mod region;

use bevy::prelude::*;

use super::Step;

/// People learn from the month (`Step::Learn`) and migrate
/// (`Step::Migrate`).
pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        FixedUpdate,
        (
            learning::learn.in_set(Step::Learn),
            learning::migrate.in_set(Step::Migrate),
        ),
    );
}
