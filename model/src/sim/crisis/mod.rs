//! Crises: shocks from the timeline and the panel, the event log, and the
//! episodes that resilience is measured over, contagion along links, and
//! the responses: the emergency protocol, circuit breakers, rebuilding and
//! retraining. (Buffer stocks are bought and handed out within allocation,
//! so they are the economy's: `economy::reserves`.)

mod contagion;
mod emergency;
mod episodes;
mod lessons;
mod log;
mod rebuilding;
mod retraining;
mod shock;
mod shocks;

// What other rooms, the layers above and the window may read: the
// room's state and its public rules; its mechanisms stay private.
pub use emergency::Emergency;
pub use episodes::{Episode, Episodes, Summary};
pub use log::{EventLog, Happening, Logged, Started};
pub use shock::{
    Event, PerShockKind, Regions, SHOCK_KINDS, Shock, ShockKind, ShockQueue, ShockSize,
};

use bevy::prelude::*;

use super::Step;

/// Shocks open the month, after the lever changes: learning from ended
/// crises (`Step::Lessons`), the timeline's and the queue's shocks
/// (`Step::Strike`), then what answers last month's figures
/// (`Step::Response`); links are rebuilt in `Step::Rebuild` and episodes
/// followed in `Step::Episodes`.
pub(super) fn plugin(app: &mut App) {
    app.init_resource::<shock::ShockQueue>()
        .init_resource::<log::EventLog>()
        .init_resource::<episodes::Episodes>()
        .add_systems(
            FixedUpdate,
            (
                lessons::learn.in_set(Step::Lessons),
                shocks::start_and_end_shocks.in_set(Step::Strike),
                (
                    contagion::trip_breakers,
                    contagion::spread_disease,
                    contagion::spread_crunch,
                    retraining::retrain,
                    emergency::review,
                )
                    .chain()
                    .in_set(Step::Response),
                rebuilding::rebuild_links.in_set(Step::Rebuild),
                episodes::track.in_set(Step::Episodes),
            ),
        );
}
