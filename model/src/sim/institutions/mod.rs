//! Institutions: councils, policy and the lever registry, the boundaries
//! between allocation logics, and links between regions.

mod boundaries;
mod council;
mod levers;
mod link;
mod moves;
mod policy;

// What other rooms, the layers above and the window may read: the
// room's state and its public rules; its mechanisms stay private.
pub use boundaries::{Boundaries, boundary_count};
pub use council::Council;
pub use link::{Channels, Link, LinkKind, openness};
pub use moves::{Move, Moves};
pub(crate) use policy::lever_names;
pub use policy::{
    BasicsAllocation, Choice, CommonsGovernance, Consultation, Domain, EnterpriseForm,
    InnovationMode, InvestmentAllocation, LEVERS, Lever, LeverChange, LeverChanges, LeverKind,
    LeverTarget, LeverValue, LockChange, Mix, PILOT_ORDER, PersonalAllocation, Policy,
    PolicyOverrides, lever,
};

use bevy::prelude::*;

use super::Step;

/// Lever changes and locks wait in their queue and open the month
/// (`Step::Levers`); boundaries are defended in `Step::Defend`.
pub(super) fn plugin(app: &mut App) {
    app.init_resource::<policy::LeverChanges>()
        .init_resource::<moves::Moves>()
        .init_resource::<crate::sim::interventions::Interventions>()
        .add_systems(
            FixedUpdate,
            (
                (moves::send_moves, levers::apply_lever_changes)
                    .chain()
                    .in_set(Step::Levers),
                boundaries::defend.in_set(Step::Defend),
            ),
        );
}
