//! Runs without a window: a scenario for a number of ticks, its CSV of
//! measures and summary table, and the benchmark.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use bevy::prelude::*;

use crate::scenario::{Scenario, ScenarioError, WorldFile};
use crate::sim::base::books::Books;
use crate::sim::crisis::{Episodes, EventLog, Logged};
use crate::sim::interventions::Interventions;
use crate::sim::measures::{History, Measure, MeasureRow};
use crate::sim::world::hash::state_hash;
use crate::sim::{self, SimClock, SimSystems};

/// Why a run failed.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    #[error("conservation check failed at {0}")]
    Conservation(crate::sim::base::books::Violation),
    #[error("{path}: cannot write: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the model stopped at a fault: {0}")]
    Fault(crate::sim::base::parallel::Fault),
    #[error("{0}")]
    Usage(String),
    /// A file another version of the program wrote (a state file).
    #[error("{0}")]
    OtherVersion(String),
}

/// What a headless run produced.
pub struct RunOutput {
    pub rows: Vec<MeasureRow>,
    pub hash: u64,
    /// A line on the shock episode that cost most, if there was one.
    pub worst: Option<String>,
    /// The shock episodes it kept: those open and the newest closed.
    pub episodes: Vec<crate::sim::crisis::Episode>,
}

/// Sets how many worker threads the model's parallel phases use, for the
/// whole process, `None` for one per core; call it before the first app is
/// built (afterwards the pools exist and this does nothing). Bevy's own
/// default would give its compute pool one thread on a two-core machine
/// (a quarter of the cores each goes to its input-output and async pools).
pub fn use_threads(n: Option<usize>) {
    let n = n.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    use bevy::tasks::{ComputeTaskPool, TaskPoolBuilder};
    ComputeTaskPool::get_or_init(|| TaskPoolBuilder::new().num_threads(n.max(1)).build());
    sim::base::parallel::use_threads(n);
}

/// Builds a headless app for a scenario, with the conservation check on or
/// off.
pub fn app(scenario: &Scenario, seed: u64, check: bool) -> App {
    let mut app = App::new();
    app.add_plugins(MinimalPlugins)
        .insert_resource(bevy::time::TimeUpdateStrategy::FixedTimesteps(1))
        .add_plugins(sim::plugin);
    // The month's systems run one after another on the thread that updates
    // the app (the phases chain them anyway), so that the regions they
    // share out go straight to the parallel pool this thread belongs to
    // (`use_threads`) instead of being handed across from Bevy's threads
    // with a wait each time: on the 300-region continent that hand-over
    // cost about a fifth of the month. So do the app's other schedules,
    // whose few systems (the clocks) are not worth waking Bevy's threads
    // for, every update.
    let mut schedules = app
        .world_mut()
        .resource_mut::<bevy::ecs::schedule::Schedules>();
    for (_, schedule) in schedules.iter_mut() {
        schedule.set_executor(bevy::ecs::schedule::SingleThreadedExecutor::new());
    }
    app.world_mut().resource_mut::<Books>().check = check;
    crate::scenario::spawn_world(app.world_mut(), scenario, seed);
    app
}

/// Advances an app `ticks` months, stopping early with an error if the
/// books do not balance. (An app's first update only starts its clocks and
/// runs no fixed step, so this counts months, not updates.)
pub fn advance(app: &mut App, ticks: u32) -> Result<(), RunError> {
    let target = app.world().resource::<SimClock>().tick + ticks;
    for _ in 0..=ticks {
        if app.world().resource::<SimClock>().tick >= target {
            break;
        }
        app.update();
        // A fault comes first: a world that lost an entity also fails the
        // books, and the fault names the cause.
        if let Some(fault) = app
            .world()
            .resource::<sim::base::parallel::Faults>()
            .first()
        {
            return Err(RunError::Fault(fault));
        }
        if let Some(violation) = &app.world().resource::<Books>().violation {
            return Err(RunError::Conservation(violation.clone()));
        }
    }
    Ok(())
}

