//! Unemployment after a demand collapse rises and falls back over years,
//! not months: after banking crises unemployment rose for 4.8 years on
//! average, by 7 percentage points (Reinhart and Rogoff 2009, The
//! Aftermath of Financial Crises, AER 99(2)); in the Keynes+Schumpeter
//! agent-based models, likewise, downturns are followed by slow recoveries
//! (Dosi, Fagiolo and Roventini 2010). Tolerance: half the rise still there
//! two years on.

use crate::support::{advance, app, classroom_crash, crash_rise, rows};

#[test]
#[ignore = "fails today: two years after the crash unemployment is back near where it was (0.070, against 0.083 over the year before). Tried in stop 31, each alone: precautionary saving on the region's lasting unemployment at 0.5 (0.071 two years on), the crunch easing at a quarter a year instead of a half (0.102), wage cuts capped at 7% a year (0.088). Not shown by an ablation, a likely reason: nominal demand does not fall, since the money stock is fixed and firms pay out what they do not spend; slow recovery probably needs money that contracts with credit (issue 30, item 3)"]
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
