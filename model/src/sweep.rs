//! Sweeps: one scenario run over every combination of the values given
//! for levers, economy parameters and the month the levers move, under the
//! regimes and seeds asked, on all cores, written as tidy CSV: one row per
//! run, month and measure, with the run's settings as columns.
//!
//! A sweep is a list of runs in a fixed order (regime, then each axis in
//! the order given, the last fastest, then seed), so that a shard `i/n`
//! (every n-th run from the i-th) is the same runs on any machine, and
//! [`merge`] joins shards' files into the unsharded file, byte for byte.

use std::path::Path;

use crate::compare::Equalised;
use crate::headless::{self, RunError};
use crate::scenario::Scenario;
use crate::sim::crisis::Regions;
use crate::sim::institutions::{Move, PolicyOverrides};
use crate::sim::measures::Measure;
use crate::stress::Shard;

/// What an axis varies.
#[derive(Clone, Debug)]
enum Knob {
    /// A lever, set from the start or, with an `at` axis, in that month.
    Lever,
    /// An economy parameter, by its name in the economy file.
    Economy,
    /// The month the swept levers move (`at`).
    At,
}

/// One `--vary`: a name and the values it takes, each as the CSV writes
/// it.
#[derive(Clone, Debug)]
pub struct Axis {
    pub name: String,
    knob: Knob,
    pub values: Vec<String>,
}

impl Axis {
    /// Reads `name=a..b:n` (n values evenly from a to b, both included) or
    /// `name=x,y,z`. The name is a lever (its values checked against its
    /// range or options, as `--equalise` checks them), an economy parameter
    /// (checked as the economy file's would be) or `at`, the month the
    /// swept levers move (within the run).
    pub fn parse(spec: &str, scenario: &Scenario, ticks: u32) -> Result<Self, String> {
        let (name, values) = spec
            .split_once('=')
            .ok_or_else(|| format!("--vary takes name=a..b:n or name=x,y,z, not {spec:?}"))?;
        let name = name.trim().to_string();
        let values = expand(values.trim()).map_err(|e| format!("--vary {name}: {e}"))?;
        let knob = if name == "at" {
            Knob::At
        } else if crate::sim::institutions::lever(&name).is_some() {
            Knob::Lever
        } else if scenario.economy.get(&name).is_some() {
            Knob::Economy
        } else {
            return Err(format!(
                "--vary: no lever or economy parameter is called {name:?} (the levers are in docs/src/reference/levers.md, the parameters in the economy file; `at` is the month the swept levers move)"
            ));
        };
        for value in &values {
            match knob {
                Knob::At => match value.parse::<u32>() {
                    Ok(month) if month < ticks => {}
                    _ => {
                        return Err(format!(
                            "--vary at: a month from 0 to {} (the run's last), not {value:?}",
                            ticks.saturating_sub(1)
                        ));
                    }
                },
                Knob::Lever => {
                    Equalised::parse_for("--vary", &format!("{name}={value}"), scenario)?;
                }
                Knob::Economy => {
                    let number = value
                        .parse::<f64>()
                        .map_err(|_| format!("--vary {name}: a number, not {value:?}"))?;
                    scenario
                        .economy
                        .with(&name, number)
                        .map_err(|e| format!("--vary {name}: {e}"))?;
                }
            }
        }
        Ok(Self { name, knob, values })
    }
}

/// `a..b:n` as n numbers evenly from a to b, or `x,y,z` as listed.
fn expand(values: &str) -> Result<Vec<String>, String> {
    let Some((range, count)) = values.split_once(':').filter(|_| values.contains("..")) else {
        let listed: Vec<String> = values.split(',').map(|v| v.trim().to_string()).collect();
        if listed.iter().any(String::is_empty) {
            return Err(format!("an empty value in {values:?}"));
        }
        return Ok(listed);
    };
    let bad = || format!("a..b:n takes two numbers and a count of at least 1, not {values:?}");
    let (a, b) = range.split_once("..").ok_or_else(bad)?;
    let (a, b, n) = (
        a.trim().parse::<f64>().map_err(|_| bad())?,
        b.trim().parse::<f64>().map_err(|_| bad())?,
        count.trim().parse::<usize>().map_err(|_| bad())?,
    );
    if n == 0 || !a.is_finite() || !b.is_finite() {
        return Err(bad());
    }
    Ok((0..n)
        .map(|i| {
            let t = if n == 1 {
                0.0
            } else {
                i as f64 / (n - 1) as f64
            };
            // Rounded to 12 decimal places, so 0.1 steps read as 0.3,
            // not 0.30000000000000004.
            let v = a + (b - a) * t;
            format!("{}", (v * 1e12).round() / 1e12)
        })
        .collect())
}