/// Runs a scenario headless for `ticks` months; the event log's entries
/// are dropped as their month ends.
pub fn run(scenario: &Scenario, seed: u64, ticks: u32, check: bool) -> Result<RunOutput, RunError> {
    run_with_events(scenario, seed, ticks, check, &mut |_, _| Ok(()))
}

/// What [`run_with_events`] hands each month's end: the world and the
/// month's entries of the event log.
pub type EachMonth<'a> = dyn FnMut(&mut World, &[Logged]) -> Result<(), RunError> + 'a;

/// [`run`], handing `each_month` the world and the month's entries of the
/// event log as the month ends (to write what it wants of them as the run
/// goes), so that a long run keeps none of the entries in memory.
pub fn run_with_events(
    scenario: &Scenario,
    seed: u64,
    ticks: u32,
    check: bool,
    each_month: &mut EachMonth<'_>,
) -> Result<RunOutput, RunError> {
    go_on_with_events(app(scenario, seed, check), ticks, each_month)
}

/// [`run_with_events`] from an app already built (a saved state read back,
/// `crate::state`), to month `ticks`: the same figures as one run from
/// month 0, bit for bit, its table holding every month from the first.
pub fn go_on_with_events(
    mut app: App,
    ticks: u32,
    each_month: &mut EachMonth<'_>,
) -> Result<RunOutput, RunError> {
    let from = app.world().resource::<SimClock>().tick;
    for _ in from..ticks {
        advance(&mut app, 1)?;
        let month = std::mem::take(&mut app.world_mut().resource_mut::<EventLog>().0);
        each_month(app.world_mut(), &month)?;
    }
    let hash = state_hash(app.world_mut());
    let rows = std::mem::take(&mut app.world_mut().resource_mut::<History>().rows);
    let worst = worst_episode(app.world_mut());
    let episodes = app.world().resource::<Episodes>().list.clone();
    Ok(RunOutput {
        rows,
        hash,
        worst,
        episodes,
    })
}

/// A CSV written as a run goes, a row at a time: to a file, or, for `-`,
/// gathered and printed when the run is done. The event log's
/// ([`CsvStream::events`]) and the regions' ([`CsvStream::regions`]).
pub struct CsvStream {
    path: PathBuf,
    header: &'static [&'static str],
    out: CsvOut,
}

enum CsvOut {
    File(Box<csv::Writer<std::io::BufWriter<std::fs::File>>>),
    Stdout(Vec<Vec<String>>),
}

impl CsvStream {
    /// The event log's CSV at `path` (`event_record`'s columns, [`EVENT_COLUMNS`]).
    pub fn events(path: &Path) -> Result<Self, RunError> {
        Self::create(path, EVENT_COLUMNS)
    }

    /// The regions' CSV at `path` ([`region_records`]' columns).
    pub fn regions(path: &Path) -> Result<Self, RunError> {
        Self::create(path, REGION_COLUMNS)
    }

    /// The links' CSV at `path` ([`link_records`]' columns).
    pub fn links(path: &Path) -> Result<Self, RunError> {
        Self::create(path, LINK_COLUMNS)
    }

