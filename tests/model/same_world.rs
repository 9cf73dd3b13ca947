//! Common random numbers: on one seed every regime sees the same weather
//! and the same good and bad years for its commons, and moving a lever
//! mid-run (even one that makes the planner draw its errors) changes
//! neither. A comparison of regimes is then a comparison of institutions,
//! not of luck.

use bevy::prelude::*;
use mutualism_model::scenario::Scenario;
use mutualism_model::sim::WorldIndex;
use mutualism_model::sim::ecology::Commons;
use mutualism_model::sim::institutions::{
    LEVERS, LeverChange, LeverChanges, LeverTarget, LeverValue,
};
use mutualism_model::sim::people::{Climate, Region};

use crate::support::{advance, app, presets, shipped};

/// What the world's weather was, month by month: each region's drought
/// severity (0 without one) and each commons' year quality.
#[derive(Debug, PartialEq)]
struct Weather {
    droughts: Vec<Vec<f64>>,
    qualities: Vec<Vec<f64>>,
}

impl Weather {
    fn drought_months(&self) -> usize {
        self.droughts
            .iter()
            .flatten()
            .filter(|&&severity| severity > 0.0)
            .count()
    }
}

/// Runs `months`, calling `before_month` ahead of each, and records the
/// weather every month.
fn weather(
    scenario: &Scenario,
    months: u32,
    mut before_month: impl FnMut(u32, &mut App),
) -> Weather {
    let mut app = app(scenario);
    let mut record = Weather {
        droughts: Vec::new(),
        qualities: Vec::new(),
    };
    for month in 0..months {
        before_month(month, &mut app);
        advance(&mut app, 1);
        let world = app.world_mut();
        let index = world.resource::<WorldIndex>();
        let (regions, commons) = (index.regions.clone(), index.commons.clone());
        let mut droughts: Vec<(u32, f64)> = regions
            .iter()
            .map(|&e| {
                let region = world.get::<Region>(e).unwrap().id;
                let climate = world.get::<Climate>(e).unwrap();
                (region, climate.drought.map_or(0.0, |d| d.severity))
            })
            .collect();
        droughts.sort_by_key(|&(id, _)| id);
        record
            .droughts
            .push(droughts.into_iter().map(|(_, s)| s).collect());
        record.qualities.push(
            commons
                .iter()
                .map(|&e| world.get::<Commons>(e).unwrap().year_quality)
                .collect(),
        );
    }
    record
}

/// The classroom with frequent droughts and a carbon budget nobody reaches
/// in the run, so that the climate feedback (a regime's own doing) does not
/// enter: what is left is the weather itself.
fn stormy_classroom() -> Scenario {
    let mut scenario = shipped("classroom.ron");
    scenario.economy.drought_probability_annual = 0.3;
    scenario.economy.carbon_budget_years = 1.0e6;
    scenario
}

#[test]
fn every_regime_sees_the_same_droughts_and_regrowth_years_on_one_seed() {
    let months = 120;
    let base = stormy_classroom();
    let runs: Vec<(String, Weather)> = presets()
        .into_iter()
        .map(|(name, policy)| {
            let scenario = Scenario {
                policy,
                ..base.clone()
            };
            (name, weather(&scenario, months, |_, _| {}))
        })
        .collect();
    let (first_name, first) = &runs[0];
    println!(
        "{} drought-months over {} regions and {months} months",
        first.drought_months(),
        first.droughts[0].len()
    );
    assert!(
        first.drought_months() > 24,
        "the test needs droughts to compare: {}",
        first.drought_months()
    );
    for (name, run) in &runs[1..] {
        assert!(
            run == first,
            "{name} saw other weather than {first_name} on the same seed"
        );
    }
}

#[test]
fn moving_a_planning_lever_mid_run_leaves_the_weather_alone() {
    let months = 120;
    let scenario = stormy_classroom();
    let untouched = weather(&scenario, months, |_, _| {});
    let lever = LEVERS
        .iter()
        .find(|l| l.name == "basics_allocation")
        .unwrap();
    let planned = weather(&scenario, months, |month, app| {
        if month == 30 {
            app.world_mut()
                .resource_mut::<LeverChanges>()
                .send(LeverChange {
                    target: LeverTarget::All,
                    lever,
                    // Central plan: the planner now draws errors every month.
                    value: LeverValue::Choice(2),
                });
        }
    });
    assert!(untouched.drought_months() > 24);
    assert!(
        untouched == planned,
        "switching basics to the plan at month 30 changed the weather"
    );
}

#[test]
fn a_drought_injected_live_changes_no_other_draw() {
    let months = 120;
    let scenario = stormy_classroom();
    let untouched = weather(&scenario, months, |_, _| {});
    let struck = weather(&scenario, months, |month, app| {
        if month == 30 {
            let drought = mutualism_model::scenario::Shock::Drought {
                regions: mutualism_model::scenario::Regions::Only(vec![3]),
                severity: 0.9,
                months: 6,
            };
            app.world_mut()
                .resource_mut::<mutualism_model::sim::crisis::ShockQueue>()
                .send(drought);
        }
    });
    assert_eq!(
        untouched.qualities, struck.qualities,
        "a live drought changed the commons' years"
    );
    // The weather elsewhere, and in the struck region outside the
    // injected months, is the same.
    for (month, (a, b)) in untouched.droughts.iter().zip(&struck.droughts).enumerate() {
        for (region, (x, y)) in a.iter().zip(b).enumerate() {
            if region != 3 || !(30..36).contains(&month) {
                assert_eq!(x, y, "month {month}, region {region}");
            }
        }
    }
    assert_eq!(struck.droughts[31][3], 0.9, "the injected drought runs");
}