/// A sweep: the scenario, its axes, the regimes (none: the scenario's own,
/// as it sets it), the seeds from the scenario's own and the months.
pub struct Sweep {
    pub scenario: Scenario,
    pub axes: Vec<Axis>,
    pub regimes: Vec<String>,
    pub seeds: u32,
    pub ticks: u32,
}

/// One run of a sweep.
pub struct SweepRun {
    /// Its place in the whole sweep, from 0.
    pub index: usize,
    pub regime: String,
    pub seed: u64,
    /// Each axis's value, in the axes' order.
    pub settings: Vec<String>,
    /// The scenario as this run runs it.
    pub scenario: Scenario,
}

impl Sweep {
    /// Every run, in the sweep's order. A sweep of `at` with no lever to
    /// move is refused: it would change nothing.
    pub fn runs(&self) -> Result<Vec<SweepRun>, RunError> {
        let moves = |k: fn(&Knob) -> bool| self.axes.iter().any(|a| k(&a.knob));
        if moves(|k| matches!(k, Knob::At)) && !moves(|k| matches!(k, Knob::Lever)) {
            return Err(RunError::Usage(
                "--vary at: the month the swept levers move, but no lever is swept".into(),
            ));
        }
        let regimes: Vec<Option<&str>> = if self.regimes.is_empty() {
            vec![None]
        } else {
            self.regimes.iter().map(|r| Some(r.as_str())).collect()
        };
        let mut combos: Vec<Vec<String>> = vec![Vec::new()];
        for axis in &self.axes {
            combos = combos
                .into_iter()
                .flat_map(|c| {
                    axis.values.iter().map(move |v| {
                        let mut c = c.clone();
                        c.push(v.clone());
                        c
                    })
                })
                .collect();
        }
        let mut runs = Vec::new();
        for regime in regimes {
            let base = self.under(regime)?;
            for combo in &combos {
                let scenario = self.set(&base, combo)?;
                for s in 0..u64::from(self.seeds) {
                    runs.push(SweepRun {
                        index: runs.len(),
                        regime: scenario.regime.clone(),
                        seed: self.scenario.seed + s,
                        settings: combo.clone(),
                        scenario: scenario.clone(),
                    });
                }
            }
        }
        Ok(runs)
    }

    /// The scenario under `regime` as its preset sets it (without the
    /// scenario's overrides, as `compare` runs it), or as it is.
    fn under(&self, regime: Option<&str>) -> Result<Scenario, RunError> {
        let mut scenario = self.scenario.clone();
        if let Some(name) = regime {
            let (_, policy) = scenario
                .regimes
                .iter()
                .find(|(n, _)| n == name)
                .ok_or_else(|| {
                    let names: Vec<&str> = self
                        .scenario
                        .regimes
                        .iter()
                        .map(|(n, _)| n.as_str())
                        .collect();
                    RunError::Usage(format!(
                        "unknown regime {name:?}; the presets beside the scenario are: {}",
                        names.join(", ")
                    ))
                })?;
            scenario.policy = policy.clone();
            scenario.regime = name.to_string();
        }
        Ok(scenario)
    }

