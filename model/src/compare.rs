//! Regime comparison: one scenario run under several regime presets with the
//! same seeds, summarised as each measure's mean and spread over seeds.
//!
//! Each run uses the preset as it stands; the scenario's own `overrides`
//! were written against its own regime and are not carried over (the
//! command says which it left out), while a listed region's own levers are
//! (they describe the world, not the regime). `--equalise` gives every
//! regime the same value of named levers, so that a lead can be traced to
//! institutions rather than to a preset's numbers. A run's figure is its
//! mean over the last twelve ticks, so one month's noise does not decide a
//! comparison.

use std::fmt::Write as _;

use crate::headless::{self, RunError};
use crate::scenario::{Scenario, ScenarioError, load_policy};
use crate::sim::institutions::{LEVERS, Lever, LeverKind, LeverValue, Policy};
use crate::sim::measures::{Measure, MeasureRow, PerMeasure};

/// Ticks at the end of a run averaged into its figure.
const TAIL: usize = 12;

/// One run's figures: the mean of each measure over its last ticks.
#[derive(Clone, Debug)]
pub struct RunFigures {
    pub regime: String,
    pub seed: u64,
    pub values: PerMeasure<f64>,
}

/// A lever every regime runs with the same value.
#[derive(Clone, Copy)]
pub struct Equalised {
    pub lever: &'static Lever,
    pub value: LeverValue,
}

impl Equalised {
    /// Reads `name` (the value the scenario's own policy, its regime with
    /// its overrides, gives the lever) or `name=value`, where a value is a
    /// number in the lever's range or one of its options (case and
    /// punctuation ignored: `need_based` is `NeedBased`, as files write it).
    pub fn parse(spec: &str, scenario: &Scenario) -> Result<Self, String> {
        Self::parse_for("--equalise", spec, scenario)
    }

    /// [`Equalised::parse`], its refusals naming `flag` (the option the
    /// spec came with).
    pub fn parse_for(flag: &str, spec: &str, scenario: &Scenario) -> Result<Self, String> {
        let (name, value) = match spec.split_once('=') {
            Some((name, value)) => (name.trim(), Some(value.trim())),
            None => (spec.trim(), None),
        };
        let lever = LEVERS.iter().find(|l| l.name == name).ok_or_else(|| {
            let names: Vec<&str> = LEVERS.iter().map(|l| l.name).collect();
            format!(
                "{flag}: no lever is called {name:?}; the levers are: {}",
                names.join(", ")
            )
        })?;
        let Some(value) = value else {
            return Ok(Self {
                lever,
                value: (lever.get)(&scenario.policy),
            });
        };
        let value = match lever.kind {
            LeverKind::Number { limits } => match value.parse::<f64>() {
                Ok(n) if limits.holds(n) => LeverValue::Number(n),
                _ => {
                    return Err(format!(
                        "{flag}: {name} takes {}, not {value:?}",
                        limits.what
                    ));
                }
            },
            LeverKind::Choice { options } => {
                let plain = |s: &str| -> String {
                    s.chars()
                        .filter(|c| c.is_alphanumeric())
                        .collect::<String>()
                        .to_lowercase()
                };
                let index = options
                    .iter()
                    .position(|o| plain(o) == plain(value))
                    .ok_or_else(|| {
                        format!(
                            "{flag}: {name} is one of {}, not {value:?}",
                            options.join(", ")
                        )
                    })?;
                LeverValue::Choice(index)
            }
        };
        Ok(Self { lever, value })
    }

    pub fn apply(&self, policy: &mut Policy) {
        (self.lever.set)(policy, self.value);
    }
}

impl Equalised {
    /// As `--equalise` takes it: `name=value`, a choice by its option's
    /// name.
    pub fn spec(&self) -> String {
        format!("{}={}", self.lever.name, self.lever.written(self.value))
    }
}

impl std::fmt::Display for Equalised {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.lever.name, self.lever.written(self.value))
    }
}

/// The levers the scenario's `overrides` set away from its own regime's
/// preset, with their values: what `compare` leaves out unless they are
/// equalised.
pub fn scenario_overrides(scenario: &Scenario) -> Result<Vec<Equalised>, ScenarioError> {
    let preset = load_policy(
        scenario
            .presets_dir
            .join(format!("{}.ron", scenario.regime)),
    )?;
    Ok(LEVERS
        .iter()
        .filter(|l| (l.get)(&preset) != (l.get)(&scenario.policy))
        .map(|lever| Equalised {
            lever,
            value: (lever.get)(&scenario.policy),
        })
        .collect())
}

