//! The stress battery: a run reproduces byte for byte, shards merge into
//! what one run writes, the claim's sentences follow the table, a bad file
//! is a listed failure and the rest still runs, and the battery's capture
//! scenarios engage their channel.

use std::path::{Path, PathBuf};

use mutualism_model::sim::institutions::{LeverValue, lever};
use mutualism_model::sim::measures::{Measure, PerMeasure};
use mutualism_model::stress::{self, Manifest, Outcome, Shard};

use crate::support::{TempScenario, classroom_text, temp_scenario};

/// A battery folder of two short classroom scenarios (six years, different
/// seeds) and, if `bad`, a third file with an error on its line 3.
fn battery(bad: bool) -> (TempScenario, PathBuf) {
    let temp = temp_scenario("()");
    let dir = temp.path.parent().unwrap().join("battery");
    std::fs::create_dir_all(&dir).unwrap();
    let text = classroom_text()
        .replace("\"economy/", "\"../economy/")
        .replace("\"presets/", "\"../presets/");
    let short = regex_years(&text, 6);
    std::fs::write(dir.join("a.ron"), &short).unwrap();
    std::fs::write(dir.join("b.ron"), short.replacen("seed: ", "seed: 1", 1)).unwrap();
    if bad {
        std::fs::write(
            dir.join("c.ron"),
            "(\n    name: \"broken\",\n    seed: \"seven\",\n)",
        )
        .unwrap();
    }
    (temp, dir)
}

/// `text` with its `years:` set to `years`.
fn regex_years(text: &str, years: u32) -> String {
    let at = text.find("    years: ").expect("a years line");
    let end = at + text[at..].find('\n').unwrap();
    format!("{}    years: {years},{}", &text[..at], &text[end..])
}

const REGIMES: [&str; 2] = ["adaptive_mutualism", "liberal_market"];

fn regimes() -> Vec<String> {
    REGIMES.map(String::from).to_vec()
}

/// Runs the battery in `dir` (or a shard of it) into `out`; the files
/// and runs that failed.
fn run_into(dir: &Path, shard: Option<Shard>, out: &Path) -> usize {
    let battery = stress::Battery {
        dirs: vec![dir.to_path_buf()],
        regimes: regimes(),
        seeds: 2,
        equalise: Vec::new(),
    };
    stress::run_into(&battery, shard, out, &|_, _| ())
        .unwrap()
        .len()
}

/// Every file under `dir`, by its path from it, with its bytes, in order;
/// the battery's named files and its figures among them.
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, found: &mut Vec<(PathBuf, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, found);
            } else {
                let name = path.strip_prefix(root).unwrap().to_path_buf();
                found.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut found = Vec::new();
    walk(dir, dir, &mut found);
    found.sort();
    for name in stress::FILES {
        assert!(
            found.iter().any(|(f, _)| f == Path::new(name)),
            "{name} written"
        );
    }
    for figure in ["ranks.png", "ranks-equalised.png"] {
        assert!(
            found.iter().any(|(f, _)| f == Path::new(figure)),
            "{figure} drawn"
        );
    }
    assert!(
        found.iter().any(|(f, _)| f.starts_with("bars")),
        "bars drawn"
    );
    found
}

#[test]
fn a_battery_reproduces_byte_for_byte_and_three_shards_merge_into_one_run() {
    let (temp, dir) = battery(false);
    let root = temp.path.parent().unwrap();
    let (once, twice) = (root.join("once"), root.join("twice"));
    run_into(&dir, None, &once);
    run_into(&dir, None, &twice);
    assert_eq!(
        files(&once),
        files(&twice),
        "the same seeds, the same bytes"
    );
    let shards: Vec<PathBuf> = (1..=3)
        .map(|i| {
            let out = root.join(format!("shard{i}"));
            run_into(&dir, Some(Shard { i, n: 3 }), &out);
            out
        })
        .collect();
    let merged = root.join("merged");
    assert_eq!(stress::merge(&shards, &merged).unwrap(), 0);
    assert_eq!(files(&merged), files(&once), "merged shards equal one run");
    // Two shards of three are not the battery.
    assert!(stress::merge(&shards[..2], &root.join("short")).is_err());
}

