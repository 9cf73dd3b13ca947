//! The event log: one entry per thing that happened to the world, with the
//! month, the place and the cause, written by the mechanism that made it
//! happen. It holds what happened, in figures; the sentences people read,
//! in the window and in `run --events`, are written outside the model
//! (`crate::words`).

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::shock::{Shock, ShockKind};
use crate::sim::base::saved::{self, Name};
use crate::sim::institutions::LeverValue;

/// What happened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Happening {
    /// A shock began in this place, for the reason `cause` gives.
    ShockStarted { shock: Shock, cause: Started },
    /// A shock's months ran out.
    ShockEnded { kind: ShockKind },
    /// A region's capability is back within a point of where it was before
    /// a shock.
    Recovered {
        kind: ShockKind,
        months: u32,
        depth: f64,
    },
    /// A region that recovered moved its public reserve from `from` towards
    /// the crisis's `lesson`, to `to` (months of need).
    Learned { lesson: f64, from: f64, to: f64 },
    /// A lever moved (its name as files write it) from the value it had
    /// (`None` when the regions it moved in had different values) to `to`.
    LeverMoved {
        #[serde(with = "saved")]
        lever: Name,
        from: Option<LeverValue>,
        to: LeverValue,
    },
    /// A lever was put into the constitution (`locked`) or taken out of it.
    Locked {
        #[serde(with = "saved")]
        lever: Name,
        locked: bool,
    },
    /// The emergency protocol turned on: the poorest's basics coverage fell
    /// to `coverage` of its normal, under the threshold; `sunset` in months,
    /// if it has one.
    EmergencyOn {
        coverage: f64,
        threshold: f64,
        sunset: Option<u32>,
    },
    /// The oversight vote renewed it at its sunset.
    EmergencyRenewed { coverage: f64, sunset: u32 },
    /// It ended at its sunset, after powers held this many months in all.
    EmergencyEnded { held: u32 },
    /// A circuit breaker shut the region's links: its stress passed the
    /// threshold.
    BreakerTripped { stress: f64, threshold: f64 },
    /// The breaker reset and the links opened again.
    BreakerReset,
    /// A group captured the region's council; `vulnerability` was the
    /// chance the attempt had.
    Captured {
        #[serde(with = "saved")]
        group: Name,
        vulnerability: f64,
    },
    /// A capture attempt from the timeline or the menu failed.
    CaptureFailed {
        #[serde(with = "saved")]
        group: Name,
        vulnerability: f64,
    },
    /// A captured council decided to turn off a check on power the
    /// constitution does not lock.
    CheckRemoved {
        #[serde(with = "saved")]
        group: Name,
        #[serde(with = "saved")]
        lever: Name,
    },
    /// A council free of its captor won back a check the captor had turned
    /// off, at an election or by a citizens' movement.
    CheckRestored {
        #[serde(with = "saved")]
        lever: Name,
        #[serde(with = "saved")]
        cause: Name,
    },
    /// Support for the region's institutions fell under the threshold and
    /// it swung from one preset to another (a populist reversal).
    Swung {
        from: String,
        to: String,
        support: f64,
    },
    /// Support for a pilot's institution passed the adoption threshold and
    /// the region moved the pilot's lever (its name as files write it) a
    /// step, from `from` to `to`: up to extend the pilot, down to take a
    /// step back.
    PilotMoved {
        #[serde(with = "saved")]
        lever: Name,
        from: f64,
        to: f64,
        support: f64,
    },
    /// A capture ended after `months`, by `cause`.
    CaptureEnded {
        #[serde(with = "saved")]
        group: Name,
        months: u32,
        #[serde(with = "saved")]
        cause: Name,
    },
}

/// Why a shock began.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Started {
    /// The timeline, the crisis menu or a cue sent it.
    Sent,
    /// The year's weather: a climate drought.
    Weather,
    /// It spread from a neighbour (a credit crunch along credit channels).
    FromNeighbour,
}

/// One entry of the log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Logged {
    /// The month it happened in, counted from 0 as timelines count.
    pub tick: u32,
    /// The region's name, or `None` for the whole world.
    pub place: Option<String>,
    pub what: Happening,
}

impl Happening {
    /// A short name for the kind of event, for CSV.
    pub fn kind(&self) -> &'static str {
        match self {
            Happening::ShockStarted { .. } => "shock_started",
            Happening::ShockEnded { .. } => "shock_ended",
            Happening::Recovered { .. } => "recovered",
            Happening::Learned { .. } => "learned",
            Happening::LeverMoved { .. } => "lever_moved",
            Happening::Locked { .. } => "locked",
            Happening::EmergencyOn { .. } => "emergency_on",
            Happening::EmergencyRenewed { .. } => "emergency_renewed",
            Happening::EmergencyEnded { .. } => "emergency_ended",
            Happening::BreakerTripped { .. } => "breaker_tripped",
            Happening::BreakerReset => "breaker_reset",
            Happening::Captured { .. } => "captured",
            Happening::CaptureFailed { .. } => "capture_failed",
            Happening::CheckRemoved { .. } => "check_removed",
            Happening::CheckRestored { .. } => "check_restored",
            Happening::CaptureEnded { .. } => "capture_ended",
            Happening::Swung { .. } => "swung",
            Happening::PilotMoved { from, to, .. } if to > from => "pilot_extended",
            Happening::PilotMoved { .. } => "pilot_reversed",
        }
    }
}

/// Entries the log keeps in memory: a classroom century logs a few
/// thousand, so the window sees every one; a long run on a large world
/// drops its oldest, a tenth at a time, and keeps its memory flat. The
/// model never reads its log, and `run --events` takes every entry as its
/// month makes it (`headless::run_with_events`).
pub const KEPT_EVENTS: usize = 50_000;

/// The newest entries, oldest first.
#[derive(Resource, Clone, Default, Debug, Serialize, Deserialize)]
pub struct EventLog(pub Vec<Logged>);

impl EventLog {
    pub fn note(&mut self, tick: u32, place: Option<String>, what: Happening) {
        if self.0.len() >= KEPT_EVENTS {
            self.0.drain(..KEPT_EVENTS / 10);
        }
        self.0.push(Logged { tick, place, what });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_keeps_its_newest_entries_and_no_more() {
        let mut log = EventLog::default();
        let entries = u32::try_from(KEPT_EVENTS).expect("small") + 1;
        for tick in 0..entries {
            log.note(tick, None, Happening::BreakerReset);
        }
        assert!(log.0.len() <= KEPT_EVENTS);
        assert_eq!(
            log.0.last().map(|e| e.tick),
            Some(entries - 1),
            "the newest is kept"
        );
        assert!(
            log.0.windows(2).all(|w| w[0].tick + 1 == w[1].tick),
            "oldest dropped first"
        );
    }
}
