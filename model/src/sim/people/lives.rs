//! Lives: the deaths a region's conditions caused beyond those of a
//! healthy, fed population, by cause, and the people who would be alive
//! without them.
//!
//! Every per-person criterion is read over the people who would be alive,
//! the missing counting as having nothing (`measures`), so that no
//! criterion can rise because people died: a famine that kills the poorest
//! lowers capability, equity and prosperity rather than lifting the mean of
//! those left.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

/// Deaths beyond the healthy rate, by cause (people).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Deaths {
    /// Of hunger: food below subsistence (`learning::learn`).
    pub hunger: f64,
    /// Of ill health: health below full, from basics and care that fell
    /// short or lasting unemployment (`learning::learn`).
    pub ill_health: f64,
    /// Of an epidemic (`crisis::contagion`).
    pub epidemic: f64,
}

impl Deaths {
    /// Every cause together.
    pub fn total(&self) -> f64 {
        self.hunger + self.ill_health + self.epidemic
    }

    /// The sum of two counts.
    pub fn plus(&self, other: &Deaths) -> Deaths {
        Deaths {
            hunger: self.hunger + other.hunger,
            ill_health: self.ill_health + other.ill_health,
            epidemic: self.epidemic + other.epidemic,
        }
    }
}

/// A region's excess deaths since month 0 and the people they leave
/// missing.
#[derive(Component, Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Lives {
    /// Excess deaths since month 0, by cause.
    pub died: Deaths,
    /// People who would be alive now had none of those deaths happened:
    /// each month's excess deaths, carried on since at the healthy rate of
    /// births less deaths (the children they would have had, the deaths
    /// they would have died anyway). Migration moves the living only.
    pub missing: f64,
}

impl Lives {
    /// Records this month's excess deaths.
    pub fn record(&mut self, dead: Deaths) {
        self.died = self.died.plus(&dead);
        self.missing += dead.total();
    }

    /// Carries the missing one month on at the healthy monthly growth rate
    /// (births less deaths at full health).
    pub fn carry(&mut self, healthy_growth: f64) {
        self.missing *= 1.0 + healthy_growth;
    }

    /// The people who would be alive, given those who are.
    pub fn would_be(&self, living: f64) -> f64 {
        living + self.missing
    }
}
