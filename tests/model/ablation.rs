//! Each mechanism engages: switch it off and the outcome it drives moves in
//! the direction its doc comment says. No test here asks who wins.

use bevy::prelude::*;
use mutualism_model::scenario::{Scenario, load_policy};
use mutualism_model::sim::ecology::{Atmosphere, Commons};
use mutualism_model::sim::economy::Enterprise;
use mutualism_model::sim::institutions::CommonsGovernance;
use mutualism_model::sim::people::{Cohorts, RegionStats};

use crate::support::{advance, app, scenarios_dir, shipped};

/// The classroom under a preset, calm (no timeline, no random droughts).
fn classroom(preset: &str) -> Scenario {
    let mut s = shipped("classroom.ron");
    s.policy = load_policy(scenarios_dir().join(format!("presets/{preset}.ron"))).unwrap();
    s.timeline.clear();
    s.economy.drought_probability_annual = 0.0;
    s
}

/// Mean of a figure over every entity with `C`, over `months` months.
fn mean<C: Component>(scenario: &Scenario, months: u32, figure: impl Fn(&C) -> f64) -> f64 {
    let mut app = app(scenario);
    let (mut sum, mut n) = (0.0, 0.0);
    for _ in 0..months {
        advance(&mut app, 1);
        let world = app.world_mut();
        for c in world.query::<&C>().iter(world) {
            sum += figure(c);
            n += 1.0;
        }
    }
    sum / n
}

/// Runs `on` and `off` and checks `off` moved the figure the stated way.
fn engages(what: &str, on: f64, off: f64, off_is_lower: bool) {
    println!("{what}: on {on:.4}, off {off:.4}");
    if off_is_lower {
        assert!(
            off < on,
            "{what}: switching it off should lower it: {off:.4} vs {on:.4}"
        );
    } else {
        assert!(
            off > on,
            "{what}: switching it off should raise it: {off:.4} vs {on:.4}"
        );
    }
}

#[test]
fn community_norms_and_peer_monitoring_raise_compliance_at_the_shipped_settings() {
    let community = classroom("adaptive_mutualism");
    let compliance = |s: &Scenario| mean::<RegionStats>(s, 24, |r| r.compliance);
    let mut state = community.clone();
    state.policy.commons_governance = CommonsGovernance::State;
    engages(
        "compliance, community governance (off: the state's imposed cap)",
        compliance(&community),
        compliance(&state),
        true,
    );
    let mut unwatched = community.clone();
    unwatched.economy.peer_monitoring = 0.0;
    engages(
        "compliance, peer monitoring",
        compliance(&community),
        compliance(&unwatched),
        true,
    );
}

#[test]
fn the_education_spillover_lifts_the_poorest_skills() {
    let on = classroom("social_market");
    let mut off = on.clone();
    off.economy.education_spillover = 0.0;
    let skills = |s: &Scenario| mean::<Cohorts>(s, 60, |c| c.0[0].skills);
    engages(
        "the poorest's skills, education spillover",
        skills(&on),
        skills(&off),
        true,
    );
}

#[test]
fn a_carbon_price_cuts_emissions_and_a_cap_keeps_stock() {
    let on = classroom("adaptive_mutualism");
    let emitted = |s: &Scenario| {
        let mut app = app(s);
        advance(&mut app, 36);
        app.world().resource::<Atmosphere>().emitted
    };
    let mut unpriced = on.clone();
    unpriced.policy.carbon_price = 0.0;
    engages(
        "carbon emitted, carbon price",
        emitted(&on),
        emitted(&unpriced),
        false,
    );
    let mut uncapped = on.clone();
    uncapped.policy.commons_governance = CommonsGovernance::OpenAccess;
    let stock = |s: &Scenario| mean::<Commons>(s, 60, |c| c.stock / c.capacity);
    engages(
        "commons stock, community cap",
        stock(&on),
        stock(&uncapped),
        true,
    );
}

#[test]
fn financialisation_drains_real_capital() {
    let on = classroom("liberal_market");
    let mut off = on.clone();
    off.policy.financialisation_share = 0.0;
    let capital = |s: &Scenario| mean::<Enterprise>(s, 60, |e| e.capital);
    engages(
        "capital, financialisation",
        capital(&on),
        capital(&off),
        false,
    );
}

#[test]
fn restoration_failures_cost_restored_capacity() {
    let on = classroom("adaptive_mutualism");
    let mut off = on.clone();
    off.economy.restoration_failure = 0.0;
    let restored = |s: &Scenario| {
        let mut app = app(s);
        advance(&mut app, 120);
        let world = app.world_mut();
        world
            .query::<&Commons>()
            .iter(world)
            .map(|c| c.restored)
            .sum::<f64>()
    };
    engages(
        "capacity restored, project failure",
        restored(&on),
        restored(&off),
        false,
    );
}