    /// Creates the file at `path` and writes its header.
    fn create(path: &Path, header: &'static [&'static str]) -> Result<Self, RunError> {
        let out = if is_stdout(path) {
            CsvOut::Stdout(Vec::new())
        } else {
            let file = std::fs::File::create(path).map_err(|source| RunError::Write {
                path: path.to_path_buf(),
                source,
            })?;
            CsvOut::File(Box::new(csv::Writer::from_writer(std::io::BufWriter::new(
                file,
            ))))
        };
        let mut stream = CsvStream {
            path: path.to_path_buf(),
            header,
            out,
        };
        if let CsvOut::File(w) = &mut stream.out {
            let written = w.write_record(header);
            failed(&stream.path, written)?;
        }
        Ok(stream)
    }

    /// Writes a month's entries of the event log.
    pub fn write_events(&mut self, entries: &[Logged]) -> Result<(), RunError> {
        self.write(entries.iter().map(event_record))
    }

    /// Writes records, each with the header's columns.
    pub fn write(
        &mut self,
        records: impl IntoIterator<Item = Vec<String>>,
    ) -> Result<(), RunError> {
        match &mut self.out {
            CsvOut::Stdout(all) => all.extend(records),
            CsvOut::File(w) => {
                for record in records {
                    let written = w.write_record(record);
                    failed(&self.path, written)?;
                }
            }
        }
        Ok(())
    }

    /// Flushes the file, or prints what was gathered for `-`.
    pub fn finish(mut self) -> Result<(), RunError> {
        match &mut self.out {
            CsvOut::Stdout(all) => {
                print(&to_csv(self.header, std::mem::take(all).into_iter()));
                Ok(())
            }
            CsvOut::File(w) => {
                let flushed = w.flush().map_err(csv::Error::from);
                failed(&self.path, flushed)
            }
        }
    }
}

/// A write to `path` that failed, as the error naming the file.
fn failed<T>(path: &Path, result: Result<T, csv::Error>) -> Result<(), RunError> {
    result.map(|_| ()).map_err(|e| RunError::Write {
        path: path.to_path_buf(),
        source: std::io::Error::other(e),
    })
}

/// Runs a scenario headless to month `until`, sending it the recorded
/// `interventions` at the months they were taken in: the same run as the
/// one that recorded them, bit for bit, carried on to `until` with nothing
/// more sent. Returns every month's measures.
pub fn replay(
    scenario: &Scenario,
    seed: u64,
    interventions: &Interventions,
    until: u32,
) -> Result<Vec<MeasureRow>, RunError> {
    let mut app = replayed(scenario, seed, interventions, until)?;
    Ok(std::mem::take(
        &mut app.world_mut().resource_mut::<History>().rows,
    ))
}

/// [`replay`]'s app, standing at month `until`, to read its state.
pub fn replayed(
    scenario: &Scenario,
    seed: u64,
    interventions: &Interventions,
    until: u32,
) -> Result<App, RunError> {
    let mut app = app(scenario, seed, false);
    loop {
        let now = app.world().resource::<SimClock>().tick;
        if now >= until {
            break;
        }
        interventions.send_due(now, app.world_mut());
        advance(&mut app, 1)?;
    }
    Ok(app)
}

/// The episode that cost most capability, in words: region, shock, depth,
/// months below and the cohort hurt most.
fn worst_episode(world: &mut World) -> Option<String> {
    let episode = world.resource::<Episodes>().worst()?.clone();
    let name = world
        .query::<&sim::people::Region>()
        .iter(world)
        .find(|r| r.id == episode.region)
        .map_or_else(|| format!("region {}", episode.region), |r| r.name.clone());
    let (cohort, drop) = episode.worst_cohort;
    Some(format!(
        "worst episode: {name}, {} from month {}: capability fell {:.1} points ({} months more than a point below{}); its cohort {} (0 poorest) lost {drop:.1} points\n",
        episode.kind.label(),
        episode.start,
        episode.depth(),
        episode.months,
        if episode.recovered {
            ""
        } else {
            ", not yet recovered"
        },
        cohort
    ))
}

/// The event log as CSV: month, place (empty for the whole world), kind of
/// event and the sentence the window shows.
pub fn events_csv(log: &[Logged]) -> String {
    to_csv(EVENT_COLUMNS, log.iter().map(event_record))
}

/// The regions' CSV columns: a row per region and month (its federation by
/// the scenario's name for it). Figures over people are means over the
/// living, but `capability_would_be`, which counts the missing as the
/// world's criterion does; shares are 0..1; `commons_stock` is empty for a
/// region without commons.
pub const REGION_COLUMNS: &[&str] = &[
    "tick",
    "region",
    "name",
    "federation",
    "population",
    "missing",
    "excess_deaths",
    "capability",
    "capability_would_be",
    "basics_coverage",
    "poorest_basics_coverage",
    "health",
    "skills",
    "employment",
    "unemployment",
    "consumption",
    "gini",
    "trust",
    "commons_stock",
    "voice",
    "power_dispersion",
    "support",
];

