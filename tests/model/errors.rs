//! Bad scenario files are refused with the file, line, column and what was
//! expected; never a panic, never a silent default.

use mutualism::scenario::{Scenario, ScenarioError};

use crate::support::{classroom_text, temp_scenario};

fn load_altered(from: &str, to: &str) -> ScenarioError {
    let text = classroom_text();
    assert!(
        text.contains(from),
        "the classroom file no longer contains {from:?}"
    );
    let file = temp_scenario(&text.replacen(from, to, 1));
    match Scenario::load(&file.path) {
        Ok(_) => panic!("a scenario with {to:?} was accepted"),
        Err(e) => e,
    }
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .expect("needle is in the text")
        + 1
}

#[test]
fn a_syntax_error_names_the_file_line_and_column() {
    let e = load_altered("seed: 42,", "seed: 42,,");
    let ScenarioError::Parse {
        path, line, column, ..
    } = &e
    else {
        panic!("expected a parse error, got {e}")
    };
    assert!(path.ends_with("scenario.ron"), "{e}");
    assert_eq!(*line, line_of(&classroom_text(), "seed: 42,"), "{e}");
    assert!(*column > 0, "{e}");
    let shown = e.to_string();
    assert!(
        shown.contains(&format!("scenario.ron:{line}:{column}")),
        "{shown}"
    );
}

#[test]
fn a_misspelt_field_is_refused_by_name() {
    let e = load_altered("description:", "descripton:").to_string();
    assert!(
        e.contains("descripton"),
        "the error must name the misspelt field: {e}"
    );
    assert!(e.contains("scenario.ron:"), "and the file: {e}");
}

#[test]
fn a_misspelt_override_is_refused_by_name() {
    let e = load_altered("overrides: (),", "overrides: (contribution_rat: 0.2),").to_string();
    assert!(e.contains("contribution_rat"), "{e}");
}

#[test]
fn a_share_out_of_range_is_refused_with_its_field_and_value() {
    let e = load_altered(
        "overrides: (),",
        "overrides: (\n        contribution_rate: 1.7,\n    ),",
    );
    let shown = e.to_string();
    assert!(
        shown.contains("contribution_rate") && shown.contains("1.7") && shown.contains("share"),
        "{shown}"
    );
    let ScenarioError::Parse { line, .. } = e else {
        panic!("expected a positioned error: {shown}")
    };
    assert_eq!(
        line,
        line_of(&classroom_text(), "overrides: ()") + 1,
        "{shown}"
    );
}

#[test]
fn a_negative_population_is_refused() {
    let e = load_altered("population: 42000,", "population: -42000,").to_string();
    assert!(e.contains("population") && e.contains("-42000"), "{e}");
}

#[test]
fn an_out_of_range_value_in_the_economy_file_names_that_file() {
    let text = classroom_text().replace("economy/standard.ron", "economy/bad.ron");
    let file = temp_scenario(&text);
    let path = &file.path;
    let economy =
        std::fs::read_to_string(path.parent().unwrap().join("economy/standard.ron")).unwrap();
    std::fs::write(
        path.parent().unwrap().join("economy/bad.ron"),
        economy.replace("wage_share: 0.6,", "wage_share: 1.6,"),
    )
    .unwrap();
    let e = Scenario::load(path).unwrap_err().to_string();
    assert!(
        e.contains("bad.ron:") && e.contains("wage_share") && e.contains("1.6"),
        "{e}"
    );
}

#[test]
fn cohort_shares_that_do_not_sum_to_one_are_refused() {
    let e = load_altered(
        "(population_share: 0.2, earnings_weight: 0.35",
        "(population_share: 0.3, earnings_weight: 0.35",
    )
    .to_string();
    assert!(e.contains("population shares"), "{e}");
}

#[test]
fn a_shock_on_a_missing_region_is_refused() {
    let e = load_altered("Only([6, 7, 8, 9, 10, 11])", "Only([6, 99])").to_string();
    assert!(e.contains("region 99"), "{e}");
}

#[test]
fn a_missing_file_is_named() {
    let e = Scenario::load("scenarios/no-such-file.ron")
        .unwrap_err()
        .to_string();
    assert!(e.contains("no-such-file.ron"), "{e}");
}

#[test]
fn two_regions_on_one_hex_are_refused() {
    let e = load_altered("hex: (q: 0, r: 1)", "hex: (q: 0, r: 0)").to_string();
    assert!(
        e.contains("Ashford") && e.contains("Brindle") && e.contains("hex"),
        "{e}"
    );
}

/// Damages the classroom file in many small ways (a character dropped,
/// doubled or replaced) and checks each load ends in a value or an error
/// naming the file, never a panic.
#[test]
fn damaged_files_are_refused_with_a_position_never_a_panic() {
    use rand::{RngExt, SeedableRng};

    let text = classroom_text();
    let mut rng = chacha20::ChaCha8Rng::seed_from_u64(7);
    let junk = ['(', ')', ',', ':', '"', '-', '9', 'x', ' ', '\n', '[', ']'];
    let mut refused = 0;
    for _ in 0..300 {
        let mut chars: Vec<char> = text.chars().collect();
        let at = rng.random_range(0..chars.len());
        match rng.random_range(0..3) {
            0 => {
                chars.remove(at);
            }
            1 => chars.insert(at, chars[at]),
            _ => chars[at] = junk[rng.random_range(0..junk.len())],
        }
        let damaged: String = chars.into_iter().collect();
        let file = temp_scenario(&damaged);
        if let Err(e) = Scenario::load(&file.path) {
            let shown = e.to_string();
            assert!(
                shown.contains("scenario.ron"),
                "the error must name the file: {shown}"
            );
            assert!(!shown.contains('\n'), "the error must be one line: {shown}");
            refused += 1;
        }
    }
    assert!(
        refused > 100,
        "most damage should be refused, {refused} of 300 were"
    );
}

#[test]
fn economy_overrides_are_checked_and_placed() {
    let from = "    economy: \"economy/standard.ron\",\n";
    let with = |overrides: &str| format!("{from}    economy_overrides: {{ {overrides} }},\n");

    let e = load_altered(from, &with("\"effort_elasticty\": 0.4"));
    let ScenarioError::Parse { line, .. } = &e else {
        panic!("expected a parse error, got {e}")
    };
    let shown = e.to_string();
    assert!(
        shown.contains("effort_elasticty") && shown.contains("economy parameter"),
        "an unknown parameter must be named: {shown}"
    );
    assert_eq!(*line, line_of(&classroom_text(), "economy:") + 1, "{shown}");

    let shown = load_altered(from, &with("\"effort_elasticity\": -0.1")).to_string();
    assert!(
        shown.contains("effort_elasticity") && shown.contains("-0.1"),
        "an override out of its range must be refused with its value: {shown}"
    );

    let text = classroom_text().replacen(from, &with("\"effort_elasticity\": 0.4"), 1);
    let file = temp_scenario(&text);
    let scenario = Scenario::load(&file.path).expect("a good override loads");
    assert_eq!(scenario.economy.effort_elasticity, 0.4);
}
