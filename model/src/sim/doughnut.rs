//! The doughnut of a world: a social foundation nobody should fall short of
//! and an ecological ceiling the world should not overshoot, with the safe
//! and just space between them (Raworth 2017, Doughnut Economics; O'Neill
//! et al. 2018, A good life for all within planetary boundaries, Nature
//! Sustainability 1). Read from the state at the end of a month; it adds no
//! mechanism and no criterion, only another way to look at the world.
//!
//! - The foundation, each 0..1 reached (1: no shortfall), over the people
//!   who would be alive, the missing counting as having none of it, as the
//!   criteria count them: basics met (mean coverage of the five basic
//!   goods), health, skills, voice and equity (the criteria's own, over 100).
//! - The ceiling, each a pressure that is 1 at the ceiling and overshoots
//!   above it: *commons drawn down*, the stock the commons have lost below
//!   their capacity over what they may lose before they fall under the
//!   safe stock, `Σ (capacity − stock) / Σ (capacity − safe)`; and *carbon
//!   budget spent*, emitted over the budget.
//!
//! The safe stock of a commons is the larger of half its capacity (the
//! stock that yields most under logistic regrowth; fisheries call a stock
//! below it overfished, FAO, The State of World Fisheries and Aquaculture)
//! and twice its tipping threshold (below which the model's regrowth is
//! already weakened by depensation, `Commons::regrowth_carrying`). Both
//! follow from the regrowth rule itself, so the ceiling has no number of
//! its own.

use bevy::prelude::*;

use super::ecology::{Atmosphere, Commons};
use super::measures::History;
use super::people::Cohorts;

/// A world's doughnut at the end of a month.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Doughnut {
    /// Mean share of basic needs met, 0..1.
    pub basics: f64,
    /// Mean health, 0..1.
    pub health: f64,
    /// Mean skills, 0..1.
    pub skills: f64,
    /// Voice over 100, 0..1.
    pub voice: f64,
    /// Equity over 100, 0..1.
    pub equity: f64,
    /// Commons drawn down: 1 at the safe stock, above 1 below it.
    pub commons: f64,
    /// Carbon budget spent: 1 at the budget, above 1 beyond it.
    pub carbon: f64,
}

impl Doughnut {
    /// The foundation's dimensions, by their words, each 0..1 reached.
    pub fn foundation(&self) -> [(&'static str, f64); 5] {
        [
            ("basics met", self.basics),
            ("health", self.health),
            ("skills", self.skills),
            ("voice", self.voice),
            ("equity", self.equity),
        ]
    }

    /// The ceiling's dimensions, by their words, each a pressure (1 at the
    /// ceiling).
    pub fn ceiling(&self) -> [(&'static str, f64); 2] {
        [
            ("commons drawn down", self.commons),
            ("carbon budget spent", self.carbon),
        ]
    }
}

/// The doughnut of `world` as its last month left it (all zero before the
/// first month's measures).
pub fn doughnut(world: &mut World) -> Doughnut {
    let Some(row) = world.resource::<History>().latest().copied() else {
        return Doughnut::default();
    };
    let mut people = 0.0;
    let (mut basics, mut health, mut skills) = (0.0, 0.0, 0.0);
    for cohorts in world.query::<&Cohorts>().iter(world) {
        for c in &cohorts.0 {
            people += c.size;
            basics += c.size * c.basics_coverage();
            health += c.size * c.health;
            skills += c.size * c.skills;
        }
    }
    // Over the people who would be alive: the missing have none of it.
    let would_be = people + row.missing;
    let per = |x: f64| if would_be > 0.0 { x / would_be } else { 0.0 };
    let (lost, may_lose, capacity) =
        world
            .query::<&Commons>()
            .iter(world)
            .fold((0.0, 0.0, 0.0), |(lost, may, capacity), c| {
                let safe = (c.capacity / 2.0)
                    .max(2.0 * c.tipping_threshold)
                    .min(c.capacity);
                (
                    lost + (c.capacity - c.stock).max(0.0),
                    may + (c.capacity - safe),
                    capacity + c.capacity,
                )
            });
    let carbon = world.get_resource::<Atmosphere>().map_or(0.0, |a| {
        if a.budget > 0.0 {
            a.emitted / a.budget
        } else {
            0.0
        }
    });
    Doughnut {
        basics: per(basics),
        health: per(health),
        skills: per(skills),
        voice: row.voice / 100.0,
        equity: row.equity / 100.0,
        commons: if may_lose > 0.0 {
            lost / may_lose
        } else if lost > 0.0 {
            // No room to lose at all: any loss overshoots, by its share.
            1.0 + lost / capacity
        } else {
            0.0
        },
        carbon,
    }
}
