//! Crises: shocks from the timeline and the panel, the event log, and the
//! episodes that resilience is measured over, contagion along links, and
//! the responses: the emergency protocol, circuit breakers, buffer stocks
//! and retraining.

pub mod contagion;
pub mod emergency;
pub mod episodes;
pub mod lessons;
pub mod log;
pub mod rebuilding;
pub mod reserves;
pub mod retraining;
pub mod shocks;

use bevy::prelude::*;

use super::SimSystems;

/// Shocks open the month: lever changes first, then the timeline's and the
/// queue's shocks. Episodes are followed once the month's measures are in.
pub(super) fn plugin(app: &mut App) {
    app.init_resource::<shocks::ShockQueue>()
        .init_resource::<log::EventLog>()
        .init_resource::<episodes::Episodes>()
        .add_systems(
            FixedUpdate,
            (
                (
                    shocks::apply_lever_changes,
                    lessons::learn,
                    shocks::start_and_end_shocks,
                )
                    .chain()
                    .in_set(SimSystems::Shocks),
                (
                    contagion::trip_breakers,
                    contagion::spread_disease,
                    contagion::spread_crunch,
                    retraining::retrain,
                    emergency::review,
                )
                    .chain()
                    .in_set(SimSystems::Shocks)
                    .after(super::ecology::climate::climate_droughts),
                rebuilding::rebuild_links
                    .in_set(SimSystems::Transfers)
                    .after(super::investment::invest)
                    .before(super::boundaries::defend),
                episodes::track
                    .in_set(SimSystems::Measures)
                    .before(super::measures::measure),
            ),
        );
}
