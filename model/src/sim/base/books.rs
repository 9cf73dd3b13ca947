//! Stock-flow accounting. Money only ever moves between holders (cohorts,
//! enterprises, councils) through [`transfer`], so its total never changes.
//! Goods change only by the flows recorded here: production, consumption and
//! depreciation. At the end of every tick the check compares the totals held
//! with last tick's totals plus the recorded flows; when it is on, a gap
//! stops the run. It also checks that no sector's goods were made without
//! the labour to make them: what was produced in a sector may not exceed
//! what the month's workers could make there ([`Flows::employ`]).

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::saved::{self, Name};
use crate::sim::base::goods::{Good, PerGood, PerSector, Sector};

/// Money held by one holder (a cohort, an enterprise, a council, a fund).
/// Its amount can be read but not written: money moves only through
/// [`transfer`], and is made only when a world is spawned
/// (`Money::endow`), so the total of all holdings never changes. It is not
/// `Copy`, so that a holding cannot be duplicated by accident.
#[derive(Clone, Default, PartialEq, PartialOrd, Serialize, Deserialize)]
pub struct Money(f64);

/// Written as the amount (as the state hash reads it).
impl std::fmt::Debug for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.0, f)
    }
}

impl Money {
    /// A starting holding, made when a world is spawned; the books' first
    /// close counts it.
    pub(crate) fn endow(amount: f64) -> Money {
        Money(amount.max(0.0))
    }

    /// The amount held (money units).
    pub fn get(&self) -> f64 {
        self.0
    }
}

/// Moves up to `amount` of money from one holder to another and returns what
/// moved (never more than the payer holds, never negative).
pub fn transfer(from: &mut Money, to: &mut Money, amount: f64) -> f64 {
    let amount = amount.min(from.0).max(0.0);
    from.0 -= amount;
    to.0 += amount;
    amount
}

/// The goods flows of the current tick.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Flows {
    /// Goods made (including commons regrowth, which nature produces).
    pub produced: PerGood<f64>,
    /// Goods used up: eaten, worn, used as inputs, or lost (a negative
    /// regrowth is consumption by nature).
    pub consumed: PerGood<f64>,
    /// Goods that wore out or spoiled.
    pub depreciated: PerGood<f64>,
    /// What the month's workers could make in each sector, at their
    /// productivity (units); production beyond it had no inputs.
    pub capacity: PerSector<f64>,
}

/// Totals held at the end of a tick.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Holdings {
    pub money: f64,
    pub goods: PerGood<f64>,
}

/// The books: this tick's flows and last tick's holdings.
#[derive(Resource, Clone, Debug, Default, Serialize, Deserialize)]
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
    pub fn produce(&mut self, good: impl Into<Good>, amount: f64) {
        self.produced[good.into()] += amount;
    }

    pub fn consume(&mut self, good: impl Into<Good>, amount: f64) {
        self.consumed[good.into()] += amount;
    }

    /// Records what the workers of one enterprise could make this month.
    pub fn employ(&mut self, sector: Sector, units: f64) {
        self.capacity[sector] += units;
    }

    pub fn depreciate(&mut self, good: impl Into<Good>, amount: f64) {
        self.depreciated[good.into()] += amount;
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
            for (a, b) in mine.values_mut().zip(theirs.values()) {
                *a += b;
            }
        }
        for (a, b) in self.capacity.values_mut().zip(other.capacity.values()) {
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
#[derive(Clone, Debug, PartialEq, thiserror::Error, Serialize, Deserialize)]
pub enum Violation {
    #[error(
        "tick {tick}: {good} made is {made} but its workers could make only {could}: production without inputs"
    )]
    NoInputs {
        tick: u32,
        #[serde(with = "saved")]
        good: Name,
        made: f64,
        could: f64,
    },
    #[error("tick {tick}: money changed from {before} to {after} with no source")]
    Money { tick: u32, before: f64, after: f64 },
    #[error("tick {tick}: {good} held is {held} but the flows give {expected}")]
    Goods {
        tick: u32,
        #[serde(with = "saved")]
        good: Name,
        held: f64,
        expected: f64,
    },
}

fn gap(tick: u32, last: &Holdings, now: &Holdings, flows: &Flows) -> Option<Violation> {
    if let Some(s) = Sector::ALL.into_iter().find(|&s| {
        let (made, could) = (flows.produced[s.into()], flows.capacity[s]);
        made > could && differs(could, made, 0.0)
    }) {
        return Some(Violation::NoInputs {
            tick,
            good: s.label(),
            made: flows.produced[s.into()],
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
    Good::ALL.into_iter().find_map(|g| {
        let expected = last.goods[g] + flows.produced[g] - flows.consumed[g] - flows.depreciated[g];
        let scale = last.goods[g] + flows.produced[g] + flows.consumed[g] + flows.depreciated[g];
        differs(expected, now.goods[g], scale).then(|| Violation::Goods {
            tick,
            good: g.label(),
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
        let (mut a, mut b) = (Money::endow(5.0), Money::endow(1.0));
        assert_eq!(transfer(&mut a, &mut b, 8.0), 5.0);
        assert_eq!((a.get(), b.get()), (0.0, 6.0));
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
                goods: PerGood::splat(1.0),
            },
        );
        books.flows.employ(Sector::Food, 2.0);
        books.flows.produce(Sector::Food, 2.0);
        books.flows.consume(Sector::Food, 1.0);
        let mut goods = PerGood::splat(1.0);
        goods[Good::Food] = 2.0;
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
