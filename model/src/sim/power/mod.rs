//! Power (seed step 5, MODEL.md's power part): who holds each type of power
//! in a region, how it compounds and what checks it.

pub mod backlash;
pub mod capture;
pub mod ledger;
pub mod state;
pub mod voice;

use bevy::prelude::*;

use super::Step;

/// Councils pay for civic education and transparency, and a captured
/// council diverts its funds (`Step::Civic`, after pay and before
/// investment draws on them); power compounds, people take part, councils
/// are contested and regions judge their institutions (`Step::Power`, after
/// people have moved).
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
                )
                    .chain()
                    .in_set(Step::Power),
            ),
        );
}
