//! The stress battery: every scenario in its folders, under every regime,
//! as shipped and with the number levers equalised, on the same seeds,
//! summarised as a scorecard of the eight criteria.
//!
//! A battery is a list of jobs (scenario, settings, regime, seed) in a
//! fixed order: folders as given and files by name, settings as shipped
//! then equalised, regimes as asked, seeds from each scenario's own.
//! `--shard i/n` runs every n-th job from the i-th, so a job array spreads
//! a large battery over machines; [`merge`] joins shards' folders into what
//! one run would have written, byte for byte, since every file is written
//! from the runs alone, in job order. A scenario that cannot be read is a
//! failure listed in the report, not the end of the battery.
//!
//! A run's figure is the mean of a measure over its last twelve months, as
//! `compare` reads it; the scorecard never adds criteria into one number.

mod figures;

pub use figures::rank_colour;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::compare::mean_and_spread;
use crate::headless::{self, RunError};
use crate::scenario::{Scenario, load_policy};
use crate::sim::crisis::Episode;
use crate::sim::institutions::{LEVERS, Lever, LeverKind, LeverValue};
use crate::sim::measures::{Measure, PerMeasure};

/// What the runs' CSV says each figure is.
pub const STATISTIC: &str = "mean of the last 12 months";

/// One run of the battery.
#[derive(Clone, Debug)]
pub struct Job {
    /// Its place in the whole battery, from 0.
    pub index: usize,
    /// The scenario's file name, as the report names it.
    pub scenario: String,
    pub regime: String,
    /// How its levers are set: [`AS_SHIPPED`] or [`EQUALISED`].
    pub settings: &'static str,
    pub seed: u64,
    path: PathBuf,
    /// The scenario as this job runs it, its regime's levers set.
    pub run: Scenario,
}

/// Each preset's levers as it ships them.
pub const AS_SHIPPED: &str = "as shipped";
/// Every number lever at the mean of the presets' values, each regime
/// keeping its choices of mechanism.
pub const EQUALISED: &str = "equalised";

/// The levers the equalised battery sets alike for every regime, and why:
/// the report prints it.
pub const EQUALISED_WHY: &str = "every number lever (rates, shares, prices, thresholds, terms of office, board seats) is set for every regime to the mean of the presets' values; each regime keeps its own choice of mechanism in every domain (how basics and personal goods are allocated, how commons are governed, who owns firms, who decides investment, how innovation is paid for). The design's numbered institutions (rotation, separation of powers, mutual aid, the emergency protocol) count as settings here: where a lead vanishes in this table, it came from how far a preset sets them, not from its choice of mechanisms.";

/// A scenario file that could not be read or run, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    pub file: String,
    /// On one line, without quotes, as the manifest and report write it.
    pub error: String,
}

impl Failure {
    fn new(file: &str, error: &str) -> Self {
        Self {
            file: file.to_string(),
            error: error.replace(['"', '\\', '\n'], " "),
        }
    }
}

/// What one run gave: each measure's figure and its shock episodes.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub job: usize,
    pub scenario: String,
    pub regime: String,
    pub settings: String,
    pub seed: u64,
    pub months: u32,
    /// Each measure's figure.
    pub values: PerMeasure<f64>,
    pub episodes: Vec<EpisodeRow>,
}

/// One shock episode of a run, as the episodes' CSV writes it.
#[derive(Clone, Debug, PartialEq)]
pub struct EpisodeRow {
    pub region: u32,
    pub shock: String,
    pub start: u32,
    /// Capability points lost at worst.
    pub depth: f64,
    /// Months more than a point below where it started.
    pub months: u32,
    pub died: f64,
    /// The cohort (0 poorest) whose capability fell furthest.
    pub cohort: usize,
    pub recovered: bool,
}

impl EpisodeRow {
    fn of(e: &Episode) -> Self {
        Self {
            region: e.region,
            shock: e.kind.key().to_string(),
            start: e.start,
            depth: e.depth(),
            months: e.months,
            died: e.died,
            cohort: e.worst_cohort.0,
            recovered: e.recovered,
        }
    }
}

/// What a battery runs: every `.ron` file in each of `dirs` (folders in the
/// order given, files by name), under every one of `regimes` (every preset
/// beside the first scenario if none are given), on `seeds` seeds from each
/// scenario's own, as shipped and equalised. `equalise` names the levers
/// the equalised half sets for every regime: `name` for a number lever at
/// the mean of the presets' values, `name=value` for that value (a number
/// in the lever's range or one of its options); none, every number lever at
/// the presets' mean.
#[derive(Clone, Debug, Default)]
pub struct Battery {
    pub dirs: Vec<PathBuf>,
    pub regimes: Vec<String>,
    pub seeds: u32,
    pub equalise: Vec<String>,
}

