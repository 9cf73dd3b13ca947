//! Commons under heavy demand: open access collapses, a well-monitored
//! community cap holds, and a cap nobody enforces among free riders fails.

use mutualism_model::scenario::{Behaviour, Scenario};
use mutualism_model::sim::base::goods::{PerSector, Sector};
use mutualism_model::sim::ecology::Commons;
use mutualism_model::sim::economy::Enterprise;
use mutualism_model::sim::institutions::CommonsGovernance;

use crate::support::{advance, app, latest, one_region, people};

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

#[test]
fn a_private_owner_keeps_a_fast_commons_and_mines_a_slow_one() {
    let mut fast = heavy_demand();
    fast.policy.commons_governance = CommonsGovernance::Private;
    let (lowest, _) = stock_path(&fast, 30);
    assert!(
        lowest > 1.0,
        "a commons regrowing at 40% a year fell to {lowest:.2} × threshold"
    );

    // Regrowth of 10% a year, under the owners' 15% discount rate.
    let mut slow = one_region(50_000.0, 160.0);
    crate::support::listed(&mut slow).regions[0].commons[0].regeneration_rate = 0.1;
    slow.policy.commons_governance = CommonsGovernance::Private;
    let (lowest, _) = stock_path(&slow, 30);
    assert!(
        lowest < 1.0,
        "a commons regrowing slower than the discount rate was kept: {lowest:.2} × threshold"
    );
}

/// Months until the stock first falls under its tipping threshold, or
/// `None` if it never does within `years`.
fn months_to_collapse(scenario: &Scenario, years: u32) -> Option<u32> {
    let mut app = app(scenario);
    (1..=years * 12).find(|_| {
        advance(&mut app, 1);
        let mut commons = app.world_mut().query::<&Commons>();
        let c = commons.single(app.world()).expect("one commons");
        c.stock < c.tipping_threshold
    })
}

#[test]
fn community_enforcement_rests_on_trust_and_holds_out_longer_than_the_state() {
    // Demand above the maximum sustainable yield and little monitoring:
    // compliance must come from people themselves.
    let scenario = |governance| {
        let mut s = one_region(50_000.0, 100.0);
        s.policy.commons_governance = governance;
        s.policy.monitoring_share = 0.002;
        // No research cutting the resource food needs: enforcement alone.
        s.policy.mission_research_share = 0.0;
        let region = &mut crate::support::listed(&mut s).regions[0];
        region.trust = 0.9;
        region.individualism = 0.2;
        s
    };
    let community = months_to_collapse(&scenario(CommonsGovernance::Community), 40);
    let state = months_to_collapse(&scenario(CommonsGovernance::State), 40);
    println!(
        "months to collapse with trusting people and few monitors: community {community:?}, state {state:?}"
    );
    let state =
        state.expect("the state cap, kept by a few monitors alone, should fail under this demand");
    assert!(
        community.is_none_or(|c| c >= state + 24),
        "community norms should hold out at least two years longer: community {community:?}, state {state}"
    );
}

#[test]
fn a_dead_commons_stops_food_and_the_commons_made_share_of_energy() {
    // Output of each sector in the first month, when plans and hiring do
    // not yet know what the commons can give: a cold start, without the
    // settling months that would let the two worlds part before month 0.
    let first_month = |stock_share: f64| {
        let mut scenario = one_region(50_000.0, 100.0);
        scenario.economy.burn_in_months = 0;
        // Open access, so a live commons gives all that is asked.
        scenario.policy.commons_governance = CommonsGovernance::OpenAccess;
        let commons = &mut crate::support::listed(&mut scenario).regions[0].commons[0];
        commons.stock = stock_share * commons.capacity;
        let mut app = app(&scenario);
        advance(&mut app, 1);
        let mut enterprises = app.world_mut().query::<&Enterprise>();
        let mut output = PerSector::default();
        for e in enterprises.iter(app.world()) {
            output[e.sector] = e.output;
        }
        output
    };
    let (alive, dead) = (first_month(0.7), first_month(0.0));
    let (food, energy) = (Sector::Food, Sector::Energy);
    println!(
        "first month's output, live commons against dead: food {:.0} / {:.0}, energy {:.0} / {:.0}",
        alive[food], dead[food], alive[energy], dead[energy]
    );
    assert!(
        alive[food] > 0.0 && dead[food] == 0.0,
        "food: {alive:?} {dead:?}"
    );
    let kept = dead[energy] / alive[energy];
    assert!(
        (kept - 0.8).abs() < 1e-9,
        "energy should lose exactly its commons-made fifth: kept {kept}"
    );
    assert_eq!(
        alive[Sector::Housing],
        dead[Sector::Housing],
        "housing draws on no commons"
    );
}

/// Excess deaths and the commons' stock four years after a two-year
/// drought of severity 0.9 strikes the east of the calm classroom at month
/// 12, under adaptive mutualism with its emergency protocol set to fire
/// at 0.9 of the poorest's normal coverage, drawing `draw` a month of the
/// stock above the floor beyond the cap.
fn drought_with_draw(draw: f64) -> (f64, f64) {
    let mut scenario = crate::support::classroom_east_drought();
    scenario.policy.emergency_threshold = 0.9;
    scenario.policy.emergency_commons_draw = draw;
    let mut app = app(&scenario);
    advance(&mut app, 60);
    let world = app.world_mut();
    let stock: f64 = world.query::<&Commons>().iter(world).map(|c| c.stock).sum();
    (latest(&app).excess_deaths, stock)
}

#[test]
fn an_emergency_that_draws_on_the_commons_loses_fewer_people_and_stock() {
    let (dead, stock) = drought_with_draw(0.05);
    let (dead_capped, stock_capped) = drought_with_draw(0.0);
    println!(
        "by month 60: {dead:.0} excess deaths drawing on the commons, {dead_capped:.0} with the cap held; stock {stock:.0} against {stock_capped:.0}"
    );
    assert!(
        dead < dead_capped,
        "the commons feeds people in the emergency"
    );
    assert!(stock < stock_capped, "and the stock pays for it");
}
