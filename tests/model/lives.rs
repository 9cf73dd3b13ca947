//! Lives count: no criterion improves because people died.
//!
//! A famine is injected by hand: a share of every region's poorest cohort
//! dies at once, of hunger, as the model records such deaths (`Lives`),
//! their money left with the cohort. The same run without it is the
//! counterfactual. Whatever the regime, the share and the time since, no
//! criterion may end higher with the famine than without it.

use bevy::prelude::*;
use mutualism_model::scenario::Scenario;
use mutualism_model::sim::measures::Measure;
use mutualism_model::sim::people::{Cohorts, Deaths, Lives};

use crate::support::{advance, app, calm_classroom, latest, presets, recent_mean};

/// Kills `share` of each region's poorest cohort, recording the dead.
fn famine(app: &mut App, share: f64) {
    let world = app.world_mut();
    for (mut cohorts, mut lives) in world.query::<(&mut Cohorts, &mut Lives)>().iter_mut(world) {
        let Some(poorest) = cohorts.0.first_mut() else {
            continue;
        };
        let dead = poorest.size * share;
        poorest.size -= dead;
        lives.record(Deaths {
            hunger: dead,
            ..default()
        });
    }
}

/// After `before` months, a famine of `share` (none at 0), and `after`
/// months more: the last month's excess deaths and each criterion's mean
/// over the last `after` months, at most a year (a calm month's criterion
/// swings by half a point as prices and wages cycle, so a year's mean, not
/// one month, tells a famine's lasting effect from where in its cycle each
/// run ends).
fn run(scenario: &Scenario, before: u32, share: f64, after: u32) -> (f64, Vec<f64>) {
    let mut app = app(scenario);
    advance(&mut app, before);
    if share > 0.0 {
        famine(&mut app, share);
    }
    advance(&mut app, after);
    let criteria = Measure::CRITERIA
        .iter()
        .map(|&c| recent_mean(&app, after.min(12) as usize, |r| r.get(c)))
        .collect();
    (latest(&app).excess_deaths, criteria)
}

#[test]
fn no_criterion_ends_higher_because_the_poorest_died() {
    let mut checked = 0;
    for (regime, policy) in presets() {
        let scenario = Scenario {
            policy,
            ..calm_classroom()
        };
        for after in [1, 36] {
            let (deaths_without, without) = run(&scenario, 12, 0.0, after);
            for share in [0.05, 0.3] {
                let (deaths_with, with) = run(&scenario, 12, share, after);
                assert!(
                    deaths_with > deaths_without,
                    "{regime}: the famine's dead are counted"
                );
                for (i, criterion) in Measure::CRITERIA.into_iter().enumerate() {
                    let (a, b) = (with[i], without[i]);
                    assert!(
                        a <= b + 1e-9,
                        "{regime}, {share} of the poorest dead, {after} months on: {} ends at {a:.4} with the famine, {b:.4} without (the mean of the last months, at most a year)",
                        criterion.key()
                    );
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 5 * 2 * 2 * 8);
}

/// A calm world whose markets ration a shortage starves nobody: under the
/// social market, with no shock and no random drought, the classroom's
/// hunger deaths over twenty years stay under a thousandth of its people.
/// A shop short of stock serves every buyer the same share of what they
/// asked for; when it served the better-off first, a stock-out of a
/// hundredth of orders left a region's poorest fifth with no food that
/// month, and the calm classroom lost tens of thousands to hunger.
#[test]
fn a_calm_market_world_does_not_starve_its_poorest_at_every_stock_out() {
    let (_, policy) = presets()
        .into_iter()
        .find(|(name, _)| name == "social_market")
        .expect("the social market preset");
    let mut scenario = Scenario {
        policy,
        ..calm_classroom()
    };
    scenario.economy.regrowth_variability = 0.0;
    let mut app = app(&scenario);
    advance(&mut app, 240);
    let row = latest(&app);
    println!(
        "social market, calm classroom, 20 years: {:.0} deaths of hunger among {:.0} people",
        row.deaths_hunger, row.population
    );
    assert!(
        row.deaths_hunger < 0.001 * row.population,
        "{:.0} deaths of hunger in a calm world",
        row.deaths_hunger
    );
}

/// The regions' CSV adds up to the world: at every month its rows' people
/// and excess deaths sum to the world's, and each names its federation as
/// the scenario does.
#[test]
fn the_regions_csv_adds_up_to_the_world() {
    use mutualism_model::headless;
    let scenario = crate::support::shipped("classroom.ron");
    let mut months = Vec::new();
    let output = headless::run_with_events(&scenario, scenario.seed, 24, false, &mut |world, _| {
        months.push(headless::region_records(world));
        Ok(())
    })
    .unwrap();
    assert_eq!(months.len(), 24);
    for (records, row) in months.iter().zip(&output.rows) {
        assert_eq!(records.len(), 12, "a row a region");
        let sum = |column: usize| -> f64 {
            records
                .iter()
                .map(|r| r[column].parse::<f64>().unwrap())
                .sum()
        };
        assert!((sum(4) - row.population).abs() < 1e-6 * row.population);
        assert!((sum(6) - row.excess_deaths).abs() < 1e-6 * row.excess_deaths.max(1.0));
        assert!(
            records
                .iter()
                .all(|r| r[3] == "the west" || r[3] == "the east")
        );
    }
}