/// What a battery's equalised half set ([`Battery::equalise`]), in words,
/// for the report.
fn equalised_words(equalise: &[String]) -> String {
    if equalise.is_empty() {
        EQUALISED_WHY.to_string()
    } else {
        format!(
            "these levers are set for every regime (a lever named alone at the mean of the presets' values): {}; every other lever is as each preset ships it.",
            equalise.join(", ")
        )
    }
}

/// What the equalised half sets on a scenario: each lever `battery.equalise`
/// names with its value, or every number lever at the presets' mean.
fn equalised(
    equalise: &[String],
    scenario: &Scenario,
) -> Result<Vec<(&'static Lever, LeverValue)>, RunError> {
    let means = preset_means(scenario)?;
    if equalise.is_empty() {
        return Ok(means
            .into_iter()
            .map(|(lever, mean)| (lever, LeverValue::Number(mean)))
            .collect());
    }
    equalise
        .iter()
        .map(|spec| {
            if spec.contains('=') {
                let e = crate::compare::Equalised::parse(spec, scenario).map_err(RunError::Usage)?;
                return Ok((e.lever, e.value));
            }
            means
                .iter()
                .find(|(lever, _)| lever.name == spec.trim())
                .map(|&(lever, mean)| (lever, LeverValue::Number(mean)))
                .ok_or_else(|| {
                    RunError::Usage(format!(
                        "--equalise: {spec:?} is not a number lever; name a number lever alone, or give any lever a value as name=value"
                    ))
                })
        })
        .collect()
}

/// The battery's jobs, in order, and the files that could not be read. A
/// scenario is named by its folder and file (`stress/technocrats.ron`).
pub fn jobs(battery: &Battery) -> Result<(Vec<Job>, Vec<Failure>), RunError> {
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    for dir in &battery.dirs {
        let mut here: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|source| {
                RunError::Usage(format!(
                    "{}: cannot read the battery's folder: {source}",
                    dir.display()
                ))
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .collect();
        here.sort();
        let folder = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for path in here {
            let file = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            files.push((format!("{folder}/{file}"), path));
        }
    }
    let (mut jobs, mut failures) = (Vec::new(), Vec::new());
    let mut regimes = battery.regimes.clone();
    for (file, path) in files {
        let scenario = match Scenario::load(&path) {
            Ok(s) => s,
            Err(e) => {
                failures.push(Failure::new(&file, &e.to_string()));
                continue;
            }
        };
        if regimes.is_empty() {
            regimes = crate::compare::available_regimes(&scenario)?;
        }
        let set = match equalised(&battery.equalise, &scenario) {
            Ok(set) => set,
            // A lever the command line names wrongly is the same mistake in
            // every scenario: said once, before anything runs.
            Err(e @ RunError::Usage(_)) if !battery.equalise.is_empty() => return Err(e),
            Err(e) => {
                failures.push(Failure::new(&file, &e.to_string()));
                continue;
            }
        };
        for (settings, regime) in [AS_SHIPPED, EQUALISED]
            .into_iter()
            .flat_map(|s| regimes.iter().map(move |r| (s, r)))
        {
            let mut policy = match load_policy(scenario.presets_dir.join(format!("{regime}.ron"))) {
                Ok(p) => p,
                Err(e) => {
                    failures.push(Failure::new(&file, &e.to_string()));
                    continue;
                }
            };
            if settings == EQUALISED {
                for &(lever, value) in &set {
                    (lever.set)(&mut policy, value);
                }
            }
            let mut run = scenario.clone();
            run.policy = policy;
            run.regime = regime.clone();
            for i in 0..battery.seeds {
                jobs.push(Job {
                    index: jobs.len(),
                    scenario: file.clone(),
                    settings,
                    path: path.clone(),
                    regime: regime.clone(),
                    seed: scenario.seed.wrapping_add(u64::from(i)),
                    run: run.clone(),
                });
            }
        }
    }
    Ok((jobs, failures))
}

/// Each number lever's mean over the presets beside a scenario.
fn preset_means(scenario: &Scenario) -> Result<Vec<(&'static Lever, f64)>, RunError> {
    let mut policies = Vec::new();
    for (_, policy) in crate::scenario::presets(&scenario.presets_dir)? {
        policies.push(policy?);
    }
    Ok(LEVERS
        .iter()
        .filter(|l| matches!(l.kind, LeverKind::Number { .. }))
        .map(|lever| {
            let values: Vec<f64> = policies
                .iter()
                .filter_map(|p| match (lever.get)(p) {
                    LeverValue::Number(n) => Some(n),
                    LeverValue::Choice(_) => None,
                })
                .collect();
            (lever, mean_and_spread(&values).0)
        })
        .collect())
}

/// A shard `i/n`: the jobs whose place counted from 1 leaves `i` over `n`
/// (every n-th job from the i-th).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shard {
    pub i: usize,
    pub n: usize,
}

