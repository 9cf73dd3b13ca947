//! Buffer stocks (seed step 7, "redundancy over efficiency"), held in the
//! two ways a culture leans to.
//!
//! Only basics that keep are stocked: those whose stock does not all spoil
//! within a month (food and fuel; housing, health care and schooling are
//! services).
//!
//! **The public reserve.** A council aims to hold `reserve_months` months of
//! its people's need of each good that keeps. Out of an emergency it buys a
//! `reserve_fill_months`-th of the gap each month from its enterprises'
//! stock, at their price, from its funds, before anything else is bought.
//! While the emergency protocol is on it hands the reserve out instead,
//! poorest first, up to each cohort's need: a reserve nobody may open
//! without the protocol.
//!
//! **Households' pantries.** Each cohort aims to hold `pantry_months ×
//! individualism` months of its own need, bought with what its budget has
//! left after basics, and eats from it whenever it could not buy its need.
//! An individualist culture leans on households' own stocks, which the poor
//! cannot afford to fill; a communal one on the collective response
//! (diverse adaptation).
//!
//! Costs, in calm times as in crises: what a stock holds is bought out of
//! cash transfers, provision or personal goods; stock is lost at
//! `reserve_loss_annual`; and the public reserve's storage costs
//! `reserve_storage_annual` of its value at base prices, paid to the workers
//! who keep it as administration.

use bevy::prelude::*;

use crate::sim::base::books::{Flows, Money};
use crate::sim::base::goods::{Basic, PerBasic, PerSector};
use crate::sim::base::params::{Economy, monthly};
use crate::sim::economy::enterprise::Enterprise;
use crate::sim::economy::pay::pay_income;
use crate::sim::people::Cohort;

use crate::sim::economy::market::{Received, buy};

/// The basic goods that keep, in order.
fn kept(economy: &Economy) -> impl Iterator<Item = Basic> + '_ {
    Basic::ALL.into_iter().filter(|&g| economy.keeps(g))
}

/// Units of a good a stock aiming at `months` of `people`'s need lacks,
/// of which a `reserve_fill_months`-th is bought this month.
fn to_buy(economy: &Economy, held: f64, months: f64, people: f64, need: f64) -> f64 {
    ((months * people * need - held) / economy.reserve_fill_months).max(0.0)
}

/// Moves up to `units` of a seller's stock into a store, paid from `purse`
/// at the seller's price: a sale, but nothing consumed yet. Returns the
/// units bought.
fn buy_into(purse: &mut Money, store: &mut f64, seller: &mut Enterprise, units: f64) -> f64 {
    let (units, _) = buy(purse, seller, units);
    *store += units;
    units
}

/// A month of the council's reserve: what was lost goes, storage is paid,
/// and it buys towards `months` of need (0 in an emergency: it buys
/// nothing). Returns the storage paid (administration); adds what it bought
/// to `orders`.
pub(crate) fn keep_public(
    economy: &Economy,
    months: f64,
    need: &PerBasic<f64>,
    population: f64,
    contribution_rate: f64,
    reserve: &mut PerBasic<f64>,
    funds: &mut Money,
    cohorts: &mut [Cohort],
    sellers: &mut PerSector<Mut<Enterprise>>,
    orders: &mut PerSector<f64>,
    flows: &mut Flows,
) -> f64 {
    lose(economy, reserve, flows);
    let value: f64 = reserve
        .iter()
        .map(|(g, units)| units * economy.base_price[g])
        .sum();
    let storage = pay_income(
        funds,
        cohorts,
        Cohort::labour_weight,
        None,
        contribution_rate,
        value * monthly(economy.reserve_storage_annual),
    );
    for g in kept(economy) {
        let wanted = to_buy(economy, reserve[g], months, population, need[g]);
        orders[g] += buy_into(funds, &mut reserve[g], &mut sellers[g], wanted);
    }
    storage
}

/// Hands a store out, poorest first, up to each cohort's need still unmet
/// (cohorts listed poorest first); what is handed out is consumed, valued
/// at today's price. Returns the units handed out.
pub(crate) fn hand_out(
    economy: &Economy,
    need: &PerBasic<f64>,
    reserve: &mut PerBasic<f64>,
    prices: &PerSector<f64>,
    cohorts: &[Cohort],
    received: &mut [Received],
    flows: &mut Flows,
) -> f64 {
    let mut given = 0.0;
    for g in kept(economy) {
        for (cohort, r) in cohorts.iter().zip(received.iter_mut()) {
            let units = (cohort.size * need[g] - r.met[g]).max(0.0).min(reserve[g]);
            reserve[g] -= units;
            r.met[g] += units;
            r.value += units * prices[g];
            flows.consume(g, units);
            given += units;
        }
    }
    given
}

/// Households' pantries after their basics purchases: each cohort eats from
/// its own what it could not buy, then buys towards `months` of its need
/// from what its budget has left. Loss comes first.
pub(crate) fn keep_pantries(
    economy: &Economy,
    months: f64,
    need: &PerBasic<f64>,
    cohorts: &mut [Cohort],
    budgets: &mut [f64],
    sellers: &mut PerSector<Mut<Enterprise>>,
    orders: &mut PerSector<f64>,
    received: &mut [Received],
    flows: &mut Flows,
) {
    for ((cohort, r), budget) in cohorts.iter_mut().zip(received.iter_mut()).zip(budgets) {
        lose(economy, &mut cohort.pantry, flows);
        for g in kept(economy) {
            let eaten = (cohort.size * need[g] - r.met[g])
                .max(0.0)
                .min(cohort.pantry[g]);
            cohort.pantry[g] -= eaten;
            r.met[g] += eaten;
            r.value += eaten * sellers[g].price;
            flows.consume(g, eaten);
            let price = sellers[g].price.max(f64::MIN_POSITIVE);
            let wanted = to_buy(economy, cohort.pantry[g], months, cohort.size, need[g])
                .min(budget.max(0.0) / price);
            let before = cohort.money.get();
            let bought = buy_into(
                &mut cohort.money,
                &mut cohort.pantry[g],
                &mut sellers[g],
                wanted,
            );
            *budget -= before - cohort.money.get();
            orders[g] += bought;
        }
    }
}

/// A month's loss from a store, at `reserve_loss_annual`.
fn lose(economy: &Economy, store: &mut PerBasic<f64>, flows: &mut Flows) {
    let rate = monthly(economy.reserve_loss_annual);
    for (g, held) in store.iter_mut() {
        let lost = *held * rate;
        *held -= lost;
        flows.depreciate(g, lost);
    }
}
