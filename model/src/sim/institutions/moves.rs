//! A scenario's moves: lever changes and constitution locks written in its
//! timeline beside the shocks, so a lesson (or a session saved as a
//! scenario) can be set down by hand and replayed. A move is sent in the
//! month it names, before that month's changes are applied, exactly as the
//! panel would send it: a region that consults its people consults on it,
//! and the event log says it.

use bevy::prelude::*;
use serde::Deserialize;

use super::policy::{LeverChange, LeverChanges, LeverTarget, LockChange, PolicyOverrides, lever};
use crate::sim::base::bounded;
use crate::sim::crisis::Regions;
use crate::sim::people::Region;
use crate::sim::{SimClock, WorldIndex};

/// One move: in month `tick`, set `levers` in `regions` (every region if
/// not given), and lock or unlock levers in the constitution.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Move {
    /// The month (tick) the move is made, counted from 0.
    #[serde(deserialize_with = "bounded::month")]
    pub tick: u32,
    /// The levers it sets, each written and checked as a scenario's
    /// overrides are.
    #[serde(default)]
    pub levers: PolicyOverrides,
    /// Where: every region if not given.
    #[serde(default = "every_region")]
    pub regions: Regions,
    /// Levers the constitution locks from this month.
    #[serde(default, deserialize_with = "super::lever_names")]
    pub lock: Vec<String>,
    /// Levers it unlocks.
    #[serde(default, deserialize_with = "super::lever_names")]
    pub unlock: Vec<String>,
}

fn every_region() -> Regions {
    Regions::All
}

impl Move {
    /// Whether it does anything.
    pub fn is_empty(&self) -> bool {
        self.levers.changes().is_empty() && self.lock.is_empty() && self.unlock.is_empty()
    }
}

/// The scenario's moves.
#[derive(Resource, Default, Clone)]
pub struct Moves(pub Vec<Move>);

/// Sends this month's moves: to every region at once when a move names
/// them all, else to each region it names, in id order.
pub(crate) fn send_moves(
    faults: Res<crate::sim::base::parallel::Faults>,
    clock: Res<SimClock>,
    moves: Res<Moves>,
    index: Res<WorldIndex>,
    settling: Option<Res<crate::sim::Settling>>,
    mut changes: ResMut<LeverChanges>,
    regions: Query<&Region>,
) {
    if settling.is_some() {
        return;
    }
    for due in moves.0.iter().filter(|m| m.tick == clock.tick) {
        let targets: Vec<LeverTarget> = match &due.regions {
            Regions::All => vec![LeverTarget::All],
            named => index
                .regions
                .iter()
                .filter_map(|&e| {
                    regions
                        .get(e)
                        .inspect_err(|_| faults.lost("send_moves", "regions"))
                        .ok()
                })
                .filter(|r| named.holds(r))
                .map(|r| LeverTarget::Region(r.id))
                .collect(),
        };
        // Every name below is a lever's: the levers' own field names, and
        // lock names checked as the file was read.
        for (name, value) in due.levers.changes() {
            let Some(lever) = lever(name) else {
                continue;
            };
            for &target in &targets {
                changes.send_own(LeverChange {
                    target,
                    lever,
                    value,
                });
            }
        }
        let locks = due.lock.iter().map(|n| (n, true));
        for (name, locked) in locks.chain(due.unlock.iter().map(|n| (n, false))) {
            if let Some(lever) = lever(name) {
                changes.send_own_lock(LockChange { lever, locked });
            }
        }
    }
}
