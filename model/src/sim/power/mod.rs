//! Power (seed step 5, MODEL.md's power part): who holds each type of power
//! in a region, how it compounds and what checks it.

mod adoption;
mod backlash;
mod capture;
mod ledger;
mod state;
mod voice;

// What other rooms, the layers above and the window may read: the
// room's state and its public rules; its mechanisms stay private.
pub use adoption::{Adopting, Adoption, Pilot};
pub use backlash::{Regimes, Support, fit, marketness};
pub use capture::vulnerability;
pub use ledger::{INVESTMENT, PowerLedger, REGULATION};
pub use state::{Attempts, Capture, Constitution};
pub use voice::{BODIES, Participation};

use bevy::prelude::*;

use super::Step;

/// Councils pay for civic education and transparency, and a captured
/// council diverts its funds (`Step::Civic`, after pay and before
/// investment draws on them); power compounds, people take part, councils
/// are contested, regions judge their institutions and, in a transition,
/// adopt by demonstration (`Step::Power`, after people have moved).
pub(super) fn plugin(app: &mut App) {
    app.init_resource::<state::Attempts>()
        .init_resource::<state::Constitution>()
        .init_resource::<backlash::Regimes>()
        .add_systems(
            FixedUpdate,
            (
                (voice::fund, capture::divert).chain().in_set(Step::Civic),
                (
                    ledger::compound,
                    voice::take_part,
                    capture::contest,
                    backlash::judge,
                    adoption::adopt.run_if(resource_exists::<adoption::Adopting>),
                    adoption::sanction,
                    adoption::recruit,
                )
                    .chain()
                    .in_set(Step::Power),
            ),
        );
}
