//! Famine mortality by food shortfall: hunger kills only below a
//! subsistence ration, and more than in proportion as the ration falls
//! (Pelletier et al. 1995, Bulletin of the WHO 73:443, mortality rises
//! with the severity of malnutrition; Keys et al. 1950, three quarters of
//! the planning ration for 24 weeks killed no one).

use mutualism_model::sim::people::Mortality;

use crate::support::shipped;

#[test]
fn hunger_kills_only_below_subsistence_and_ever_more_steeply_below_it() {
    let economy = shipped("classroom.ron").economy;
    let mortality = Mortality::of(&economy);
    let hunger = |food: f64| mortality.rates(food, 1.0).0;
    let s = economy.subsistence_food;
    for food in [s, 0.8, 1.0] {
        assert_eq!(hunger(food), 0.0, "no one starves at food coverage {food}");
    }
    let steps: Vec<f64> = (0..=10).map(|i| s * f64::from(i) / 10.0).collect();
    let rates: Vec<f64> = steps.iter().map(|&f| hunger(f)).collect();
    for pair in rates.windows(2) {
        assert!(pair[0] > pair[1], "less food, more deaths: {rates:?}");
    }
    // Convex: each tenth of the ration lost kills more than the one before.
    let losses: Vec<f64> = rates.windows(2).map(|p| p[0] - p[1]).collect();
    for pair in losses.windows(2) {
        assert!(pair[0] > pair[1], "ever more steeply: {losses:?}");
    }
    let full = 1.0 - (1.0 - economy.starvation_mortality_annual).powf(1.0 / 12.0);
    assert!(
        (hunger(0.0) - full).abs() < 1e-12,
        "no food at all: the whole rate"
    );
}
