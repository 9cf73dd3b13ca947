//! Edge worlds: nobody in a region, a commons at zero stock, a single
//! cohort. No NaN, no panic, every measure in range.

use mutualism_model::scenario::Scenario;
use mutualism_model::sim::measures::Measure;

use crate::support::{advance, app, listed, people, rows, shipped, single_cohort};

fn assert_sane(scenario: &Scenario, what: &str) {
    let mut app = app(scenario);
    advance(&mut app, 60);
    for row in rows(&app) {
        let values = row.values();
        assert!(
            values.values().all(|v| v.is_finite()),
            "{what}: a figure is not finite at tick {}: {row:?}",
            row.tick
        );
        for criterion in Measure::CRITERIA {
            let v = row.get(criterion);
            assert!(
                (0.0..=100.0).contains(&v),
                "{what}: {} = {v} at tick {}",
                criterion.key(),
                row.tick
            );
        }
        let raw = [
            row.population,
            row.output_per_person,
            row.median_consumption,
            row.price_index,
        ];
        assert!(
            raw.iter().all(|v| *v >= 0.0),
            "{what}: a raw figure is negative: {row:?}"
        );
        assert!(
            row.inflation >= -1.0,
            "{what}: prices fell below zero: {row:?}"
        );
        for share in [row.poorest_basics_coverage, row.unemployment] {
            assert!(
                (0.0..=1.0).contains(&share),
                "{what}: a share out of 0..1: {row:?}"
            );
        }
    }
}

#[test]
fn a_region_with_nobody_in_it() {
    let mut scenario = shipped("classroom.ron");
    listed(&mut scenario).regions[0].population = 0.0;
    assert_sane(&scenario, "empty region");
}

#[test]
fn a_commons_at_zero_stock() {
    let mut scenario = shipped("classroom.ron");
    for region in &mut listed(&mut scenario).regions[..3] {
        region.commons[0].stock = 0.0;
    }
    assert_sane(&scenario, "empty commons");
}

#[test]
fn a_single_cohort() {
    let mut scenario = shipped("classroom.ron");
    let people = people(&mut scenario);
    people.cohorts = single_cohort(&people.cohorts[2]);
    assert_sane(&scenario, "single cohort");
}

#[test]
fn a_world_where_nobody_lives() {
    let mut scenario = shipped("classroom.ron");
    for region in &mut listed(&mut scenario).regions {
        region.population = 0.0;
    }
    assert_sane(&scenario, "empty world");
    // Extinct, not equal: a world where nobody consumes anything has no
    // equity (it scored 100, the best there is).
    let mut app = app(&scenario);
    advance(&mut app, 12);
    assert!(rows(&app).iter().all(|r| r.equity == 0.0));
}

/// A migration wave of the largest growth every month (the hardening
/// issue's recipe, which made population infinite at month 293) fills each
/// region up to the most people a region may hold and no further; the run
/// goes on, every measure a number within its range.
#[test]
fn migration_every_month_stops_at_the_most_people_a_region_may_hold() {
    use mutualism_model::scenario::{Regions, Shock};
    use mutualism_model::sim::base::bounded::MAX_POPULATION;
    let mut scenario = shipped("classroom.ron");
    scenario.timeline = every_month(
        36,
        Shock::MigrationWave {
            regions: Regions::All,
            growth: 10.0,
        },
    );
    let regions = listed(&mut scenario).regions.len() as f64;
    let mut app = app(&scenario);
    advance(&mut app, 36);
    let people = rows(&app).last().expect("a month").population;
    println!("people after 36 waves: {people:e}");
    assert!(
        people > 0.5 * regions * MAX_POPULATION && people <= regions * MAX_POPULATION * 1.001,
        "{people:e}"
    );
}