/// The presets in a scenario's `presets/` folder, by file stem, sorted.
pub fn available_regimes(scenario: &Scenario) -> Result<Vec<String>, ScenarioError> {
    Ok(crate::scenario::presets(&scenario.presets_dir)?
        .into_iter()
        .map(|(name, _)| name)
        .collect())
}

/// Runs every regime with every seed (`seed`, `seed + 1`, …) on all cores,
/// each with the `equalised` levers at their given values, and returns the
/// figures in regime-then-seed order (the same order on every machine).
pub fn compare(
    scenario: &Scenario,
    regimes: &[String],
    seeds: u32,
    ticks: u32,
    equalised: &[Equalised],
) -> Result<Vec<RunFigures>, RunError> {
    compare_counted(scenario, regimes, seeds, ticks, equalised, &|_, _| {})
}

/// What a long command tells as it goes: runs finished, of how many.
pub type Done<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// [`compare`], telling `done` after each run how many have finished of
/// how many (for a progress bar).
pub fn compare_counted(
    scenario: &Scenario,
    regimes: &[String],
    seeds: u32,
    ticks: u32,
    equalised: &[Equalised],
    done: Done<'_>,
) -> Result<Vec<RunFigures>, RunError> {
    let mut variants = Vec::new();
    for regime in regimes {
        let path = scenario.presets_dir.join(format!("{regime}.ron"));
        let mut policy = load_policy(&path)?;
        for lever in equalised {
            lever.apply(&mut policy);
        }
        let mut variant = scenario.clone();
        variant.policy = policy;
        variant.regime = regime.clone();
        variants.push(variant);
    }
    run_seeds(&variants, seeds, ticks, done)
}

/// The scenario as it is (its own regime with its overrides, its timeline
/// and moves) on `seeds` seeds from its own: what a saved session gives
/// under other worlds. Each run's figures, telling `done` as [`compare`]
/// does.
pub fn over_seeds(
    scenario: &Scenario,
    seeds: u32,
    ticks: u32,
    done: Done<'_>,
) -> Result<Vec<RunFigures>, RunError> {
    run_seeds(std::slice::from_ref(scenario), seeds, ticks, done)
}

/// Each of `variants` on `seeds` seeds from the first's own, on all cores.
fn run_seeds(
    variants: &[Scenario],
    seeds: u32,
    ticks: u32,
    done: Done<'_>,
) -> Result<Vec<RunFigures>, RunError> {
    let mut jobs = Vec::new();
    for variant in variants {
        for i in 0..seeds {
            jobs.push((variant.clone(), variant.seed.wrapping_add(u64::from(i))));
        }
    }
    // Each run is independent and deterministic; rayon keeps the results in
    // the jobs' order whatever the thread count. The runs go on a pool of
    // their own: a run's phases use rayon's global pool from Bevy's threads,
    // and a global worker waiting on a whole run would leave them no thread.
    use rayon::prelude::*;
    let pool = rayon::ThreadPoolBuilder::new()
        .build()
        .map_err(|e| RunError::Usage(format!("cannot start the comparison's threads: {e}")))?;
    let finished = std::sync::atomic::AtomicUsize::new(0);
    pool.install(|| {
        jobs.par_iter()
            .map(|(variant, seed)| {
                let figures = headless::run(variant, *seed, ticks, false).map(|out| RunFigures {
                    regime: variant.regime.clone(),
                    seed: *seed,
                    values: tail_mean(&out.rows),
                });
                let n = finished.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                done(n, jobs.len());
                figures
            })
            .collect()
    })
}

/// Each measure's mean over a run's last [`TAIL`] months.
pub(crate) fn tail_mean(rows: &[MeasureRow]) -> PerMeasure<f64> {
    let tail = &rows[rows.len().saturating_sub(TAIL)..];
    let mut sum = PerMeasure::default();
    for row in tail {
        for (m, s) in sum.iter_mut() {
            *s += row.get(m);
        }
    }
    sum.map(|_, &s: &f64| {
        if tail.is_empty() {
            0.0
        } else {
            s / tail.len() as f64
        }
    })
}

