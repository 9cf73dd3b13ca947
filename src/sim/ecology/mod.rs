//! Ecology: the commons and their regrowth, the atmosphere and the
//! droughts that carbon brings.

pub mod climate;
pub mod commons;

use bevy::prelude::*;

use super::SimSystems;
use super::crisis::shocks;

/// Climate droughts after the month's shocks; regrowth in its own phase.
pub(super) fn plugin(app: &mut App) {
    app.init_resource::<climate::Atmosphere>().add_systems(
        FixedUpdate,
        (
            climate::climate_droughts
                .in_set(SimSystems::Shocks)
                .after(shocks::start_and_end_shocks),
            commons::regrow.in_set(SimSystems::Regrowth),
        ),
    );
}