/// A mechanism that makes goods without the workers to make them, even one
/// that records its production, stops the run with the good named.
#[test]
fn goods_made_without_inputs_stop_the_run() {
    use bevy::prelude::*;
    use mutualism_model::sim::SimSystems;
    use mutualism_model::sim::base::books::Books;
    use mutualism_model::sim::base::goods::Sector;
    use mutualism_model::sim::economy::Enterprise;

    fn free_food(mut books: ResMut<Books>, mut enterprises: Query<&mut Enterprise>) {
        for mut e in &mut enterprises {
            if e.sector == Sector::Food {
                e.inventory += 1.0e6;
                books.flows.produce(Sector::Food, 1.0e6);
            }
        }
    }

    let mut app = app(&shipped("classroom.ron"));
    advance(&mut app, 2);
    app.add_systems(FixedUpdate, free_food.in_set(SimSystems::Transfers));
    let error =
        mutualism_model::headless::advance(&mut app, 2).expect_err("free food must be caught");
    assert!(
        matches!(
            &error,
            mutualism_model::headless::RunError::Conservation(
                mutualism_model::sim::base::books::Violation::NoInputs { good: "food", .. }
            )
        ),
        "{error}"
    );
    assert!(error.to_string().contains("without inputs"), "{error}");
}

/// An enterprise the world index names but the world has lost (a bug, not a
/// scenario's fault) stops the run with the phase and the count named,
/// instead of the region silently skipping its month.
#[test]
fn an_entity_lost_from_the_world_stops_the_run() {
    use mutualism_model::sim::economy::Enterprise;
    use mutualism_model::sim::institutions::Link;

    let fault = lose_one::<Enterprise>(2);
    assert_eq!(fault.what, "enterprises", "{fault}");
    assert_eq!(fault.found + 1, fault.expected, "{fault}");
    assert!(
        fault.to_string().contains("producing"),
        "the first phase to meet it: {fault}"
    );
    // A link looked up by the world index, not gathered: the first phase
    // to look it up says so, where it once skipped the link in silence.
    assert_eq!(lose_one::<Link>(1).what, "links");
}

/// Runs the classroom two months, takes component `C` from its first entity
/// that has one, and returns the fault the next `months` months must stop on.
fn lose_one<C: bevy::prelude::Component>(
    months: u32,
) -> mutualism_model::sim::base::parallel::Missing {
    use bevy::prelude::*;
    use mutualism_model::sim::base::parallel::Fault;

    let mut app = app(&shipped("classroom.ron"));
    advance(&mut app, 2);
    let lost = app
        .world_mut()
        .query_filtered::<Entity, With<C>>()
        .iter(app.world())
        .next()
        .expect("the classroom has one");
    app.world_mut().entity_mut(lost).remove::<C>();
    match mutualism_model::headless::advance(&mut app, months) {
        Err(mutualism_model::headless::RunError::Fault(Fault::Missing(fault))) => fault,
        Err(error) => panic!("expected a fault, got {error}"),
        Ok(()) => panic!("the loss must be caught"),
    }
}

/// A region whose firms have stopped making anything (a city emptied by
/// famine and migration on the continent) has no price to discover: its
/// prices hold rather than rise by the full step every month for decades
/// (to 10^13 by the end, when the little it ate from pantries, valued at
/// those prices, made its few people the world's largest consumers and
/// equity fell to 0 for months at a time).
#[test]
fn equity_never_collapses_on_a_price_nobody_paid() {
    let mut app = app(&shipped("continent.ron"));
    advance(&mut app, 600);
    let rows = rows(&app);
    let lowest = rows.iter().map(|r| r.equity).fold(f64::INFINITY, f64::min);
    let dearest = rows.iter().map(|r| r.price_index).fold(0.0, f64::max);
    assert!(lowest > 50.0, "equity fell to {lowest:.3}");
    assert!(dearest < 10.0, "the price index rose to {dearest:.1}");
    let world = app.world_mut();
    let prices: Vec<f64> = world
        .query::<&mutualism_model::sim::economy::Enterprise>()
        .iter(world)
        .map(|e| e.price)
        .collect();
    let highest = prices.iter().fold(0.0, |a: f64, &b| a.max(b));
    assert!(highest < 1e3, "a firm's price reached {highest:e}");
}

