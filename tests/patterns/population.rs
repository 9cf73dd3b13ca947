//! Calm populations are stable where basics are broadly met: with crude
//! birth and death rates of high- and upper-middle-income countries (UN
//! World Population Prospects 2024; natural increase of about −0.2 to
//! +0.3% a year), a population whose needs are met changes by less than
//! a tenth over thirty years. Where the poorest go short, it may not: that
//! is the finding, not the pattern.

use crate::support::{advance, app, calm_classroom, presets, rows};

#[test]
fn a_calm_world_whose_poorest_are_fed_keeps_its_people() {
    let mut held = 0;
    for (regime, policy) in presets() {
        let mut scenario = calm_classroom();
        scenario.policy = policy;
        let mut app = app(&scenario);
        advance(&mut app, 360);
        let rows = rows(&app);
        let met = rows.iter().map(|r| r.poorest_basics_coverage).sum::<f64>() / rows.len() as f64;
        let change = rows[rows.len() - 1].population / rows[0].population - 1.0;
        println!(
            "{regime}: the poorest's basics met {met:.2} on average; population {:+.1}% in 30 years",
            100.0 * change
        );
        if met >= scenario.economy.subsistence_food {
            assert!(
                change.abs() < 0.1,
                "{regime}: the poorest's basics met {met:.2} on average, yet the population changed {:+.1}% in 30 calm years",
                100.0 * change
            );
            held += 1;
        }
    }
    assert!(
        held >= 2,
        "at least two regimes meet the poorest's basics: {held}"
    );
}
