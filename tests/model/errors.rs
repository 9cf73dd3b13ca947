//! Bad scenario files are refused with the file, line, column and what was
//! expected; never a panic, never a silent default.

use mutualism_model::scenario::{Scenario, ScenarioError};

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

/// The classroom's refusal when its economy file has `from` changed to
/// `to` (once).
fn economy_refused(from: &str, to: &str) -> String {
    let text = classroom_text().replace("economy/standard.ron", "economy/bad.ron");
    let file = temp_scenario(&text);
    let dir = file.path.parent().unwrap().to_path_buf();
    let economy = std::fs::read_to_string(dir.join("economy/standard.ron")).unwrap();
    assert!(economy.contains(from), "the economy file has {from}");
    std::fs::write(dir.join("economy/bad.ron"), economy.replacen(from, to, 1)).unwrap();
    Scenario::load(&file.path).unwrap_err().to_string()
}

/// A value per sector is written with the sectors' names; a list by
/// position, a missing sector or a bad value is refused naming the sector.
#[test]
fn values_per_sector_are_read_by_name() {
    let refused = economy_refused;
    let prices = "base_price: (food: 1.0, housing: 1.5, health: 1.0, education: 0.8, energy: 0.4, personal: 1.0)";
    let e = refused(prices, "base_price: [1.0, 1.5, 1.0, 0.8, 0.4, 1.0]");
    assert!(
        e.contains("bad.ron:") && e.contains("base_price") && e.contains("per sector"),
        "a list by position: {e}"
    );
    let e = refused(
        prices,
        "base_price: (food: 1.0, housing: 1.5, health: 1.0, education: 0.8, energy: 0.4)",
    );
    assert!(e.contains("personal"), "a missing sector is named: {e}");
    let e = refused(
        prices,
        "base_price: (food: 1.0, housing: 1.5, health: 1.0, education: 0.8, energy: -0.4, personal: 1.0)",
    );
    assert!(
        e.contains("energy") && e.contains("-0.4"),
        "a bad value names its sector: {e}"
    );
}

