//! Ecology and people: carbon over the budget brings more and deeper
//! droughts; a drought reaches the people of the regions it strikes under
//! every regime; people move from worse-off regions to better-off
//! neighbours.

use mutualism_model::scenario::{Event, Regions, Scenario, Shock};
use mutualism_model::sim::ecology::Atmosphere;
use mutualism_model::sim::people::{Climate, Cohorts, Region, RegionStats};

use crate::support::{advance, app, calm_classroom, listed, presets, shipped};

/// Region-months of drought and their mean severity over `years`.
fn droughts(scenario: &Scenario, years: u32) -> (u32, f64) {
    let mut app = app(scenario);
    let (mut months, mut depth) = (0, 0.0);
    for _ in 0..years * 12 {
        advance(&mut app, 1);
        let world = app.world_mut();
        for climate in world.query::<&Climate>().iter(world) {
            if let Some(d) = climate.drought {
                months += 1;
                depth += d.severity;
            }
        }
    }
    (months, depth / months.max(1) as f64)
}

#[test]
fn carbon_over_the_budget_brings_more_and_deeper_droughts() {
    let mut within = shipped("classroom.ron");
    within.timeline.clear();
    within.economy.carbon_budget_years = 1000.0;
    // Emissions as they come: no carbon price, no research cutting them.
    within.policy.carbon_price = 0.0;
    within.policy.mission_research_share = 0.0;
    let mut over = within.clone();
    over.economy.carbon_budget_years = 2.0;
    let (within_months, within_depth) = droughts(&within, 20);
    let (over_months, over_depth) = droughts(&over, 20);
    println!(
        "drought region-months over 20 years: within the budget {within_months} (depth {within_depth:.2}), \
         far over it {over_months} (depth {over_depth:.2})"
    );
    assert!(
        over_months > 2 * within_months,
        "{over_months} vs {within_months}"
    );
    assert!(
        over_depth > within_depth,
        "{over_depth:.2} vs {within_depth:.2}"
    );
}

/// People in the region with this id after `years`.
fn population_of(scenario: &Scenario, id: u32, years: u32) -> f64 {
    let mut app = app(scenario);
    advance(&mut app, years * 12);
    let world = app.world_mut();
    world
        .query::<(&Region, &Cohorts)>()
        .iter(world)
        .find(|(r, _)| r.id == id)
        .map(|(_, c)| c.population())
        .expect("the region exists")
}

#[test]
fn people_leave_a_region_whose_commons_has_failed_for_its_neighbours() {
    let mut stay = calm_classroom();
    // Ashford's forest is gone: no food of its own.
    listed(&mut stay).regions[0].commons[0].stock = 0.0;
    stay.economy.migration_rate_annual = 0.0;
    let mut leave = stay.clone();
    leave.economy.migration_rate_annual = 0.2;
    let (stayed, left) = (population_of(&stay, 0, 10), population_of(&leave, 0, 10));
    let (neighbour_stay, neighbour_leave) =
        (population_of(&stay, 1, 10), population_of(&leave, 1, 10));
    println!(
        "Ashford after ten years: {stayed:.0} without migration, {left:.0} with; Brindle {neighbour_stay:.0} / {neighbour_leave:.0}"
    );
    assert!(
        left < 0.9 * stayed,
        "people should leave the failed region: {left:.0} vs {stayed:.0}"
    );
    assert!(
        neighbour_leave > neighbour_stay,
        "a neighbour should gain people: {neighbour_leave:.0} vs {neighbour_stay:.0}"
    );
}

#[test]
fn a_carbon_price_cuts_emissions_and_costs_abatement_workers() {
    // Emissions per unit of output and abatement workers in the first year.
    let run = |price: f64| {
        let mut scenario = crate::support::one_region(50_000.0, 200.0);
        scenario.policy.carbon_price = price;
        scenario.policy.mission_research_share = 0.0;
        let mut app = app(&scenario);
        let (mut tonnes, mut output, mut abaters) = (0.0, 0.0, 0.0);
        for _ in 0..12 {
            advance(&mut app, 1);
            let world = app.world_mut();
            tonnes += world.resource::<Atmosphere>().last_month;
            let stats = world.query::<&RegionStats>().single(world).unwrap().clone();
            output += stats.output_value;
            abaters += stats.researchers / stats.labour_force / 12.0;
        }
        (tonnes / output, abaters)
    };
    let (free, free_workers) = run(0.0);
    let (priced, workers) = run(0.2);
    println!(
        "carbon per unit of output: unpriced {free:.4}, at 0.2 a tonne {priced:.4}; \
         share of workers researching or abating {:.2}% against {:.2}%",
        100.0 * workers,
        100.0 * free_workers
    );
    assert!(
        (priced / free - 0.6).abs() < 0.01,
        "a price of 0.2 against a full-abatement cost of 0.5 should abate 40%: {:.3}",
        priced / free
    );
    assert!(
        workers > free_workers,
        "abatement should take workers: {workers:.4} against {free_workers:.4}"
    );
}

/// Over months `from..to`, the regions with these ids: mean food coverage
/// (0..1), capability (0..100) and the poorest cohort's capability.
fn struck_figures(scenario: &Scenario, ids: &[u32], from: u32, to: u32) -> [f64; 3] {
    let mut app = app(scenario);
    advance(&mut app, from);
    let mut sum = [0.0; 3];
    for _ in from..to {
        advance(&mut app, 1);
        let world = app.world_mut();
        for (_, c) in world
            .query::<(&Region, &Cohorts)>()
            .iter(world)
            .filter(|(r, _)| ids.contains(&r.id))
        {
            sum[0] += c.mean(|c| c.coverage[mutualism_model::sim::base::goods::Basic::Food]);
            sum[1] += 100.0 * c.mean(|c| c.capability());
            sum[2] += 100.0 * c.0[0].capability();
        }
    }
    sum.map(|s| s / (f64::from(to - from) * ids.len() as f64))
}

#[test]
fn a_drought_cuts_food_and_capability_in_the_regions_it_strikes_under_every_regime() {
    let mut calm = shipped("classroom.ron");
    calm.timeline.clear();
    calm.economy.drought_probability_annual = 0.0;
    let struck = [0, 1, 2];
    for (name, policy) in presets() {
        let calm = Scenario {
            policy,
            ..calm.clone()
        };
        let mut dry = calm.clone();
        dry.timeline.push(Event {
            tick: 24,
            shock: Shock::Drought {
                regions: Regions::Only(struck.to_vec()),
                severity: 0.6,
                months: 24,
            },
        });
        let without = struck_figures(&calm, &struck, 24, 48);
        let with = struck_figures(&dry, &struck, 24, 48);
        println!(
            "{name}, struck regions during the drought, without and with it: food coverage {:.3} / {:.3}, capability {:.2} / {:.2}, the poorest's capability {:.2} / {:.2}",
            without[0], with[0], without[1], with[1], without[2], with[2]
        );
        assert!(
            with[0] < without[0] - 0.02,
            "{name}: a drought should cut the struck regions' food: {:.3} vs {:.3}",
            with[0],
            without[0]
        );
        // Capability counts employment too: where dearer food draws idle
        // workers into farming (markets) or rationing spreads the loss
        // evenly (a plan), the region's mean or its poorest may hold; the
        // other must fall.
        assert!(
            with[1] < without[1] - 0.25 || with[2] < without[2] - 0.25,
            "{name}: a drought should lower the capability of the struck regions or of their poorest"
        );
    }
}
