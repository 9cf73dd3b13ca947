//! Sweeps: a sweep's rows are the single runs of the same settings, a
//! lever swept `at` a month moves only from that month, shards merged are
//! the unsharded sweep byte for byte, rows stream as they are written and
//! a failed write stops the sweep naming the file, and a bad `--vary` is
//! refused in words.

use mutualism_model::headless;
use mutualism_model::stress::Shard;
use mutualism_model::sweep::{self, Axis, Sweep};

use crate::support::{calm_classroom, temp_scenario};

const MONTHS: u32 = 18;

fn classroom_sweep(vary: &[&str], seeds: u32) -> Sweep {
    let scenario = calm_classroom();
    let axes = vary
        .iter()
        .map(|v| Axis::parse(v, &scenario, MONTHS).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    Sweep {
        scenario,
        axes,
        regimes: vec!["liberal_market".into(), "adaptive_mutualism".into()],
        seeds,
        ticks: MONTHS,
    }
}

/// The value of `measure` in the sweep's CSV for the run whose fields
/// (after `run`) start with `prefix`, at `tick`.
fn value(csv: &str, prefix: &str, tick: u32, measure: &str) -> f64 {
    let suffix = format!(",{tick},{measure},");
    csv.lines()
        .find(|l| {
            l.split_once(',')
                .is_some_and(|(_, rest)| rest.starts_with(prefix))
                && l.contains(&suffix)
        })
        .and_then(|l| l.rsplit(',').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no row {prefix} {tick} {measure}"))
}

#[test]
fn a_sweeps_rows_are_the_single_runs_of_its_settings() {
    let plan = classroom_sweep(&["carbon_price=0..0.4:3", "contribution_rate=0.2"], 1);
    let csv = sweep::run(&plan, None, &|_, _| {}).expect("the sweep runs");
    assert_eq!(plan.runs().expect("runs").len(), 2 * 3);
    let mut scenario = calm_classroom();
    let (_, preset) = scenario
        .regimes
        .iter()
        .find(|(n, _)| n == "adaptive_mutualism")
        .expect("the preset")
        .clone();
    scenario.policy = preset;
    scenario.policy.carbon_price = 0.2;
    scenario.policy.contribution_rate = 0.2;
    let single = headless::run(&scenario, scenario.seed, MONTHS, false).expect("the run");
    let last = single.rows.last().expect("months");
    for (measure, expected) in [("capability", last.capability), ("ecology", last.ecology)] {
        let swept = value(
            &csv,
            "classroom.ron,adaptive_mutualism,42,0.2,0.2",
            MONTHS,
            measure,
        );
        assert_eq!(swept, expected, "{measure}");
    }
}

#[test]
fn a_lever_swept_at_a_month_moves_only_from_that_month() {
    let plan = classroom_sweep(&["carbon_price=0,0.6", "at=9"], 1);
    let csv = sweep::run(&plan, None, &|_, _| {}).expect("the sweep runs");
    let at = |price: &str, tick: u32| {
        value(
            &csv,
            &format!("classroom.ron,liberal_market,42,{price},9"),
            tick,
            "emissions",
        )
    };
    for tick in 1..=9 {
        assert_eq!(
            at("0", tick),
            at("0.6", tick),
            "month {tick}: before the move"
        );
    }
    assert!(
        at("0.6", MONTHS) < at("0", MONTHS),
        "a carbon price from month 9 cuts emissions after it"
    );
}

#[test]
fn three_shards_merged_are_the_unsharded_sweep() {
    let plan = classroom_sweep(&["cap_fraction=0.6,0.9"], 2);
    let whole = sweep::run(&plan, None, &|_, _| {}).expect("the sweep runs");
    let folder = temp_scenario("");
    let dir = folder.path.parent().expect("a folder").to_path_buf();
    let files: Vec<std::path::PathBuf> = (1..=3)
        .map(|i| {
            let text = sweep::run(&plan, Some(Shard { i, n: 3 }), &|_, _| {}).expect("a shard");
            let file = dir.join(format!("shard{i}.csv"));
            std::fs::write(&file, text).expect("written");
            file
        })
        .collect();
    let merged =
        sweep::merge(&files.iter().map(|f| f.as_path()).collect::<Vec<_>>()).expect("merged");
    assert!(
        merged == whole,
        "the merge differs from the unsharded sweep"
    );
}

#[test]
fn a_bad_vary_is_refused_in_words() {
    let scenario = calm_classroom();
    let alone = classroom_sweep(&["at=3,6"], 1);
    let e = alone.runs().err().expect("at alone is refused").to_string();
    assert!(e.contains("no lever is swept"), "{e}");
    for (spec, says) in [
        (
            "carbon_prise=0,1",
            "no lever or economy parameter is called \"carbon_prise\"",
        ),
        ("cap_fraction=0..1.5:4", "cap_fraction takes"),
        ("commons_governance=Anarchy", "commons_governance is one of"),
        ("at=0,400", "a month from 0 to 17"),
        ("wage_share=abc", "a number"),
        ("carbon_price", "--vary takes name=a..b:n or name=x,y,z"),
        ("carbon_price=0..1:0", "a count of at least 1"),
    ] {
        let e = Axis::parse(spec, &scenario, MONTHS).expect_err(spec);
        assert!(e.contains(says), "{spec}: {e}");
    }
}

/// A writer that takes `room` bytes and then fails, as a full disk does.
struct Full {
    room: usize,
}

impl std::io::Write for Full {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if buf.len() > self.room {
            return Err(std::io::Error::other("no space left"));
        }
        self.room -= buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_sweep_streams_its_rows_and_stops_at_a_failed_write_naming_the_file() {
    let plan = classroom_sweep(&["carbon_price=0..0.4:3"], 2);
    // Room for the header and a little of the first run.
    let mut full = Full { room: 4_000 };
    let path = std::path::Path::new("sweep.csv");
    let failed = sweep::run_to(&plan, None, &|_, _| {}, &mut full, path);
    match failed {
        Err(headless::RunError::Write { path: named, .. }) => {
            assert_eq!(named, path, "the error names the file")
        }
        other => panic!("expected a write error, found {:?}", other.err()),
    }
    let mut streamed = Vec::new();
    sweep::run_to(&plan, None, &|_, _| {}, &mut streamed, path).expect("the sweep runs");
    assert_eq!(
        String::from_utf8(streamed).expect("text"),
        sweep::run(&plan, None, &|_, _| {}).expect("the sweep runs"),
        "streamed as gathered, byte for byte"
    );
}