/// The links' CSV columns, one row per link and month: the link's place
/// in the world's order, its kind (`trade` or `aid`), its ends by region id
/// and name, and what crossed it last month, each signed from `from` to
/// `to`: `goods` (goods units, a trade link), `aid` (money, an aid link),
/// `disease` (the exposure it carried), `credit` (the crunch it passed on)
/// and `people` (movers); then what it could carry (`capacity`, goods
/// units a month at full openness, and `damaged`, the part a supply shock
/// destroyed) and whether it was `shut` (a circuit breaker or sabotage) or
/// `severed` (an aid link cut by a split) that month.
pub const LINK_COLUMNS: &[&str] = &[
    "tick",
    "link",
    "kind",
    "from",
    "to",
    "from_name",
    "to_name",
    "goods",
    "aid",
    "disease",
    "credit",
    "people",
    "capacity",
    "damaged",
    "shut",
    "severed",
];

/// Every link's row of the links' CSV at the end of this month, in the
/// world's order of links and [`LINK_COLUMNS`]' order.
pub fn link_records(world: &mut World) -> Vec<Vec<String>> {
    use sim::institutions::{Channels, Link, LinkKind};
    use sim::people::Region;
    let tick = world.resource::<SimClock>().tick;
    let order: Vec<Entity> = world
        .resource::<sim::WorldIndex>()
        .links()
        .iter()
        .copied()
        .collect();
    let mut links = world.query::<(&Link, &Channels)>();
    let mut regions = world.query::<&Region>();
    let mut rows = Vec::new();
    for (place, entity) in order.into_iter().enumerate() {
        let Ok((link, channels)) = links.get(world, entity) else {
            continue;
        };
        let mut end = |e: Entity| {
            regions
                .get(world, e)
                .map_or((String::new(), String::new()), |r| {
                    (r.id.to_string(), r.name.clone())
                })
        };
        let ((from, from_name), (to, to_name)) = (end(link.from), end(link.to));
        let (kind, goods, aid) = match link.kind {
            LinkKind::Trade => ("trade", link.flow.to_string(), String::new()),
            LinkKind::Aid => ("aid", String::new(), link.flow.to_string()),
        };
        rows.push(vec![
            tick.to_string(),
            place.to_string(),
            kind.to_string(),
            from,
            to,
            from_name,
            to_name,
            goods,
            aid,
            channels.disease.to_string(),
            channels.credit.to_string(),
            channels.people.to_string(),
            link.capacity.to_string(),
            link.damaged.to_string(),
            link.shut.to_string(),
            link.severed.to_string(),
        ]);
    }
    rows
}

