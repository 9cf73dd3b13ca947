//! Learning from crises (seed step 7, MODEL.md: "after a crisis, rules
//! adapt toward what worked, damped so the system does not over-react to
//! the last crisis").
//!
//! When a region recovers from an episode, it moves its public reserve a
//! share `crisis_learning` of the way towards the episode's lesson: the
//! months of need a reserve would have had to hold to bridge it (see
//! `episodes`). Damped, the reserve follows a moving average of the crises
//! a region has been through; undamped (1), it is set by the last crisis
//! alone, large after a severe one and small after a mild one, and a
//! region pays to store for a crisis like the last whatever comes next.
//! At 0 a region keeps the reserve it was given.

use bevy::prelude::*;

use crate::sim::base::bounded::RESERVE;
use crate::sim::institutions::Policy;
use crate::sim::people::Region;
use crate::sim::{SimClock, WorldIndex};

use super::episodes::Episodes;
use super::log::{EventLog, Happening};

/// Opens the month: regions that recovered last month learn from it.
pub(crate) fn learn(
    faults: Res<crate::sim::base::parallel::Faults>,
    clock: Res<SimClock>,
    index: Res<WorldIndex>,
    mut episodes: ResMut<Episodes>,
    mut log: ResMut<EventLog>,
    mut regions: Query<(&Region, &mut Policy)>,
) {
    for (id, lesson) in std::mem::take(&mut episodes.lessons) {
        let Some(&entity) = index.regions.get_index(id as usize) else {
            faults.lost("learn", "regions");
            continue;
        };
        let Ok((region, mut policy)) = regions.get_mut(entity) else {
            faults.lost("learn", "regions");
            continue;
        };
        let rate = policy.crisis_learning;
        if rate <= 0.0 {
            continue;
        }
        let from = policy.reserve_months;
        let to = RESERVE.clamp(from + rate * (lesson - from));
        policy.reserve_months = to;
        log.note(
            clock.tick,
            Some(region.name.clone()),
            Happening::Learned { lesson, from, to },
        );
    }
}
