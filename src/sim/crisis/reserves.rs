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

use crate::sim::books::Flows;
use crate::sim::enterprise::{Enterprise, SECTORS};
use crate::sim::params::{Economy, monthly};
use crate::sim::region::{BASICS, Cohort};
use crate::sim::transfers::pay_income;

use crate::sim::economy::allocation::{Received, buy};

/// Whether a basic good keeps long enough to be stocked.
pub fn keeps(economy: &Economy, good: usize) -> bool {
    economy.spoilage_monthly[good] < 1.0
}

/// Units of a good a stock aiming at `months` of `people`'s need lacks,
/// of which a `reserve_fill_months`-th is bought this month.
fn to_buy(economy: &Economy, held: f64, months: f64, people: f64, need: f64) -> f64 {
    ((months * people * need - held) / economy.reserve_fill_months).max(0.0)
}

/// Moves up to `units` of a seller's stock into a store, paid from `purse`
/// at the seller's price: a sale, but nothing consumed yet. Returns the
/// units bought.
fn buy_into(purse: &mut f64, store: &mut f64, seller: &mut Enterprise, units: f64) -> f64 {
    let (units, _) = buy(purse, seller, units);
    *store += units;
    units
}

/// A month of the council's reserve: what was lost goes, storage is paid,
/// and it buys towards `months` of need (0 in an emergency: it buys
/// nothing). Returns the storage paid (administration); adds what it bought
/// to `orders`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn keep_public(
    economy: &Economy,
    months: f64,
    need: &[f64; BASICS],
    population: f64,
    contribution_rate: f64,
    reserve: &mut [f64; BASICS],
    funds: &mut f64,
    cohorts: &mut [Cohort],
    sellers: &mut [Mut<Enterprise>; SECTORS],
    orders: &mut [f64; SECTORS],
    flows: &mut Flows,
) -> f64 {
    lose(economy, reserve, flows);
    let value: f64 = (0..BASICS)
        .map(|g| reserve[g] * economy.base_price[g])
        .sum();
    let storage = pay_income(
        funds,
        cohorts,
        Cohort::labour_weight,
        None,
        contribution_rate,
        value * monthly(economy.reserve_storage_annual),
    );
    for g in (0..BASICS).filter(|&g| keeps(economy, g)) {
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
    need: &[f64; BASICS],
    reserve: &mut [f64; BASICS],
    prices: &[f64; SECTORS],
    cohorts: &[Cohort],
    received: &mut [Received],
    flows: &mut Flows,
) -> f64 {
    let mut given = 0.0;
    for g in (0..BASICS).filter(|&g| keeps(economy, g)) {
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
#[allow(clippy::too_many_arguments)]
pub(crate) fn keep_pantries(
    economy: &Economy,
    months: f64,
    need: &[f64; BASICS],
    cohorts: &mut [Cohort],
    budgets: &mut [f64],
    sellers: &mut [Mut<Enterprise>; SECTORS],
    orders: &mut [f64; SECTORS],
    received: &mut [Received],
    flows: &mut Flows,
) {
    for ((cohort, r), budget) in cohorts.iter_mut().zip(received.iter_mut()).zip(budgets) {
        lose(economy, &mut cohort.pantry, flows);
        for g in (0..BASICS).filter(|&g| keeps(economy, g)) {
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
            let mut money = cohort.money;
            let bought = buy_into(&mut money, &mut cohort.pantry[g], &mut sellers[g], wanted);
            *budget -= cohort.money - money;
            cohort.money = money;
            orders[g] += bought;
        }
    }
}

/// A month's loss from a store, at `reserve_loss_annual`.
fn lose(economy: &Economy, store: &mut [f64; BASICS], flows: &mut Flows) {
    let rate = monthly(economy.reserve_loss_annual);
    for (g, held) in store.iter_mut().enumerate() {
        let lost = *held * rate;
        *held -= lost;
        flows.depreciate(g, lost);
    }
}