/// A month whose measures are not all numbers (here the carbon emitted is
/// made no number, so ecology is NaN) stops the run as a fault of the
/// model, naming the month and the measure, and leaves the month out: no
/// output ever shows a NaN or an infinity.
#[test]
fn a_measure_that_is_not_a_number_stops_the_run_and_never_reaches_an_output() {
    use mutualism_model::headless::RunError;
    use mutualism_model::sim::base::parallel::Fault;
    use mutualism_model::sim::ecology::Atmosphere;

    let mut app = app(&shipped("classroom.ron"));
    advance(&mut app, 2);
    app.world_mut().resource_mut::<Atmosphere>().rate = f64::NAN;
    match mutualism_model::headless::advance(&mut app, 3) {
        Err(RunError::Fault(Fault::Diverged(fault))) => {
            assert_eq!((fault.tick, fault.measure), (3, "ecology"), "{fault}");
        }
        Err(error) => panic!("expected a measure out of its domain, got {error}"),
        Ok(()) => panic!("a NaN measure must stop the run"),
    }
    let rows = rows(&app);
    assert_eq!(rows.len(), 2, "the month with the NaN is left out");
    for row in rows {
        for measure in mutualism_model::sim::measures::Measure::ALL {
            assert!(row.get(measure).is_finite(), "{}", measure.key());
        }
    }
}

/// Automation at its largest every month for twenty-five years on the
/// developing world (the hardening issue's recipe, which made technology
/// infinite at month 236): people keep a twentieth of the tasks, so
/// technology stays finite, within about twenty times what it reaches
/// without automation (research raises both), and no month stops the run.
#[test]
fn automation_every_month_keeps_technology_finite() {
    use mutualism_model::scenario::{Regions, Shock};
    let plain = {
        let mut scenario = shipped("developing.ron");
        scenario.timeline.clear();
        let mut app = app(&scenario);
        advance(&mut app, 300);
        rows(&app).last().expect("a month").technology
    };
    let mut scenario = shipped("developing.ron");
    scenario.timeline = every_month(
        300,
        Shock::Automation {
            regions: Regions::All,
            share: 1.0,
        },
    );
    let mut app = app(&scenario);
    advance(&mut app, 300);
    let technology = rows(&app).last().expect("a month").technology;
    println!("technology {technology:.2} with automation every month, {plain:.2} without");
    assert!(
        technology.is_finite() && technology <= 20.0 * plain * 1.1,
        "technology stays within about twenty times what it would be: {technology} against {plain}"
    );
}

/// A region whose own figures leave their domain (here one cohort's health
/// is made no number, so its capability is NaN) is named in the fault,
/// with the figure and the mechanism that writes it.
#[test]
fn a_fault_names_the_region_the_figure_and_its_mechanism() {
    use mutualism_model::headless::RunError;
    use mutualism_model::sim::people::{Cohorts, Region};

    let mut app = app(&shipped("classroom.ron"));
    advance(&mut app, 2);
    let world = app.world_mut();
    let (name, mut cohorts) = world
        .query::<(&Region, &mut Cohorts)>()
        .iter_mut(world)
        .find(|(r, _)| r.id == 3)
        .map(|(r, c)| (r.name.clone(), c))
        .expect("region 3");
    cohorts.0[0].health = f64::NAN;
    match mutualism_model::headless::advance(&mut app, 3) {
        Err(RunError::Fault(fault)) => {
            let said = fault.to_string();
            println!("{said}");
            assert!(
                said.contains(&format!("in {name}")) && said.contains("people::"),
                "{said}"
            );
        }
        Err(error) => panic!("expected a fault, got {error}"),
        Ok(()) => panic!("a NaN must stop the run"),
    }
}

/// `shock` in every month from 1 to `months`.
fn every_month(
    months: u32,
    shock: mutualism_model::scenario::Shock,
) -> Vec<mutualism_model::scenario::Event> {
    (1..=months)
        .map(|tick| mutualism_model::scenario::Event {
            tick,
            shock: shock.clone(),
        })
        .collect()
}