#[test]
fn a_bad_file_in_the_battery_is_listed_with_its_place_and_the_rest_runs() {
    let (temp, dir) = battery(true);
    let out = temp.path.parent().unwrap().join("out");
    let failed = run_into(&dir, None, &out);
    assert_eq!(failed, 1);
    let scorecard = std::fs::read_to_string(out.join("scorecard.md")).unwrap();
    let line = scorecard
        .lines()
        .find(|l| l.contains("c.ron"))
        .expect("the failure is listed");
    assert!(line.contains(":3:"), "with its line: {line}");
    assert!(scorecard.contains("## battery/a.ron") && scorecard.contains("## battery/b.ron"));
}

/// Two runs of one scenario, one per regime, with capability as given.
fn fixture(ours: f64, theirs: f64) -> Vec<Outcome> {
    [("adaptive_mutualism", ours), ("liberal_market", theirs)]
        .into_iter()
        .enumerate()
        .flat_map(|(i, (regime, capability))| {
            [0, 1].map(|seed| Outcome {
                job: 2 * i + seed as usize,
                scenario: "x.ron".into(),
                regime: regime.into(),
                settings: stress::AS_SHIPPED.into(),
                seed,
                months: 12,
                values: PerMeasure::from_fn(|m| {
                    let v = if m == Measure::Capability {
                        capability
                    } else {
                        50.0
                    };
                    v + seed as f64 * 0.1
                }),
                episodes: Vec::new(),
            })
        })
        .collect()
}

#[test]
fn the_claims_sentences_follow_the_table_they_come_from() {
    let manifest = Manifest {
        version: String::new(),
        commit: String::new(),
        statistic: String::new(),
        jobs: 4,
        scenarios: Vec::new(),
        runs: Vec::new(),
        failures: Vec::new(),
        shard: None,
        equalised: Vec::new(),
    };
    let sentence = |ours, theirs| -> String {
        stress::scorecard(&fixture(ours, theirs), &manifest)
            .lines()
            .find(|l| l.starts_with("- **capability**"))
            .unwrap()
            .to_string()
    };
    let ahead = sentence(70.0, 60.0);
    assert!(ahead.contains("it agrees: +10.0 points"), "{ahead}");
    let close = sentence(50.08, 50.0);
    assert!(
        close.contains("it leans its way: +0.1 points, within the spread"),
        "a gap within the noise is not agreement: {close}"
    );
    assert!(
        stress::scorecard(&fixture(50.08, 50.0), &manifest).contains(
            "clearly agrees with the claim in 0, clearly does not in 0, and cannot tell in 8"
        ),
        "the count leaves the unclear apart"
    );
    let behind = sentence(60.0, 70.0);
    assert!(
        behind.contains("it does not agree: -10.0 points"),
        "{behind}"
    );
    assert!(
        stress::scorecard(&fixture(60.0, 70.0), &manifest)
            .contains("- x.ron, capability: liberal_market leads by 10.0 points"),
        "the list of where adaptive mutualism did not lead follows the table"
    );
}

/// Captures and failed attempts in a shipped stress scenario under adaptive
/// mutualism, with its checks on power as set or all at their weakest
/// (no transparency, no separation of powers, no civic education).
fn captures(file: &str, weak: bool) -> (usize, usize) {
    use mutualism_model::sim::crisis::Happening;
    let mut scenario = crate::support::shipped(file);
    if weak {
        scenario.policy.transparency = 0.0;
        scenario.policy.separation_of_powers = 0.0;
        scenario.policy.civic_education = 0.0;
    }
    let (mut won, mut lost) = (0, 0);
    mutualism_model::headless::run_with_events(
        &scenario,
        scenario.seed,
        scenario.ticks,
        false,
        &mut |_, month| {
            for event in month {
                match event.what {
                    Happening::Captured { .. } => won += 1,
                    Happening::CaptureFailed { .. } => lost += 1,
                    _ => {}
                }
            }
            Ok(())
        },
    )
    .unwrap();
    (won, lost)
}

