//! Every shipped scenario and preset loads, runs and keeps its books.

use mutualism::scenario::{Scenario, load_policy};

use crate::support::{advance, app, latest, scenarios_dir, shipped};

#[test]
fn every_scenario_file_loads_and_runs_a_year_with_the_books_checked() {
    let mut seen = 0;
    for entry in std::fs::read_dir(scenarios_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "ron") {
            continue;
        }
        let scenario = Scenario::load(&path).unwrap_or_else(|e| panic!("{e}"));
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
        seen >= 2,
        "expected the classroom and the larger scenario, found {seen} files"
    );
}

#[test]
fn every_preset_conserves_money_and_goods_for_twenty_years() {
    let mut seen = 0;
    for entry in std::fs::read_dir(scenarios_dir().join("presets")).unwrap() {
        let path = entry.unwrap().path();
        let mut scenario = shipped("classroom.ron");
        scenario.policy = load_policy(&path).unwrap_or_else(|e| panic!("{e}"));
        let mut app = app(&scenario);
        // `advance` fails the test at the first tick whose books do not balance.
        advance(&mut app, 240);
        seen += 1;
    }
    assert!(seen >= 3, "expected several presets, found {seen}");
}

#[test]
fn every_preset_conserves_money_and_goods_for_a_century_on_the_continent() {
    let mut seen = 0;
    for entry in std::fs::read_dir(scenarios_dir().join("presets")).unwrap() {
        let path = entry.unwrap().path();
        let mut scenario = shipped("continent.ron");
        scenario.policy = load_policy(&path).unwrap_or_else(|e| panic!("{e}"));
        let mut app = app(&scenario);
        advance(&mut app, 1200);
        assert_eq!(latest(&app).tick, 1200, "{}", path.display());
        seen += 1;
    }
    assert!(seen >= 5, "expected the five regimes, found {seen}");
}
