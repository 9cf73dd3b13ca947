//! Power: the ledger concentrates where nothing checks it, rotation and
//! separation of powers hold it near its starting split, and emergency
//! powers without a sunset clause ratchet officials' hold on regulation.

use mutualism_model::sim::people::Region;
use mutualism_model::sim::power::PowerLedger;

use bevy::prelude::*;
use mutualism_model::sim::people::Cohorts;

use crate::support::{advance, app, calm_classroom, latest, presets, shipped};

/// The regions' power ledgers' dispersion (0..100), weighted by the living:
/// the mechanism alone, where the criterion also counts the dead as
/// holding none.
fn ledger_dispersion(app: &mut App) -> f64 {
    let world = app.world_mut();
    let (weighted, people) =
        world
            .query::<(&Cohorts, &PowerLedger)>()
            .iter(world)
            .fold((0.0, 0.0), |(w, n), (c, l)| {
                let p = c.population();
                (w + p * l.dispersion(), n + p)
            });
    100.0 * weighted / people
}

/// The classroom without droughts or captures under `preset`, with
/// rotation and separation set and everything published (no informal
/// power), so that only the formal ledger's rules act: power dispersion at
/// month 1 and after `years`.
fn dispersion_over(preset: &str, rotation: f64, separation: f64, years: u32) -> (f64, f64) {
    let mut scenario = calm_classroom();
    scenario.ticks = 12 * years;
    scenario.policy = presets()
        .into_iter()
        .find(|(name, _)| name == preset)
        .expect("the preset")
        .1;
    scenario.policy.rotation_years = rotation;
    scenario.policy.separation_of_powers = separation;
    scenario.policy.transparency = 1.0;
    let mut app = app(&scenario);
    advance(&mut app, 1);
    let start = ledger_dispersion(&mut app);
    advance(&mut app, 12 * years - 1);
    (start, ledger_dispersion(&mut app))
}

#[test]
fn unchecked_power_concentrates_over_fifty_years_and_rotation_with_separation_hold_it() {
    for preset in ["liberal_market", "adaptive_mutualism"] {
        let (start, unchecked) = dispersion_over(preset, 0.0, 0.0, 50);
        let (_, checked) = dispersion_over(preset, 4.0, 1.0, 50);
        println!(
            "{preset}: power dispersion {start:.1} at the start, {unchecked:.1} after fifty years unchecked, {checked:.1} with four-year rotation and separation"
        );
        assert!(
            unchecked < start - 10.0,
            "{preset}: unchecked, the largest holders gather power: {start:.1} → {unchecked:.1}"
        );
        assert!(
            (checked - start).abs() < 3.0,
            "{preset}: rotation and separation keep it near where it began: {start:.1} → {checked:.1}"
        );
    }
}

/// Greystone's (region 6) officials' share of regulation power ten years
/// after a two-year drought on its federation trips the emergency
/// protocol, with a sunset clause of `sunset` months (0: none), and the
/// world's power dispersion.
fn after_an_emergency(sunset: f64) -> (f64, f64) {
    let mut scenario = crate::support::classroom_east_drought();
    scenario.policy.emergency_threshold = 0.9;
    scenario.policy.emergency_sunset_months = sunset;
    scenario.policy.rotation_years = 4.0;
    let mut app = app(&scenario);
    advance(&mut app, 132);
    let dispersion = ledger_dispersion(&mut app);
    let world = app.world_mut();
    let officials = world
        .query::<(&Region, &PowerLedger)>()
        .iter(world)
        .find(|(r, _)| r.id == 6)
        .map(|(_, l)| l.shares[3][1])
        .expect("Greystone");
    (officials, dispersion)
}

#[test]
fn emergency_powers_without_a_sunset_clause_ratchet_concentration() {
    let (officials, dispersion) = after_an_emergency(6.0);
    let (officials_forever, dispersion_forever) = after_an_emergency(0.0);
    println!(
        "ten years on, Greystone's officials hold {officials_forever:.2} of regulation power with no sunset clause, {officials:.2} with a six-month one; the ledgers' dispersion {dispersion_forever:.1} vs {dispersion:.1}"
    );
    assert!(
        officials_forever > officials + 0.1,
        "powers that never end stay with officials: {officials_forever:.2} vs {officials:.2}"
    );
    assert!(
        dispersion_forever < dispersion,
        "and power is less dispersed: {dispersion_forever:.1} vs {dispersion:.1}"
    );
}

