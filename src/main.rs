//! The command line: parses arguments, picks what to run, reports failures
//! in one line.
//!
//! The window lives here, beside the command line: `gui` assembles it, `view`
//! draws the map and `ui` the panels, and `explain` holds their words, from
//! which `reference` writes the book's reference. The
//! model is the `mutualism-model` crate (`model/`), which knows nothing of
//! them; its layers are named here so that the window's modules read
//! `crate::sim`, `crate::scenario` as the model's own do.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use mutualism_model::headless::{self, RunError};
use mutualism_model::scenario::{Scenario, ScenarioError};
#[cfg(feature = "gui")]
use mutualism_model::{gap, words};
use mutualism_model::{scenario, sim};

use shot::{ShotRequest, View};

mod explain;
#[cfg(feature = "gui")]
mod gui;
mod reference;
mod shot;
#[cfg(feature = "gui")]
mod ui;
#[cfg(feature = "gui")]
mod view;

/// An interactive simulation of adaptive mutualism and the economic regimes
/// it is compared with.
#[derive(Parser)]
#[command(
    name = "mutualism",
    version,
    about,
    args_conflicts_with_subcommands = true,
    after_help = EXIT_STATUS
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Open the simulator on this scenario (scenarios/classroom.ron if no
    /// scenario and no command is given).
    scenario: Option<PathBuf>,
    /// Seed for the window's run; the scenario's seed if not given.
    #[arg(long)]
    seed: Option<u64>,
    /// Name the shipped scenarios this program can open, wherever it is
    /// started, and exit.
    #[arg(long)]
    list: bool,
    #[command(flatten)]
    view: View,
}

/// What the exit status says, for scripts and job arrays.
const EXIT_STATUS: &str = "Exit status: 0 done; 1 bad input (a scenario, preset or economy file, or an option's value); 2 a command line that cannot be read; 3 a fault of the model (a NaN, a gap in the books: not the input's); 4 a file that cannot be written; 5 a state file another version wrote.";

/// What `stress` does besides running a battery.
#[derive(Subcommand)]
enum StressCommand {
    /// Join shards' folders into one, as one run of the battery would have
    /// written it, byte for byte.
    Merge {
        /// The shards' folders.
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        /// The folder to write to.
        #[arg(long)]
        out: PathBuf,
    },
}