/// The channel of each capture scenario engages: its attempts are made,
/// under weak checks some succeed, and checks as set stop more of them.
#[test]
fn the_capture_scenarios_attempt_captures_and_weak_checks_let_them_through() {
    for file in ["stress/vocal_minority.ron", "stress/technocrats.ron"] {
        let (won_weak, lost_weak) = captures(file, true);
        let (won, lost) = captures(file, false);
        println!(
            "{file}: captures {won_weak} of {} with weak checks, {won} of {} as set",
            won_weak + lost_weak,
            won + lost
        );
        assert!(
            won + lost > 0 && won_weak + lost_weak > 0,
            "{file}: attempts are made"
        );
        assert!(won_weak > 0, "{file}: weak checks let captures through");
        assert!(won_weak >= won, "{file}: checks as set stop no fewer");
    }
}

/// A shipped stress scenario under adaptive mutualism, altered by `alter`:
/// the events of `kind` it logged and its last month's measures.
fn events_of(
    file: &str,
    kind: &str,
    alter: impl Fn(&mut mutualism_model::scenario::Scenario),
) -> (usize, mutualism_model::sim::measures::MeasureRow) {
    let mut scenario = crate::support::shipped(file);
    alter(&mut scenario);
    let mut count = 0;
    let out = mutualism_model::headless::run_with_events(
        &scenario,
        scenario.seed,
        scenario.ticks,
        false,
        &mut |_, month| {
            count += month.iter().filter(|e| e.what.kind() == kind).count();
            Ok(())
        },
    )
    .unwrap();
    (count, *out.rows.last().unwrap())
}

/// The backlash scenarios engage their channel: regions swing, more with
/// the scarcity than without it, and in the individualist world under the
/// central plan (the regime that misfits it most) more when misfit counts
/// than when it does not.
#[test]
fn the_backlash_scenarios_make_regions_swing_for_their_stated_reason() {
    let (with, _) = events_of("stress/populist_reversal.ron", "swung", |_| {});
    let (without, _) = events_of("stress/populist_reversal.ron", "swung", |s| {
        s.timeline.clear()
    });
    println!("populist reversal: {with} swings with the scarcity, {without} without");
    assert!(
        with > without,
        "the scarcity brings swings: {with} vs {without}"
    );
    let plan = |s: &mut mutualism_model::scenario::Scenario| {
        s.policy = crate::support::presets()
            .into_iter()
            .find(|(name, _)| name == "central_plan")
            .expect("the preset")
            .1;
        s.regime = "central_plan".into();
    };
    let (misfit, _) = events_of("stress/cultural_backlash.ron", "swung", plan);
    let (fitting, _) = events_of("stress/cultural_backlash.ron", "swung", |s| {
        plan(s);
        s.economy.misfit_weight = 0.0;
    });
    println!("cultural backlash: {misfit} swings, {fitting} with misfit not counted");
    assert!(
        misfit > fitting,
        "misfit brings swings: {misfit} vs {fitting}"
    );
}

/// The complexity scenario engages its channel: with every allocation
/// logic adding to what people must follow, fewer take part than if the
/// logics added nothing.
#[test]
fn the_complexity_scenario_loses_voice_to_the_load_of_rules() {
    let (_, loaded) = events_of("stress/complexity.ron", "swung", |_| {});
    let (_, light) = events_of("stress/complexity.ron", "swung", |s| {
        s.economy.logic_load = 0.0
    });
    println!(
        "complexity: voice {:.1} with the load of rules, {:.1} without",
        loaded.voice, light.voice
    );
    assert!(loaded.voice < light.voice);
}