/// Every region's row of the regions' CSV at the end of this month, by
/// region id, in [`REGION_COLUMNS`]' order.
pub fn region_records(world: &mut World) -> Vec<Vec<String>> {
    use sim::ecology::Commons;
    use sim::people::{Cohort, Cohorts, Federations, Lives, Region, RegionStats, Society};
    use sim::power::{Participation, PowerLedger, Support};
    let tick = world.resource::<SimClock>().tick;
    let federations = world.resource::<Federations>().clone();
    let mut commons = world.query::<&Commons>();
    let mut regions = world.query::<(
        &Region,
        &Cohorts,
        &Society,
        &RegionStats,
        &Lives,
        &Participation,
        &PowerLedger,
        &Support,
    )>();
    let mut rows: Vec<(u32, Vec<String>)> = Vec::new();
    for (region, cohorts, society, stats, lives, participation, ledger, support) in
        regions.iter(world)
    {
        let people = cohorts.population();
        let capability = cohorts.mean(Cohort::capability);
        let would_be = lives.would_be(people);
        let (stock, capacity) = region
            .commons
            .iter()
            .filter_map(|&c| commons.get(world, c).ok())
            .fold((0.0, 0.0), |(s, k), c| (s + c.stock, k + c.capacity));
        // Counting the missing as having none, as the world's criterion does.
        let would_be_capability = if would_be > 0.0 {
            capability * people / would_be
        } else {
            0.0
        };
        let record = vec![
            tick.to_string(),
            region.id.to_string(),
            region.name.clone(),
            federations.name(region.federation),
            people.to_string(),
            lives.missing.to_string(),
            lives.died.total().to_string(),
            capability.to_string(),
            would_be_capability.to_string(),
            cohorts.mean(Cohort::basics_coverage).to_string(),
            cohorts
                .0
                .first()
                .map_or(0.0, Cohort::basics_coverage)
                .to_string(),
            cohorts.mean(|c| c.health).to_string(),
            cohorts.mean(|c| c.skills).to_string(),
            cohorts.mean(|c| c.employment).to_string(),
            stats.unemployment().to_string(),
            cohorts.mean(|c| c.consumption).to_string(),
            stats.gini.to_string(),
            society.trust.to_string(),
            // Empty for a region without commons: it has no stock share.
            if capacity > 0.0 {
                (stock / capacity).to_string()
            } else {
                String::new()
            },
            participation.voice.to_string(),
            ledger.dispersion().to_string(),
            support.level.to_string(),
        ];
        rows.push((region.id, record));
    }
    rows.sort_by_key(|(id, _)| *id);
    rows.into_iter().map(|(_, r)| r).collect()
}

/// The event log CSV's columns: what the sentence in `text` says, as
/// fields an analyst need not parse out of it (empty where the event has
/// no such thing).
pub const EVENT_COLUMNS: &[&str] = &[
    "tick", "place", "event", "lever", "from", "to", "shock", "size", "months", "group", "text",
];

/// One entry of the event log as a CSV record.
fn event_record(entry: &Logged) -> Vec<String> {
    use crate::sim::crisis::Happening;
    use crate::sim::institutions::LeverValue;
    use crate::words::lever_value;
    // A lever, and the values it moved from (if one) and to.
    let moved = |name: &str, from: Option<LeverValue>, to: LeverValue| {
        [
            name.to_string(),
            from.map(|v| lever_value(name, v)).unwrap_or_default(),
            lever_value(name, to),
        ]
    };
    let mut lever = [String::new(), String::new(), String::new()];
    let mut shock = [String::new(), String::new(), String::new()];
    let mut group = "";
    match &entry.what {
        Happening::LeverMoved {
            lever: name,
            from,
            to,
        } => lever = moved(name, *from, *to),
        Happening::PilotMoved {
            lever: name,
            from,
            to,
            ..
        } => {
            lever = moved(
                name,
                Some(LeverValue::Number(*from)),
                LeverValue::Number(*to),
            )
        }
        Happening::Locked { lever: name, .. } => lever[0] = name.to_string(),
        Happening::ShockStarted { shock: s, .. } => {
            shock = [
                s.kind().key().to_string(),
                s.size().map(|v| v.to_string()).unwrap_or_default(),
                s.months().to_string(),
            ];
        }
        Happening::ShockEnded { kind } | Happening::Recovered { kind, .. } => {
            shock[0] = kind.key().to_string();
        }
        Happening::Captured { group: g, .. } | Happening::CaptureFailed { group: g, .. } => {
            group = g
        }
        Happening::CheckRemoved {
            group: g,
            lever: name,
        } => {
            group = g;
            lever[0] = name.to_string();
        }
        Happening::CheckRestored { lever: name, .. } => lever[0] = name.to_string(),
        Happening::CaptureEnded { group: g, .. } => group = g,
        _ => {}
    }
    let mut record = vec![
        entry.tick.to_string(),
        entry.place.clone().unwrap_or_default(),
        entry.what.kind().to_string(),
    ];
    record.extend(lever);
    record.extend(shock);
    record.push(group.to_string());
    record.push(entry.to_string());
    record
}

