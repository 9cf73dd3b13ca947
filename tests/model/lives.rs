//! Lives count: no criterion improves because people died.
//!
//! A famine is injected by hand: a share of every region's poorest cohort
//! dies at once, of hunger, as the model records such deaths (`Lives`),
//! their money left with the cohort. The same run without it is the
//! counterfactual. Whatever the regime, the share and the time since, no
//! criterion may end higher with the famine than without it.

use bevy::prelude::*;
use mutualism_model::scenario::Scenario;
use mutualism_model::sim::measures::{Measure, MeasureRow};
use mutualism_model::sim::people::{Cohorts, Deaths, Lives};

use crate::support::{advance, app, calm_classroom, latest, presets};

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

/// The last month's measures after `before` months, a famine of `share`
/// (none at 0), and `after` months more.
fn run(scenario: &Scenario, before: u32, share: f64, after: u32) -> MeasureRow {
    let mut app = app(scenario);
    advance(&mut app, before);
    if share > 0.0 {
        famine(&mut app, share);
    }
    advance(&mut app, after);
    latest(&app)
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
            let without = run(&scenario, 12, 0.0, after);
            for share in [0.05, 0.3] {
                let with = run(&scenario, 12, share, after);
                assert!(
                    with.excess_deaths > without.excess_deaths,
                    "{regime}: the famine's dead are counted"
                );
                for criterion in Measure::CRITERIA {
                    let (a, b) = (with.get(criterion), without.get(criterion));
                    assert!(
                        a <= b + 1e-9,
                        "{regime}, {share} of the poorest dead, {after} months on: {} ends at {a:.4} with the famine, {b:.4} without",
                        criterion.key()
                    );
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 5 * 2 * 2 * 8);
}
