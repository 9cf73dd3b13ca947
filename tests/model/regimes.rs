//! Regimes in their documented settings: each preset leads on its home
//! criterion in the scenario the README names for it, by the model's own
//! mechanisms (the scenario files say why).

use mutualism::compare::{RunFigures, available_regimes, compare};
use mutualism::sim::measures::MeasureRow;

use crate::support::shipped;

/// Scenario, regime, home criterion.
const HOMES: [(&str, &str, &str); 5] = [
    ("stressed_commons.ron", "adaptive_mutualism", "ecology"),
    ("frontier.ron", "liberal_market", "prosperity"),
    ("frontier.ron", "state_led", "equity"),
    ("classroom.ron", "social_market", "prosperity"),
    ("developing.ron", "central_plan", "prosperity"),
];

/// Mean of a measure over a regime's runs.
fn mean(figures: &[RunFigures], regime: &str, measure: usize) -> f64 {
    let runs: Vec<f64> = figures
        .iter()
        .filter(|f| f.regime == regime)
        .map(|f| f.values[measure])
        .collect();
    runs.iter().sum::<f64>() / runs.len() as f64
}

#[test]
fn each_regime_leads_on_its_home_criterion_in_its_documented_setting() {
    let mut failures = Vec::new();
    let mut scenarios: Vec<&str> = HOMES.iter().map(|h| h.0).collect();
    scenarios.dedup();
    for file in scenarios {
        let scenario = shipped(file);
        let regimes = available_regimes(&scenario).unwrap();
        assert_eq!(regimes.len(), 5, "expected the five regimes: {regimes:?}");
        let figures =
            compare(&scenario, &regimes, 2, scenario.ticks).unwrap_or_else(|e| panic!("{e}"));
        for &(_, home, criterion) in HOMES.iter().filter(|h| h.0 == file) {
            let measure = MeasureRow::COLUMNS[1..]
                .iter()
                .position(|c| *c == criterion)
                .expect("a measure");
            let lead = mean(&figures, home, measure);
            let others: Vec<String> = regimes
                .iter()
                .filter(|r| *r != home)
                .map(|r| format!("{r} {:.2}", mean(&figures, r, measure)))
                .collect();
            println!(
                "{file}: {criterion} of {home} {lead:.2}; {}",
                others.join(", ")
            );
            for other in regimes.iter().filter(|r| *r != home) {
                let theirs = mean(&figures, other, measure);
                if lead < theirs + 0.25 {
                    failures.push(format!(
                        "in {file}, {other} ({theirs:.2}) came within 0.25 of {home} ({lead:.2}) on {criterion}"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
