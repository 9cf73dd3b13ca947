//! The emergency protocol (seed step 7): when the poorest's basics coverage
//! (its last three months) falls under `emergency_threshold` of its normal
//! (its last two years, as mutual aid judges need), the protocol turns on.
//! A crisis is a fall from normal: a region whose poorest are always short
//! is poor, not in an emergency, and a protocol that fired on the level
//! would be on for good.
//! While on, basics are rationed by need whatever the region's basics
//! allocation and the public reserve is handed out, poorest first
//! (`allocation`, `reserves`); enterprises making personal goods shed
//! `emergency_curtailment` of their planned output, and basic firms hire
//! first, so that workers go to basics (`production`, `labour`). It ends by its sunset clause after
//! `emergency_sunset_months`, unless the oversight vote at the sunset finds
//! the poorest still under the threshold and renews it. With no sunset
//! clause (0 months) it never ends once on. The months emergency powers are
//! held are counted, for the power they hand to officials.
//!
//! Costs: need-based provision's overhead and over-use, personal goods
//! forgone while on, and powers held; in calm times, none.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::sim::institutions::Policy;
use crate::sim::people::{Region, RegionStats};
use crate::sim::{Settling, SimClock, WorldIndex};

use super::log::{EventLog, Happening};

/// A region's emergency protocol.
#[derive(Component, Clone, Debug, Default, Serialize, Deserialize)]
pub struct Emergency {
    /// Whether it is on this month.
    pub on: bool,
    /// Months left to its sunset while on (with a sunset clause).
    pub sunset_in: u32,
    /// Months emergency powers have been held since the run began.
    pub months_held: u32,
}

/// Opens the month: turns the protocol on where the trigger is crossed,
/// counts down its sunset, and holds the oversight vote when it comes.
pub(crate) fn review(
    faults: Res<crate::sim::base::parallel::Faults>,
    clock: Res<SimClock>,
    index: Res<WorldIndex>,
    settling: Option<Res<Settling>>,
    mut log: ResMut<EventLog>,
    mut regions: Query<(&Region, &Policy, &RegionStats, &mut Emergency)>,
) {
    if settling.is_some() {
        return;
    }
    let Some(regions) = faults.gather(&mut regions, &index.regions, "review", "regions") else {
        return;
    };
    for (region, policy, stats, mut emergency) in regions {
        let coverage = stats.poorest_standing();
        let threshold = policy.emergency_threshold;
        let below = coverage < threshold;
        let sunset = policy.emergency_sunset_months.round() as u32;
        let place = || Some(region.name.clone());
        if !emergency.on {
            if below {
                *emergency = Emergency {
                    on: true,
                    sunset_in: sunset,
                    months_held: emergency.months_held + 1,
                };
                let sunset = (sunset > 0).then_some(sunset);
                log.note(
                    clock.tick,
                    place(),
                    Happening::EmergencyOn {
                        coverage,
                        threshold,
                        sunset,
                    },
                );
            }
            continue;
        }
        if sunset == 0 {
            // No sunset clause: the powers stay.
            emergency.months_held += 1;
            continue;
        }
        emergency.sunset_in = emergency.sunset_in.saturating_sub(1).min(sunset);
        if emergency.sunset_in > 0 {
            emergency.months_held += 1;
        } else if below {
            emergency.sunset_in = sunset;
            emergency.months_held += 1;
            log.note(
                clock.tick,
                place(),
                Happening::EmergencyRenewed { coverage, sunset },
            );
        } else {
            emergency.on = false;
            log.note(
                clock.tick,
                place(),
                Happening::EmergencyEnded {
                    held: emergency.months_held,
                },
            );
        }
    }
}