/// The CSV of a run: a header, then one row per tick.
pub fn csv(rows: &[MeasureRow]) -> String {
    let header: Vec<&str> = std::iter::once("tick")
        .chain(Measure::ALL.map(Measure::key))
        .collect();
    to_csv(
        &header,
        rows.iter().map(|row| {
            let mut record = vec![row.tick.to_string()];
            record.extend(row.values().values().map(f64::to_string));
            record
        }),
    )
}

/// A header and records as CSV text, quoted where a field needs it.
fn to_csv(header: &[&str], records: impl Iterator<Item = Vec<String>>) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    let write = || -> Result<(), csv::Error> {
        out.write_record(header)?;
        for record in records {
            out.write_record(&record)?;
        }
        Ok(out.flush()?)
    };
    // Writing to memory cannot fail, and every field is UTF-8.
    let _ = write();
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Writes a file, naming it in the error.
pub fn write_file(path: &Path, text: &str) -> Result<(), RunError> {
    if is_stdout(path) {
        print(text);
        return Ok(());
    }
    std::fs::write(path, text).map_err(|source| RunError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// Whether `path` is `-`, which the command line reads as standard output
/// (`--csv -` pipes the measures on).
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// A short table: each figure at the start and end of the run, with its
/// lowest and highest value.
pub fn summary(rows: &[MeasureRow]) -> String {
    let mut out = format!(
        "{:<26}{:>15}{:>15}{:>15}{:>15}\n",
        "measure", "first", "last", "min", "max"
    );
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return out + "(no ticks run)\n";
    };
    for measure in Measure::ALL {
        let values = rows.iter().map(|r| r.get(measure));
        let min = values.clone().fold(f64::INFINITY, f64::min);
        let max = values.fold(f64::NEG_INFINITY, f64::max);
        let _ = writeln!(
            out,
            "{:<26}{:>15.3}{:>15.3}{min:>15.3}{max:>15.3}",
            measure.key(),
            first.get(measure),
            last.get(measure)
        );
    }
    // A run in which regions moved their pilots says how far it got.
    if last.pilots_extended + last.pilots_reversed > 0.0 {
        out += &crate::words::halfway(rows);
    }
    out
}

/// The benchmark's figures.
pub struct BenchOutput {
    pub regions: u32,
    pub ticks: u32,
    pub entities: usize,
    pub seconds: f64,
    /// Seconds spent in each phase, in the tick's order.
    pub phases: Vec<(SimSystems, f64)>,
    /// The process's peak resident memory in bytes, where the system says
    /// (Linux's `/proc/self/status`, `VmHWM`).
    pub peak_memory: Option<u64>,
    /// Seconds to take a snapshot a year before the end, to write it back,
    /// to go back a year (writing it back and running the year again), and
    /// to replay from month 0 to a year before the end instead.
    pub snapshot: (f64, f64, f64, f64),
}

/// The process's peak resident memory so far, in bytes, from Linux's
/// `/proc/self/status`; `None` elsewhere.
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes * 1024)
}

/// Time spent in each phase of the tick: a stamp runs before the first phase
/// and after each, and adds the time since the last stamp to the phase just
/// ended. Only the benchmark adds it.
#[derive(Resource, Default)]
struct PhaseClock {
    last: Option<Instant>,
    spent: [f64; SimSystems::ALL.len()],
}

/// The stamp after phase `P − 1` (`P = 0`: before the first phase).
fn stamp<const P: usize>(mut clock: ResMut<PhaseClock>) {
    let now = Instant::now();
    if let (Some(last), Some(spent)) = (clock.last, P.checked_sub(1)) {
        clock.spent[spent] += (now - last).as_secs_f64();
    }
    clock.last = Some(now);
}