/// Mean and sample standard deviation (0 for one value).
pub(crate) fn mean_and_spread(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    if values.is_empty() {
        return (0.0, 0.0);
    }
    let mean = values.iter().sum::<f64>() / n;
    let spread = if values.len() > 1 {
        (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt()
    } else {
        0.0
    };
    (mean, spread)
}

/// The table: measures as rows, regimes as columns, `mean ± spread` over
/// seeds; figures of a thousand or more without decimals, and columns as
/// wide as their widest cell.
pub fn table(figures: &[RunFigures], regimes: &[String]) -> String {
    let rows: Vec<(&str, Vec<String>)> = Measure::ALL
        .into_iter()
        .map(|m| {
            let cells = regimes
                .iter()
                .map(|regime| {
                    let values: Vec<f64> = figures
                        .iter()
                        .filter(|f| &f.regime == regime)
                        .map(|f| f.values[m])
                        .collect();
                    let (mean, spread) = mean_and_spread(&values);
                    let decimals = if mean.abs() >= 1000.0 { 0 } else { 2 };
                    format!("{mean:.decimals$} ± {spread:.decimals$}")
                })
                .collect();
            (m.key(), cells)
        })
        .collect();
    let widest = rows
        .iter()
        .flat_map(|(_, cells)| cells.iter().map(|c| c.chars().count()))
        .chain(regimes.iter().map(|r| r.chars().count()))
        .max()
        .unwrap_or(0);
    let width = widest.max(20) + 2;
    let mut out = format!("{:<26}", "measure (last year)");
    for regime in regimes {
        let _ = write!(out, "{regime:>width$}");
    }
    out.push('\n');
    for (name, cells) in rows {
        let _ = write!(out, "{name:<26}");
        for cell in cells {
            let _ = write!(out, "{cell:>width$}");
        }
        out.push('\n');
    }
    out
}

/// The CSV's columns: the run's identity (the scenario's file, the regime,
/// the seed, what every regime was given alike), what the figure is, the
/// measure and its value.
pub const CSV_COLUMNS: [&str; 7] = [
    "scenario",
    "regime",
    "seed",
    "equalised",
    "statistic",
    "measure",
    "value",
];

/// The CSV: one row per regime, seed and measure, each with its run's
/// identity: `scenario` (the file's name), `equalised` (the levers every
/// regime was given alike, as `--equalise` writes them, `name=value`
/// with `;` between them, empty for none) and
/// `statistic` (which months the figure averages).
pub fn csv(
    scenario: &Scenario,
    equalised: &[Equalised],
    ticks: u32,
    figures: &[RunFigures],
) -> String {
    let name = scenario
        .path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let given: Vec<String> = equalised.iter().map(Equalised::spec).collect();
    let given = given.join("; ");
    let statistic = format!("mean of the last {} months", (ticks as usize).min(TAIL));
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut write = || -> Result<(), csv::Error> {
        out.write_record(CSV_COLUMNS)?;
        for f in figures {
            for (m, value) in f.values.iter() {
                out.write_record([
                    &name,
                    &f.regime,
                    &f.seed.to_string(),
                    &given,
                    &statistic,
                    m.key(),
                    &value.to_string(),
                ])?;
            }
        }
        out.flush()?;
        Ok(())
    };
    // Writing to memory cannot fail, and every field is UTF-8.
    let _ = write();
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Each regime's mean over seeds of every measure, in `regimes` order.
fn regime_means(figures: &[RunFigures], regimes: &[String]) -> Vec<PerMeasure<f64>> {
    regimes
        .iter()
        .map(|r| {
            PerMeasure::from_fn(|m| {
                let values: Vec<f64> = figures
                    .iter()
                    .filter(|f| &f.regime == r)
                    .map(|f| f.values[m])
                    .collect();
                mean_and_spread(&values).0
            })
        })
        .collect()
}

/// The regime with the highest mean of each criterion, in
/// `Measure::CRITERIA` order, from each regime's means.
fn leaders(means: &[PerMeasure<f64>], regimes: &[String]) -> Vec<String> {
    Measure::CRITERIA
        .into_iter()
        .map(|m| {
            regimes
                .iter()
                .zip(means)
                .max_by(|a, b| a.1[m].total_cmp(&b.1[m]))
                .map_or(String::new(), |(r, _)| r.clone())
        })
        .collect()
}

/// A collapse, against the same regime as set: output per person or
/// population down by more than this share, or the price index more than
/// this many times as high or as low.
const COLLAPSE_SHARE: f64 = 0.25;
const RUNAWAY_PRICES: f64 = 2.0;

/// One parameter at one multiple of its value: each regime's means, or
/// why it was not run.
pub struct Varied {
    pub parameter: String,
    /// The value as set.
    pub value: f64,
    /// The multiple run: 0.5 or 2.
    pub factor: f64,
    /// Each regime's means over seeds, in the sensitivity's regime order;
    /// `None` when the value is out of the parameter's range.
    pub means: Option<Vec<PerMeasure<f64>>>,
}

/// The comparison as set and with each parameter at half and double.
pub struct Sensitivity {
    pub regimes: Vec<String>,
    /// Each regime's means as set.
    pub base: Vec<PerMeasure<f64>>,
    pub varied: Vec<Varied>,
    /// Criterion points a change must exceed to be reported.
    pub threshold: f64,
}

impl Sensitivity {
    /// The collapses of one regime's run against its run as set, in words.
    fn collapses(base: &PerMeasure<f64>, now: &PerMeasure<f64>) -> Vec<String> {
        let mut found = Vec::new();
        for m in [Measure::OutputPerPerson, Measure::Population] {
            if base[m] > 0.0 && now[m] < (1.0 - COLLAPSE_SHARE) * base[m] {
                found.push(format!(
                    "{} {:+.0}%",
                    m.key(),
                    100.0 * (now[m] / base[m] - 1.0)
                ));
            }
        }
        let (b, n) = (base[Measure::PriceIndex], now[Measure::PriceIndex]);
        if b > 0.0 && (n > RUNAWAY_PRICES * b || n < b / RUNAWAY_PRICES) {
            found.push(format!("price_index {b:.2} → {n:.2}"));
        }
        found
    }

    /// The report as Markdown: the leads as set, then for each parameter
    /// at half and double the leads that change, every criterion of every
    /// regime that moves by more than the threshold, and every collapse.
    pub fn markdown(&self) -> String {
        let criteria = Measure::CRITERIA.map(Measure::key);
        let base_leads = leaders(&self.base, &self.regimes);
        let shown: Vec<String> = criteria
            .iter()
            .zip(&base_leads)
            .map(|(c, r)| format!("{c}: {r}"))
            .collect();
        let mut out = format!(
            "leads as set: {}

Criteria moving by more than {} points against the same regime as set, and collapses (output per person or population down by more than {:.0}%, prices more than {RUNAWAY_PRICES} times as high or low).

| parameter | value | run at | leads that change | criteria that move | collapses |
|---|---|---|---|---|---|
",
            shown.join(", "),
            self.threshold,
            100.0 * COLLAPSE_SHARE
        );
        for v in &self.varied {
            let at = format!("{} ({}×)", v.value * v.factor, v.factor);
            let Some(means) = &v.means else {
                let _ = writeln!(
                    out,
                    "| `{}` | {} | {at} | out of range | | |",
                    v.parameter, v.value
                );
                continue;
            };
            let leads: Vec<String> = criteria
                .iter()
                .zip(base_leads.iter().zip(leaders(means, &self.regimes)))
                .filter(|(_, (b, n))| *b != n)
                .map(|(c, (b, n))| format!("{c}: {b} → {n}"))
                .collect();
            let mut moves = Vec::new();
            let mut collapses = Vec::new();
            for ((regime, base), now) in self.regimes.iter().zip(&self.base).zip(means) {
                for m in Measure::CRITERIA {
                    let change = now[m] - base[m];
                    if change.abs() > self.threshold {
                        moves.push(format!("{regime} {} {change:+.1}", m.key()));
                    }
                }
                for c in Self::collapses(base, now) {
                    collapses.push(format!("{regime} {c}"));
                }
            }
            let cell = |items: Vec<String>| {
                if items.is_empty() {
                    "none".to_string()
                } else {
                    items.join("; ")
                }
            };
            let _ = writeln!(
                out,
                "| `{}` | {} | {at} | {} | {} | {} |",
                v.parameter,
                v.value,
                cell(leads),
                cell(moves),
                cell(collapses)
            );
        }
        out
    }

    /// The report as tidy CSV: one row per parameter, multiple, regime and
    /// measure, with the mean as set, as varied and the change.
    pub fn csv(&self) -> String {
        let mut out = csv::Writer::from_writer(Vec::new());
        let mut write = || -> Result<(), csv::Error> {
            out.write_record([
                "parameter",
                "value",
                "factor",
                "regime",
                "measure",
                "as_set",
                "varied",
                "change",
            ])?;
            for v in &self.varied {
                let Some(means) = &v.means else { continue };
                for ((regime, base), now) in self.regimes.iter().zip(&self.base).zip(means) {
                    for m in Measure::ALL {
                        out.write_record([
                            v.parameter.as_str(),
                            &v.value.to_string(),
                            &v.factor.to_string(),
                            regime,
                            m.key(),
                            &base[m].to_string(),
                            &now[m].to_string(),
                            &(now[m] - base[m]).to_string(),
                        ])?;
                    }
                }
            }
            out.flush()?;
            Ok(())
        };
        // Writing to memory cannot fail, and every field is UTF-8.
        let _ = write();
        String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

/// Sensitivity of the comparison to economy parameters: for each named
/// parameter, the comparison again at half and at double its value, each
/// regime against itself as set (`Sensitivity::markdown`, `csv`), telling
/// `done` after each run how many of all have finished.
pub fn sensitivity(
    scenario: &Scenario,
    regimes: &[String],
    seeds: u32,
    ticks: u32,
    equalised: &[Equalised],
    parameters: &[String],
    threshold: f64,
    done: Done<'_>,
) -> Result<Sensitivity, RunError> {
    // Every name is checked before the first run, so a typo costs no wait.
    let values = parameters
        .iter()
        .map(|name| {
            scenario.economy.get(name).ok_or_else(|| {
                RunError::Usage(format!("no numeric economy parameter is called {name:?}"))
            })
        })
        .collect::<Result<Vec<f64>, _>>()?;
    // Every comparison runs as many runs; the count goes on across them.
    let each = regimes.len() * seeds as usize;
    let total = each * (1 + 2 * parameters.len());
    let comparisons = std::sync::atomic::AtomicUsize::new(0);
    let run = |scenario: &Scenario| {
        let before = comparisons.fetch_add(1, std::sync::atomic::Ordering::Relaxed) * each;
        compare_counted(scenario, regimes, seeds, ticks, equalised, &|n, _| {
            done(before + n, total);
        })
    };
    let base = regime_means(&run(scenario)?, regimes);
    let mut varied = Vec::new();
    for (name, &value) in parameters.iter().zip(&values) {
        for factor in [0.5, 2.0] {
            // A value outside the parameter's range is reported, not run.
            let means = match scenario.economy.with(name, value * factor) {
                Ok(economy) => {
                    let varied = Scenario {
                        economy,
                        ..scenario.clone()
                    };
                    Some(regime_means(&run(&varied)?, regimes))
                }
                Err(_) => None,
            };
            varied.push(Varied {
                parameter: name.clone(),
                value,
                factor,
                means,
            });
        }
    }
    Ok(Sensitivity {
        regimes: regimes.to_vec(),
        base,
        varied,
        threshold,
    })
}

#[cfg(test)]
mod tests {
    use super::{PerMeasure, RunFigures, mean_and_spread, table};

    #[test]
    fn table_columns_stay_aligned_with_large_figures() {
        let run = |regime: &str, seed, scale: f64| RunFigures {
            regime: regime.into(),
            seed,
            values: PerMeasure::splat(scale),
        };
        let figures = [
            run("small", 1, 1.5),
            run("small", 2, 2.5),
            run("huge", 1, 16_504_220.36),
            run("huge", 2, 15_128_622.28),
        ];
        let shown = table(&figures, &["small".into(), "huge".into()]);
        let widths: Vec<usize> = shown.lines().map(|l| l.chars().count()).collect();
        assert!(
            widths.iter().all(|&w| w == widths[0]),
            "every line as wide as the header:\n{shown}"
        );
        assert!(shown.contains("15816421 ± "), "{shown}");
    }

    #[test]
    fn sensitivity_reports_magnitudes_and_collapses_not_only_leads() {
        use super::{Measure, Sensitivity, Varied};
        let base = PerMeasure::from_fn(|m| match m {
            Measure::PriceIndex => 1.0,
            Measure::Population => 1000.0,
            _ => 50.0,
        });
        // The same leader, but capability down 10 points and output per
        // person down by 40%.
        let mut now = base;
        now[Measure::Capability] = 40.0;
        now[Measure::OutputPerPerson] = 30.0;
        let report = Sensitivity {
            regimes: vec!["only".into()],
            base: vec![base],
            varied: vec![Varied {
                parameter: "buffer_months".into(),
                value: 3.0,
                factor: 0.5,
                means: Some(vec![now]),
            }],
            threshold: 2.0,
        };
        let shown = report.markdown();
        assert!(shown.contains("only capability -10.0"), "{shown}");
        assert!(shown.contains("only output_per_person -40%"), "{shown}");
        assert!(
            report
                .csv()
                .contains("buffer_months,3,0.5,only,capability,50,40,-10")
        );
    }

    #[test]
    fn spread_is_the_sample_standard_deviation() {
        let (mean, spread) = mean_and_spread(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]);
        assert_eq!(mean, 5.0);
        assert!((spread - 2.138_089_935).abs() < 1e-6, "{spread}");
        assert_eq!(
            mean_and_spread(&[3.0]),
            (3.0, 0.0),
            "one seed has no spread"
        );
    }
}
