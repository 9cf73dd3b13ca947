//! Helpers that build headless runs from scenarios, so tests read as stories.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use bevy::prelude::*;
use mutualism_model::headless;
use mutualism_model::scenario::{
    CohortSpec, CommonsKind, CommonsSpec, Hex, ListedRegion, ListedWorld, People, Scenario,
    WorldFile,
};
use mutualism_model::sim::institutions::Policy;
use mutualism_model::sim::measures::{History, MeasureRow};

/// The repository's `scenarios/` folder (the model's crate is `model/`).
pub fn scenarios_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios")
}

/// Loads a scenario shipped in `scenarios/`.
pub fn shipped(name: &str) -> Scenario {
    Scenario::load(scenarios_dir().join(name)).unwrap_or_else(|e| panic!("{e}"))
}

/// The classroom without random droughts, random capture attempts or its
/// own timeline, so that only the shocks a test adds strike.
pub fn calm_classroom() -> Scenario {
    let mut scenario = shipped("classroom.ron");
    scenario.timeline.clear();
    scenario.economy.drought_probability_annual = 0.0;
    scenario.economy.capture_attempts_annual = 0.0;
    scenario
}

/// The calm classroom with a credit crash that withdraws four fifths of
/// credit everywhere at month 24.
pub fn classroom_crash() -> Scenario {
    use mutualism_model::scenario::{Event, Regions, Shock};
    let mut scenario = calm_classroom();
    scenario.timeline.push(Event {
        tick: 24,
        shock: Shock::FinancialCrash {
            regions: Regions::All,
            severity: 0.8,
        },
    });
    scenario
}

/// Unemployment over the year before the crash of [`classroom_crash`] (a
/// year's mean: one month's figure moves by a point or two), and at its
/// worst in the year after.
pub fn crash_rise(rows: &[MeasureRow]) -> (f64, f64) {
    let peak = rows[24..36]
        .iter()
        .map(|r| r.unemployment)
        .fold(0.0, f64::max);
    let before = rows[12..24].iter().map(|r| r.unemployment).sum::<f64>() / 12.0;
    (before, peak)
}

/// The calm classroom with a two-year drought of severity 0.9 on its east
/// (federation 1) from month 12: a crisis deep enough to trip an
/// emergency protocol set at 0.9.
pub fn classroom_east_drought() -> Scenario {
    use mutualism_model::scenario::{Event, Regions, Shock};
    let mut scenario = calm_classroom();
    scenario.timeline.push(Event {
        tick: 12,
        shock: Shock::Drought {
            regions: Regions::Federation(1),
            severity: 0.9,
            months: 24,
        },
    });
    scenario
}

/// Every regime preset shipped in `scenarios/presets/`, by file stem, sorted.
pub fn presets() -> Vec<(String, Policy)> {
    mutualism_model::scenario::presets(&scenarios_dir().join("presets"))
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|(name, policy)| (name, policy.unwrap_or_else(|e| panic!("{e}"))))
        .collect()
}

/// A headless app with the conservation check on.
pub fn app(scenario: &Scenario) -> App {
    headless::app(scenario, scenario.seed, true)
}

/// Runs `ticks` months; a conservation failure fails the test with its
/// message.
pub fn advance(app: &mut App, ticks: u32) {
    headless::advance(app, ticks).unwrap_or_else(|e| panic!("{e}"));
}

pub fn rows(app: &App) -> &[MeasureRow] {
    &app.world().resource::<History>().rows
}

pub fn latest(app: &App) -> MeasureRow {
    *rows(app).last().expect("at least one tick has run")
}

/// Mean of a figure over the last `n` rows.
pub fn recent_mean(app: &App, n: usize, figure: impl Fn(&MeasureRow) -> f64) -> f64 {
    let rows = rows(app);
    let tail = &rows[rows.len().saturating_sub(n)..];
    tail.iter().map(figure).sum::<f64>() / tail.len().max(1) as f64
}

/// A one-region world for focused stories, built on the classroom's people.
pub fn one_region(population: f64, commons_capacity_per_person: f64) -> Scenario {
    let mut scenario = shipped("classroom.ron");
    let WorldFile::Listed(classroom) = &scenario.world else {
        panic!("classroom is listed")
    };
    let capacity = commons_capacity_per_person * population;
    let region = ListedRegion {
        name: "Testland".into(),
        hex: Hex { q: 0, r: 0 },
        federation: 0,
        population,
        individualism: 0.5,
        trust: 0.6,
        commons: vec![CommonsSpec {
            kind: CommonsKind::Fishery,
            capacity,
            stock: 0.7 * capacity,
            regeneration_rate: 0.4,
            tipping_threshold: 0.2 * capacity,
        }],
        policy: Default::default(),
        people: None,
    };
    scenario.world = WorldFile::Listed(ListedWorld {
        people: classroom.people.clone(),
        regions: vec![region],
    });
    scenario.timeline.clear();
    scenario
}

/// The listed world of a scenario, to edit.
pub fn listed(scenario: &mut Scenario) -> &mut ListedWorld {
    match &mut scenario.world {
        WorldFile::Listed(world) => world,
        WorldFile::Generated(_) => panic!("expected a listed world"),
    }
}

/// The people of a listed scenario, to edit.
pub fn people(scenario: &mut Scenario) -> &mut People {
    &mut listed(scenario).people
}

/// A single cohort holding everyone.
pub fn single_cohort(template: &CohortSpec) -> Vec<CohortSpec> {
    vec![CohortSpec {
        population_share: 1.0,
        ownership_share: 1.0,
        ..template.clone()
    }]
}

/// A scenario file in a fresh folder beside copies of the shipped economy
/// and presets; the folder is removed when this is dropped.
pub struct TempScenario {
    pub path: PathBuf,
}

impl Drop for TempScenario {
    fn drop(&mut self) {
        if let Some(dir) = self.path.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// Writes `text` as `scenario.ron` in a fresh folder beside copies of the
/// shipped economy and presets.
pub fn temp_scenario(text: &str) -> TempScenario {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "mutualism-test-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    for sub in ["economy", "presets"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        for entry in std::fs::read_dir(scenarios_dir().join(sub)).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), dir.join(sub).join(entry.file_name())).unwrap();
        }
    }
    let path = dir.join("scenario.ron");
    std::fs::write(&path, text).unwrap();
    TempScenario { path }
}

/// The classroom scenario's text, to alter.
pub fn classroom_text() -> String {
    std::fs::read_to_string(scenarios_dir().join("classroom.ron")).unwrap()
}
