//! Basics: with unequal incomes, need-based provision reaches more of the
//! poorest than the market does, and the test prints what that costs.

use mutualism::scenario::Scenario;
use mutualism::sim::enterprise::Enterprise;
use mutualism::sim::policy::BasicsAllocation;
use mutualism::sim::region::{BASICS, Cohorts, RegionStats};

use crate::support::{advance, app, recent_mean, shipped};

struct Outcome {
    poorest_coverage: f64,
    /// Basic goods used (including over-use), plus administration valued in
    /// units at the average basics price, per unit of need met.
    resources_per_need_met: f64,
    /// Contributions paid per person of the richest cohort (money units a
    /// month): what they give up to fund the council.
    top_contribution: f64,
}

fn run(scenario: &Scenario) -> Outcome {
    let mut app = app(scenario);
    advance(&mut app, 60);
    let poorest_coverage = recent_mean(&app, 12, |r| r.poorest_basics_coverage);
    let world = app.world_mut();
    let (mut used, mut spent, mut price) = (0.0, 0.0, 0.0);
    for e in world.query::<&Enterprise>().iter(world) {
        if e.sector.index() < BASICS {
            used += e.sold;
            spent += e.sold * e.price;
        }
    }
    if used > 0.0 {
        price = spent / used;
    }
    let admin: f64 = world
        .query::<&RegionStats>()
        .iter(world)
        .map(|s| s.admin_spending)
        .sum();
    let rate = scenario.policy.contribution_rate;
    let (mut met, mut top, mut top_people) = (0.0, 0.0, 0.0);
    for cohorts in world.query::<&Cohorts>().iter(world) {
        for c in &cohorts.0 {
            met += c.size * c.coverage.iter().sum::<f64>();
        }
        if let Some(rich) = cohorts.0.last() {
            top += rich.income * rate;
            top_people += rich.size;
        }
    }
    Outcome {
        poorest_coverage,
        resources_per_need_met: (used + admin / price.max(f64::MIN_POSITIVE)) / met,
        top_contribution: top / top_people,
    }
}

#[test]
fn need_based_provision_reaches_more_of_the_poorest_than_the_market() {
    // The classroom under its mutualist preset: basics provided by need from
    // a 30% contribution.
    let need_based = shipped("classroom.ron");
    assert_eq!(
        need_based.policy.basics_allocation,
        BasicsAllocation::NeedBased
    );
    // The same world where households buy basics from their own incomes.
    let mut market = need_based.clone();
    market.policy.basics_allocation = BasicsAllocation::Market;
    market.policy.contribution_rate = 0.0;
    // For comparison: a market with the same contributions paid back as cash.
    let mut cash = need_based.clone();
    cash.policy.basics_allocation = BasicsAllocation::Market;
    let (m, n, c) = (run(&market), run(&need_based), run(&cash));
    println!(
        "poorest basics coverage: market {:.3}, need-based {:.3}, market with the same contributions as cash {:.3}\n\
         resources used per unit of need met: market {:.3}, need-based {:.3}\n\
         the richest give up in contributions a month per person: market {:.2}, need-based {:.2}",
        m.poorest_coverage,
        n.poorest_coverage,
        c.poorest_coverage,
        m.resources_per_need_met,
        n.resources_per_need_met,
        m.top_contribution,
        n.top_contribution,
    );
    assert!(
        n.poorest_coverage > m.poorest_coverage + 0.05,
        "need-based {:.3} should clearly beat the market {:.3} for the poorest",
        n.poorest_coverage,
        m.poorest_coverage
    );
    assert!(
        n.resources_per_need_met > m.resources_per_need_met,
        "need-based provision should cost more per need met (over-use and overhead): {:.3} vs {:.3}",
        n.resources_per_need_met,
        m.resources_per_need_met
    );
}
