//! A settled start: the world opens where its own flows put money, prices
//! and stocks, so the first year of a calm run looks like the second, under
//! every regime, and no crash at month 1 is mistaken for a policy's doing.

use mutualism_model::scenario::Scenario;

use crate::support::{advance, app, presets, rows, shipped};

#[test]
fn the_first_year_of_a_calm_run_looks_like_the_second_under_every_regime() {
    let mut calm = shipped("classroom.ron");
    calm.timeline.clear();
    calm.economy.drought_probability_annual = 0.0;
    for (name, policy) in presets() {
        let scenario = Scenario {
            policy,
            ..calm.clone()
        };
        let mut app = app(&scenario);
        advance(&mut app, 24);
        let rows = rows(&app);
        let mean = |range: std::ops::Range<usize>,
                    f: fn(&mutualism_model::sim::measures::MeasureRow) -> f64| {
            rows[range.clone()].iter().map(f).sum::<f64>() / range.len() as f64
        };
        let (first, second) = (
            mean(0..12, |r| r.output_per_person),
            mean(12..24, |r| r.output_per_person),
        );
        // The crash of a cold start: a month well below the one before.
        let steepest_fall = rows[..12]
            .windows(2)
            .map(|w| 1.0 - w[1].output_per_person / w[0].output_per_person)
            .fold(0.0, f64::max);
        let inflation = rows[..12]
            .iter()
            .map(|r| r.inflation.abs())
            .fold(0.0, f64::max);
        println!(
            "{name}: output per person, year one {first:.3}, year two {second:.3}; steepest monthly fall in year one {:.1}%; largest inflation in year one {:.1}%",
            100.0 * steepest_fall,
            100.0 * inflation
        );
        // Within a few percent: what is left is the regime's own growth
        // (skills, health and capital moving towards what it sustains).
        assert!(
            (first / second - 1.0).abs() < 0.06,
            "{name}: year one's output per person {first:.3} should be within 6% of year two's {second:.3}"
        );
        assert!(
            steepest_fall < 0.02,
            "{name}: no month of year one should fall 2% below the month before: {:.1}%",
            100.0 * steepest_fall
        );
        assert!(
            inflation < 0.1,
            "{name}: prices should not jump in year one: {:.1}%",
            100.0 * inflation
        );
    }
}
