//! People: cohorts, culture and trust, and how health, skills, trust and
//! numbers follow what each month brings; migration.

mod learning;
mod lives;
mod region;

// What other rooms, the layers above and the window may read: the
// room's state and its public rules; its mechanisms stay private.
pub use learning::Mortality;
pub use lives::{Deaths, Lives};
pub use region::{
    CapabilityParts, Climate, Cohort, Cohorts, Drought, Federations, PerCohort, Region,
    RegionStats, Scarcity, Society,
};

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
