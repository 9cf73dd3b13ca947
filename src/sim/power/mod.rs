//! Power (seed step 5, MODEL.md's power part): who holds each type of power
//! in a region, how it compounds and what checks it.

pub mod backlash;
pub mod capture;
pub mod ledger;
pub mod voice;

use bevy::prelude::*;

use super::SimSystems;

/// Councils pay for civic education and transparency once they have been
/// paid, and a captured council diverts its funds before investment draws
/// on them; at the end of the month power compounds, after people have
/// moved, then people take part, councils are contested and regions judge
/// their institutions.
pub(super) fn plugin(app: &mut App) {
    app.init_resource::<capture::Attempts>()
        .init_resource::<capture::Constitution>()
        .init_resource::<backlash::Regimes>()
        .add_systems(
            FixedUpdate,
            (
                (voice::fund, capture::divert)
                    .chain()
                    .in_set(SimSystems::Transfers)
                    .after(super::transfers::pay_out)
                    .before(super::investment::invest),
                (
                    ledger::compound,
                    voice::take_part,
                    capture::contest,
                    backlash::judge,
                )
                    .chain()
                    .in_set(SimSystems::Learning)
                    .after(super::people::learning::migrate),
            ),
        );
}
