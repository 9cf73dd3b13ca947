//! The event log: one entry per thing that happened to the world, with the
//! month, the place and the cause, written by the mechanism that made it
//! happen. The window shows each as a plain sentence; `run --events` writes
//! them to a CSV.

use std::fmt;

use bevy::prelude::*;

use super::shocks::ShockKind;

/// What happened.
#[derive(Clone, Debug, PartialEq)]
pub enum Happening {
    /// A shock of `kind` began in this place (`what` says how hard).
    ShockStarted { kind: ShockKind, what: String },
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
    /// A lever moved (its name as files write it).
    LeverMoved { lever: &'static str },
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
        group: &'static str,
        vulnerability: f64,
    },
    /// A capture attempt from the timeline or the menu failed.
    CaptureFailed {
        group: &'static str,
        vulnerability: f64,
    },
    /// A captured council decided to turn off a check on power the
    /// constitution does not lock.
    CheckRemoved {
        group: &'static str,
        lever: &'static str,
    },
    /// Support for the region's institutions fell under the threshold and
    /// it swung from one preset to another (a populist reversal).
    Swung {
        from: String,
        to: String,
        support: f64,
    },
    /// A capture ended after `months`, by `cause`.
    CaptureEnded {
        group: &'static str,
        months: u32,
        cause: &'static str,
    },
}

/// One entry of the log.
#[derive(Clone, Debug, PartialEq)]
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
            Happening::EmergencyOn { .. } => "emergency_on",
            Happening::EmergencyRenewed { .. } => "emergency_renewed",
            Happening::EmergencyEnded { .. } => "emergency_ended",
            Happening::BreakerTripped { .. } => "breaker_tripped",
            Happening::BreakerReset => "breaker_reset",
            Happening::Captured { .. } => "captured",
            Happening::CaptureFailed { .. } => "capture_failed",
            Happening::CheckRemoved { .. } => "check_removed",
            Happening::CaptureEnded { .. } => "capture_ended",
            Happening::Swung { .. } => "swung",
        }
    }
}

impl fmt::Display for Happening {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Happening::ShockStarted { what, .. } => write!(f, "{what}"),
            Happening::ShockEnded { kind } => write!(f, "{} over", kind.label()),
            Happening::Recovered {
                kind, months: 0, ..
            } => write!(
                f,
                "came through the {} with capability within a point of where it was",
                kind.label()
            ),
            Happening::Recovered {
                kind,
                months,
                depth,
            } => write!(
                f,
                "recovered from the {} after {} more than a point below; capability fell {depth:.1} points at worst",
                kind.label(),
                if *months == 1 {
                    "a month".to_string()
                } else {
                    format!("{months} months")
                }
            ),
            Happening::Learned { lesson, from, to } => write!(
                f,
                "learned from the crisis: a reserve of {lesson:.1} months would have bridged it; the public reserve moves from {from:.1} to {to:.1} months"
            ),
            Happening::LeverMoved { lever } => write!(f, "lever moved: {lever}"),
            Happening::EmergencyOn {
                coverage,
                threshold,
                sunset,
            } => {
                write!(
                    f,
                    "emergency protocol on: the poorest's basics coverage fell to {:.0}% of its normal (trigger {:.0}%); ",
                    coverage * 100.0,
                    threshold * 100.0
                )?;
                match sunset {
                    Some(months) => write!(f, "sunset in {months} months"),
                    None => write!(f, "no sunset clause"),
                }
            }
            Happening::EmergencyRenewed { coverage, sunset } => write!(
                f,
                "emergency protocol renewed by the oversight vote for {sunset} months: the poorest's basics coverage is {:.0}% of its normal",
                coverage * 100.0
            ),
            Happening::BreakerTripped { stress, threshold } => write!(
                f,
                "circuit breaker tripped, links shut: stress {:.0}% (threshold {:.0}%)",
                stress * 100.0,
                threshold * 100.0
            ),
            Happening::BreakerReset => write!(f, "circuit breaker reset, links open"),
            Happening::Captured {
                group,
                vulnerability,
            } => write!(
                f,
                "the council is captured by {group}: the attempt had a {:.0}% chance",
                vulnerability * 100.0
            ),
            Happening::CaptureFailed {
                group,
                vulnerability,
            } => write!(
                f,
                "{group} tried to capture the council and failed (a {:.0}% chance)",
                vulnerability * 100.0
            ),
            Happening::CheckRemoved { group, lever } => write!(
                f,
                "the council, captured by {group}, turns off {lever}: the constitution does not lock it"
            ),
            Happening::Swung { from, to, support } => write!(
                f,
                "support for its institutions fell to {:.0}%: it swings from {from} to {to}",
                support * 100.0
            ),
            Happening::CaptureEnded {
                group,
                months,
                cause,
            } => write!(
                f,
                "{group}' hold on the council ended by {cause} after {months} months"
            ),
            Happening::EmergencyEnded { held } => write!(
                f,
                "emergency protocol ended at its sunset; emergency powers held {held} months in all"
            ),
        }
    }
}

impl fmt::Display for Logged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.place {
            Some(place) => write!(f, "Month {}, {place}: {}", self.tick, self.what),
            None => write!(f, "Month {}, everywhere: {}", self.tick, self.what),
        }
    }
}

/// Every entry so far, oldest first.
#[derive(Resource, Default, Debug)]
pub struct EventLog(pub Vec<Logged>);

impl EventLog {
    pub fn note(&mut self, tick: u32, place: Option<String>, what: Happening) {
        self.0.push(Logged { tick, place, what });
    }
}
