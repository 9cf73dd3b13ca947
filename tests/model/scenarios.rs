//! Every shipped scenario and preset loads, runs and keeps its books.

use mutualism_model::scenario::Scenario;

use crate::support::{advance, app, latest, presets, scenarios_dir, shipped};

#[test]
fn every_scenario_file_loads_has_lesson_notes_and_runs_a_year_with_the_books_checked() {
    let mut seen = 0;
    let folders = [scenarios_dir(), scenarios_dir().join("crises")];
    let files = folders
        .iter()
        .flat_map(|dir| std::fs::read_dir(dir).unwrap())
        .map(|entry| entry.unwrap().path());
    for path in files {
        if path.extension().is_none_or(|e| e != "ron") {
            continue;
        }
        let scenario = Scenario::load(&path).unwrap_or_else(|e| panic!("{e}"));
        for section in ["## The story", "## Watch", "## Try", "## Debrief"] {
            assert!(
                scenario.info.contains(section),
                "{}: its lesson notes (`info`) lack `{section}`",
                path.display()
            );
        }
        assert!(
            !scenario.lesson_levers.is_empty(),
            "{}: lists no `lesson_levers` for presenter mode",
            path.display()
        );
        let mut app = app(&scenario);
        advance(&mut app, 12);
        let row = latest(&app);
        assert!(
            row.population > 0.0,
            "{}: nobody left after a year",
            path.display()
        );
        seen += 1;
    }
    assert!(
        seen >= 14,
        "expected the five scenarios and the nine crises, found {seen} files"
    );
}

/// Runs every preset on a shipped scenario for `months`; `advance` fails the
/// test at the first tick whose books do not balance.
fn every_preset_keeps_its_books(scenario: &str, months: u32) {
    let presets = presets();
    assert_eq!(presets.len(), 5, "expected the five regimes");
    for (name, policy) in presets {
        let mut scenario = shipped(scenario);
        scenario.policy = policy;
        let mut app = app(&scenario);
        advance(&mut app, months);
        assert_eq!(latest(&app).tick, months, "{name}");
    }
}

#[test]
fn every_preset_conserves_money_and_goods_for_twenty_years() {
    every_preset_keeps_its_books("classroom.ron", 240);
}

#[test]
fn every_preset_conserves_money_and_goods_for_a_century_on_the_continent() {
    every_preset_keeps_its_books("continent.ron", 1200);
}