/// What `sweep` does besides running a sweep.
#[derive(Subcommand)]
enum SweepCommand {
    /// Join shards' CSV files into the unsharded sweep's, byte for byte.
    Merge {
        /// The shards' CSV files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The file to write (`-`: standard output).
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum Command {
    /// Run a scenario headless and print a summary; optionally write a CSV
    /// with one row of measures per tick.
    Run {
        /// The scenario file (e.g. scenarios/classroom.ron); with --from,
        /// the one the state was saved under if not given.
        #[arg(required_unless_present = "from")]
        scenario: Option<PathBuf>,
        /// Run under this regime preset (a file name beside the scenario's
        /// own, e.g. liberal_market) as its file sets it, without the
        /// scenario's overrides, as `compare` runs it.
        #[arg(long, conflicts_with = "from")]
        regime: Option<String>,
        /// Run to this month; the scenario's own length if not given.
        #[arg(long)]
        ticks: Option<u32>,
        /// Seed for every random draw; the scenario's seed if not given.
        #[arg(long, conflicts_with = "from")]
        seed: Option<u64>,
        /// Save the whole state at month MONTH to FILE (RON), for --from.
        #[arg(long, num_args = 2, value_names = ["MONTH", "FILE"])]
        save_at: Vec<String>,
        /// Go on from a state file --save-at wrote, on its scenario, regime
        /// and seed, to month --ticks: the same figures, bit for bit, as
        /// one run from month 0 (the tables hold every month from the
        /// first, the event log the months after the state's).
        #[arg(long, value_name = "FILE")]
        from: Option<PathBuf>,
        /// Write the measures, one row per tick, to this CSV file (`-`:
        /// standard output, and the summary goes to standard error).
        #[arg(long)]
        csv: Option<PathBuf>,
        /// Write the event log (shocks, recoveries, lever moves), one row per
        /// event with month, place and a plain sentence, to this CSV file
        /// (`-`: standard output).
        #[arg(long)]
        events: Option<PathBuf>,
        /// Write each region's figures every month (population, deaths,
        /// capability, basics, health, skills, work, consumption, trust,
        /// commons, voice, power, support; its federation by name) to this
        /// CSV file (`-`: standard output).
        #[arg(long)]
        regions_csv: Option<PathBuf>,
        /// Write each link's flows every month (goods, aid, disease, credit,
        /// people; capacity, damage, shut or severed) to this CSV file (`-`:
        /// standard output).
        #[arg(long)]
        links_csv: Option<PathBuf>,
        /// Check every tick that money and goods are conserved (slower).
        #[arg(long)]
        check: bool,
        /// Worker threads for the model's parallel phases (all cores if not
        /// given); results are the same bit for bit whatever the number.
        #[arg(long)]
        threads: Option<usize>,
    },
    /// Replay a saved session (or any scenario) headless: on its own seed,
    /// checked against the state it saved, as `run` does; with --seeds N,
    /// what the class did under N worlds, each figure's mean and spread;
    /// with --shot, the window at a month as a PNG.
    Replay {
        /// The session's file (the window's Ctrl+S writes one).
        session: PathBuf,
        /// Run it on this many seeds from its own and print each figure's
        /// mean and spread over them (the last year's mean of each run).
        #[arg(long)]
        seeds: Option<u32>,
        /// Months to run; the scenario's own length if not given.
        #[arg(long)]
        ticks: Option<u32>,
        /// With --seeds, one row per seed and measure, as compare writes
        /// them; else one row per month, as run writes them (`-`: standard
        /// output).
        #[arg(long)]
        csv: Option<PathBuf>,
        /// Also save the window at month --at as this PNG.
        #[arg(long, requires = "at")]
        shot: Option<PathBuf>,
        /// The month for --shot.
        #[arg(long, requires = "shot")]
        at: Option<u32>,
    },
    /// Run one scenario under several regime presets with the same seeds and
    /// print each measure's mean and spread over seeds, regimes as columns.
    Compare {
        /// The scenario file; its folder's presets/ holds the regimes.
        scenario: PathBuf,
        /// Regimes to compare, comma separated, by preset file name (e.g.
        /// liberal_market,adaptive_mutualism); every preset if not given.
        #[arg(long, value_delimiter = ',')]
        regimes: Vec<String>,
        /// Number of seeds per regime: the scenario's seed and the ones after it.
        #[arg(long, default_value_t = 5)]
        seeds: u32,
        /// Months to run; the scenario's own length if not given.
        #[arg(long)]
        ticks: Option<u32>,
        /// Write one row per regime, seed and measure to this CSV file (`-`:
        /// standard output, and the table goes to standard error).
        #[arg(long)]
        csv: Option<PathBuf>,
        /// Give every regime the same value of these levers, comma
        /// separated: `name` takes the scenario's own value (its regime with
        /// its overrides), `name=value` the one given (e.g.
        /// carbon_price,cap_fraction=0.8,commons_governance=community).
        #[arg(long, value_delimiter = ',')]
        equalise: Vec<String>,
    },
    /// Run every scenario of a battery folder under every regime on the same
    /// seeds, on all cores, and write runs.csv, episodes.csv, manifest.ron
    /// and scorecard.md to a folder; `stress merge` joins shards' folders.
    #[command(args_conflicts_with_subcommands = true)]
    Stress {
        #[command(subcommand)]
        merge: Option<StressCommand>,
        /// The battery's folders of scenario files, comma separated.
        #[arg(
            long,
            value_delimiter = ',',
            default_value = "scenarios/stress,scenarios/crises"
        )]
        scenarios: Vec<PathBuf>,
        /// Regimes, comma separated, by preset file name; every preset
        /// beside the first scenario if not given.
        #[arg(long, value_delimiter = ',')]
        regimes: Vec<String>,
        /// Seeds per scenario and regime: each scenario's seed and the ones
        /// after it.
        #[arg(long, default_value_t = 3)]
        seeds: u32,
        /// Run only every n-th job from the i-th (`i/n`), for a job array;
        /// `stress merge` joins the shards' folders.
        #[arg(long)]
        shard: Option<String>,
        /// What the equalised half of the battery sets for every regime,
        /// comma separated: a number lever named alone at the mean of the
        /// presets' values, any lever as name=value; every number lever at
        /// the presets' mean if not given.
        #[arg(long, value_delimiter = ',')]
        equalise: Vec<String>,
        /// The folder to write to.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Run one scenario over every combination of the values given for
    /// levers, economy parameters and the month the levers move, under the
    /// regimes and seeds asked, on all cores, and write tidy CSV: one row
    /// per run, month and measure, with the run's settings as columns;
    /// `sweep merge` joins shards' files.
    #[command(args_conflicts_with_subcommands = true)]
    Sweep {
        #[command(subcommand)]
        merge: Option<SweepCommand>,
        /// The scenario file.
        scenario: Option<PathBuf>,
        /// What to vary, repeatable: `lever=a..b:n` (n values evenly from
        /// a to b), `name=x,y,z` (a lever, its options by name, or an
        /// economy parameter), `at=months` (the month the swept levers
        /// move in every region; from the start if not given).
        #[arg(long = "vary")]
        vary: Vec<String>,
        /// Regimes, comma separated, by preset file name, each as its file
        /// sets it; the scenario's own, as it sets it, if not given.
        #[arg(long, value_delimiter = ',')]
        regimes: Vec<String>,
        /// Seeds per combination: the scenario's seed and the ones after.
        #[arg(long, default_value_t = 1)]
        seeds: u32,
        /// Months to run; the scenario's own length if not given.
        #[arg(long)]
        ticks: Option<u32>,
        /// The CSV to write (`-`: standard output); a manifest of the
        /// build and the inputs goes beside a file, as FILE.manifest.ron.
        #[arg(long)]
        csv: Option<PathBuf>,
        /// Run only every n-th run from the i-th (`i/n`), for a job array;
        /// `sweep merge` joins the shards' files.
        #[arg(long)]
        shard: Option<String>,
    },
    /// Run the comparison again with each named economy parameter at half
    /// and at double its value, and print a Markdown table of the criteria
    /// whose leading regime changes.
    Sensitivity {
        /// The scenario file; its folder's presets/ holds the regimes.
        scenario: PathBuf,
        /// Economy parameters to vary, comma separated, by their names in
        /// the economy file (e.g. wage_adjustment_annual,peer_monitoring).
        #[arg(long, value_delimiter = ',', required = true)]
        params: Vec<String>,
        /// Number of seeds per regime and value.
        #[arg(long, default_value_t = 3)]
        seeds: u32,
        /// Months to run; the scenario's own length if not given.
        #[arg(long)]
        ticks: Option<u32>,
        /// Levers every regime shares, as for compare.
        #[arg(long, value_delimiter = ',')]
        equalise: Vec<String>,
        /// Criterion points a change must exceed to be listed.
        #[arg(long, default_value_t = 2.0)]
        threshold: f64,
        /// Also write every measure's change as CSV (- for standard output).
        #[arg(long)]
        csv: Option<PathBuf>,
    },
    /// Run every causal sentence the book states with the ablation that
    /// backs it, and print those the ablation shows (and, apart, those it
    /// does not), stamped with commit and date.
    Findings {
        /// The scenarios folder the claims name their files in.
        #[arg(long, default_value = "scenarios")]
        scenarios: PathBuf,
        /// Number of seeds per run.
        #[arg(long, default_value_t = 3)]
        seeds: u32,
        /// Write the Markdown here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Time the model on a generated world and print ticks per second.
    Bench {
        /// Number of regions to generate (1 to 50,000, as a scenario's world).
        #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..=i64::from(mutualism_model::sim::base::bounded::MAX_REGIONS)))]
        regions: u32,
        /// Months to run.
        #[arg(long, default_value_t = 120)]
        ticks: u32,
        /// Scenario with a generated world to take everything else from.
        #[arg(long, default_value = "scenarios/continent.ron")]
        scenario: PathBuf,
        /// Worker threads for the model's parallel phases (all cores if not
        /// given), to measure how much a second core adds.
        #[arg(long)]
        threads: Option<usize>,
    },
    /// Write the book's reference for levers, measures and shocks
    /// (docs/src/reference/) from the model's registries and the window's
    /// words in assets/explain.ron.
    Reference {
        /// The reference chapters' folder.
        #[arg(long, default_value = "docs/src/reference")]
        dir: PathBuf,
        /// Change nothing: fail if a chapter is not current.
        #[arg(long)]
        check: bool,
    },
    /// Run the simulator's window to a month, save a screenshot and exit.
    Shot {
        /// The scenario file (e.g. scenarios/classroom.ron).
        scenario: PathBuf,
        #[command(flatten)]
        shot: ShotRequest,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Run {
            scenario,
            regime,
            ticks,
            seed,
            save_at,
            from,
            csv,
            events,
            regions_csv,
            links_csv,
            check,
            threads,
        }) => {
            headless::use_threads(threads);
            let outputs = Outputs {
                csv,
                events,
                regions: regions_csv,
                links: links_csv,
            };
            let start = Start {
                scenario: scenario.map(find),
                regime,
                seed,
                from,
            };
            run(start, ticks, &save_at, outputs, check)
        }
        Some(Command::Compare {
            scenario,
            regimes,
            seeds,
            ticks,
            csv,
            equalise,
        }) => compare(find(scenario), regimes, seeds, ticks, csv, equalise),
        Some(Command::Stress {
            merge: Some(StressCommand::Merge { dirs, out }),
            ..
        }) => mutualism_model::stress::merge(&dirs, &out).and_then(failed),
        Some(Command::Stress {
            merge: None,
            scenarios,
            regimes,
            seeds,
            shard,
            equalise,
            out,
        }) => {
            let battery = mutualism_model::stress::Battery {
                dirs: scenarios.into_iter().map(find).collect(),
                regimes,
                seeds,
                equalise,
            };
            stress(&battery, shard.as_deref(), out)
        }
        Some(Command::Replay {
            session,
            seeds,
            ticks,
            csv,
            shot,
            at,
        }) => replay(find(session), seeds, ticks, csv, shot.zip(at)),
        Some(Command::Sweep {
            merge: Some(SweepCommand::Merge { files, out }),
            ..
        }) => sweep_merge(&files, &out),
        Some(Command::Sweep {
            merge: None,
            scenario,
            vary,
            regimes,
            seeds,
            ticks,
            csv,
            shard,
        }) => sweep(
            scenario.map(find),
            &vary,
            regimes,
            seeds,
            ticks,
            csv,
            shard.as_deref(),
        ),
        Some(Command::Sensitivity {
            scenario,
            params,
            seeds,
            ticks,
            equalise,
            threshold,
            csv,
        }) => sensitivity(
            find(scenario),
            params,
            seeds,
            ticks,
            equalise,
            threshold,
            csv,
        ),
        Some(Command::Findings {
            scenarios,
            seeds,
            out,
        }) => findings(find(scenarios), seeds, out),
        Some(Command::Bench {
            regions,
            ticks,
            scenario,
            threads,
        }) => {
            headless::use_threads(threads);
            Scenario::load(find(scenario))
                .map_err(RunError::from)
                .and_then(|s| headless::bench(&s, regions, ticks))
                .map(|b| headless::print(&b.report()))
        }
        Some(Command::Reference { dir, check }) => write_reference(&dir, check),
        Some(Command::Shot { scenario, shot }) => {
            let ShotRequest {
                ticks,
                out,
                back_to,
                view,
            } = shot;
            let picture = shot::Picture {
                ticks,
                out,
                back_to,
            };
            window(find(scenario), None, &view, Some(picture))
        }
        None if cli.list => list(),
        None => window(
            cli.scenario.map_or_else(classroom, find),
            cli.seed,
            &cli.view,
            None,
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let code = exit_code(&e);
            if code == 3 {
                eprintln!("error: {e} (a fault of the model, not of the scenario)");
            } else {
                eprintln!("error: {e}");
            }
            ExitCode::from(code)
        }
    }
}

/// The exit status for an error, as `EXIT_STATUS` documents it: the model
/// stopped at a fault of its own (an entity lost, a gap in the books, a
/// measure that is not a number) 3; a file that cannot be written 4; a
/// state file another version wrote 5; bad input 1 (clap itself exits 2 on
/// a command line it cannot read).
fn exit_code(error: &RunError) -> u8 {
    match error {
        RunError::Fault(_) | RunError::Conservation(_) => 3,
        RunError::Write { .. } => 4,
        RunError::OtherVersion(_) => 5,
        RunError::Scenario(_) | RunError::Usage(_) => 1,
    }
}

/// Folders a shipped scenario may be found under when a relative path is
/// not under the working directory: the program's own folder and the three
/// above it (a release archive or an installed copy keeps `scenarios/`
/// beside the program; a cargo build keeps it in `target/release/../..`),
/// then the sources it was built from.
fn shipped_roots() -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(std::path::Path::to_path_buf))
        .map(|dir| {
            dir.ancestors()
                .take(4)
                .map(std::path::Path::to_path_buf)
                .collect()
        })
        .unwrap_or_default();
    roots.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    roots
}

