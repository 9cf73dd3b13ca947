//! The investment domain: how a region's investment fund (the share of
//! revenue its enterprises set aside) becomes new capital or restored
//! commons. Every project is valued the same way, as the present value of
//! what a unit of money spent on it returns; the regimes differ in horizon,
//! in what they prune, in how fast they decide, and in what leaks away.
//!
//! - **Capital markets** decide at once and discount the future steeply, so
//!   they fund what pays soon; a financialisation share of the fund becomes
//!   financial wealth of the top cohort instead of real capital.
//! - **Central planning** discounts lightly and decides at once, but values
//!   projects with an error that grows with how many it ranks world-wide.
//! - **Participatory planning** discounts the future lightly, so long-lived
//!   ecological projects rank well; market feedback prunes capital for
//!   enterprises whose output goes unsold; and deciding takes longer the more
//!   people have a say (the delay grows with the square root of population).
//!
//! Spending pays the region's workforce as builders (with contributions
//! withheld, like any income): capital gains one unit per unit of money, and
//! restoration adds commons capacity at `restoration_cost` money per unit,
//! joining at the commons' current condition.

use bevy::ecs::query::QueryData;
use bevy::prelude::*;
use chacha20::ChaCha8Rng;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::sim::base::books::{Books, Flows, transfer};
use crate::sim::base::calendar::MONTHS_A_YEAR;
use crate::sim::base::goods::{Good, PerSector, Sector};
use crate::sim::base::parallel::{Faults, split_runs};
use crate::sim::base::params::Economy;
use crate::sim::base::streams::{Stream, Streams, standard_normal};
use crate::sim::ecology::Commons;
use crate::sim::economy::enterprise::Enterprise;
use crate::sim::economy::pay::Weights;
use crate::sim::economy::plan::Planner;
use crate::sim::institutions::{Council, InvestmentAllocation, Policy};
use crate::sim::people::{Climate, Cohort, Cohorts, Region, RegionStats};
use crate::sim::{SimClock, WorldIndex};

/// A region's money set aside for investment, and what became of it.
#[derive(Component, Clone, Debug, Default, Serialize, Deserialize)]
pub struct InvestmentFund {
    /// Money waiting for a decision (money units).
    pub funds: crate::sim::base::books::Money,
    /// Spent on new enterprise capital last month (money units).
    pub capital: f64,
    /// Spent on restoring commons last month (money units).
    pub restoration: f64,
    /// Drained into financial wealth last month (money units).
    pub drained: f64,
    /// Months a unit of money waits for a decision, at the current pace.
    pub delay_months: f64,
    /// Commons capacity paid for since the start (resource units); it grows
    /// only after its lag, and not at all where a project fails.
    pub restored_capacity: f64,
}

/// Present value, per unit of money, of new capital for an enterprise: its
/// marginal revenue product (`α × annual revenue / capital`) over the
/// discount rate plus depreciation, where revenue is what its expected
/// orders would bring at its price (what buyers want, not only what it
/// managed to sell) and capital counts as at least one unit. A firm whose
/// capital a shock destroyed, whose goods are still wanted, so ranks first
/// and is rebuilt; one nobody wants gets nothing.
fn capital_value(economy: &Economy, enterprise: &Enterprise, discount: f64) -> f64 {
    let annual_revenue = MONTHS_A_YEAR * enterprise.expected_demand * enterprise.price;
    economy.capital_elasticity * annual_revenue
        / enterprise.capital.max(1.0)
        / (discount + economy.depreciation_annual)
}

/// Present value, per unit of money, of restoring a commons: the maximum
/// sustainable yield the new capacity adds (`r/4` per unit a year), as food
/// at its current price, lasting long (it decays at
/// `restoration_decay_annual`) but arriving only after
/// `restoration_lag_years`, and only if the project does not fail
/// (`restoration_failure`).
fn restoration_value(economy: &Economy, commons: &Commons, food_price: f64, discount: f64) -> f64 {
    // A resource unit makes a unit of food.
    let yield_per_money = commons.regeneration_rate / 4.0 / economy.restoration_cost;
    yield_per_money * food_price / (discount + economy.restoration_decay_annual)
        * (-discount * economy.restoration_lag_years).exp()
        * (1.0 - economy.restoration_failure)
}

/// What investment reads and writes of each region.
#[derive(QueryData)]
#[query_data(mutable)]
pub(super) struct RegionData {
    region: &'static Region,
    cohorts: &'static mut Cohorts,
    policy: &'static Policy,
    fund: &'static mut InvestmentFund,
    stats: &'static mut RegionStats,
    climate: &'static Climate,
}