impl Shard {
    /// Reads `i/n` with 1 ≤ i ≤ n.
    pub fn parse(spec: &str) -> Result<Self, String> {
        let bad = || format!("--shard takes i/n with 1 ≤ i ≤ n (e.g. 2/3), not {spec:?}");
        let (i, n) = spec.split_once('/').ok_or_else(bad)?;
        let (i, n) = (
            i.trim().parse::<usize>().map_err(|_| bad())?,
            n.trim().parse::<usize>().map_err(|_| bad())?,
        );
        if i == 0 || i > n {
            return Err(bad());
        }
        Ok(Self { i, n })
    }

    pub fn holds(&self, job: &Job) -> bool {
        job.index % self.n == self.i - 1
    }
}

/// Runs a battery, or the shard of it asked, and writes its folder to
/// `out`, telling `done` after each run how many have finished of how
/// many. Returns every file and run that
/// failed (the report lists them too).
pub fn run_into(
    battery: &Battery,
    shard: Option<Shard>,
    out: &Path,
    done: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<Failure>, RunError> {
    let (jobs, mut failures) = self::jobs(battery)?;
    let mine: Vec<Job> = jobs
        .iter()
        .filter(|j| shard.is_none_or(|s| s.holds(j)))
        .cloned()
        .collect();
    let manifest = Manifest::of(&jobs, &failures, shard, &battery.equalise);
    let mut outcomes = Vec::new();
    for result in run(&mine, done)? {
        match result {
            Ok(o) => outcomes.push(o),
            Err(f) => failures.push(f),
        }
    }
    write(out, &outcomes, episodes_csv(&outcomes), &manifest)?;
    Ok(failures)
}

/// Runs the jobs on all cores, each for its scenario's own length, telling
/// `done` after each how many have finished of how many; outcomes come back in the jobs' order whatever the
/// thread count. A run that stops at a fault of the model is a failure.
pub fn run(
    jobs: &[Job],
    done: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<Result<Outcome, Failure>>, RunError> {
    use rayon::prelude::*;
    // The runs go on a pool of their own (see `compare::compare`).
    let pool = rayon::ThreadPoolBuilder::new()
        .build()
        .map_err(|e| RunError::Usage(format!("cannot start the battery's threads: {e}")))?;
    let finished = std::sync::atomic::AtomicUsize::new(0);
    Ok(pool.install(|| {
        jobs.par_iter()
            .map(|job| {
                let months = job.run.ticks;
                let outcome = headless::run(&job.run, job.seed, months, false)
                    .map(|out| Outcome {
                        job: job.index,
                        scenario: job.scenario.clone(),
                        regime: job.regime.clone(),
                        settings: job.settings.to_string(),
                        seed: job.seed,
                        months,
                        values: crate::compare::tail_mean(&out.rows),
                        episodes: out.episodes.iter().map(EpisodeRow::of).collect(),
                    })
                    .map_err(|e| {
                        Failure::new(
                            &job.scenario,
                            &format!("{} seed {}: {e}", job.regime, job.seed),
                        )
                    });
                let n = finished.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                done(n, jobs.len());
                outcome
            })
            .collect()
    }))
}

/// The runs' CSV: one row per run and measure, with the run's identity.
pub fn runs_csv(outcomes: &[Outcome]) -> String {
    let mut out =
        String::from("job,scenario,regime,settings,seed,months,measure,statistic,value\n");
    for o in outcomes {
        for (m, value) in o.values.iter() {
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{},{STATISTIC},{value}",
                o.job,
                o.scenario,
                o.regime,
                o.settings,
                o.seed,
                o.months,
                m.key()
            );
        }
    }
    out
}

const EPISODES_HEADER: &str = "job,scenario,regime,settings,seed,region,shock,start,depth,months_below,died,cohort_hurt_most,recovered\n";

/// The episodes' CSV: one row per shock episode of every run.
pub fn episodes_csv(outcomes: &[Outcome]) -> String {
    let mut out = String::from(EPISODES_HEADER);
    for o in outcomes {
        for e in &o.episodes {
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{},{},{},{},{},{},{}",
                o.job,
                o.scenario,
                o.regime,
                o.settings,
                o.seed,
                e.region,
                e.shock,
                e.start,
                e.depth,
                e.months,
                e.died,
                e.cohort,
                e.recovered
            );
        }
    }
    out
}

