//! The power room's state that other rooms read: whether a council is
//! captured, the constitution's locks and this month's capture attempts.
//! The mechanisms that change them are `capture`, `ledger`, `voice` and
//! `backlash`.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::sim::base::params::Group;
use crate::sim::institutions::LeverValue;

/// Whether a region's council is captured, and by whom.
#[derive(Component, Clone, Debug, Default, Serialize, Deserialize)]
pub struct Capture {
    /// The group holding the council.
    pub by: Option<Group>,
    /// Months it has held it.
    pub months: u32,
    /// The council's vulnerability last month: the chance an attempt
    /// succeeds, 0..1.
    pub vulnerability: f64,
    /// Months captured since the start, for measures and tests.
    pub months_captured: u32,
    /// Money handed to the captor's people last month (money units).
    pub diverted: f64,
    /// Checks on power a captor turned off, oldest first, with the value
    /// each had: what a free council may win back (`capture`).
    #[serde(with = "crate::sim::base::saved")]
    pub removed: Vec<(&'static str, LeverValue)>,
}

/// The levers a scenario locks: no captured council may move them.
#[derive(Resource, Clone, Debug, Default, Serialize, Deserialize)]
pub struct Constitution {
    pub locked: Vec<String>,
}

impl Constitution {
    pub fn locks(&self, lever: &str) -> bool {
        self.locked.iter().any(|l| l == lever)
    }

    /// Locks or unlocks a lever (from the panel).
    pub fn set_lock(&mut self, lever: &str, locked: bool) {
        self.locked.retain(|l| l != lever);
        if locked {
            self.locked.push(lever.to_owned());
        }
    }
}

/// Capture attempts sent by the timeline or the crisis menu this month:
/// the region's entity and the group, if named.
#[derive(Resource, Clone, Default, Debug, Serialize, Deserialize)]
pub struct Attempts(#[serde(with = "crate::sim::base::saved")] pub Vec<(Entity, Option<Group>)>);