/// `path` itself when it exists (or is absolute), else the same relative
/// path under the first shipped root that has it, said on standard error,
/// so `mutualism run scenarios/classroom.ron` works from any folder; else
/// `path`, for the reader to refuse in its words.
fn find(path: PathBuf) -> PathBuf {
    if path.exists() || path.is_absolute() {
        return path;
    }
    match shipped_roots()
        .into_iter()
        .map(|root| root.join(&path))
        .find(|p| p.exists())
    {
        Some(found) => {
            eprintln!(
                "note: {} is not under this folder; using the shipped {}",
                path.display(),
                found.display()
            );
            found
        }
        None => path,
    }
}

/// Prints each shipped scenario this program can open.
fn list() -> Result<(), RunError> {
    print!("{}", listing()?);
    Ok(())
}

/// Each shipped scenario, here or else where `find` looks: its path (as
/// `run` and the window take it), its name and its one line.
fn listing() -> Result<String, RunError> {
    let root = std::iter::once(PathBuf::from("."))
        .chain(shipped_roots())
        .find(|r| r.join("scenarios").is_dir())
        .ok_or_else(|| {
            RunError::Usage(
                "no scenarios/ folder here, beside the program or in the sources it was built from"
                    .into(),
            )
        })?;
    let mut files = Vec::new();
    let mut folders = vec![root.join("scenarios")];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(&folder).map_err(|e| {
            RunError::Usage(format!(
                "{}: cannot list the scenarios: {e}",
                folder.display()
            ))
        })?;
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if path.is_dir() && name != "presets" && name != "economy" {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "ron") {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut out = format!("Scenarios under {}:\n", root.display());
    for file in &files {
        let shown = file
            .strip_prefix(&root)
            .unwrap_or(file)
            .display()
            .to_string();
        match Scenario::load(file) {
            Ok(s) => out += &format!("  {shown:<40} {}: {}\n", s.name, s.description),
            Err(e) => out += &format!("  {shown:<40} (cannot be read: {e})\n"),
        }
    }
    Ok(out)
}

/// Brings the reference chapters under `dir` up to date, or with `check`
/// fails naming those that are not.
fn write_reference(dir: &std::path::Path, check: bool) -> Result<(), RunError> {
    let words = explain::Explanations::load(explain::default_path())?;
    let stale = reference::stale(dir, &words).map_err(|e| {
        RunError::Usage(format!("{}: cannot read the reference: {e}", dir.display()))
    })?;
    for (path, text) in &stale {
        if check {
            eprintln!("{}: not current", path.display());
        } else {
            headless::write_file(path, text)?;
            println!("{}: written", path.display());
        }
    }
    if check && !stale.is_empty() {
        return Err(RunError::Usage(
            "the reference is not current: run `cargo run -- reference`".into(),
        ));
    }
    Ok(())
}

/// The scenario the window opens when none is given: the classroom, here
/// or shipped (`find`).
fn classroom() -> PathBuf {
    find(PathBuf::from("scenarios/classroom.ron"))
}

/// Opens the simulator's window, or takes a screenshot of it.
#[cfg(feature = "gui")]
fn window(
    path: PathBuf,
    seed: Option<u64>,
    view: &View,
    shot: Option<shot::Picture>,
) -> Result<(), RunError> {
    // Checked before the scenario is read, so a machine without a screen
    // hears how to run headless rather than anything else.
    if !gui::has_display() {
        return Err(RunError::Usage(gui::GuiError::NoDisplay.to_string()));
    }
    let scenario = Scenario::load(&path)?;
    let seed = seed.unwrap_or(scenario.seed);
    gui::run(&scenario, seed, view, shot).map_err(|e| RunError::Usage(e.to_string()))
}

/// Without the `gui` feature there is no window to open.
#[cfg(not(feature = "gui"))]
fn window(_: PathBuf, _: Option<u64>, _: &View, _: Option<shot::Picture>) -> Result<(), RunError> {
    Err(RunError::Usage(
        "this build has no window (built without the `gui` feature): run headless with `mutualism run scenarios/classroom.ron`".into(),
    ))
}

/// Where `run` writes its tables, each a file or `-` for standard output.
struct Outputs {
    csv: Option<PathBuf>,
    events: Option<PathBuf>,
    regions: Option<PathBuf>,
    links: Option<PathBuf>,
}

/// Where `run` starts: a scenario at month 0, or a saved state.
struct Start {
    scenario: Option<PathBuf>,
    regime: Option<String>,
    seed: Option<u64>,
    /// A state file to go on from.
    from: Option<PathBuf>,
}

fn run(
    Start {
        scenario,
        regime,
        seed,
        from,
    }: Start,
    ticks: Option<u32>,
    save_at: &[String],
    Outputs {
        csv,
        events,
        regions,
        links,
    }: Outputs,
    check: bool,
) -> Result<(), RunError> {
    // The state read, with the file it was read from.
    let saved = from
        .map(|file| mutualism_model::state::read(&file).map(|s| (s, file)))
        .transpose()?;
    let named = scenario.is_some();
    let path = match (scenario, &saved) {
        (Some(path), _) => path,
        (None, Some((saved, _))) => find(saved.scenario.clone()),
        (None, None) => return Err(RunError::Usage("run needs a scenario file".into())),
    };
    let regime = regime.or_else(|| saved.as_ref().and_then(|(s, _)| s.regime.clone()));
    let mut scenario = match (Scenario::load(&path), &saved) {
        (Err(ScenarioError::Read { path, source }), Some((_, from))) if !named => {
            return Err(RunError::Usage(format!(
                "{}: names the scenario {}, which cannot be read ({source}); if it moved, give its path before --from",
                from.display(),
                path.display()
            )));
        }
        (loaded, _) => loaded?,
    };
    let seed = saved.as_ref().map(|(s, _)| s.seed).or(seed);
    let as_saved = regime.is_none() && seed.is_none_or(|s| s == scenario.seed);
    if let Some(name) = &regime {
        scenario.under_regime(name).map_err(RunError::Usage)?;
    }
    let seed = seed.unwrap_or(scenario.seed);
    let ticks = ticks.unwrap_or(scenario.ticks);
    let save_at = save_month(save_at, ticks)?;
    let app = match &saved {
        Some((saved, from)) => {
            if ticks < saved.month || save_at.as_ref().is_some_and(|(m, _)| *m <= saved.month) {
                return Err(RunError::Usage(format!(
                    "{}: the state is at month {}: --ticks and --save-at go on from there",
                    from.display(),
                    saved.month
                )));
            }
            saved.resume(&scenario, check, from)?
        }
        None => headless::app(&scenario, seed, check),
    };
    let mut events_csv = events
        .as_deref()
        .map(headless::CsvStream::events)
        .transpose()?;
    let mut regions_csv = regions
        .as_deref()
        .map(headless::CsvStream::regions)
        .transpose()?;
    let mut links_csv = links
        .as_deref()
        .map(headless::CsvStream::links)
        .transpose()?;
    // A saved session's check, compared when the run reaches its month,
    // if it runs as saved (its own regime and seed).
    let session = scenario
        .check
        .clone()
        .filter(|c| as_saved && c.month <= ticks);
    let mut checked: Option<Result<String, String>> = None;
    let output = headless::go_on_with_events(app, ticks, &mut |world, month| {
        if let Some((at, file)) = &save_at
            && world.resource::<sim::SimClock>().tick == *at
        {
            mutualism_model::state::save(world, &scenario, regime.as_deref(), seed, file)?;
            eprintln!("the state at month {at} is saved in {}", file.display());
        }
        if let Some(session) = &session
            && world.resource::<sim::SimClock>().tick == session.month
        {
            checked = Some(session.compare(sim::world::hash::state_hash(world)));
        }
        if let Some(out) = events_csv.as_mut() {
            out.write_events(month)?;
        }
        if let Some(out) = regions_csv.as_mut() {
            out.write(headless::region_records(world))?;
        }
        if let Some(out) = links_csv.as_mut() {
            out.write(headless::link_records(world))?;
        }
        Ok(())
    })?;
    let piped = [&csv, &events, &regions, &links]
        .into_iter()
        .flatten()
        .any(|p| headless::is_stdout(p));
    if let Some(csv_path) = csv {
        headless::write_file(&csv_path, &headless::csv(&output.rows))?;
    }
    for stream in [events_csv, regions_csv, links_csv].into_iter().flatten() {
        stream.finish()?;
    }
    let lives = match (output.rows.first(), output.rows.last()) {
        (Some(first), Some(last)) => {
            format!("{}\n", mutualism_model::words::lives_lost(first, last))
        }
        _ => String::new(),
    };
    let session_line = match &checked {
        Some(Ok(line)) => format!("session: {line}\n"),
        _ => String::new(),
    };
    let summary = format!(
        "{} ({}), regime {}, seed {seed}, {ticks} months\n{lives}{}{}{session_line}state hash {:016x}\n",
        scenario.name,
        path.display(),
        scenario.regime,
        headless::summary(&output.rows),
        output.worst.as_deref().unwrap_or(""),
        output.hash
    );
    say(&summary, piped);
    match checked {
        Some(Err(line)) => Err(RunError::Usage(format!("{}: {line}", path.display()))),
        _ => Ok(()),
    }
}

/// The month and file of `--save-at MONTH FILE`, if given, checked: a
/// month the run reaches.
fn save_month(save_at: &[String], ticks: u32) -> Result<Option<(u32, PathBuf)>, RunError> {
    let [month, file] = save_at else {
        return Ok(None);
    };
    let month: u32 = month.parse().map_err(|_| {
        RunError::Usage(format!(
            "--save-at takes a month (a whole number) and a file, not {month:?}"
        ))
    })?;
    if month == 0 || month > ticks {
        return Err(RunError::Usage(format!(
            "--save-at {month}: the run goes from month 0 to month {ticks}; save at a month from 1 to {ticks}"
        )));
    }
    Ok(Some((month, PathBuf::from(file))))
}

/// "1 seed", "5 seeds".
fn seeds_shown(seeds: u32) -> String {
    if seeds == 1 {
        "1 seed".into()
    } else {
        format!("{seeds} seeds")
    }
}

fn sensitivity(
    path: PathBuf,
    params: Vec<String>,
    seeds: u32,
    ticks: Option<u32>,
    equalise: Vec<String>,
    threshold: f64,
    csv: Option<PathBuf>,
) -> Result<(), RunError> {
    use mutualism_model::compare::{Equalised, available_regimes};
    let scenario = Scenario::load(&path)?;
    let regimes = available_regimes(&scenario)?;
    let equalised = equalise
        .iter()
        .map(|spec| Equalised::parse(spec, &scenario))
        .collect::<Result<Vec<_>, _>>()
        .map_err(RunError::Usage)?;
    if seeds == 0 {
        return Err(RunError::Usage("--seeds must be at least 1".into()));
    }
    if !(threshold.is_finite() && threshold >= 0.0) {
        return Err(RunError::Usage(format!(
            "--threshold takes criterion points, 0 or more, not {threshold}"
        )));
    }
    let ticks = ticks.unwrap_or(scenario.ticks);
    let bar = progress_bar();
    let tick = counting(&bar);
    let report = mutualism_model::compare::sensitivity(
        &scenario, &regimes, seeds, ticks, &equalised, &params, threshold, &tick,
    );
    bar.finish_and_clear();
    let report = report?;
    let piped = csv.as_deref().is_some_and(headless::is_stdout);
    if let Some(csv_path) = csv {
        headless::write_file(&csv_path, &report.csv())?;
    }
    say(
        &format!(
            "{} ({}), {} from {}, {ticks} months\n{}",
            scenario.name,
            path.display(),
            seeds_shown(seeds),
            scenario.seed,
            report.markdown()
        ),
        piped,
    );
    Ok(())
}

fn findings(scenarios: PathBuf, seeds: u32, out: Option<PathBuf>) -> Result<(), RunError> {
    use mutualism_model::findings::{CLAIMS, check, report};
    if seeds == 0 {
        return Err(RunError::Usage("--seeds must be at least 1".into()));
    }
    let mut evidence = Vec::new();
    for claim in CLAIMS {
        eprintln!(
            "{} under {}: {}",
            claim.scenario, claim.regime, claim.switch
        );
        evidence.push(check(&scenarios, claim, seeds)?);
    }
    let text = report(&evidence, &stamp());
    match out {
        Some(path) => headless::write_file(&path, &text),
        None => {
            headless::print(&text);
            Ok(())
        }
    }
}

/// "from commit abc123 on 2026-12-07": the commit `git` names for the
/// working folder (with a note if the model has uncommitted changes) and
/// today's date in UTC.
fn stamp() -> String {
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let commit = match git(&["rev-parse", "--short=12", "HEAD"]) {
        Some(commit) => {
            let dirty = git(&[
                "status",
                "--porcelain",
                "--untracked-files=no",
                "--",
                "model",
                "scenarios",
            ])
            .is_some_and(|s| !s.is_empty());
            if dirty {
                format!("{commit} with uncommitted changes to the model or scenarios")
            } else {
                commit
            }
        }
        None => "an unknown commit (not a git checkout)".into(),
    };
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    let (y, m, d) = civil_date(days);
    format!("from commit {commit} on {y:04}-{m:02}-{d:02}")
}

/// The calendar date of a day counted from 1970-01-01 (Hinnant's
/// days-to-civil algorithm).
fn civil_date(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Runs a battery (or a shard of it) and writes its folder; files or runs
/// that failed are listed in the report and make the exit status non-zero.
fn stress(
    battery: &mutualism_model::stress::Battery,
    shard: Option<&str>,
    out: Option<PathBuf>,
) -> Result<(), RunError> {
    use mutualism_model::stress::{self, Shard};
    let out = out.ok_or_else(|| RunError::Usage("stress: --out FOLDER is required".into()))?;
    if battery.seeds == 0 {
        return Err(RunError::Usage("--seeds must be at least 1".into()));
    }
    let shard = shard
        .map(Shard::parse)
        .transpose()
        .map_err(RunError::Usage)?;
    // A progress bar on standard error (drawn only to a terminal): runs
    // done of all, and the time left at the pace so far.
    let bar = progress_bar();
    let tick = counting(&bar);
    let failures = stress::run_into(battery, shard, &out, &tick);
    bar.finish_and_clear();
    let failures = failures?;
    for f in &failures {
        eprintln!("error: {}: {}", f.file, f.error);
    }
    eprintln!(
        "wrote {} ({}, ranks.png, ranks-equalised.png and bars/)",
        out.display(),
        stress::FILES.join(", ")
    );
    failed(failures.len())
}

/// A progress bar on standard error (drawn only to a terminal): runs done
/// of all, and the time left at the pace so far.
fn progress_bar() -> indicatif::ProgressBar {
    indicatif::ProgressBar::new(0).with_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos} of {len} runs, {eta} left")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    )
}

/// Replays a session: as `run` does on its own seed (its check compared),
/// or over `seeds` seeds as a table; and the window at a month as a PNG.
fn replay(
    path: PathBuf,
    seeds: Option<u32>,
    ticks: Option<u32>,
    csv: Option<PathBuf>,
    shot: Option<(PathBuf, u32)>,
) -> Result<(), RunError> {
    match seeds {
        None => {
            let outputs = Outputs {
                csv,
                events: None,
                regions: None,
                links: None,
            };
            let start = Start {
                scenario: Some(path.clone()),
                regime: None,
                seed: None,
                from: None,
            };
            run(start, ticks, &[], outputs, false)?;
        }
        Some(0) => return Err(RunError::Usage("--seeds must be at least 1".into())),
        Some(seeds) => {
            let scenario = Scenario::load(&path)?;
            let ticks = ticks.unwrap_or(scenario.ticks);
            let bar = progress_bar();
            let figures =
                mutualism_model::compare::over_seeds(&scenario, seeds, ticks, &counting(&bar));
            bar.finish_and_clear();
            let figures = figures?;
            let piped = csv.as_deref().is_some_and(headless::is_stdout);
            if let Some(csv_path) = csv {
                let rows = mutualism_model::compare::csv(&scenario, &[], ticks, &figures);
                headless::write_file(&csv_path, &rows)?;
            }
            say(
                &format!(
                    "{} ({}), as saved, {} from {}, {ticks} months; mean ± standard deviation over seeds\n{}",
                    scenario.name,
                    path.display(),
                    seeds_shown(seeds),
                    scenario.seed,
                    mutualism_model::compare::table(
                        &figures,
                        std::slice::from_ref(&scenario.regime)
                    )
                ),
                piped,
            );
        }
    }
    match shot {
        Some((file, at)) => {
            let picture = shot::Picture {
                ticks: at,
                out: file,
                back_to: None,
            };
            window(path, None, &View::default(), Some(picture))
        }
        None => Ok(()),
    }
}

/// What a long command tells its bar: runs finished, of how many.
fn counting(bar: &indicatif::ProgressBar) -> impl Fn(usize, usize) + Sync + '_ {
    move |n, total| {
        bar.set_length(total as u64);
        bar.set_position(n as u64);
    }
}

