//! A renewable stock harvested at a constant rate below its maximum
//! sustainable yield (`r·K/4` a year for logistic regrowth) settles and
//! holds; harvested above it, it collapses (Schaefer 1954; Clark 1990,
//! Mathematical Bioeconomics, ch. 1). Tolerance: a tenth of the yield
//! either side, over a century.

use bevy::prelude::*;
use mutualism_model::sim::ecology::{Commons, CommonsKind};

/// The stock after `years` years of a constant harvest of `share` of the
/// maximum sustainable yield, from full capacity.
fn after(share: f64, years: u32) -> f64 {
    let mut forest = Commons::stated(
        Entity::PLACEHOLDER,
        CommonsKind::Forest,
        1000.0,
        1000.0,
        0.4,
        200.0,
    );
    let monthly_yield = share * forest.regeneration_rate * forest.capacity / 4.0 / 12.0;
    for _ in 0..12 * years {
        let grown = forest.monthly_regrowth(1.0);
        forest.stock = (forest.stock + grown - monthly_yield).max(0.0);
    }
    forest.stock
}

#[test]
fn a_stock_holds_below_its_maximum_sustainable_yield_and_collapses_above_it() {
    let (below, above) = (after(0.9, 100), after(1.1, 100));
    println!("after a century: {below:.0} at 0.9 of the yield, {above:.0} at 1.1 (capacity 1000)");
    assert!(
        below > 500.0,
        "below the yield it holds above half capacity: {below:.0}"
    );
    assert!(
        above < 200.0,
        "above it, it falls past the tipping point: {above:.0}"
    );
}