pub(crate) fn invest(
    economy: Res<Economy>,
    index: Res<WorldIndex>,
    faults: Res<Faults>,
    mut books: ResMut<Books>,
    mut regions: Query<RegionData>,
    mut enterprises: Query<&mut Enterprise>,
    mut commons: Query<&mut Commons>,
    mut councils: Query<&mut Council>,
    planner: Res<Planner>,
    clock: Res<SimClock>,
    streams: Res<Streams>,
) {
    const PHASE: &str = "investing";
    let (Some(regions), Some(mut firms), Some(mut commons), Some(councils)) = (
        faults.gather(&mut regions, &index.regions, PHASE, "regions"),
        faults.gather_by_sector(&mut enterprises, &index.enterprises, PHASE),
        faults.gather(&mut commons, &index.commons, PHASE, "commons"),
        faults.gather(&mut councils, &index.councils, PHASE, "councils"),
    ) else {
        return;
    };
    // A region's fund builds its own enterprises' capital and restores its
    // own commons, so regions run side by side.
    let commons = split_runs(&mut commons, &index.commons_per_region);
    let (economy, planner, streams, tick) = (&*economy, &*planner, &*streams, clock.tick);
    let flows: Vec<Flows> = regions
        .into_par_iter()
        .zip(firms.par_iter_mut())
        .zip(commons)
        .zip(councils)
        .map(|(((region, firms), commons), mut council)| {
            let rng = streams.rng(Stream::InvestmentError, region.region.id.into(), tick);
            invest_region(economy, planner, rng, region, firms, commons, &mut council)
        })
        .collect();
    for region in &flows {
        books.flows.add(region);
    }
}

// Over 100 lines: one region's fund through its month, every step drawing on
// the same running balance of the fund.
/// One region's month of investment; returns its goods flows. `rng` draws
/// the planner's valuation errors.
fn invest_region(
    economy: &Economy,
    planner: &Planner,
    mut rng: ChaCha8Rng,
    RegionDataItem {
        region: _,
        mut cohorts,
        policy,
        mut fund,
        mut stats,
        climate,
    }: RegionDataItem<'_, '_>,
    firms: &mut PerSector<Mut<Enterprise>>,
    commons: &mut [Mut<Commons>],
    council: &mut Council,
) -> Flows {
    let mut flows = Flows::default();
    let (discount, delay) = match policy.investment_allocation {
        InvestmentAllocation::CapitalMarkets => (economy.capital_market_discount, 1.0),
        InvestmentAllocation::Participatory => (
            economy.participatory_discount,
            economy.participatory_delay(cohorts.population()),
        ),
        InvestmentAllocation::CentralPlan => (economy.planner_discount, 1.0),
    };
    let cohorts = &mut cohorts.0;
    let fund = &mut *fund;
    // The planner's valuations are off by a lognormal error with mean 1.
    let planned = policy.investment_allocation == InvestmentAllocation::CentralPlan;
    let sigma = planner.investment_error;
    let mut misjudge = |value: f64| {
        if planned {
            value * (sigma * standard_normal(&mut rng) - sigma * sigma / 2.0).exp()
        } else {
            value
        }
    };
    fund.delay_months = delay;
    stats.building_spending = 0.0;
    fund.drained = 0.0;
    fund.capital = 0.0;
    fund.restoration = 0.0;
    // A credit crunch freezes investment by its depth.
    let mut budget = fund.funds.get() / delay * (1.0 - climate.crunch);
    if policy.investment_allocation == InvestmentAllocation::CapitalMarkets {
        // Financialisation: part of the fund buys financial claims whose
        // returns accrue to the richest cohort, not new capital.
        if let Some(top) = cohorts.last_mut() {
            fund.drained = transfer(
                &mut fund.funds,
                &mut top.money,
                policy.financialisation_share * budget,
            );
            budget -= fund.drained;
        }
    }

    let food_price = firms[Sector::Food].price;
    // Each project with its value.
    let mut projects: smallvec::SmallVec<[(Project, f64); 16]> = smallvec::SmallVec::new();
    for (s, enterprise) in firms.iter() {
        let mut value = capital_value(economy, enterprise, discount);
        if policy.investment_allocation == InvestmentAllocation::Participatory
            && enterprise.output > 0.0
        {
            // Market feedback: capacity for output nobody buys is pruned.
            value *= (enterprise.sold / enterprise.output).min(1.0);
        }
        projects.push((Project::Capital(s), misjudge(value)));
    }
    for (c, c_ref) in commons.iter().enumerate() {
        projects.push((
            Project::Restore(c),
            misjudge(restoration_value(economy, c_ref, food_price, discount)),
        ));
    }
    let total: f64 = projects.iter().map(|p| p.1).sum();
    if total <= 0.0 || budget <= 0.0 {
        return flows;
    }
    // Builders are paid like any worker; paying them moves only money.
    let builders = Weights::of(cohorts, Cohort::labour_weight);
    for (project, value) in projects {
        let amount = budget * value / total;
        let paid = builders.pay(
            &mut fund.funds,
            cohorts,
            Some(&mut council.funds),
            policy.contribution_rate,
            amount,
        );
        stats.building_spending += paid;
        match project {
            Project::Capital(s) => {
                firms[s].capital += paid;
                flows.produce(Good::Capital, paid);
                fund.capital += paid;
            }
            Project::Restore(c) => {
                let c = &mut commons[c];
                // Restoration yields only after its lag, if it does not fail
                // (see `Commons::restore`).
                let capacity = paid / economy.restoration_cost;
                let months = (economy.restoration_lag_years * MONTHS_A_YEAR)
                    .round()
                    .max(1.0) as u32;
                c.restoring.push((capacity, months));
                fund.restoration += paid;
                fund.restored_capacity += capacity;
            }
        }
    }
    flows
}

/// What a unit of the fund can go to.
#[derive(Clone, Copy)]
enum Project {
    /// New capital for the region's enterprise in a sector.
    Capital(Sector),
    /// Restoring the region's commons at this place in its list.
    Restore(usize),
}