    /// `base` with one combination of the axes' values: economy parameters
    /// set, and levers set from the start or, with `at`, moved in that
    /// month in every region.
    fn set(&self, base: &Scenario, combo: &[String]) -> Result<Scenario, RunError> {
        let mut scenario = base.clone();
        let mut at = None;
        let mut levers = Vec::new();
        for (axis, value) in self.axes.iter().zip(combo) {
            match axis.knob {
                Knob::At => at = value.parse::<u32>().ok(),
                Knob::Economy => {
                    let number = value.parse::<f64>().map_err(|_| {
                        RunError::Usage(format!("--vary {}: a number, not {value:?}", axis.name))
                    })?;
                    scenario.economy = scenario
                        .economy
                        .with(&axis.name, number)
                        .map_err(RunError::Usage)?;
                }
                Knob::Lever => {
                    let spec = format!("{}={value}", axis.name);
                    levers.push(
                        Equalised::parse_for("--vary", &spec, &scenario)
                            .map_err(RunError::Usage)?,
                    );
                }
            }
        }
        match at {
            None => levers.iter().for_each(|l| l.apply(&mut scenario.policy)),
            Some(tick) => {
                let mut set = PolicyOverrides::default();
                for lever in &levers {
                    if !set.set(lever.lever.name, lever.value) {
                        return Err(RunError::Usage(format!(
                            "--vary {}: cannot be moved in a month",
                            lever.lever.name
                        )));
                    }
                }
                scenario.moves.push(Move {
                    tick,
                    levers: set,
                    regions: Regions::All,
                    lock: Vec::new(),
                    unlock: Vec::new(),
                });
            }
        }
        Ok(scenario)
    }

    /// The CSV's header: the run's identity, each axis, then the month,
    /// the measure and its value.
    pub fn header(&self) -> String {
        let mut fields = vec!["run", "scenario", "regime", "seed"];
        fields.extend(self.axes.iter().map(|a| a.name.as_str()));
        fields.extend(["tick", "measure", "value"]);
        fields.join(",") + "\n"
    }
}

/// Runs the sweep's runs (or the shard's) on all cores, telling `done`
/// after each how many have finished of how many, and returns the CSV: the
/// header, then each run's rows in the sweep's order, whatever the thread
/// count (what [`run_to`] writes, gathered).
pub fn run(
    sweep: &Sweep,
    shard: Option<Shard>,
    done: &(dyn Fn(usize, usize) + Sync),
) -> Result<String, RunError> {
    let mut text = Vec::new();
    run_to(sweep, shard, done, &mut text, Path::new("-"))?;
    String::from_utf8(text)
        .map_err(|e| RunError::Usage(format!("the sweep wrote bytes that are not text: {e}")))
}

/// Runs the sweep's runs (or the shard's) on all cores and streams the CSV
/// to `out` (named `path` in an error): the header, then each run's rows in
/// the sweep's order as soon as that run and every run before it have
/// finished, so a sweep of thousands of runs keeps in memory only the runs
/// that finished ahead of their turn. A run that fails, or a write that
/// does, stops the runs not yet started and is the error returned.
pub fn run_to(
    sweep: &Sweep,
    shard: Option<Shard>,
    done: &(dyn Fn(usize, usize) + Sync),
    out: &mut dyn std::io::Write,
    path: &Path,
) -> Result<(), RunError> {
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let runs: Vec<SweepRun> = sweep
        .runs()?
        .into_iter()
        .filter(|r| shard.is_none_or(|s| r.index % s.n == s.i - 1))
        .collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .build()
        .map_err(|e| RunError::Usage(format!("cannot start the sweep's threads: {e}")))?;
    let (finished, stop) = (AtomicUsize::new(0), AtomicBool::new(false));
    let name = sweep
        .scenario
        .path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let write = |out: &mut dyn std::io::Write, text: &str| {
        out.write_all(text.as_bytes())
            .map_err(|source| RunError::Write {
                path: path.to_path_buf(),
                source,
            })
    };
    write(out, &sweep.header())?;
    let block = |run: &SweepRun| -> Result<String, RunError> {
        let result = headless::run(&run.scenario, run.seed, sweep.ticks, false)?;
        let mut prefix = format!("{},{},{},{}", run.index, field(&name), run.regime, run.seed);
        for value in &run.settings {
            prefix.push(',');
            prefix.push_str(&field(value));
        }
        let mut block = String::new();
        for row in &result.rows {
            for m in Measure::ALL {
                block.push_str(&format!(
                    "{prefix},{},{},{}\n",
                    row.tick,
                    m.key(),
                    row.get(m)
                ));
            }
        }
        Ok(block)
    };
    let (sender, blocks) = std::sync::mpsc::channel::<(usize, Result<String, RunError>)>();
    std::thread::scope(|scope| {
        scope.spawn(|| {
            pool.install(|| {
                runs.par_iter()
                    .enumerate()
                    .for_each_with(sender, |sender, (i, run)| {
                        if stop.load(Ordering::Relaxed) {
                            return;
                        }
                        let result = block(run);
                        let n = finished.fetch_add(1, Ordering::Relaxed) + 1;
                        done(n, runs.len());
                        // The writer has stopped listening only after a failure.
                        let _ = sender.send((i, result));
                    });
            });
        });
        // Blocks arrive in the order runs finish; each is written in its
        // turn.
        let mut early = std::collections::BTreeMap::new();
        let mut next = 0;
        for (i, result) in blocks {
            early.insert(i, result);
            while let Some(result) = early.remove(&next) {
                if let Err(e) = result.and_then(|text| write(out, &text)) {
                    stop.store(true, Ordering::Relaxed);
                    return Err(e);
                }
                next += 1;
            }
        }
        Ok(())
    })
}

