//! The command-line guide's column lists are the files' columns: a column
//! added to a CSV and not to the guide (or the reverse) fails here.

use mutualism_model::headless::{EVENT_COLUMNS, REGION_COLUMNS};
use mutualism_model::sim::measures::Measure;

use crate::support::scenarios_dir;

/// The first backquoted list after `marker` in the guide, its names
/// split at commas.
fn listed(guide: &str, marker: &str) -> Vec<String> {
    let at = guide
        .find(marker)
        .unwrap_or_else(|| panic!("the guide has {marker:?}"));
    let rest = &guide[at + marker.len()..];
    let open = rest.find('`').expect("a backquoted list") + 1;
    let close = open + rest[open..].find('`').expect("closed");
    rest[open..close]
        .split(',')
        .map(|name| name.split_whitespace().collect::<String>())
        .collect()
}

#[test]
fn the_guides_column_lists_are_the_files_columns() {
    let guide = std::fs::read_to_string(scenarios_dir().join("../docs/src/guide/command-line.md"))
        .expect("the guide reads");
    let measures: Vec<String> = std::iter::once("tick")
        .chain(Measure::ALL.map(Measure::key))
        .map(String::from)
        .collect();
    let header = |columns: &[&str]| columns.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    for (marker, columns) in [
        ("`--csv` writes one row per tick with the columns", measures),
        ("one row per region and month with", header(REGION_COLUMNS)),
        ("one row per event with", header(EVENT_COLUMNS)),
        (
            "one\nrow per regime, seed and measure, with the columns",
            header(&mutualism_model::compare::CSV_COLUMNS),
        ),
    ] {
        assert_eq!(listed(&guide, marker), columns, "{marker}");
    }
    let csv = mutualism_model::headless::csv(&[]);
    assert_eq!(
        csv.lines()
            .next()
            .expect("a header")
            .split(',')
            .collect::<Vec<_>>(),
        std::iter::once("tick")
            .chain(Measure::ALL.map(Measure::key))
            .collect::<Vec<_>>(),
        "the measures' CSV writes its columns in that order"
    );
}
