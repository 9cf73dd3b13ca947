//! Investment: participatory planning funds more long-lived ecological
//! capacity than capital markets, and decides more slowly; financialisation
//! moves wealth to the top and lowers real investment.

use bevy::prelude::*;
use mutualism_model::scenario::Scenario;
use mutualism_model::sim::economy::InvestmentFund;
use mutualism_model::sim::institutions::InvestmentAllocation;
use mutualism_model::sim::people::Cohorts;

use crate::support::{advance, app, shipped};

#[derive(Default, Debug)]
struct Totals {
    /// Commons capacity restored, summed over regions (resource units).
    restored_capacity: f64,
    /// Money spent on new enterprise capital over the run.
    real_investment: f64,
    /// Mean over months of the fund-weighted decision delay (months).
    delay_months: f64,
    /// The richest cohort's share of household money at the end.
    top_wealth_share: f64,
}

fn run(scenario: &Scenario, years: u32) -> Totals {
    let mut app = app(scenario);
    let mut totals = Totals::default();
    let months = years * 12;
    for _ in 0..months {
        advance(&mut app, 1);
        let world = app.world_mut();
        let funds: Vec<InvestmentFund> = world
            .query::<&InvestmentFund>()
            .iter(world)
            .cloned()
            .collect();
        totals.real_investment += funds.iter().map(|f| f.capital).sum::<f64>();
        totals.delay_months +=
            funds.iter().map(|f| f.delay_months).sum::<f64>() / funds.len() as f64 / months as f64;
        totals.restored_capacity = funds.iter().map(|f| f.restored_capacity).sum();
    }
    let world = app.world_mut();
    let (mut top, mut all) = (0.0, 0.0);
    for cohorts in world.query::<&Cohorts>().iter(world) {
        all += cohorts.0.iter().map(|c| c.money.get()).sum::<f64>();
        top += cohorts.0.last().map_or(0.0, |c| c.money.get());
    }
    totals.top_wealth_share = top / all;
    totals
}

#[test]
fn participatory_investment_restores_more_commons_and_decides_more_slowly() {
    let mut markets = shipped("classroom.ron");
    markets.policy.investment_allocation = InvestmentAllocation::CapitalMarkets;
    markets.policy.financialisation_share = 0.0;
    let mut participatory = markets.clone();
    participatory.policy.investment_allocation = InvestmentAllocation::Participatory;
    let (m, p) = (run(&markets, 20), run(&participatory, 20));
    println!("capital markets: {m:?}\nparticipatory:   {p:?}");
    assert!(
        p.restored_capacity > 1.2 * m.restored_capacity,
        "participatory restored {:.0} capacity units, capital markets {:.0}",
        p.restored_capacity,
        m.restored_capacity
    );
    let cost = markets.economy.restoration_cost;
    let share =
        |t: &Totals| t.restored_capacity * cost / (t.restored_capacity * cost + t.real_investment);
    assert!(
        share(&p) > 1.5 * share(&m),
        "share of investment spent restoring commons: participatory {:.3}, capital markets {:.3}",
        share(&p),
        share(&m)
    );
    assert!(
        p.delay_months > m.delay_months + 1.0,
        "participatory decisions should take longer: {:.1} vs {:.1} months",
        p.delay_months,
        m.delay_months
    );
}

#[test]
fn financialisation_raises_the_top_wealth_share_and_lowers_real_investment() {
    let mut base = shipped("classroom.ron");
    base.policy.investment_allocation = InvestmentAllocation::CapitalMarkets;
    base.policy.financialisation_share = 0.0;
    let mut financialised = base.clone();
    financialised.policy.financialisation_share = 0.4;
    let (b, f) = (run(&base, 20), run(&financialised, 20));
    println!("no financialisation: {b:?}\nfinancialisation 0.4: {f:?}");
    assert!(
        f.top_wealth_share > b.top_wealth_share + 0.01,
        "top cohort's share of money: {:.3} financialised vs {:.3}",
        f.top_wealth_share,
        b.top_wealth_share
    );
    assert!(
        f.real_investment < 0.8 * b.real_investment,
        "real investment: {:.0} financialised vs {:.0}",
        f.real_investment,
        b.real_investment
    );
}