/// Reads a runs' CSV back (as [`runs_csv`] writes it) into outcomes
/// without their episodes, in the file's order.
pub fn read_runs(text: &str, file: &Path) -> Result<Vec<Outcome>, RunError> {
    let mut outcomes: Vec<Outcome> = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let bad = |what: &str| RunError::Usage(format!("{}:{}:1: {what}", file.display(), n + 1));
        let f: Vec<&str> = line.split(',').collect();
        let [
            job,
            scenario,
            regime,
            settings,
            seed,
            months,
            measure,
            _,
            value,
        ] = f[..]
        else {
            return Err(bad(
                "expected 9 fields: job,scenario,regime,settings,seed,months,measure,statistic,value",
            ));
        };
        let job: usize = job
            .parse()
            .map_err(|_| bad("the job is not a whole number"))?;
        let measure = Measure::ALL
            .into_iter()
            .find(|m| m.key() == measure)
            .ok_or_else(|| bad("no measure has that name"))?;
        let value: f64 = value
            .parse()
            .map_err(|_| bad("the value is not a number"))?;
        if outcomes.last().is_none_or(|o| o.job != job) {
            outcomes.push(Outcome {
                job,
                scenario: scenario.to_string(),
                regime: regime.to_string(),
                settings: settings.to_string(),
                seed: seed
                    .parse()
                    .map_err(|_| bad("the seed is not a whole number"))?,
                months: months
                    .parse()
                    .map_err(|_| bad("the months are not a whole number"))?,
                values: PerMeasure::splat(f64::NAN),
                episodes: Vec::new(),
            });
        }
        if let Some(o) = outcomes.last_mut() {
            o.values[measure] = value;
        }
    }
    // Every run must give every measure: a figure missing from the file is
    // an error, never a silent zero.
    if let Some(o) = outcomes
        .iter()
        .find(|o| o.values.values().any(|v| v.is_nan()))
    {
        return Err(RunError::Usage(format!(
            "{}: job {} lacks a row for some measure; expected one for each of {}",
            file.display(),
            o.job,
            Measure::ALL.len()
        )));
    }
    Ok(outcomes)
}

/// What `field` gives for the outcomes, each once, in the order they
/// first give it.
fn in_order(outcomes: &[Outcome], field: impl Fn(&Outcome) -> &String) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for o in outcomes {
        if !seen.contains(field(o)) {
            seen.push(field(o).clone());
        }
    }
    seen
}

/// The regimes the outcomes hold, in the battery's order.
pub fn regimes_of(outcomes: &[Outcome]) -> Vec<String> {
    in_order(outcomes, |o| &o.regime)
}

/// The scenarios the outcomes hold, in the battery's order.
pub fn scenarios_of(outcomes: &[Outcome]) -> Vec<String> {
    in_order(outcomes, |o| &o.scenario)
}

/// The outcomes of one settings ([`AS_SHIPPED`] or [`EQUALISED`]).
pub fn of_settings(outcomes: &[Outcome], settings: &str) -> Vec<Outcome> {
    outcomes
        .iter()
        .filter(|o| o.settings == settings)
        .cloned()
        .collect()
}

/// A battery folder's outcomes, read from its `runs.csv`.
pub fn open(folder: &Path) -> Result<Vec<Outcome>, RunError> {
    let runs = folder.join("runs.csv");
    read_runs(&read(&runs)?, &runs)
}

/// A criterion's mean and standard deviation over seeds under a regime,
/// on one scenario or overall (`None`: each seed's mean over scenarios),
/// for the outcomes of one settings: the scorecard's figure.
pub fn figure(
    outcomes: &[Outcome],
    regime: &str,
    scenario: Option<&str>,
    m: Measure,
) -> (f64, f64) {
    let (mean, spread, _) = cell(outcomes, regime, scenario, m);
    (mean, spread)
}

/// A regime's mean rank on a criterion over the scenarios (1 the best),
/// and how many scenarios it led, for the outcomes of one settings: the
/// heat map's cell.
pub fn mean_rank(outcomes: &[Outcome], regime: &str, m: Measure) -> (f64, usize) {
    let (regimes, scenarios) = (regimes_of(outcomes), scenarios_of(outcomes));
    let ranks: Vec<usize> = scenarios
        .iter()
        .map(|s| rank(outcomes, &regimes, s, regime, m))
        .collect();
    let mean = ranks.iter().sum::<usize>() as f64 / ranks.len().max(1) as f64;
    (mean, ranks.iter().filter(|&&r| r == 1).count())
}