/// Runs a sweep and writes its CSV, and its manifest beside a file.
fn sweep(
    path: Option<PathBuf>,
    vary: &[String],
    regimes: Vec<String>,
    seeds: u32,
    ticks: Option<u32>,
    csv: Option<PathBuf>,
    shard: Option<&str>,
) -> Result<(), RunError> {
    use mutualism_model::stress::Shard;
    use mutualism_model::sweep::{self, Axis, Sweep};
    let path = path.ok_or_else(|| RunError::Usage("sweep: a scenario file is required".into()))?;
    let csv = csv.ok_or_else(|| RunError::Usage("sweep: --csv FILE (or -) is required".into()))?;
    if seeds == 0 {
        return Err(RunError::Usage("--seeds must be at least 1".into()));
    }
    let scenario = Scenario::load(&path)?;
    let ticks = ticks.unwrap_or(scenario.ticks);
    let axes = vary
        .iter()
        .map(|spec| Axis::parse(spec, &scenario, ticks))
        .collect::<Result<Vec<_>, _>>()
        .map_err(RunError::Usage)?;
    let shard = shard
        .map(Shard::parse)
        .transpose()
        .map_err(RunError::Usage)?;
    let plan = Sweep {
        scenario,
        axes,
        regimes,
        seeds,
        ticks,
    };
    let runs = plan.runs()?.len();
    let bar = progress_bar();
    let tick = counting(&bar);
    // The rows stream to the file (or standard output) as runs finish.
    let written = if headless::is_stdout(&csv) {
        match sweep::run_to(&plan, shard, &tick, &mut std::io::stdout().lock(), &csv) {
            // A reader that stops reading (`| head`) ends the sweep quietly.
            Err(RunError::Write { source, .. })
                if source.kind() == std::io::ErrorKind::BrokenPipe =>
            {
                Ok(())
            }
            other => other,
        }
    } else {
        let failed = |source| RunError::Write {
            path: csv.clone(),
            source,
        };
        let mut file = std::io::BufWriter::new(std::fs::File::create(&csv).map_err(failed)?);
        sweep::run_to(&plan, shard, &tick, &mut file, &csv)
            .and_then(|()| std::io::Write::flush(&mut file).map_err(failed))
    };
    bar.finish_and_clear();
    written?;
    if !headless::is_stdout(&csv) {
        let mut manifest = csv.clone().into_os_string();
        manifest.push(".manifest.ron");
        headless::write_file(
            std::path::Path::new(&manifest),
            &sweep::manifest(&plan, runs, shard)?,
        )?;
        eprintln!(
            "wrote {} ({runs} runs{}) and its manifest",
            csv.display(),
            shard.map_or_else(String::new, |s| format!(", shard {}/{}", s.i, s.n))
        );
    }
    Ok(())
}

