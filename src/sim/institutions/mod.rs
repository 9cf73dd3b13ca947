//! Institutions: councils, policy and the lever registry, the boundaries
//! between allocation logics, and links between regions.

pub mod boundaries;
pub mod council;
pub mod link;
pub mod policy;

use bevy::prelude::*;

use super::SimSystems;
use super::economy::investment;

/// Lever changes wait in their queue; boundaries are defended after
/// investment.
pub(super) fn plugin(app: &mut App) {
    app.init_resource::<policy::LeverChanges>()
        .init_resource::<crate::sim::interventions::Interventions>()
        .add_systems(
            FixedUpdate,
            boundaries::defend
                .in_set(SimSystems::Transfers)
                .after(investment::invest),
        );
}