/// A criterion's mean and spread over seeds for one regime: on one
/// scenario, or overall (each seed's mean over scenarios, seeds counted
/// from each scenario's lowest, as each starts from its own).
fn cell(
    outcomes: &[Outcome],
    regime: &str,
    scenario: Option<&str>,
    m: Measure,
) -> (f64, f64, usize) {
    let mine = outcomes.iter().filter(|o| o.regime == regime);
    let values: Vec<f64> = match scenario {
        Some(s) => mine
            .filter(|o| o.scenario == s)
            .map(|o| o.values[m])
            .collect(),
        None => {
            let mut base: std::collections::BTreeMap<&str, u64> = Default::default();
            for o in outcomes {
                let lowest = base.entry(o.scenario.as_str()).or_insert(o.seed);
                *lowest = (*lowest).min(o.seed);
            }
            let mut by_seed: std::collections::BTreeMap<u64, Vec<f64>> = Default::default();
            for o in mine {
                by_seed
                    .entry(o.seed - base[o.scenario.as_str()])
                    .or_default()
                    .push(o.values[m]);
            }
            by_seed.values().map(|on| mean_and_spread(on).0).collect()
        }
    };
    let (mean, spread) = mean_and_spread(&values);
    (mean, spread, values.len())
}

/// Stands for, in the design's claim: the liberal market for the American
/// system, the state-led regime for the Chinese, the social market for the
/// German.
const STANDS_FOR: [(&str, &str); 3] = [
    ("liberal_market", "the American system"),
    ("state_led", "the Chinese system"),
    ("social_market", "the German system"),
];

/// The regime the design's claim is about.
const CLAIMANT: &str = "adaptive_mutualism";

/// The scorecard in Markdown, from the outcomes and the manifest (its
/// files that could not be read, and its runs with no outcome).
pub fn scorecard(outcomes: &[Outcome], manifest: &Manifest) -> String {
    let regimes = regimes_of(outcomes);
    let scenarios = scenarios_of(outcomes);
    let mut out = String::from("# Stress-test scorecard\n\n");
    let _ = writeln!(
        out,
        "Each regime's mean rank on each criterion over the scenarios: [as shipped]({}), [equalised]({}). Under each scenario's table, its bars with their spread.\n",
        figures::ranks_file(AS_SHIPPED),
        figures::ranks_file(EQUALISED)
    );
    let _ = writeln!(
        out,
        "Each figure is a criterion's {STATISTIC}, mean ± standard deviation over seeds; criteria are never added into one number. Scenarios: {}. Regimes: {}.\n",
        scenarios.len(),
        regimes.join(", ")
    );
    let unfinished: Vec<&RunId> = manifest
        .runs
        .iter()
        .filter(|r| !outcomes.iter().any(|o| o.job == r.job))
        .collect();
    if !manifest.failures.is_empty() || !unfinished.is_empty() {
        out.push_str("## Failures\n\n");
        for f in &manifest.failures {
            let _ = writeln!(out, "- {f}");
        }
        for r in unfinished {
            let _ = writeln!(
                out,
                "- `{}` under {} ({}), seed {}: the run stopped at a fault of the model (its error went to standard error)",
                r.scenario, r.regime, r.settings, r.seed
            );
        }
        out.push('\n');
    }
    for settings in [AS_SHIPPED, EQUALISED] {
        let group = of_settings(outcomes, settings);
        if group.is_empty() {
            continue;
        }
        if settings == AS_SHIPPED {
            out.push_str("# As shipped\n\nEvery preset with its levers as it ships them.\n\n");
        } else {
            let _ = writeln!(
                out,
                "# Equalised\n\nThe same battery where {}\n",
                equalised_words(&manifest.equalised)
            );
        }
        section(&mut out, &group);
    }
    out
}