/// Puts the phase stamps around the tick's phases.
fn time_phases(app: &mut App) {
    use SimSystems::*;
    app.init_resource::<PhaseClock>().add_systems(
        FixedUpdate,
        (
            stamp::<0>.before(Shocks),
            stamp::<1>.after(Shocks).before(Production),
            stamp::<2>.after(Production).before(Allocation),
            stamp::<3>.after(Allocation).before(Transfers),
            stamp::<4>.after(Transfers).before(Regrowth),
            stamp::<5>.after(Regrowth).before(Learning),
            stamp::<6>.after(Learning).before(Measures),
            stamp::<7>.after(Measures),
        ),
    );
}

/// Runs a generated world of `regions` regions for `ticks` months and times
/// it (spawning excluded).
pub fn bench(scenario: &Scenario, regions: u32, ticks: u32) -> Result<BenchOutput, RunError> {
    let mut scenario = scenario.clone();
    let WorldFile::Generated(world) = &mut scenario.world else {
        return Err(RunError::Usage(format!(
            "{}: bench needs a scenario with a generated world",
            scenario.path.display()
        )));
    };
    world.regions = regions;
    let mut app = app(&scenario, scenario.seed, false);
    time_phases(&mut app);
    let entities = app
        .world_mut()
        .query::<&sim::SimEntity>()
        .iter(app.world())
        .count();
    // The run, with a snapshot a year before its end (not timed with it).
    let year = ticks.min(12);
    let start = Instant::now();
    advance(&mut app, ticks - year)?;
    let replay = start.elapsed().as_secs_f64();
    let taking = Instant::now();
    let snapshot = sim::world::snapshot::Snapshot::take(app.world());
    let take = taking.elapsed().as_secs_f64();
    let start = Instant::now();
    advance(&mut app, year)?;
    let seconds = replay + start.elapsed().as_secs_f64();
    let spent = app.world().resource::<PhaseClock>().spent;
    // Going back a year as the window does: the snapshot written back, and
    // the year run again.
    let going = Instant::now();
    snapshot.restore(app.world_mut());
    let restore = going.elapsed().as_secs_f64();
    advance(&mut app, year)?;
    let back = going.elapsed().as_secs_f64();
    Ok(BenchOutput {
        regions,
        ticks,
        entities,
        seconds,
        phases: SimSystems::ALL.into_iter().zip(spent).collect(),
        peak_memory: peak_memory(),
        snapshot: (take, restore, back, replay),
    })
}

impl BenchOutput {
    pub fn report(&self) -> String {
        let per_second = self.ticks as f64 / self.seconds.max(f64::MIN_POSITIVE);
        let mut out = format!(
            "regions {}  entities {}  ticks {}  seconds {:.3}  ticks/s {:.1}  entity-ticks/s {:.0}\n",
            self.regions,
            self.entities,
            self.ticks,
            self.seconds,
            per_second,
            per_second * self.entities as f64
        );
        let _ = write!(out, "share of the time by phase:");
        for (phase, spent) in &self.phases {
            let _ = write!(
                out,
                "  {phase:?} {:.1}%",
                100.0 * spent / self.seconds.max(f64::MIN_POSITIVE)
            );
        }
        out.push('\n');
        match self.peak_memory {
            Some(bytes) => {
                let _ = writeln!(out, "peak memory {:.0} MB", bytes as f64 / 1e6);
            }
            None => out.push_str("peak memory: not known on this system\n"),
        }
        let (take, restore, back, replay) = self.snapshot;
        let _ = writeln!(
            out,
            "going back a year from a snapshot: {:.0} ms (taken in {:.0} ms, written back in {:.0} ms); replaying from month 0: {:.0} ms",
            back * 1e3,
            take * 1e3,
            restore * 1e3,
            replay * 1e3
        );
        out
    }
}

/// Prints to stdout, ignoring a closed pipe (`| head`).
pub fn print(text: &str) {
    let _ = std::io::stdout().write_all(text.as_bytes());
}
