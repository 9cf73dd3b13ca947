//! The event log: one entry per thing that happened to the world, with the
//! month, the place and the cause, written by the mechanism that made it
//! happen. The window shows each as a plain sentence; `run --events` writes
//! them to a CSV.

use std::fmt;

use bevy::prelude::*;

/// What happened.
#[derive(Clone, Debug, PartialEq)]
pub enum Happening {
    /// A shock began in this place (`what` says which, and how hard).
    ShockStarted { what: String },
    /// A shock's months ran out.
    ShockEnded { kind: &'static str },
    /// A region's capability is back within a point of where it was before
    /// a shock.
    Recovered {
        kind: &'static str,
        months: u32,
        depth: f64,
    },
    /// A lever moved (its name as files write it).
    LeverMoved { lever: &'static str },
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

impl fmt::Display for Happening {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Happening::ShockStarted { what } => write!(f, "{what}"),
            Happening::ShockEnded { kind } => write!(f, "{} over", kind.to_lowercase()),
            Happening::Recovered {
                kind,
                months,
                depth,
            } => write!(
                f,
                "recovered from the {} after {months} months; capability fell {depth:.1} points at worst",
                kind.to_lowercase()
            ),
            Happening::LeverMoved { lever } => write!(f, "lever moved: {lever}"),
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