/// One settings' tables, where adaptive mutualism did not lead, and the
/// claim beside the result.
fn section(out: &mut String, outcomes: &[Outcome]) {
    let regimes = regimes_of(outcomes);
    let scenarios = scenarios_of(outcomes);
    let table = |out: &mut String, scenario: Option<&str>| {
        let _ = write!(out, "| criterion |");
        for r in &regimes {
            let _ = write!(out, " {r} |");
        }
        out.push_str("\n|---|");
        for _ in &regimes {
            out.push_str("---|");
        }
        out.push('\n');
        for m in Measure::CRITERIA {
            let _ = write!(out, "| {} |", m.key());
            for r in &regimes {
                let (mean, spread, _) = cell(outcomes, r, scenario, m);
                let _ = write!(out, " {mean:.1} ± {spread:.1} |");
            }
            out.push('\n');
        }
        out.push('\n');
    };
    out.push_str(
        "## Overall\n\nEach seed's mean over every scenario, then mean ± spread over seeds.\n\n",
    );
    table(out, None);
    let settings = outcomes.first().map_or(AS_SHIPPED, |o| o.settings.as_str());
    for s in &scenarios {
        let _ = writeln!(out, "## {s}\n");
        table(out, Some(s));
        let _ = writeln!(
            out,
            "![{s}, {settings}]({})\n",
            figures::bars_file(s, settings)
        );
    }
    if regimes.iter().any(|r| r == CLAIMANT) {
        out.push_str("## Where adaptive mutualism did not lead\n\n");
        let mut any = false;
        for s in scenarios.iter().map(|s| Some(s.as_str())).chain([None]) {
            for m in Measure::CRITERIA {
                let own = cell(outcomes, CLAIMANT, s, m).0;
                let best = regimes
                    .iter()
                    .map(|r| (r, cell(outcomes, r, s, m).0))
                    .max_by(|a, b| a.1.total_cmp(&b.1));
                if let Some((leader, lead)) = best
                    && leader != CLAIMANT
                    && lead > own
                {
                    any = true;
                    let _ = writeln!(
                        out,
                        "- {}, {}: {leader} leads by {:.1} points ({lead:.1} against {own:.1})",
                        s.unwrap_or("overall"),
                        m.key(),
                        lead - own
                    );
                }
            }
        }
        if !any {
            out.push_str("Nowhere.\n");
        }
        out.push('\n');
        out.push_str(&claim_section(outcomes, &regimes));
    }
}

/// The design's claim beside the result: on each criterion, overall,
/// adaptive mutualism against each regime that stands for a country's
/// system, in sentences generated from the table, with how sure (the
/// difference against twice its standard error over seeds).
fn claim_section(outcomes: &[Outcome], regimes: &[String]) -> String {
    let mut out = String::from(
        "## The claim beside the result\n\nThe design claims that, rated on eight criteria, the proposed system scores higher than the American, Chinese and German systems on almost all of them. Here the liberal market stands for the American system, the state-led regime for the Chinese and the social market for the German: stylised types, not portraits. Overall figures:\n\n",
    );
    let (mut agree, mut against, mut unclear) = (0, 0, 0);
    for m in Measure::CRITERIA {
        let (own, own_spread, n) = cell(outcomes, CLAIMANT, None, m);
        let mut parts = Vec::new();
        for (regime, system) in STANDS_FOR {
            if !regimes.iter().any(|r| r == regime) {
                continue;
            }
            let (other, other_spread, k) = cell(outcomes, regime, None, m);
            let error = (own_spread.powi(2) / n.max(1) as f64
                + other_spread.powi(2) / k.max(1) as f64)
                .sqrt();
            let gap = own - other;
            // A gap within the noise neither agrees nor disagrees: the claim
            // is that the system scores higher, and this cannot say.
            let clear = n >= 2 && k >= 2 && gap.abs() > 2.0 * error;
            let sure = if n < 2 || k < 2 {
                "on one seed, so how sure cannot be said"
            } else if clear {
                "beyond twice the spread's standard error"
            } else {
                "within the spread over seeds, so not a clear difference"
            };
            let verdict = match (clear, gap > 0.0) {
                (true, true) => {
                    agree += 1;
                    "agrees"
                }
                (true, false) => {
                    against += 1;
                    "does not agree"
                }
                (false, true) => {
                    unclear += 1;
                    "leans its way"
                }
                (false, false) => {
                    unclear += 1;
                    "leans against it"
                }
            };
            parts.push(format!(
                "against {system} ({regime}, {other:.1}) it {verdict}: {:+.1} points, {sure}",
                gap
            ));
        }
        let _ = writeln!(
            out,
            "- **{}**: adaptive mutualism {own:.1}; {}.",
            m.key(),
            parts.join("; ")
        );
    }
    let _ = writeln!(
        out,
        "\nOf {} comparisons, the simulation clearly agrees with the claim in {agree}, clearly does not in {against}, and cannot tell in {unclear} (a gap within twice its standard error over seeds, or one seed).",
        agree + against + unclear
    );
    out
}

/// Each regime's rank on a criterion in one scenario (1 the highest
/// mean over seeds), for the outcomes of one settings.
fn rank(
    outcomes: &[Outcome],
    regimes: &[String],
    scenario: &str,
    regime: &str,
    m: Measure,
) -> usize {
    let own = cell(outcomes, regime, Some(scenario), m).0;
    1 + regimes
        .iter()
        .filter(|r| cell(outcomes, r, Some(scenario), m).0 > own)
        .count()
}

