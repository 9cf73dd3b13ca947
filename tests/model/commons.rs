//! Commons under heavy demand: open access collapses, a well-monitored
//! community cap holds, and a cap nobody enforces among free riders fails.

use mutualism::scenario::{Behaviour, Scenario};
use mutualism::sim::commons::Commons;
use mutualism::sim::policy::CommonsGovernance;

use crate::support::{advance, app, one_region, people};

/// Runs `years` and returns the lowest and last stock as shares of the
/// tipping threshold.
fn stock_path(scenario: &Scenario, years: u32) -> (f64, f64) {
    let mut app = app(scenario);
    let mut lowest = f64::INFINITY;
    let mut last = 0.0;
    for _ in 0..years * 12 {
        advance(&mut app, 1);
        let mut commons = app.world_mut().query::<&Commons>();
        let c = commons.single(app.world()).expect("one commons");
        last = c.stock / c.tipping_threshold;
        lowest = lowest.min(last);
    }
    (lowest, last)
}

/// Fifty thousand people on a fishery whose maximum sustainable yield feeds
/// a third of them.
fn heavy_demand() -> Scenario {
    one_region(50_000.0, 40.0)
}

#[test]
fn under_heavy_demand_open_access_collapses_below_the_tipping_point() {
    let mut scenario = heavy_demand();
    scenario.policy.commons_governance = CommonsGovernance::OpenAccess;
    let (lowest, last) = stock_path(&scenario, 30);
    assert!(
        lowest < 1.0,
        "open access never crossed the threshold: lowest {lowest:.2} × threshold"
    );
    assert!(
        last < 0.5,
        "the collapsed stock recovered: last {last:.2} × threshold"
    );
}

#[test]
fn a_well_monitored_community_cap_never_falls_under_the_tipping_point() {
    let mut scenario = heavy_demand();
    scenario.policy.commons_governance = CommonsGovernance::Community;
    scenario.policy.cap_fraction = 0.8;
    scenario.policy.monitoring_share = 0.05;
    let (lowest, last) = stock_path(&scenario, 30);
    assert!(
        lowest > 1.0,
        "the capped commons fell to {lowest:.2} × threshold"
    );
    assert!(
        last > 1.5,
        "the capped commons ended at {last:.2} × threshold"
    );
}

#[test]
fn with_little_monitoring_and_many_free_riders_the_capped_commons_collapses_too() {
    let mut scenario = heavy_demand();
    scenario.policy.commons_governance = CommonsGovernance::Community;
    scenario.policy.cap_fraction = 0.8;
    scenario.policy.monitoring_share = 0.0;
    people(&mut scenario).behaviour = Behaviour {
        conditional_cooperators: 0.3,
        free_riders: 0.7,
        strong_reciprocators: 0.0,
    };
    crate::support::listed(&mut scenario).regions[0].trust = 0.2;
    let (lowest, _) = stock_path(&scenario, 30);
    assert!(
        lowest < 1.0,
        "free riders kept a cap nobody enforced: lowest {lowest:.2} × threshold"
    );
}
