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
            "row per link and month with",
            header(mutualism_model::headless::LINK_COLUMNS),
        ),
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

/// The links' CSV has a row per link each month, a trade link's goods and
/// an aid link's money in their own columns, and some goods crossing.
#[test]
fn the_links_csv_has_every_link_every_month() {
    use mutualism_model::headless::{LINK_COLUMNS, link_records};
    let scenario = crate::support::calm_classroom();
    let mut months = 0;
    let mut carried = 0.0;
    mutualism_model::headless::run_with_events(
        &scenario,
        scenario.seed,
        6,
        false,
        &mut |world, _| {
            let links = world
                .resource::<mutualism_model::sim::WorldIndex>()
                .links()
                .len();
            let rows = link_records(world);
            assert!(links > 0);
            assert_eq!(rows.len(), links);
            for row in &rows {
                assert_eq!(row.len(), LINK_COLUMNS.len());
                match row[2].as_str() {
                    "trade" => {
                        assert!(row[8].is_empty(), "{row:?}");
                        carried += row[7].parse::<f64>().expect("goods").abs();
                    }
                    "aid" => assert!(row[7].is_empty(), "{row:?}"),
                    other => panic!("a link of kind {other}"),
                }
            }
            months += 1;
            Ok(())
        },
    )
    .expect("the run");
    assert_eq!(months, 6);
    assert!(carried > 0.0, "goods cross the trade links");
}