/// What identifies a battery: the build, the scenarios' contents, the
/// regimes and seeds of the runs it holds, the failures, and the shard if
/// it is one. Written as RON by [`Manifest::text`] in a fixed order, so
/// that merged shards write the same bytes as one run.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct Manifest {
    pub version: String,
    /// The commit of the checkout the battery ran in (`git describe
    /// --always --dirty` in its first folder), or why there is none.
    pub commit: String,
    pub statistic: String,
    /// Jobs in the whole battery.
    pub jobs: usize,
    pub scenarios: Vec<ScenarioHash>,
    pub runs: Vec<RunId>,
    pub failures: Vec<String>,
    pub shard: Option<String>,
    /// What the equalised half set ([`Battery::equalise`]; none, every
    /// number lever at the presets' mean).
    pub equalised: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct ScenarioHash {
    pub file: String,
    pub content_hash: String,
}

#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct RunId {
    pub job: usize,
    pub scenario: String,
    pub regime: String,
    pub settings: String,
    pub seed: u64,
}

impl Manifest {
    /// The manifest of a battery's `jobs` (the runs it lists: those the
    /// shard holds, or all), with its files that failed.
    pub fn of(
        jobs: &[Job],
        failures: &[Failure],
        shard: Option<Shard>,
        equalised: &[String],
    ) -> Self {
        let mut scenarios: Vec<ScenarioHash> = Vec::new();
        for job in jobs {
            if !scenarios.iter().any(|s| s.file == job.scenario) {
                // A file that went between reading and hashing is said, not
                // hashed as if empty.
                let content_hash = match std::fs::read(&job.path) {
                    Ok(bytes) => format!("{:016x}", fnv1a(&bytes)),
                    Err(e) => format!("unreadable: {}", e.kind()),
                };
                scenarios.push(ScenarioHash {
                    file: job.scenario.clone(),
                    content_hash,
                });
            }
        }
        Self {
            version: env!("CARGO_PKG_VERSION").to_string(),
            commit: commit_of(jobs.first().map(|j| j.path.as_path())),
            statistic: STATISTIC.to_string(),
            jobs: jobs.len(),
            scenarios,
            runs: jobs
                .iter()
                .filter(|j| shard.is_none_or(|s| s.holds(j)))
                .map(|j| RunId {
                    job: j.index,
                    scenario: j.scenario.clone(),
                    regime: j.regime.clone(),
                    settings: j.settings.to_string(),
                    seed: j.seed,
                })
                .collect(),
            failures: failures
                .iter()
                .map(|f| format!("{}: {}", f.file, f.error))
                .collect(),
            shard: shard.map(|s| format!("{}/{}", s.i, s.n)),
            equalised: equalised.to_vec(),
        }
    }

    pub fn text(&self) -> String {
        let mut out = String::from("(\n");
        let _ = writeln!(out, "    version: \"{}\",", self.version);
        let _ = writeln!(out, "    commit: \"{}\",", self.commit);
        let _ = writeln!(out, "    statistic: \"{}\",", self.statistic);
        let _ = writeln!(out, "    jobs: {},", self.jobs);
        out.push_str("    scenarios: [\n");
        for s in &self.scenarios {
            let _ = writeln!(
                out,
                "        (file: \"{}\", content_hash: \"{}\"),",
                s.file, s.content_hash
            );
        }
        out.push_str("    ],\n    runs: [\n");
        for r in &self.runs {
            let _ = writeln!(
                out,
                "        (job: {}, scenario: \"{}\", regime: \"{}\", settings: \"{}\", seed: {}),",
                r.job, r.scenario, r.regime, r.settings, r.seed
            );
        }
        out.push_str("    ],\n    failures: [\n");
        for f in &self.failures {
            let _ = writeln!(out, "        \"{f}\",");
        }
        out.push_str("    ],\n");
        match &self.shard {
            Some(s) => {
                let _ = writeln!(out, "    shard: Some(\"{s}\"),");
            }
            None => out.push_str("    shard: None,\n"),
        }
        out.push_str("    equalised: [");
        for (i, e) in self.equalised.iter().enumerate() {
            let _ = write!(out, "{}\"{e}\"", if i > 0 { ", " } else { "" });
        }
        out.push_str("],\n)\n");
        out
    }
}

/// The commit of the git checkout `file` is in, as `git describe --always
/// --dirty` gives it (`-dirty` when files differ from it), or why there is
/// none: so a result can be traced to the scenarios and code it ran on.
pub(crate) fn commit_of(file: Option<&Path>) -> String {
    let folder = file
        .and_then(Path::parent)
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match std::process::Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(["describe", "--always", "--dirty"])
        .output()
    {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).trim().to_string(),
        Ok(_) => "none: not in a git checkout".into(),
        Err(e) => format!("none: git could not run ({e})"),
    }
}

