//! Institutions: councils, policy and the lever registry, the boundaries
//! between allocation logics, and links between regions.

pub mod boundaries;
pub mod council;
pub(crate) mod levers;
pub mod link;
pub mod policy;

use bevy::prelude::*;

use super::Step;

/// Lever changes and locks wait in their queue and open the month
/// (`Step::Levers`); boundaries are defended in `Step::Defend`.
pub(super) fn plugin(app: &mut App) {
    app.init_resource::<policy::LeverChanges>()
        .init_resource::<crate::sim::interventions::Interventions>()
        .add_systems(
            FixedUpdate,
            (
                levers::apply_lever_changes.in_set(Step::Levers),
                boundaries::defend.in_set(Step::Defend),
            ),
        );
}