/// The boundary scenario engages its channel: under adaptive mutualism
/// (basics by need beside markets) market logic creeps into provision,
/// more with no boundary protection than with the most.
#[test]
fn the_boundary_scenario_lets_market_logic_creep_into_provision() {
    use mutualism_model::sim::institutions::Boundaries;
    let creep = |protection: f64| -> f64 {
        let mut scenario = crate::support::shipped("stress/boundary_creep.ron");
        scenario.policy.boundary_protection = protection;
        let mut app = crate::support::app(&scenario);
        crate::support::advance(&mut app, scenario.ticks);
        let world = app.world_mut();
        let all: Vec<f64> = world
            .query::<&Boundaries>()
            .iter(world)
            .map(|b| b.creep)
            .collect();
        all.iter().sum::<f64>() / all.len() as f64
    };
    let (none, most) = (creep(0.0), creep(1.0));
    println!(
        "boundary creep after fifteen years: {none:.3} unprotected, {most:.3} at the most protection"
    );
    assert!(none > 0.05 && none > most, "{none:.3} vs {most:.3}");
}

/// The fragmentation scenario engages its channel: the split makes trade
/// across it dearer, and the pandemic kills.
#[test]
fn the_fragmentation_scenario_splits_the_blocs_and_the_pandemic_kills() {
    use mutualism_model::sim::institutions::Link;
    let scenario = crate::support::shipped("stress/fragmentation_pandemic.ron");
    let mut app = crate::support::app(&scenario);
    crate::support::advance(&mut app, 36);
    let world = app.world_mut();
    let split = world
        .query::<&Link>()
        .iter(world)
        .filter(|l| l.friction > 1.0)
        .count();
    assert!(split > 0, "links across the split cost more");
    let row = crate::support::latest(&app);
    assert!(row.deaths_epidemic > 0.0, "the pandemic kills");
}

/// The paralysis scenario engages its channel: under adaptive mutualism
/// (participatory investment) its large regions' decisions wait, so they
/// spend less of their investment funds in the first two years than if a
/// decision took a month whatever their size. What that does when the
/// shock comes is printed, not asserted: the money not yet spent waits in
/// the funds and rebuilds the damaged links sooner.
#[test]
fn the_paralysis_scenario_makes_large_regions_wait_on_their_assemblies() {
    use mutualism_model::sim::institutions::Link;
    use mutualism_model::sim::people::RegionStats;
    let run = |delay: f64| -> (f64, f64) {
        let mut scenario = crate::support::shipped("stress/paralysis.ron");
        scenario.economy.participatory_delay_months = delay;
        let mut app = crate::support::app(&scenario);
        let mut built = 0.0;
        for _ in 0..24 {
            crate::support::advance(&mut app, 1);
            let world = app.world_mut();
            built += world
                .query::<&RegionStats>()
                .iter(world)
                .map(|s| s.building_spending)
                .sum::<f64>();
        }
        crate::support::advance(&mut app, 24);
        let world = app.world_mut();
        (
            built,
            world.query::<&Link>().iter(world).map(|l| l.damaged).sum(),
        )
    };
    let ((slow, left_slow), (quick, left_quick)) = (run(3.0), run(0.0));
    println!(
        "paralysis: built {slow:.0} in two years with assemblies, {quick:.0} deciding in a month; link damage left two years after the shock {left_slow:.0} and {left_quick:.0}"
    );
    assert!(slow < quick, "decisions wait: {slow:.0} vs {quick:.0}");
}

/// The scale scenario engages its channel: as region 0 grows, its
/// participatory decisions take longer, with the square root of its people
/// (7.4 months at 61,000, 14.4 at 227,000), and not without the waves.
/// Under adaptive mutualism its support falls below the threshold in
/// month 25 and it swings to the social market, whose capital markets
/// decide in a month: the longest delay is read before that.
#[test]
fn the_scale_scenario_slows_the_growing_regions_decisions() {
    use mutualism_model::sim::economy::InvestmentFund;
    use mutualism_model::sim::people::Region;
    let delay = |app: &mut bevy::prelude::App| -> f64 {
        let world = app.world_mut();
        world
            .query::<(&Region, &InvestmentFund)>()
            .iter(world)
            .find(|(r, _)| r.id == 0)
            .map(|(_, f)| f.delay_months)
            .expect("region 0")
    };
    let after = |waves: bool| -> (f64, f64) {
        let mut scenario = crate::support::shipped("stress/scale.ron");
        if !waves {
            scenario.timeline.clear();
        }
        let mut app = crate::support::app(&scenario);
        crate::support::advance(&mut app, 1);
        let before = delay(&mut app);
        let mut longest: f64 = before;
        for _ in 0..95 {
            crate::support::advance(&mut app, 1);
            longest = longest.max(delay(&mut app));
        }
        (before, longest)
    };
    let (before, grown) = after(true);
    let (_, calm) = after(false);
    println!(
        "scale: region 0 decides in {before:.1} months at first, {grown:.1} at the longest with the waves, {calm:.1} without them"
    );
    assert!(
        grown > 1.5 * before && grown > 1.5 * calm,
        "{before:.1}, {grown:.1}, {calm:.1}"
    );
}