/// Joins shards' CSV files into the unsharded sweep's.
fn sweep_merge(files: &[PathBuf], out: &std::path::Path) -> Result<(), RunError> {
    let files: Vec<&std::path::Path> = files.iter().map(PathBuf::as_path).collect();
    let text = mutualism_model::sweep::merge(&files)?;
    headless::write_file(out, &text)
}

/// A battery with files or runs that failed ends in an error, after its
/// folder is written.
fn failed(count: usize) -> Result<(), RunError> {
    if count == 0 {
        Ok(())
    } else {
        Err(RunError::Usage(format!(
            "{count} scenario files or runs of the battery failed; the scorecard lists them"
        )))
    }
}

fn compare(
    path: PathBuf,
    regimes: Vec<String>,
    seeds: u32,
    ticks: Option<u32>,
    csv: Option<PathBuf>,
    equalise: Vec<String>,
) -> Result<(), RunError> {
    use mutualism_model::compare::{Equalised, scenario_overrides};
    let scenario = Scenario::load(&path)?;
    let equalised = equalise
        .iter()
        .map(|spec| Equalised::parse(spec, &scenario))
        .collect::<Result<Vec<_>, _>>()
        .map_err(RunError::Usage)?;
    let left_out: Vec<String> = scenario_overrides(&scenario)?
        .into_iter()
        .filter(|o| !equalised.iter().any(|e| e.lever.name == o.lever.name))
        .map(|o| o.to_string())
        .collect();
    let available = mutualism_model::compare::available_regimes(&scenario)?;
    let regimes = if regimes.is_empty() {
        available.clone()
    } else {
        regimes
    };
    if let Some(unknown) = regimes.iter().find(|r| !available.contains(r)) {
        return Err(RunError::Usage(format!(
            "unknown regime {unknown:?}; the presets beside {} are: {}",
            path.display(),
            available.join(", ")
        )));
    }
    if seeds == 0 {
        return Err(RunError::Usage("--seeds must be at least 1".into()));
    }
    let ticks = ticks.unwrap_or(scenario.ticks);
    let bar = progress_bar();
    let tick = counting(&bar);
    let figures = mutualism_model::compare::compare_counted(
        &scenario, &regimes, seeds, ticks, &equalised, &tick,
    );
    bar.finish_and_clear();
    let figures = figures?;
    let piped = csv.as_deref().is_some_and(headless::is_stdout);
    if let Some(csv_path) = csv {
        headless::write_file(
            &csv_path,
            &mutualism_model::compare::csv(&scenario, &equalised, ticks, &figures),
        )?;
    }
    let mut notes = String::new();
    if !equalised.is_empty() {
        let named: Vec<String> = equalised.iter().map(|e| e.to_string()).collect();
        notes += &format!("every regime with {}\n", named.join(", "));
    }
    if !left_out.is_empty() {
        notes += &format!(
            "not applied: the scenario's overrides for its own regime ({}); --equalise them to give every regime those values\n",
            left_out.join(", ")
        );
    }
    say(
        &format!(
            "{} ({}), {} from {}, {ticks} months; mean ± standard deviation over seeds\n{notes}{}",
            scenario.name,
            path.display(),
            seeds_shown(seeds),
            scenario.seed,
            mutualism_model::compare::table(&figures, &regimes)
        ),
        piped,
    );
    Ok(())
}

