//! The labour market can fail: in a calm world unemployment settles at a
//! plausible low rate under every regime, above the frictional floor's
//! zero; when demand falls it rises, the wage falls slowly, and the
//! unemployed lose pay and, if it lasts, skills.

use mutualism_model::scenario::Scenario;
use mutualism_model::sim::base::params::Economy;
use mutualism_model::sim::economy::LabourMarket;
use mutualism_model::sim::people::Cohorts;

use crate::support::{advance, app, presets, recent_mean, shipped};

fn calm_classroom() -> Scenario {
    let mut calm = shipped("classroom.ron");
    calm.timeline.clear();
    calm.economy.drought_probability_annual = 0.0;
    calm
}

#[test]
fn in_a_calm_classroom_unemployment_is_above_zero_and_below_ten_percent_under_every_regime() {
    for (name, policy) in presets() {
        let scenario = Scenario {
            policy,
            ..calm_classroom()
        };
        let mut app = app(&scenario);
        advance(&mut app, 120);
        let unemployment = recent_mean(&app, 60, |r| r.unemployment);
        println!(
            "{name}: unemployment over years 6 to 10 {:.1}%",
            100.0 * unemployment
        );
        assert!(
            unemployment > 0.01 && unemployment < 0.10,
            "{name}: {:.1}%",
            100.0 * unemployment
        );
    }
}

/// Over the year before `months`: unemployment and the poorest cohort's
/// employment; at `months`, the mean wage and the poorest's skills. At
/// month 12 firms' wage budgets shrink to `wage_share` of revenue.
fn labour_figures(scenario: &Scenario, wage_share: f64, months: u32) -> [f64; 4] {
    let mut app = app(scenario);
    advance(&mut app, 12);
    app.world_mut().resource_mut::<Economy>().wage_share = wage_share;
    advance(&mut app, months - 24);
    let mut employment = 0.0;
    for _ in 0..12 {
        advance(&mut app, 1);
        let world = app.world_mut();
        let mut cohorts = world.query::<&Cohorts>();
        let n = cohorts.iter(world).count() as f64;
        employment += cohorts.iter(world).map(|c| c.0[0].employment).sum::<f64>() / n / 12.0;
    }
    let unemployment = recent_mean(&app, 12, |r| r.unemployment);
    let world = app.world_mut();
    let (mut wage, mut skills, mut n) = (0.0, 0.0, 0.0);
    for (cohorts, labour) in world.query::<(&Cohorts, &LabourMarket)>().iter(world) {
        wage += labour.wage;
        skills += cohorts.0[0].skills;
        n += 1.0;
    }
    [unemployment, wage / n, employment, skills / n]
}

#[test]
fn when_firms_can_afford_fewer_workers_unemployment_rises_falls_on_the_least_skilled_and_scars() {
    let scenario = Scenario {
        policy: presets()
            .into_iter()
            .find(|(n, _)| n == "social_market")
            .unwrap()
            .1,
        ..calm_classroom()
    };
    let share = scenario.economy.wage_share;
    // A year after firms' wage budgets shrink by a quarter (a demand shock
    // in the wage bill, as when credit dries up) against a run without it:
    // the wage takes that year to fall, and meanwhile people lose work.
    let [u0, w0, e0, _] = labour_figures(&scenario, share, 24);
    let [u1, w1, e1, s1] = labour_figures(&scenario, 0.75 * share, 24);
    println!(
        "a year on: unemployment {:.1}% vs {:.1}%, wage {w0:.2} vs {w1:.2}, the poorest's employment {e0:.3} vs {e1:.3}",
        100.0 * u0,
        100.0 * u1
    );
    assert!(
        u1 > u0 + 0.02,
        "unemployment should rise: {u1:.3} vs {u0:.3}"
    );
    assert!(w1 < w0, "the wage should fall: {w1:.2} vs {w0:.2}");
    assert!(e1 < e0, "the poorest should lose work: {e1:.3} vs {e0:.3}");
    // The scar, switched off: the same shock leaves the poorest more
    // skilled.
    let mut unscarred = scenario.clone();
    unscarred.economy.unemployment_skill_scarring = 0.0;
    let [.., s2] = labour_figures(&unscarred, 0.75 * share, 24);
    println!("the poorest's skills a year on, with scarring and without: {s1:.4} vs {s2:.4}");
    assert!(
        s1 < s2,
        "lasting unemployment should scar skills: {s1:.4} vs {s2:.4}"
    );
}

/// Mean unemployment over years 2 to 10 of the calm classroom with a
/// `frictional` share of the labour force between jobs.
fn calm_unemployment(frictional: f64) -> f64 {
    let mut scenario = calm_classroom();
    scenario.economy.frictional_unemployment = frictional;
    let mut app = app(&scenario);
    advance(&mut app, 120);
    recent_mean(&app, 96, |r| r.unemployment)
}

/// Unemployment is an outcome, not its own parameter: in a calm world the
/// sticky wage chases a labour demand that drifts as prices and people
/// change, and leaves more than a point of unemployment beyond the
/// frictional share, whatever that share is set to.
#[test]
fn calm_unemployment_is_not_the_frictional_share() {
    for frictional in [0.0, 0.04, 0.08] {
        let unemployment = calm_unemployment(frictional);
        println!("frictional {frictional:.2}: unemployment over years 2 to 10 {unemployment:.4}");
        assert!(
            (unemployment - frictional).abs() > 0.01,
            "unemployment {unemployment:.4} restates the frictional share {frictional:.2}"
        );
    }
}

/// Unemployment before a total credit crash at month 24, at its worst in
/// the year after, and a year on, with the wage moving at
/// `wage_adjustment_annual` and falling at most `wage_cut_max_annual` a year.
fn crash_unemployment(wage_adjustment_annual: f64, wage_cut_max_annual: f64) -> [f64; 3] {
    let mut scenario = crate::support::classroom_crash();
    scenario.economy.wage_adjustment_annual = wage_adjustment_annual;
    scenario.economy.wage_cut_max_annual = wage_cut_max_annual;
    let mut app = app(&scenario);
    advance(&mut app, 37);
    let rows = crate::support::rows(&app);
    let (before, peak) = crate::support::crash_rise(rows);
    [before, peak, rows[36].unemployment]
}

/// A wage that falls at the pace wage Phillips curves show, and no faster
/// than the record, keeps people out of work for more than a year after a
/// crash (a year on, more than three points more of the labour force than
/// over the year before); the same crash with the wage moving twelve times
/// as fast (as it did by mistake until stop 29) and cut as deep as the gap
/// asks is mostly over within the year (less than three points).
#[test]
fn a_sticky_wage_keeps_a_crash_unemployed_beyond_a_year() {
    let economy = calm_classroom().economy;
    let [before, peak, year_on] =
        crash_unemployment(economy.wage_adjustment_annual, economy.wage_cut_max_annual);
    let [fast_before, fast_peak, fast_year_on] =
        crash_unemployment(12.0 * economy.wage_adjustment_annual, 1.0);
    println!(
        "unemployment before, at worst and a year after a crash: {before:.3} {peak:.3} {year_on:.3}; with a wage twelve times as fast {fast_before:.3} {fast_peak:.3} {fast_year_on:.3}"
    );
    assert!(peak > before + 0.1, "a total crash puts many out of work");
    assert!(
        year_on - before > 0.03,
        "a year on, more than three points more of the labour force are out of work: {before:.3} {peak:.3} {year_on:.3}"
    );
    assert!(
        fast_year_on - fast_before < 0.03,
        "with the fast wage, less than three: {fast_before:.3} {fast_peak:.3} {fast_year_on:.3}"
    );
}