/// A CSV field: quoted when it holds a comma, a quote or a line break.
fn field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// The sweep's manifest, RON: the build, the scenario's content hash and
/// every input that decides the rows, so a file can be traced to what made
/// it.
pub fn manifest(sweep: &Sweep, runs: usize, shard: Option<Shard>) -> Result<String, RunError> {
    let text = std::fs::read(&sweep.scenario.path).map_err(|e| {
        RunError::Usage(format!(
            "{}: cannot read it for the manifest's hash: {e}",
            sweep.scenario.path.display()
        ))
    })?;
    let axes: Vec<String> = sweep
        .axes
        .iter()
        .map(|a| format!("(name: {:?}, values: {:?})", a.name, a.values))
        .collect();
    Ok(format!(
        "(\n    version: {:?},\n    commit: {:?},\n    scenario: {:?},\n    scenario_hash: \"{:016x}\",\n    regimes: {:?},\n    seeds: {},\n    first_seed: {},\n    ticks: {},\n    axes: [{}],\n    runs: {runs},\n    shard: {},\n)\n",
        env!("CARGO_PKG_VERSION"),
        crate::stress::commit_of(Some(&sweep.scenario.path)),
        sweep.scenario.path.display().to_string(),
        crate::stress::fnv1a(&text),
        sweep.regimes,
        sweep.seeds,
        sweep.scenario.seed,
        sweep.ticks,
        axes.join(", "),
        shard.map_or_else(
            || "None".to_string(),
            |s| format!("Some(\"{}/{}\")", s.i, s.n)
        ),
    ))
}

/// Joins shards' CSV files into the unsharded sweep's, byte for byte: the
/// same header, every run's rows in the runs' order. Refuses files whose
/// headers differ (different sweeps) and a run found twice.
pub fn merge(files: &[&Path]) -> Result<String, RunError> {
    let mut header: Option<String> = None;
    let mut blocks: Vec<(usize, String)> = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file)
            .map_err(|e| RunError::Usage(format!("{}: cannot read it: {e}", file.display())))?;
        let mut lines = text.split_inclusive('\n');
        let head = lines.next().unwrap_or_default().to_string();
        match &header {
            None => header = Some(head),
            Some(h) if *h == head => {}
            Some(_) => {
                return Err(RunError::Usage(format!(
                    "{}: its columns differ from the first file's: not a shard of the same sweep",
                    file.display()
                )));
            }
        }
        for line in lines {
            let run = line
                .split(',')
                .next()
                .and_then(|r| r.parse::<usize>().ok())
                .ok_or_else(|| {
                    RunError::Usage(format!(
                        "{}: a row without a run number: {line:?}",
                        file.display()
                    ))
                })?;
            match blocks.last_mut() {
                Some((last, block)) if *last == run => block.push_str(line),
                _ => blocks.push((run, line.to_string())),
            }
        }
    }
    blocks.sort_by_key(|(run, _)| *run);
    if let Some(pair) = blocks.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(RunError::Usage(format!(
            "run {} is in more than one file",
            pair[0].0
        )));
    }
    let mut out = header.unwrap_or_default();
    for (_, block) in blocks {
        out.push_str(&block);
    }
    Ok(out)
}