/// The classroom without droughts under adaptive mutualism with
/// `innovation_mode`: the technical elites' mean share of information power
/// across regions after twenty years, and the world's power dispersion.
fn elites_after(mode: mutualism_model::sim::institutions::InnovationMode) -> (f64, f64) {
    let mut scenario = calm_classroom();
    scenario.policy.innovation_mode = mode;
    let mut app = app(&scenario);
    advance(&mut app, 240);
    let world = app.world_mut();
    let shares: Vec<f64> = world
        .query::<&PowerLedger>()
        .iter(world)
        .map(|l| l.shares[1][4])
        .collect();
    let mean = shares.iter().sum::<f64>() / shares.len() as f64;
    (mean, latest(&app).power_dispersion)
}

#[test]
fn patented_know_how_turns_into_technical_elites_information_power_and_open_does_not() {
    use mutualism_model::sim::institutions::InnovationMode;
    let (patents, dispersion_patents) = elites_after(InnovationMode::Patents);
    let (open, dispersion_open) = elites_after(InnovationMode::Open);
    println!(
        "after twenty years technical elites hold {patents:.2} of information power where know-how is patented, {open:.2} where it is open; power dispersion {dispersion_patents:.1} vs {dispersion_open:.1}"
    );
    assert!(
        patents > open + 0.05,
        "hoarded knowledge becomes power: {patents:.2} vs {open:.2}"
    );
    assert!(
        dispersion_patents < dispersion_open,
        "and concentrates it: {dispersion_patents:.1} vs {dispersion_open:.1}"
    );
}

/// A tenure shorter than a month turns every office-holder over each
/// month, and no more: power dispersion stays a measure between 0 and 100
/// (a tenure of 0.01 years once sent it to −9.7e14, returning power a
/// hundred times over each month).
#[test]
fn a_tenure_shorter_than_a_month_keeps_power_dispersion_in_its_range() {
    for preset in ["liberal_market", "central_plan"] {
        let (start, end) = dispersion_over(preset, 0.01, 0.0, 2);
        assert!(
            (0.0..=100.0).contains(&start) && (0.0..=100.0).contains(&end),
            "{preset}: power dispersion {start} at the start, {end} after two years"
        );
    }
}

/// Checks a captor turned off and checks won back over `years` years of
/// the classroom under adaptive mutualism, without droughts but with its
/// capture attempts, with citizens' movements at `movement` a year and
/// elections every `election` years.
fn checks_over(movement: f64, election: f64, years: u32) -> (usize, usize) {
    use mutualism_model::sim::crisis::{EventLog, Happening};
    let mut scenario = calm_classroom();
    scenario.economy.capture_attempts_annual =
        shipped("classroom.ron").economy.capture_attempts_annual;
    scenario.economy.check_restoration_annual = movement;
    scenario.economy.election_years = election;
    let mut app = app(&scenario);
    advance(&mut app, 12 * years);
    let log = &app.world().resource::<EventLog>().0;
    let count = |f: fn(&Happening) -> bool| log.iter().filter(|e| f(&e.what)).count();
    (
        count(|h| matches!(h, Happening::CheckRemoved { .. })),
        count(|h| matches!(h, Happening::CheckRestored { .. })),
    )
}

#[test]
fn checks_a_captor_removed_come_back_by_elections_and_movements() {
    let economy = calm_classroom().economy;
    let (removed, restored) = checks_over(
        economy.check_restoration_annual,
        economy.election_years,
        100,
    );
    // Elections once in a thousand years and no movement: nothing comes
    // back, as before checks could be restored.
    let (removed_one_way, restored_one_way) = checks_over(0.0, 1000.0, 100);
    println!(
        "in a century: {removed} checks removed and {restored} won back; with neither elections nor movements {removed_one_way} removed, {restored_one_way} won back"
    );
    assert!(removed > 0, "captors turn checks off");
    assert!(
        restored > 0 && restored <= removed,
        "free councils win some back: {restored} of {removed}"
    );
    assert_eq!(restored_one_way, 0, "without elections or movements none");
}
