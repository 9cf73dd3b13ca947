//! Central planning falls behind markets as the world grows, because the
//! planner's error grows with what it must track.

use mutualism_model::scenario::{Scenario, WorldFile, load_policy};
use mutualism_model::sim::institutions::{BasicsAllocation, PersonalAllocation};

use crate::support::{advance, app, recent_mean, scenarios_dir, shipped};

/// Capability and output per person over the last year of a run.
fn outcome(scenario: &Scenario, months: u32) -> (f64, f64) {
    let mut app = app(scenario);
    advance(&mut app, months);
    (
        recent_mean(&app, 12, |r| r.capability),
        recent_mean(&app, 12, |r| r.output_per_person),
    )
}

/// The continent with `regions` regions under the social market, with
/// basics and personal goods by market or by plan and every other lever the
/// same.
fn world(regions: u32, planned: bool) -> Scenario {
    let mut scenario = shipped("continent.ron");
    let WorldFile::Generated(world) = &mut scenario.world else {
        panic!("continent is generated")
    };
    world.regions = regions;
    scenario.timeline.clear();
    scenario.policy = load_policy(scenarios_dir().join("presets/social_market.ron")).unwrap();
    if planned {
        scenario.policy.basics_allocation = BasicsAllocation::CentralPlan;
        scenario.policy.personal_allocation = PersonalAllocation::CentralPlan;
    }
    scenario
}

#[test]
fn central_planning_falls_behind_markets_as_the_world_grows() {
    let months = 180;
    let (small_market, small_plan) = (
        outcome(&world(4, false), months),
        outcome(&world(4, true), months),
    );
    let (large_market, large_plan) = (
        outcome(&world(200, false), months),
        outcome(&world(200, true), months),
    );
    println!(
        "capability, output per person — small world: market {small_market:.2?}, plan {small_plan:.2?}; \
         large world: market {large_market:.2?}, plan {large_plan:.2?}"
    );
    // In a small world the plan now leads the market on capability; the
    // lead must be gone, and then some, in a large one.
    let lead = |market: (f64, f64), plan: (f64, f64)| plan.0 - market.0;
    assert!(
        lead(small_market, small_plan) - lead(large_market, large_plan) > 3.0,
        "the plan's capability lead over the market should shrink by more than 3 points from 4 to 200 regions: {:.2} then {:.2}",
        lead(small_market, small_plan),
        lead(large_market, large_plan)
    );
    assert!(
        large_plan.0 < large_market.0,
        "in 200 regions the plan's capability {:.2} should fall short of the market's {:.2}",
        large_plan.0,
        large_market.0
    );
    assert!(
        large_plan.1 < 0.95 * large_market.1,
        "in 200 regions the plan's output per person {:.2} should fall clearly short of the market's {:.2}",
        large_plan.1,
        large_market.1
    );
}

/// The central plan's poorest basics coverage and capability over the last
/// two years of ten in the calm classroom, with the planner's error
/// multiplied by `scale`.
fn plan_with_error(scale: f64) -> (f64, f64) {
    let mut scenario = crate::support::calm_classroom();
    scenario.policy = load_policy(scenarios_dir().join("presets/central_plan.ron")).unwrap();
    scenario.economy.plan_error *= scale;
    let mut app = app(&scenario);
    advance(&mut app, 120);
    (
        recent_mean(&app, 24, |r| r.poorest_basics_coverage),
        recent_mean(&app, 24, |r| r.capability),
    )
}

/// The planner's error reaches basics: state firms work to need as the
/// planner sees it, so a planner four times as wrong leaves the poorest
/// shorter and capability lower (before, a floor of need made its error
/// only ever overshoot).
#[test]
fn the_planners_error_reaches_the_basics() {
    let (covered, capability) = plan_with_error(1.0);
    let (covered_wrong, capability_wrong) = plan_with_error(4.0);
    println!(
        "central plan: the poorest's basics {covered:.3} and capability {capability:.1}; four times the error: {covered_wrong:.3} and {capability_wrong:.1}"
    );
    assert!(covered_wrong < covered - 0.01, "the poorest go shorter");
    assert!(capability_wrong < capability - 0.5, "and capability falls");
}
