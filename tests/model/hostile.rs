//! Hostile but legal scenarios, generated: the classroom on any seed with
//! any of its levers set anywhere in their limits (often at a limit), and
//! many shocks of every kind at any size their limits allow, in any month,
//! on any regions. Every such file runs: no month stops at a fault (a measure
//! that is not a number or is out of its range) and the books hold.
//!
//! `PROPTEST_CASES` sets how many files are tried (256 unless set); a
//! failure prints the smallest file proptest finds that still fails, ready
//! to save and run with `mutualism run FILE --check`.

use std::fmt::Write as _;

use mutualism_model::headless;
use mutualism_model::scenario::Scenario;
use mutualism_model::sim::crisis::ShockKind;
use mutualism_model::sim::institutions::{LEVERS, LeverKind};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use crate::support::scenarios_dir;

/// Months each generated scenario runs.
const MONTHS: u32 = 60;

/// Regions and federations in the classroom.
const REGIONS: u32 = 12;
const FEDERATIONS: u32 = 2;

/// A value within `min..=max`: often one of the limits, else anywhere.
fn within(min: f64, max: f64) -> impl Strategy<Value = f64> {
    prop_oneof![Just(min), Just(max), min..=max]
}

/// Lever overrides as a scenario writes them, `name: value`, each lever
/// once.
fn levers() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::btree_set(0..LEVERS.len(), 0..12).prop_flat_map(|chosen| {
        chosen
            .into_iter()
            .map(|i| {
                let lever = &LEVERS[i];
                match lever.kind {
                    LeverKind::Number { limits } => within(limits.min, limits.max)
                        .prop_map(move |v| format!("{}: {v:?}", lever.name))
                        .boxed(),
                    LeverKind::Choice { options } => (0..options.len())
                        .prop_map(move |o| format!("{}: {}", lever.name, options[o]))
                        .boxed(),
                }
            })
            .collect::<Vec<_>>()
    })
}

/// Which regions a shock strikes, as a scenario writes it.
fn regions() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("All".to_string()),
        (0..FEDERATIONS).prop_map(|f| format!("Federation({f})")),
        proptest::collection::btree_set(0..REGIONS, 1..4).prop_map(|ids| format!(
            "Only([{}])",
            ids.iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        )),
    ]
}

/// A shock of any kind in the timeline, as a scenario writes it.
fn event() -> impl Strategy<Value = String> {
    (1..MONTHS, 0..ShockKind::ALL.len(), regions(), 1u32..=60).prop_flat_map(
        |(tick, kind, regions, months)| {
            let kind = ShockKind::ALL[kind];
            let (min, max) = kind
                .size()
                .map_or((0.0, 0.0), |s| (s.limits.min, s.limits.max));
            within(min, max).prop_map(move |size| {
                let shock = match kind {
                    ShockKind::Drought => {
                        format!("Drought(regions: {regions}, severity: {size:?}, months: {months})")
                    }
                    ShockKind::SupplyShock => {
                        format!("SupplyShock(regions: {regions}, share: {size:?}, links: {size:?})")
                    }
                    ShockKind::Scarcity => {
                        format!("Scarcity(regions: {regions}, share: {size:?}, months: {months})")
                    }
                    ShockKind::MigrationWave => {
                        format!("MigrationWave(regions: {regions}, growth: {size:?})")
                    }
                    ShockKind::Pandemic => {
                        format!("Pandemic(regions: {regions}, infected: {size:?})")
                    }
                    ShockKind::FinancialCrash => {
                        format!("FinancialCrash(regions: {regions}, severity: {size:?})")
                    }
                    ShockKind::Sabotage => {
                        format!("Sabotage(regions: {regions}, share: {size:?}, months: {months})")
                    }
                    ShockKind::Automation => {
                        format!("Automation(regions: {regions}, share: {size:?})")
                    }
                    ShockKind::Fragmentation => {
                        format!("Fragmentation(regions: {regions}, friction: {size:?})")
                    }
                    ShockKind::CaptureAttempt => format!("CaptureAttempt(regions: {regions})"),
                    ShockKind::Wildfire => {
                        format!("Wildfire(regions: {regions}, share: {size:?})")
                    }
                };
                format!("(tick: {tick}, shock: {shock})")
            })
        },
    )
}

/// The classroom's file on `seed` with `levers` as its overrides and
/// `events` as its timeline, its economy and regime named by absolute path so that the
/// file runs from anywhere.
fn scenario_text(seed: u64, levers: &[String], events: &[String]) -> String {
    let dir = scenarios_dir()
        .canonicalize()
        .expect("the scenarios folder");
    let text = std::fs::read_to_string(dir.join("classroom.ron")).expect("the classroom");
    let start = text.find("    timeline: [").expect("a timeline");
    let end = start + text[start..].find("\n    ],").expect("its end") + "\n    ],".len();
    let mut timeline = String::from("    timeline: [\n");
    for event in events {
        let _ = writeln!(timeline, "        {event},");
    }
    timeline.push_str("    ],");
    let text = format!("{}{timeline}{}", &text[..start], &text[end..]);
    text.replace("seed: 42,", &format!("seed: {seed},"))
        .replace(
            "overrides: ()",
            &format!("overrides: ({})", levers.join(", ")),
        )
        .replace(
            "economy: \"economy/",
            &format!("economy: \"{}/economy/", dir.display()),
        )
        .replace(
            "regime: \"presets/",
            &format!("regime: \"{}/presets/", dir.display()),
        )
}

/// Runs the file `text`; an error says what stopped it.
fn runs(text: &str, case: u64) -> Result<(), String> {
    let path = std::env::temp_dir().join(format!(
        "mutualism-hostile-{}-{case}.ron",
        std::process::id()
    ));
    std::fs::write(&path, text).map_err(|e| e.to_string())?;
    let scenario = Scenario::load(&path);
    let _ = std::fs::remove_file(&path);
    let scenario = scenario.map_err(|e| format!("refused: {e}"))?;
    let mut app = headless::app(&scenario, scenario.seed, true);
    headless::advance(&mut app, MONTHS).map_err(|e| e.to_string())
}

#[test]
fn hostile_but_legal_scenarios_run_without_a_fault() {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let case = std::cell::Cell::new(0);
    let strategy = (
        0..1000u64,
        levers(),
        proptest::collection::vec(event(), 0..16),
    );
    let result = runner.run(&strategy, |(seed, levers, events)| {
        case.set(case.get() + 1);
        let text = scenario_text(seed, &levers, &events);
        runs(&text, case.get()).map_err(|e| TestCaseError::fail(format!("{e}\n\n{text}")))
    });
    if let Err(failure) = result {
        panic!("a legal scenario failed: {failure}");
    }
}
