//! Regimes in their documented settings. Each preset should lead on its home
//! criterion somewhere; so far the model finds such a setting for adaptive
//! mutualism only (see the closing notes of issue 4), and this file tests
//! the settings it has.

use mutualism::compare::{available_regimes, compare};

use crate::support::shipped;

#[test]
fn adaptive_mutualism_leads_on_ecology_where_commons_are_stressed() {
    let scenario = shipped("stressed_commons.ron");
    let regimes = available_regimes(&scenario).unwrap();
    assert_eq!(regimes.len(), 5, "expected the five regimes: {regimes:?}");
    let figures = compare(&scenario, &regimes, 2, scenario.ticks).unwrap_or_else(|e| panic!("{e}"));
    let ecology = |regime: &str| {
        let runs: Vec<f64> = figures
            .iter()
            .filter(|f| f.regime == regime)
            .map(|f| f.values[1])
            .collect();
        runs.iter().sum::<f64>() / runs.len() as f64
    };
    let home = ecology("adaptive_mutualism");
    for other in regimes.iter().filter(|r| *r != "adaptive_mutualism") {
        println!(
            "ecology after 30 years: adaptive_mutualism {home:.1}, {other} {:.1}",
            ecology(other)
        );
        assert!(
            home > ecology(other) + 5.0,
            "{other} ({:.1}) came within 5 of adaptive mutualism ({home:.1})",
            ecology(other)
        );
    }
}
