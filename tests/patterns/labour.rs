//! Unemployment after a demand collapse rises and falls back over years,
//! not months: after banking crises unemployment rose for 4.8 years on
//! average, by 7 percentage points (Reinhart and Rogoff 2009, The
//! Aftermath of Financial Crises, AER 99(2)); in the Keynes+Schumpeter
//! agent-based models, likewise, downturns are followed by slow recoveries
//! (Dosi, Fagiolo and Roventini 2010). Tolerance: half the rise still there
//! two years on.

use crate::support::{advance, app, classroom_crash, crash_rise, rows};

#[test]
fn unemployment_after_a_crash_stays_high_for_years() {
    let mut app = app(&classroom_crash());
    advance(&mut app, 72);
    let rows = rows(&app);
    let (before, peak) = crash_rise(rows);
    let two_years_on = rows[24 + 24].unemployment;
    println!(
        "unemployment {before:.3} before the crash, {peak:.3} at worst, {two_years_on:.3} two years on"
    );
    assert!(peak > before + 0.03, "a crash puts people out of work");
    assert!(
        two_years_on - before > (peak - before) / 2.0,
        "and half of it is still there two years on"
    );
}