#[test]
fn a_power_ledger_that_does_not_sum_to_one_or_names_an_unknown_type_or_group_is_refused() {
    let refused = economy_refused;
    let e = refused(
        "investment: (capital_owners: 0.7, officials: 0.1,",
        "investment: (capital_owners: 0.7, officials: 0.2,",
    );
    assert!(
        e.contains("bad.ron:") && e.contains("five shares") && e.contains("sum to 1"),
        "{e}"
    );
    let e = refused(
        "information: (capital_owners: 0.4,",
        "informal: (capital_owners: 0.4,",
    );
    assert!(e.contains("bad.ron:") && e.contains("informal"), "{e}");
    // Each group's share is read by its name, never by its place.
    let e = refused(
        "regulation: (capital_owners: 0.2, officials: 0.6,",
        "regulation: (capital_owners: 0.2, officals: 0.6,",
    );
    assert!(e.contains("bad.ron:") && e.contains("officals"), "{e}");
    let e = refused(
        "(workers: 0.34, owners: 0.33, community: 0.33)",
        "(workers: 0.34, owners: 0.66)",
    );
    assert!(e.contains("bad.ron:") && e.contains("community"), "{e}");
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
fn a_shock_on_a_missing_region_is_refused_where_it_stands() {
    let e = load_altered("Only([6, 7, 8, 9, 10, 11])", "Only([6, 99])");
    let shown = e.to_string();
    assert!(shown.contains("region 99"), "{shown}");
    let ScenarioError::Parse { line, .. } = e else {
        panic!("expected a positioned error: {shown}")
    };
    assert_eq!(
        line,
        line_of(&classroom_text(), "(tick: 60, shock"),
        "{shown}"
    );
}

#[test]
fn crisis_shocks_are_checked_where_they_stand() {
    let shock = "Drought(regions: Only([6, 7, 8, 9, 10, 11]), severity: 0.6, months: 24)";
    let line = line_of(&classroom_text(), "(tick: 60, shock");
    for (to, says) in [
        (
            "Drought(regions: Federation(5), severity: 0.6, months: 24)",
            "names federation 5, but the world has 2 federations",
        ),
        (
            "MigrationWave(regions: All, growth: 20)",
            "expected a growth from 0 to 10",
        ),
        (
            "SupplyShock(regions: All, share: -0.2)",
            "expected a share between 0 and 1",
        ),
        (
            "Scarcity(regions: All, share: 0.5, months: 0)",
            "a number of months",
        ),
        (
            "Earthquake(regions: All)",
            "expected one of `Drought`, `SupplyShock`",
        ),
    ] {
        let e = load_altered(shock, to);
        let shown = e.to_string();
        assert!(shown.contains(says), "{to}: {shown}");
        let ScenarioError::Parse { line: at, .. } = e else {
            panic!("expected a positioned error: {shown}")
        };
        assert_eq!(at, line, "{to}: {shown}");
    }
}

#[test]
fn a_prepared_crisis_on_a_missing_region_is_refused_where_it_stands() {
    let e = load_altered(
        "(name: \"Financial crash in Eastmarch\", shock: FinancialCrash(regions: Only([4])",
        "(name: \"Financial crash in Eastmarch\", shock: FinancialCrash(regions: Only([40])",
    );
    let shown = e.to_string();
    assert!(shown.contains("region 40"), "{shown}");
    let ScenarioError::Parse { line, .. } = e else {
        panic!("expected a positioned error: {shown}")
    };
    assert_eq!(
        line,
        line_of(&classroom_text(), "Financial crash in Eastmarch"),
        "{shown}"
    );
}

#[test]
fn a_shock_after_the_run_or_of_no_months_and_a_run_of_no_years_are_refused() {
    let late = load_altered("(tick: 60,", "(tick: 600,");
    let shown = late.to_string();
    assert!(shown.contains("after the run's last month"), "{shown}");
    assert!(matches!(late, ScenarioError::Parse { .. }), "{shown}");
    let brief = load_altered("months: 24)", "months: 0)").to_string();
    assert!(brief.contains("a number of months"), "{brief}");
    let short = load_altered("years: ", "years: 0, // ").to_string();
    assert!(short.contains("a number of years"), "{short}");
}

/// Every size a file sets is bounded, so no file can ask for more than the
/// machine has; each refusal says the limit.
#[test]
fn sizes_beyond_their_limits_are_refused_with_the_limit() {
    let continent =
        std::fs::read_to_string(crate::support::scenarios_dir().join("continent.ron")).unwrap();
    let generated = |from: &str, to: &str| {
        assert!(continent.contains(from), "continent lacks {from:?}");
        let file = temp_scenario(&continent.replacen(from, to, 1));
        Scenario::load(&file.path).unwrap_err().to_string()
    };
    for (from, to, says) in [
        ("regions: 300,", "regions: 999999999,", "from 1 to 50000"),
        (
            "federations: 6,",
            "federations: 999999999,",
            "from 1 to 1000",
        ),
        (
            "federations: 6,",
            "federations: 400,",
            "no more federations than regions",
        ),
        (
            "commons_per_region: ",
            "commons_per_region: 1000, // ",
            "from 0 to 8",
        ),
        ("years: 50,", "years: 100000,", "from 1 to 500"),
        ("regions: 300,", "regions: 2.5,", "a whole number"),
    ] {
        let e = generated(from, to);
        assert!(e.contains(says), "{to}: {e}");
        assert!(e.contains("scenario.ron:"), "{to}: {e}");
    }
    let e = load_altered("federation: 0,", "federation: 999999999,").to_string();
    assert!(e.contains("a federation index"), "{e}");
    let e = load_altered("population: 42000,", "population: 1e12,").to_string();
    assert!(e.contains("1e10"), "{e}");
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

/// Replaces numbers in the shipped scenarios with the values a careless
/// user might write (zero, negative, huge, fractional) and checks each file
/// is either refused with its position or runs a few months without a panic
/// or a NaN in a measure.
#[test]
fn extreme_numbers_are_refused_or_run_never_a_panic() {
    use mutualism_model::headless;
    use rand::{RngExt, SeedableRng};

    let extremes = [
        "0",
        "-1",
        "1e12",
        "999999999",
        "2.5",
        "0.0001",
        "1",
        "100000",
        "inf",
        "NaN",
    ];
    let mut rng = chacha20::ChaCha8Rng::seed_from_u64(11);
    let (mut refused, mut ran) = (0, 0);
    for name in ["classroom.ron", "continent.ron"] {
        let text = std::fs::read_to_string(crate::support::scenarios_dir().join(name)).unwrap();
        // Where each number in the text (outside comments) starts and ends.
        let mut numbers = Vec::new();
        for (offset, line) in text.split_inclusive('\n').scan(0, |at, line| {
            let start = *at;
            *at += line.len();
            Some((start, line))
        }) {
            let code = line.split("//").next().unwrap_or("");
            let bytes = code.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                let starts = bytes[i].is_ascii_digit()
                    && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_'));
                if starts {
                    let end = (i..bytes.len())
                        .find(|&j| !(bytes[j].is_ascii_digit() || bytes[j] == b'.'))
                        .unwrap_or(bytes.len());
                    numbers.push((offset + i, offset + end));
                    i = end;
                } else {
                    i += 1;
                }
            }
        }
        for _ in 0..60 {
            let (start, end) = numbers[rng.random_range(0..numbers.len())];
            let value = extremes[rng.random_range(0..extremes.len())];
            let mutated = format!("{}{value}{}", &text[..start], &text[end..]);
            let file = temp_scenario(&mutated);
            match Scenario::load(&file.path) {
                Err(e) => {
                    let shown = e.to_string();
                    assert!(
                        shown.contains("scenario.ron") || shown.contains("standard.ron"),
                        "{shown}"
                    );
                    refused += 1;
                }
                Ok(scenario) => {
                    let mut app = headless::app(&scenario, scenario.seed, false);
                    headless::advance(&mut app, 3).unwrap_or_else(|e| panic!("{value}: {e}"));
                    let rows = &app
                        .world()
                        .resource::<mutualism_model::sim::measures::History>()
                        .rows;
                    for row in rows {
                        assert!(
                            row.values().values().all(|v| v.is_finite()),
                            "{name} with {value} at {start}: a measure is not a number: {row:?}"
                        );
                    }
                    ran += 1;
                }
            }
        }
    }
    println!("{refused} refused, {ran} ran");
    assert!(refused > 10 && ran > 10, "{refused} refused, {ran} ran");
}

/// Refusals speak the user's words: no Rust type names, no "float", no
/// "raw identifier" for a number written with a thousands separator.
#[test]
fn refusals_speak_the_users_words() {
    for (from, to, says) in [
        (
            "population: 42000,",
            "population: 42,000,",
            "thousands separators",
        ),
        ("kind: Forest", "kind: Jungle", "commons kind"),
        ("trust: 0.6", "trust: high", "expected a number"),
    ] {
        let e = load_altered(from, to).to_string();
        assert!(e.contains(says), "{to}: {e}");
        for rust in [
            "CommonsKind",
            "CommonsFile",
            "float",
            "raw identifier",
            "r#",
        ] {
            assert!(!e.contains(rust), "{to}: {e}");
        }
    }
}

#[test]
fn a_locked_lever_that_does_not_exist_is_refused_where_it_stands() {
    let e = load_altered(
        "timeline: [",
        "locked: [\"rotation_yrs\"],\n    timeline: [",
    );
    let shown = e.to_string();
    assert!(
        shown.contains("`rotation_yrs`") && shown.contains("the name of a lever"),
        "{shown}"
    );
    let ScenarioError::Parse { line, .. } = e else {
        panic!("expected a positioned error: {shown}")
    };
    assert_eq!(line, line_of(&classroom_text(), "timeline: ["), "{shown}");

    let shown = load_altered("\"transparency\",\n    ],", "\"transparancy\",\n    ],").to_string();
    assert!(
        shown.contains("`transparancy`") && shown.contains("the name of a lever"),
        "a lesson lever is checked too: {shown}"
    );
}

#[test]
fn a_capture_attempt_by_an_unknown_group_is_refused_with_the_groups_there_are() {
    let e = load_altered(
        "timeline: [",
        "timeline: [\n        (tick: 5, shock: CaptureAttempt(regions: All, group: Some(Bankers))),",
    );
    let shown = e.to_string();
    assert!(
        shown.contains("Bankers") && shown.contains("CapitalOwners"),
        "{shown}"
    );
}

/// A file that cannot be a scenario is named for what it is: binary, a
/// folder, empty, or cut short; never the reader's own words ("stream did
/// not contain valid UTF-8", "os error", "Unexpected end of RON").
#[test]
fn files_that_cannot_be_scenarios_are_named_for_what_they_are() {
    let file = temp_scenario(&classroom_text());
    let dir = file.path.parent().unwrap().to_path_buf();
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let binary = write("binary.ron", &[0xff, 0xfe, 0x00, 0x81, 0x92, 0xc3, 0x28]);
    let empty = write("empty.ron", b"  \n");
    let text = classroom_text();
    let cut = write("cut.ron", &text.as_bytes()[..text.len() / 2]);
    let folder = dir.join("folder.ron");
    std::fs::create_dir_all(&folder).unwrap();
    for (path, says) in [
        (binary, "not a text file"),
        (folder, "a folder, not a file"),
        (empty, ":1:1: the file is empty"),
        (cut, "cut short"),
    ] {
        let e = Scenario::load(&path).unwrap_err().to_string();
        assert!(e.contains(says), "{}: {e}", path.display());
        for reader in ["UTF-8", "os error", "RON"] {
            assert!(!e.contains(reader), "{}: {e}", path.display());
        }
    }
}

/// A file a scenario names (its economy, its regime) that is not there is
/// refused where the scenario names it, saying what the path is relative
/// to and where the program looked; an unknown regime lists the presets
/// that are there.
#[test]
fn a_missing_economy_or_preset_is_refused_where_it_is_named_with_where_it_looked() {
    let e = load_altered(
        "presets/adaptive_mutualism.ron",
        "presets/mutualism_plus.ron",
    )
    .to_string();
    let line = line_of(&classroom_text(), "regime:");
    assert!(
        e.contains(&format!("scenario.ron:{line}:")) && e.contains("in `regime`"),
        "{e}"
    );
    assert!(
        e.contains("relative to the scenario's folder") && e.contains("looked for"),
        "{e}"
    );
    assert!(
        e.contains("\"presets/state_led.ron\"") && e.contains("\"presets/liberal_market.ron\""),
        "the presets there are listed: {e}"
    );
    let e = load_altered("economy/standard.ron", "economics/standard.ron").to_string();
    assert!(
        e.contains("in `economy`")
            && e.contains("there is no such file")
            && e.contains("economics"),
        "{e}"
    );
    assert!(!e.contains("os error"), "{e}");
}

/// A shock's regions are numbers; a region named there is refused with how
/// regions are numbered.
#[test]
fn a_region_named_where_a_number_is_expected_says_how_regions_are_numbered() {
    let e = load_altered("Only([6, 7, 8, 9, 10, 11])", "Only([\"Eastmarch\"])").to_string();
    assert!(
        e.contains("expected a whole number") && e.contains("from 0 in the order"),
        "{e}"
    );
}

/// What the parser calls an unexpected variant or field, a duplicate or a
/// missing one is said in the user's words, with the file, line and
/// column: no "Unexpected", "variant", "struct", "identifier" or "RON".
#[test]
fn an_unknown_choice_field_duplicate_or_missing_field_is_said_in_words() {
    for (from, to, says) in [
        (
            "overrides: (),",
            "overrides: (basics_allocation: Nope),",
            "`Nope` is not a basics allocation: expected one of `Market`",
        ),
        (
            "overrides: (),",
            "overrides: (contribution_rat: 0.2),",
            "`contribution_rat` is not a field of the policy overrides: expected one of",
        ),
        (
            "overrides: (),",
            "overrides: (cap_fraction: 0.5, cap_fraction: 0.6),",
            "`cap_fraction` is written twice in the policy overrides",
        ),
        (
            "    name: \"Classroom\",\n",
            "",
            "the scenario needs `name`, which is missing",
        ),
    ] {
        let e = load_altered(from, to).to_string();
        assert!(e.contains(says) && e.contains("scenario.ron:"), "{e}");
        for term in ["Unexpected", "variant", "struct", "identifier", "RON"] {
            assert!(!e.contains(term), "{term}: {e}");
        }
    }
}

#[test]
fn more_federation_names_than_federations_or_an_empty_one_is_refused_where_it_stands() {
    let from = r#"federation_names: ["the west", "the east"],"#;
    let line = line_of(&classroom_text(), from);
    for to in [
        r#"federation_names: ["the west", "the east", "the south"],"#,
        r#"federation_names: ["the west", " "],"#,
    ] {
        let e = load_altered(from, to);
        let ScenarioError::Parse { line: at, .. } = &e else {
            panic!("expected a refusal where the names stand, got {e}")
        };
        assert_eq!(*at, line, "{e}");
        assert!(e.to_string().contains("federation"), "{e}");
    }
}

#[test]
fn a_lesson_criterion_that_is_not_a_criterion_is_refused_where_it_stands() {
    let from = r#"lesson_criteria: ["capability", "ecology", "voice", "power_dispersion"],"#;
    let line = line_of(&classroom_text(), from);
    let e = load_altered(from, r#"lesson_criteria: ["capability", "population"],"#);
    let ScenarioError::Parse { line: at, .. } = &e else {
        panic!("expected a refusal where the list stands, got {e}")
    };
    assert_eq!(*at, line, "{e}");
    let text = e.to_string();
    assert!(
        text.contains("expected the name of a criterion") && text.contains("`population`"),
        "{text}"
    );
}
