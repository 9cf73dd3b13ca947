//! Epidemics whose toll grows with the share first infected and with
//! contagion: in the SIR model the final size of an epidemic rises with
//! its basic reproduction number and with its initial infected (Kermack
//! and McKendrick 1927; the final-size relation). Tolerance: strictly
//! more deaths at each step.

use mutualism_model::scenario::{Event, Regions, Shock};

use crate::support::{advance, app, calm_classroom, latest};

/// Epidemic deaths two years after a pandemic seeded in Ashford (region 0)
/// at month 12, with `share` infected and contagion `reproduction`.
fn toll(share: f64, reproduction: f64) -> f64 {
    let mut scenario = calm_classroom();
    scenario.economy.pandemic_reproduction = reproduction;
    scenario.timeline.push(Event {
        tick: 12,
        shock: Shock::Pandemic {
            regions: Regions::Only(vec![0]),
            infected: share,
        },
    });
    let mut app = app(&scenario);
    advance(&mut app, 36);
    latest(&app).deaths_epidemic
}

#[test]
fn an_epidemic_kills_more_the_more_are_first_infected() {
    let r0 = calm_classroom().economy.pandemic_reproduction;
    let tolls: Vec<f64> = [0.01, 0.05, 0.2, 0.5].map(|s| toll(s, r0)).to_vec();
    println!("epidemic deaths by share first infected 0.01, 0.05, 0.2, 0.5: {tolls:.0?}");
    assert!(tolls[0] > 0.0, "a pandemic kills");
    for pair in tolls.windows(2) {
        assert!(
            pair[1] > pair[0],
            "more first infected, more dead: {tolls:.0?}"
        );
    }
}

#[test]
fn an_epidemic_kills_more_the_more_contagious_it_is() {
    let r0 = calm_classroom().economy.pandemic_reproduction;
    let tolls: Vec<f64> = [0.5, 1.0, 2.0].map(|f| toll(0.01, r0 * f)).to_vec();
    println!("epidemic deaths at half, once and twice the reproduction number: {tolls:.0?}");
    for pair in tolls.windows(2) {
        assert!(pair[1] > pair[0], "more contagion, more dead: {tolls:.0?}");
    }
}