/// The exclusion scenario engages its channel: under adaptive mutualism
/// (basics by need) the poorest fifth, left out, are worse covered than
/// when they count as members, and the members no worse.
#[test]
fn the_exclusion_scenario_leaves_the_newcomers_short_of_their_basics() {
    let coverage = |excluded: bool| -> (f64, f64) {
        let mut scenario = crate::support::shipped("stress/exclusion.ron");
        if let mutualism_model::scenario::WorldFile::Generated(world) = &mut scenario.world {
            world.people.cohorts[0].excluded = excluded;
        }
        let mut app = crate::support::app(&scenario);
        crate::support::advance(&mut app, 60);
        let world = app.world_mut();
        let (mut poorest, mut rest, mut n) = (0.0, 0.0, 0.0);
        for cohorts in world
            .query::<&mutualism_model::sim::people::Cohorts>()
            .iter(world)
        {
            poorest += cohorts.0[0].basics_coverage();
            rest += cohorts.0[1].basics_coverage();
            n += 1.0;
        }
        (poorest / n, rest / n)
    };
    let ((out, members_out), (counted, members_counted)) = (coverage(true), coverage(false));
    println!(
        "exclusion: the poorest's basics {out:.3} left out, {counted:.3} counted in; the next fifth's {members_out:.3} and {members_counted:.3}"
    );
    assert!(out < counted, "{out:.3} vs {counted:.3}");
    assert!(
        members_out >= members_counted - 1e-9,
        "{members_out:.3} vs {members_counted:.3}"
    );
}

/// `--equalise` sets only the levers it names in the equalised half, each
/// regime keeping the rest as shipped; a lever it cannot set is said before
/// anything runs.
#[test]
fn equalising_named_levers_sets_only_those_and_a_wrong_name_stops_the_battery() {
    let (_temp, dir) = battery(false);
    let carbon = |j: &stress::Job| match (lever("carbon_price").unwrap().get)(&j.run.policy) {
        LeverValue::Number(n) => n,
        LeverValue::Choice(_) => f64::NAN,
    };
    let contribution =
        |j: &stress::Job| match (lever("contribution_rate").unwrap().get)(&j.run.policy) {
            LeverValue::Number(n) => n,
            LeverValue::Choice(_) => f64::NAN,
        };
    let mut battery = stress::Battery {
        dirs: vec![dir.clone()],
        regimes: regimes(),
        seeds: 1,
        equalise: vec!["carbon_price".into()],
    };
    let (jobs, _) = stress::jobs(&battery).unwrap();
    let equalised: Vec<&stress::Job> = jobs
        .iter()
        .filter(|j| j.settings == stress::EQUALISED)
        .collect();
    assert!(
        equalised.windows(2).all(|w| carbon(w[0]) == carbon(w[1])),
        "one carbon price for all"
    );
    assert!(
        equalised
            .windows(2)
            .any(|w| contribution(w[0]) != contribution(w[1])),
        "each regime keeps its own contribution rate"
    );
    battery.equalise = vec!["carbon_price=0.3".into()];
    let (jobs, _) = stress::jobs(&battery).unwrap();
    assert!(
        jobs.iter()
            .filter(|j| j.settings == stress::EQUALISED)
            .all(|j| carbon(j) == 0.3)
    );
    for wrong in ["carbon_prize", "commons_governance", "carbon_price=99"] {
        battery.equalise = vec![wrong.into()];
        let error = stress::jobs(&battery)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains("--equalise"), "{wrong}: {error}");
    }
}
