//! Crises: shocks from the timeline and the panel. Contagion, responses and
//! episodes come with the crisis issue.

pub mod shocks;

use bevy::prelude::*;

use super::SimSystems;

/// Shocks open the month: lever changes first, then the timeline's and the
/// queue's shocks.
pub(super) fn plugin(app: &mut App) {
    app.init_resource::<shocks::ShockQueue>().add_systems(
        FixedUpdate,
        (shocks::apply_lever_changes, shocks::start_and_end_droughts)
            .chain()
            .in_set(SimSystems::Shocks),
    );
}
