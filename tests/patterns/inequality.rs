//! The Gini coefficient of distributions whose value is known: 0 when all
//! hold alike, 1 − 1/n when one of n holds everything, 1/3 for a uniform
//! distribution and 1/2 for an exponential one (standard results; e.g.
//! Cowell 2011, Measuring Inequality). Tolerance: a thousandth, the error
//! of ten thousand equal groups standing in for a continuous distribution.

use mutualism_model::sim::base::stats::gini;

#[test]
fn the_gini_of_known_distributions() {
    let n = 10_000;
    let equal = (0..n).map(|_| (5.0, 1.0));
    assert!(gini(equal).abs() < 1e-12);
    let one_holds_all = (0..10).map(|i| (if i == 0 { 1.0 } else { 0.0 }, 1.0));
    assert!((gini(one_holds_all) - 0.9).abs() < 1e-12);
    let quantile = |i: u32| (f64::from(i) + 0.5) / f64::from(n);
    let uniform = (0..n).map(|i| (quantile(i), 1.0));
    assert!((gini(uniform) - 1.0 / 3.0).abs() < 1e-3);
    let exponential = (0..n).map(|i| (-(1.0 - quantile(i)).ln(), 1.0));
    assert!((gini(exponential) - 0.5).abs() < 1e-3);
}