/// The files of a battery's folder besides its figures: `ranks.png` and
/// `ranks-equalised.png`, and a scenario's bars in `bars/`.
pub const FILES: [&str; 4] = ["runs.csv", "episodes.csv", "manifest.ron", "scorecard.md"];

/// Writes a battery's folder: its runs, episodes, manifest, scorecard and
/// figures; the episodes' CSV as given (a run writes [`episodes_csv`] of
/// its outcomes, a merge the shards' rows).
pub fn write(
    out: &Path,
    outcomes: &[Outcome],
    episodes: String,
    manifest: &Manifest,
) -> Result<(), RunError> {
    std::fs::create_dir_all(out).map_err(|source| RunError::Write {
        path: out.to_path_buf(),
        source,
    })?;
    let texts = [
        runs_csv(outcomes),
        episodes,
        manifest.text(),
        scorecard(outcomes, manifest),
    ];
    for (name, text) in FILES.iter().zip(texts) {
        let path = out.join(name);
        std::fs::write(&path, text).map_err(|source| RunError::Write { path, source })?;
    }
    figures::write(out, outcomes, &[AS_SHIPPED, EQUALISED])?;
    Ok(())
}

fn read(path: &Path) -> Result<String, RunError> {
    std::fs::read_to_string(path)
        .map_err(|e| RunError::Usage(format!("{}: cannot read: {e}", path.display())))
}

/// Joins shards' folders into `out`, which then holds what one run of the
/// whole battery writes: every shard must come from the same battery (the
/// same manifest but for its runs and shard), and together they must hold
/// every job once. Returns the number of files and runs that failed.
pub fn merge(dirs: &[PathBuf], out: &Path) -> Result<usize, RunError> {
    let mut merged: Option<Manifest> = None;
    let (mut outcomes, mut episodes) = (Vec::new(), Vec::new());
    for dir in dirs {
        let path = dir.join("manifest.ron");
        let manifest: Manifest = ron::from_str(&read(&path)?).map_err(|e| {
            RunError::Usage(format!(
                "{}:{}:{}: not a battery's manifest: {}",
                path.display(),
                e.span.start.line,
                e.span.start.col,
                e.code
            ))
        })?;
        match &mut merged {
            None => merged = Some(manifest),
            Some(m) => {
                let same = m.version == manifest.version
                    && m.commit == manifest.commit
                    && m.jobs == manifest.jobs
                    && m.scenarios == manifest.scenarios
                    && m.failures == manifest.failures
                    && m.equalised == manifest.equalised;
                // (Failures are the files that could not be read: the same
                // in every shard.)
                if !same {
                    return Err(RunError::Usage(format!(
                        "{}: from another battery than {} (version, jobs, scenarios or failures differ)",
                        path.display(),
                        dirs[0].join("manifest.ron").display()
                    )));
                }
                m.runs.extend(manifest.runs);
            }
        }
        let runs = dir.join("runs.csv");
        outcomes.extend(read_runs(&read(&runs)?, &runs)?);
        let path = dir.join("episodes.csv");
        for (n, line) in read(&path)?.lines().enumerate().skip(1) {
            let job: usize = line
                .split(',')
                .next()
                .and_then(|j| j.parse().ok())
                .ok_or_else(|| {
                    RunError::Usage(format!(
                        "{}:{}:1: expected the job's number",
                        path.display(),
                        n + 1
                    ))
                })?;
            episodes.push((job, line.to_string()));
        }
    }
    let Some(mut manifest) = merged else {
        return Err(RunError::Usage("stress merge: no folder given".into()));
    };
    manifest.runs.sort_by_key(|r| r.job);
    manifest.shard = None;
    let held: Vec<usize> = manifest.runs.iter().map(|r| r.job).collect();
    if held != (0..manifest.jobs).collect::<Vec<_>>() {
        return Err(RunError::Usage(format!(
            "stress merge: the shards hold {} runs of the battery's {}, or some twice",
            held.len(),
            manifest.jobs
        )));
    }
    outcomes.sort_by_key(|o| o.job);
    episodes.sort_by_key(|(job, _)| *job);
    // The episodes as the shards wrote them, in job order.
    let mut text = String::from(EPISODES_HEADER);
    for (_, line) in episodes {
        text.push_str(&line);
        text.push('\n');
    }
    write(out, &outcomes, text, &manifest)?;
    Ok(manifest.failures.len() + manifest.jobs - outcomes.len())
}

/// FNV-1a, 64 bits: a content hash stable across builds and machines.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