/// Prints a command's report for people: on standard output, or on
/// standard error when a table is piped to standard output (`--csv -`),
/// which then holds the table alone.
fn say(report: &str, piped: bool) {
    if piped {
        eprint!("{report}");
    } else {
        headless::print(report);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each kind of failure has its own exit status, as `--help` lists.
    #[test]
    fn failures_exit_with_the_documented_status() {
        let write = RunError::Write {
            path: "x.csv".into(),
            source: std::io::Error::other("full"),
        };
        assert_eq!(exit_code(&write), 4);
        assert_eq!(exit_code(&RunError::Usage("bad".into())), 1);
        let unreadable = Scenario::load("no/such/scenario.ron").expect_err("there is none");
        assert_eq!(exit_code(&RunError::from(unreadable)), 1);
        assert_eq!(exit_code(&RunError::OtherVersion("old".into())), 5);
        for status in [
            "1 bad input",
            "3 a fault of the model",
            "4 a file that cannot be written",
            "5 a state file another version wrote",
        ] {
            assert!(EXIT_STATUS.contains(status), "{status}");
        }
    }

    /// `--list` names every shipped scenario, and each one reads.
    #[test]
    fn the_list_names_every_shipped_scenario() {
        let listing = listing().expect("the scenarios are listed");
        for name in [
            "scenarios/classroom.ron",
            "scenarios/crises/drought.ron",
            "scenarios/stress/scale.ron",
        ] {
            assert!(listing.contains(name), "{name}: {listing}");
        }
        assert!(!listing.contains("presets/"), "{listing}");
        assert!(!listing.contains("cannot be read"), "{listing}");
    }

    #[test]
    fn days_are_dated() {
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(20_429), (2025, 12, 7));
        assert_eq!(civil_date(11_016), (2000, 2, 29));
    }

    /// `bench` takes as many regions as a scenario's world may have, and
    /// refuses more in the user's words, before anything is built (999999999
    /// once aborted on an 8 GB allocation and 4294967295 wrapped round to an
    /// empty world).
    #[test]
    fn bench_takes_the_regions_a_world_may_have_and_refuses_more() {
        let parse = |n: &str| Cli::try_parse_from(["mutualism", "bench", "--regions", n]);
        assert!(parse("1").is_ok() && parse("50000").is_ok());
        for bad in ["0", "50001", "999999999", "4294967295"] {
            let error = parse(bad).err().expect(bad).to_string();
            assert!(error.contains("--regions"), "{bad}: {error}");
        }
    }
}
