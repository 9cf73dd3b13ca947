//! Stock-flow accounting. Money only ever moves between holders (cohorts,
//! enterprises, councils) through [`transfer`], so its total never changes.
//! Goods change only by the flows recorded here: production, consumption and
//! depreciation. At the end of every tick the check compares the totals held
//! with last tick's totals plus the recorded flows; when it is on, a gap
//! stops the run. It also checks that no sector's goods were made without
//! the labour to make them: what was produced in a sector may not exceed
//! what the month's workers could make there ([`Books::employ`]).

use bevy::prelude::*;

use crate::sim::enterprise::SECTORS;

/// Kinds of goods the books track: the sectors' outputs, commons resource,
/// and capital.
pub const GOODS: usize = SECTORS + 2;
/// Index of commons resource in the goods arrays.
pub const RESOURCE: usize = SECTORS;
/// Index of capital in the goods arrays.
pub const CAPITAL: usize = SECTORS + 1;
pub const GOOD_NAMES: [&str; GOODS] = [
    "food",
    "housing",
    "health",
    "education",
    "energy",
    "personal goods",
    "resource",
    "capital",
];

/// Moves up to `amount` of money from one holder to another and returns what
/// moved (never more than the payer holds, never negative).
pub fn transfer(from: &mut f64, to: &mut f64, amount: f64) -> f64 {
    let amount = amount.min(*from).max(0.0);
    *from -= amount;
    *to += amount;
    amount
}

/// The goods flows of the current tick.
#[derive(Clone, Debug, Default)]
pub struct Flows {
    /// Goods made (including commons regrowth, which nature produces).
    pub produced: [f64; GOODS],
    /// Goods used up: eaten, worn, used as inputs, or lost (a negative
    /// regrowth is consumption by nature).
    pub consumed: [f64; GOODS],
    /// Goods that wore out or spoiled.
    pub depreciated: [f64; GOODS],
    /// What the month's workers could make in each sector, at their
    /// productivity (units); production beyond it had no inputs.
    pub capacity: [f64; SECTORS],
}

/// Totals held at the end of a tick.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Holdings {
    pub money: f64,
    pub goods: [f64; GOODS],
}

/// The books: this tick's flows and last tick's holdings.
#[derive(Resource, Debug, Default)]
pub struct Books {
    pub flows: Flows,
    /// Holdings at the end of the previous tick (or at spawn).
    pub last: Option<Holdings>,
    /// When on, a gap between holdings and flows is an error that stops the
    /// run. Tests turn it on; it costs one pass over the holders per tick.
    pub check: bool,
    /// The first gap found, if any.
    pub violation: Option<Violation>,
}

impl Flows {
    pub fn produce(&mut self, good: usize, amount: f64) {
        self.produced[good] += amount;
    }

    pub fn consume(&mut self, good: usize, amount: f64) {
        self.consumed[good] += amount;
    }

    /// Records what the workers of one enterprise could make this month.
    pub fn employ(&mut self, sector: usize, units: f64) {
        self.capacity[sector] += units;
    }

    pub fn depreciate(&mut self, good: usize, amount: f64) {
        self.depreciated[good] += amount;
    }

    /// Adds another set of flows (one region's, kept apart while regions ran
    /// side by side).
    pub fn add(&mut self, other: &Flows) {
        let pairs = [
            (&mut self.produced, &other.produced),
            (&mut self.consumed, &other.consumed),
            (&mut self.depreciated, &other.depreciated),
        ];
        for (mine, theirs) in pairs {
            for (a, b) in mine.iter_mut().zip(theirs) {
                *a += b;
            }
        }
        for (a, b) in self.capacity.iter_mut().zip(&other.capacity) {
            *a += b;
        }
    }
}

impl Books {
    /// Compares `now` with the last holdings plus this tick's flows, records
    /// the first gap, and starts the next tick's flows.
    pub fn close(&mut self, tick: u32, now: Holdings) {
        if let (true, Some(last), None) = (self.check, self.last, &self.violation) {
            self.violation = gap(tick, &last, &now, &self.flows);
        }
        self.last = Some(now);
        self.flows = Flows::default();
    }
}

/// Relative tolerance for rounding in sums over many holders.
const TOLERANCE: f64 = 1e-9;

/// Whether two totals differ by more than rounding, judged against `scale`
/// (the largest amount involved: a stock near zero can still see large flows).
fn differs(expected: f64, actual: f64, scale: f64) -> bool {
    let bound = TOLERANCE * scale.max(expected.abs()).max(actual.abs()).max(1.0);
    let gap = (expected - actual).abs();
    // A NaN on either side is a difference too.
    gap.is_nan() || gap > bound
}

/// What the conservation check found, naming the good or the money.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Violation {
    #[error(
        "tick {tick}: {good} made is {made} but its workers could make only {could}: production without inputs"
    )]
    NoInputs {
        tick: u32,
        good: &'static str,
        made: f64,
        could: f64,
    },
    #[error("tick {tick}: money changed from {before} to {after} with no source")]
    Money { tick: u32, before: f64, after: f64 },
    #[error("tick {tick}: {good} held is {held} but the flows give {expected}")]
    Goods {
        tick: u32,
        good: &'static str,
        held: f64,
        expected: f64,
    },
}

fn gap(tick: u32, last: &Holdings, now: &Holdings, flows: &Flows) -> Option<Violation> {
    if let Some(s) = (0..SECTORS).find(|&s| {
        let (made, could) = (flows.produced[s], flows.capacity[s]);
        made > could && differs(could, made, 0.0)
    }) {
        return Some(Violation::NoInputs {
            tick,
            good: GOOD_NAMES[s],
            made: flows.produced[s],
            could: flows.capacity[s],
        });
    }
    if differs(last.money, now.money, 0.0) {
        return Some(Violation::Money {
            tick,
            before: last.money,
            after: now.money,
        });
    }
    (0..GOODS).find_map(|g| {
        let expected = last.goods[g] + flows.produced[g] - flows.consumed[g] - flows.depreciated[g];
        let scale = last.goods[g] + flows.produced[g] + flows.consumed[g] + flows.depreciated[g];
        differs(expected, now.goods[g], scale).then(|| Violation::Goods {
            tick,
            good: GOOD_NAMES[g],
            held: now.goods[g],
            expected,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transfer_never_overdraws() {
        let (mut a, mut b) = (5.0, 1.0);
        assert_eq!(transfer(&mut a, &mut b, 8.0), 5.0);
        assert_eq!((a, b), (0.0, 6.0));
        assert_eq!(transfer(&mut a, &mut b, -1.0), 0.0);
    }

    #[test]
    fn a_gap_in_money_or_goods_is_caught() {
        let mut books = Books {
            check: true,
            ..default()
        };
        books.close(
            0,
            Holdings {
                money: 10.0,
                goods: [1.0; GOODS],
            },
        );
        books.flows.employ(0, 2.0);
        books.flows.produce(0, 2.0);
        books.flows.consume(0, 1.0);
        let mut goods = [1.0; GOODS];
        goods[0] = 2.0;
        books.close(1, Holdings { money: 10.0, goods });
        assert_eq!(books.violation, None, "balanced flows must pass");
        books.close(2, Holdings { money: 10.5, goods });
        assert!(
            books
                .violation
                .as_ref()
                .is_some_and(|v| matches!(v, Violation::Money { .. })),
            "money from nowhere must be caught: {:?}",
            books.violation
        );
    }
}
