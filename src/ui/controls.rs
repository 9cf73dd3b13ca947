//! Running the model from the window: one step on demand, reset to the
//! scenario's start, and the keyboard (Space plays or pauses, Right or N
//! steps). Steps and resets run the model's own schedule and spawner as
//! commands; nothing here touches the model's economic state.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use bevy::window::{MonitorSelection, PrimaryWindow, WindowMode};
use bevy_egui::input::EguiWantsInput;

use super::{CompareWith, UiSettings};
use crate::scenario::{Cue, Run, Scenario, spawn_world};
use crate::sim::SimClock;
use crate::sim::crisis::ShockQueue;
use crate::sim::institutions::LeverChanges;
use crate::sim::interventions::Interventions;
use crate::sim::world::snapshot::Snapshot;

/// Advances the model exactly one month, whether or not it is paused.
pub(crate) fn step_once(world: &mut World) {
    let paused = std::mem::replace(&mut world.resource_mut::<SimClock>().paused, false);
    world.run_schedule(FixedUpdate);
    world.resource_mut::<SimClock>().paused = paused;
}

/// What Ctrl+Z can bring back after a reset or going back: the changes
/// made before it and the month it was at, while nothing has been sent
/// since (`since` is how many changes the run had just after).
#[derive(Resource, Default)]
pub(crate) struct BeforeReset(Option<Before>);

/// A run left behind by a reset or by going back.
pub(crate) struct Before {
    sent: Interventions,
    month: u32,
    since: usize,
}

/// The future the run had before it went back to a past month: drawn on
/// the chart, faint and dotted, until discarded or brought back (Ctrl+Z).
#[derive(Resource, Default)]
pub(crate) struct LeftFuture {
    /// Every month's measures the run had, from month 0.
    pub(crate) rows: Vec<crate::sim::measures::MeasureRow>,
    /// The month it went back to: the branch point.
    pub(crate) from: u32,
}

/// The Reset button: back to the scenario's start, same seed, keeping what
/// was done so that Ctrl+Z can bring it back (a lesson is not lost to a
/// slip of the mouse).
pub(crate) fn reset_undoably(world: &mut World) {
    let before = Before {
        sent: world.resource::<Interventions>().clone(),
        month: world.resource::<SimClock>().tick,
        since: 0,
    };
    reset(world);
    world.remove_resource::<LeftFuture>();
    world.insert_resource(BeforeReset(Some(before)));
    if let Some(mut settings) = world.get_resource_mut::<UiSettings>() {
        settings.notice = Some("Reset to month 0: Ctrl+Z brings the run back".into());
    }
}

/// Goes back to a past month: the run replayed from its start to `month`
/// with what was sent before it (the model is deterministic, so this is
/// the run as it was then). The future it had stays on the chart until
/// discarded; a move made now starts a branch from here, and Ctrl+Z before
/// any brings the run back where it was.
pub(crate) fn go_back(world: &mut World, month: u32) {
    let now = world.resource::<SimClock>().tick;
    if month >= now {
        return;
    }
    let sent = world.resource::<Interventions>().clone();
    let mut kept = sent.clone();
    kept.0.retain(|(tick, _)| *tick < month);
    let rows = world
        .resource::<crate::sim::measures::History>()
        .rows
        .clone();
    let since = kept.0.len();
    replay_to(world, &kept, month);
    world.insert_resource(BeforeReset(Some(Before {
        sent,
        month: now,
        since,
    })));
    world.insert_resource(LeftFuture { rows, from: month });
    if let Some(mut settings) = world.get_resource_mut::<UiSettings>() {
        settings.notice = Some(format!(
            "Back at month {month}; the run as it was to month {now} stays on the chart, dotted. \
             A move now starts a branch; Ctrl+Z goes forward again"
        ));
    }
}

/// Ctrl+Z takes back the last move: changes, locks and crises sent since
/// the last month, if any are still waiting; else, just after a reset or
/// going back (nothing sent since), the run as it was before it; else
/// everything the model took in at the latest month it took any, by
/// running the world again from its start to this month with the rest
/// (the model is deterministic, so this is the run as if that move had not
/// been made). The panel says which.
pub(crate) fn undo(world: &mut World) {
    let withdrawn = world.resource_mut::<LeverChanges>().withdraw()
        | world.resource_mut::<ShockQueue>().withdraw();
    let sent = world.resource::<Interventions>().0.len();
    let before = world
        .get_resource_mut::<BeforeReset>()
        .and_then(|mut b| b.0.take_if(|b| b.since == sent));
    let said = if withdrawn {
        "Undone: the changes not yet taken in".to_string()
    } else if let Some(before) = before {
        let month = before.month;
        replay_to(world, &before.sent, month);
        world.remove_resource::<LeftFuture>();
        format!("Undone: the run replayed to month {month} as it was")
    } else if let Some(&(last, _)) = world.resource::<Interventions>().0.last() {
        let mut kept = world.resource::<Interventions>().clone();
        kept.0.retain(|(tick, _)| *tick < last);
        let month = world.resource::<SimClock>().tick;
        replay_to(world, &kept, month);
        format!(
            "Undone: what was changed at month {last}, the run replayed to month {month} without it"
        )
    } else {
        "Nothing to undo".to_string()
    };
    if let Some(mut settings) = world.get_resource_mut::<UiSettings>() {
        settings.notice = Some(said);
    }
}

/// Brings the run to `month` as it would be with `kept` sent at their
/// months, keeping play or pause as it was: from the latest snapshot on the
/// way that `kept` agrees with (what was sent before it is what `kept`
/// sends before it), else from the scenario's start.
fn replay_to(world: &mut World, kept: &Interventions, month: u32) {
    let start = world
        .get_resource::<Snapshots>()
        .and_then(|s| s.usable(world, kept, month))
        .cloned();
    match start {
        Some(snapshot) => {
            snapshot.restore(world);
            forget_loaded_regime(world);
        }
        None => reset(world),
    }
    loop {
        let now = world.resource::<SimClock>().tick;
        if now >= month {
            break;
        }
        kept.send_due(now, world);
        step_once(world);
        // A model fault stops the clock: stop with it.
        if world.resource::<SimClock>().tick == now {
            break;
        }
        keep_snapshot(world);
    }
}

/// Snapshots of the window's run, about a year apart over the last ten
/// years and five before that, so that going back or undoing replays at
/// most a year of the world, or five beyond the last ten
/// (`sim::world::snapshot`).
/// They belong to the world's entities: a respawned world (a reset,
/// another scenario) makes them useless, and they are dropped.
#[derive(Resource, Default)]
pub(crate) struct Snapshots {
    /// The world's first region, which a respawn replaces.
    world: Option<Entity>,
    by_month: std::collections::BTreeMap<u32, Snapshot>,
}

/// Months between snapshots.
const SNAPSHOT_EVERY: u32 = 12;

/// The memory the snapshots may take, and what one takes a region: a
/// snapshot of the continent (300 regions) at month 600 took 11.9 MB, about
/// 40 kB a region (stop 34, a probe test in release reading `VmRSS`); the
/// classroom's and the developing world's at month 360 took 39 and 38 kB a
/// region (stop 35, the same probe).
const SNAPSHOT_BUDGET_BYTES: f64 = 640e6;
const SNAPSHOT_BYTES_A_REGION: f64 = 40e3;

/// Before the years the budget keeps one a year, one snapshot every
/// `SPARSE_EVERY` months.
const SPARSE_EVERY: u32 = 60;

/// How many months back a snapshot is kept for every year, for a world of
/// `regions` regions: as many years as the budget holds, ten at least.
/// Every shipped world fits a snapshot a year over its whole run: the
/// classroom's twelve regions (0.5 MB each) over a thousand years, the
/// continent's three hundred (12 MB) fifty-three, more than its fifty.
fn recent_months(regions: usize) -> u32 {
    let each = SNAPSHOT_BYTES_A_REGION * regions.max(1) as f64;
    let years = (SNAPSHOT_BUDGET_BYTES / each).floor().clamp(10.0, 10_000.0) as u32;
    years * SNAPSHOT_EVERY
}

/// Drops the snapshots older than `recent` months at `now` but the first
/// of every five years.
fn thin<T>(by_month: &mut std::collections::BTreeMap<u32, T>, now: u32, recent: u32) {
    let recent = now.saturating_sub(recent);
    let mut spans = std::collections::BTreeSet::new();
    by_month.retain(|&month, _| month >= recent || spans.insert(month / SPARSE_EVERY));
}

impl Snapshots {
    /// The latest snapshot at or before `month` whose world is this one and
    /// whose run had been sent what `kept` sends before its month.
    fn usable(&self, world: &World, kept: &Interventions, month: u32) -> Option<&Snapshot> {
        if self.world != first_region(world) {
            return None;
        }
        let before = |tick: u32| {
            let sent: Vec<_> = kept.0.iter().filter(|(t, _)| *t < tick).collect();
            format!("{sent:?}")
        };
        self.by_month
            .range(..=month)
            .rev()
            .map(|(_, s)| s)
            .find(|s| format!("{:?}", s.sent().0.iter().collect::<Vec<_>>()) == before(s.tick()))
    }
}

/// The world index's first region: which world the snapshots are of.
fn first_region(world: &World) -> Option<Entity> {
    world
        .get_resource::<crate::sim::WorldIndex>()
        .and_then(|i| i.regions.first().copied())
}

/// Takes a snapshot of the run if none of the last year's is kept (and
/// drops them all if the world was respawned since). Not while something
/// sent from the panel waits for the next month: it is not yet part of
/// the run, and a replay sends it again if it should.
pub(crate) fn keep_snapshot(world: &mut World) {
    let tick = world.resource::<SimClock>().tick;
    let here = first_region(world);
    let mut snapshots = world.get_resource_or_insert_with(Snapshots::default);
    if snapshots.world != here {
        *snapshots = Snapshots {
            world: here,
            ..default()
        };
    }
    let recent = snapshots
        .by_month
        .range(tick.saturating_sub(SNAPSHOT_EVERY - 1)..=tick)
        .next()
        .is_some();
    let waiting = !world.resource::<ShockQueue>().is_empty()
        || world.resource::<LeverChanges>().sent_from_outside();
    if tick == 0 || here.is_none() || recent || waiting {
        return;
    }
    let snapshot = Snapshot::take(world);
    let recent = recent_months(world.resource::<crate::sim::WorldIndex>().regions.len());
    let by_month = &mut world.resource_mut::<Snapshots>().by_month;
    by_month.insert(tick, snapshot);
    thin(by_month, tick, recent);
}

/// Each frame: keeps a snapshot of the run about every year.
pub(super) fn snapshots(world: &mut World) {
    keep_snapshot(world);
}

/// Respawns the run's scenario with the same seed, keeping play or pause
/// as it was; pending lever changes, chart marks and the name of a loaded
/// regime go with the old run. What a reset or going back left for Ctrl+Z
/// stays: each caller says what it leaves. (A comparison run notices that
/// the window's month fell behind its own and starts again by itself.)
pub(crate) fn reset(world: &mut World) {
    let Some(run) = world.get_resource::<Run>().cloned() else {
        return;
    };
    let paused = world.resource::<SimClock>().paused;
    world.insert_resource(LeverChanges::default());
    spawn_world(world, &run.scenario, run.seed);
    world.resource_mut::<SimClock>().paused = paused;
    forget_loaded_regime(world);
}

/// The regime last loaded for every region names the old run, not this one.
fn forget_loaded_regime(world: &mut World) {
    if let Some(mut settings) = world.get_resource_mut::<UiSettings>() {
        settings.loaded_regime = None;
    }
}

/// When a session's run reaches the month its file saved, compares the
/// state with the saved one and says in the panel whether they are the
/// same (a difference: another build, or an edited file), once a run. A
/// run changed from the window since the start is not compared.
pub(crate) fn check_session(world: &mut World, mut checked: Local<bool>) {
    let Some(month) = world
        .get_resource::<Run>()
        .and_then(|run| run.scenario.check.as_ref())
        .map(|check| check.month)
    else {
        return;
    };
    let tick = world.resource::<SimClock>().tick;
    // A reset or a newly opened file starts the run, and the comparison,
    // again.
    if tick < month {
        *checked = false;
    }
    if tick != month || *checked {
        return;
    }
    *checked = true;
    let run = world.resource::<Run>();
    let own_seed = run.seed == run.scenario.seed;
    let Some(check) = run.scenario.check.clone() else {
        return;
    };
    let changed = !world
        .resource::<crate::sim::interventions::Interventions>()
        .0
        .is_empty();
    let line = if changed || !own_seed {
        format!(
            "Session check at month {} not made: this run was changed from the window or has another seed",
            check.month
        )
    } else {
        match check.compare(crate::sim::world::hash::state_hash(world)) {
            Ok(line) => format!("Session replayed: {line}"),
            Err(line) => format!("Session differs: {line}"),
        }
    };
    if let Some(mut settings) = world.get_resource_mut::<UiSettings>() {
        settings.notice = Some(line);
    }
}

/// Opens another scenario file in the window: reads and checks it, and on
/// success starts it from month 0 with its own seed (as `mutualism FILE`
/// would), dropping the comparison and the loaded regime; on failure the
/// run goes on and the panel shows the refusal, with its file, line and
/// column.
pub(crate) fn open_scenario(world: &mut World, path: PathBuf) {
    match Scenario::load(&path) {
        Ok(scenario) => {
            let seed = scenario.seed;
            world.insert_resource(Run { scenario, seed });
            reset(world);
            // Nothing of the other scenario's run comes back.
            world.remove_resource::<LeftFuture>();
            world.insert_resource(BeforeReset::default());
            if let Some(mut settings) = world.get_resource_mut::<UiSettings>() {
                settings.compare = Some(CompareWith::Baseline);
                settings.preset = 0;
                settings.open_error = None;
                settings.notice = None;
            }
        }
        Err(error) => {
            if let Some(mut settings) = world.get_resource_mut::<UiSettings>() {
                settings.open_error = Some(error.to_string());
            }
        }
    }
}

/// The scenario files a teacher can open from the window: those beside
/// `current` and in the `crises` and `stress` folders beside it (the
/// stress battery), sorted by path.
pub(crate) fn scenario_files(current: &Path) -> Vec<PathBuf> {
    let folder = current.parent().unwrap_or(Path::new("."));
    let mut files: Vec<PathBuf> = [
        folder.to_path_buf(),
        folder.join("crises"),
        folder.join("stress"),
    ]
    .iter()
    .filter_map(|dir| std::fs::read_dir(dir).ok())
    .flatten()
    .filter_map(|entry| entry.ok().map(|e| e.path()))
    .filter(|path| path.extension().is_some_and(|e| e == "ron"))
    .collect();
    files.sort();
    files
}

/// A scenario file's one-line description (its `description` field), for
/// the picker; `None` if the file has none that can be read.
pub(crate) fn description_of(path: &Path) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Heading {
        description: String,
    }
    let text = std::fs::read_to_string(path).ok()?;
    ron::from_str::<Heading>(&text).ok().map(|h| h.description)
}

/// Fires a prepared cue: its shock goes to the model's queue for the next
/// month, and its prompt onto the screen (a cue without one takes the last
/// prompt down, so what is shown always belongs to the latest cue).
pub(crate) fn fire_cue(cue: &Cue, queue: &mut ShockQueue, settings: &mut UiSettings) {
    if let Some(shock) = &cue.shock {
        queue.send(shock.clone());
    }
    settings.prompt = cue.prompt.clone().map(|text| (cue.name.clone(), text));
}

/// The number keys that fire a scenario's prepared cues, in cue order.
const CUE_KEYS: [KeyCode; 9] = [
    KeyCode::Digit1,
    KeyCode::Digit2,
    KeyCode::Digit3,
    KeyCode::Digit4,
    KeyCode::Digit5,
    KeyCode::Digit6,
    KeyCode::Digit7,
    KeyCode::Digit8,
    KeyCode::Digit9,
];

/// Space plays or pauses; Right arrow or N steps one month; P switches
/// presenter mode, D the doughnut and F the view across twenty seeds; 1 to 9 fire the scenario's prepared
/// cues (a shock at the next month, a prompt on screen); Escape closes the
/// prompt and every window (explanation, why did it move, doughnut, the
/// seeds, scorecard); Ctrl+S saves the session, Ctrl+O opens a session or
/// scenario file and Ctrl+Z undoes the last move.
pub(super) fn keyboard(
    keys: Res<ButtonInput<KeyCode>>,
    egui: Option<Res<EguiWantsInput>>,
    run: Option<Res<Run>>,
    mut queue: ResMut<ShockQueue>,
    mut clock: ResMut<SimClock>,
    mut settings: ResMut<UiSettings>,
    mut commands: Commands,
) {
    if egui.is_some_and(|e| e.wants_keyboard_input()) {
        return;
    }
    let control = keys.any_pressed([KeyCode::ControlLeft, KeyCode::ControlRight]);
    if control && keys.just_pressed(KeyCode::KeyS) {
        commands.queue(super::files::save);
        return;
    }
    if control && keys.just_pressed(KeyCode::KeyO) {
        commands.queue(super::files::open);
        return;
    }
    if control && keys.just_pressed(KeyCode::KeyZ) {
        commands.queue(undo);
        return;
    }
    if keys.just_pressed(KeyCode::KeyP) {
        settings.presenter = !settings.presenter;
    }
    if keys.just_pressed(KeyCode::KeyD) {
        settings.doughnut = !settings.doughnut;
    }
    if keys.just_pressed(KeyCode::KeyF) {
        settings.fan = !settings.fan;
    }
    if keys.just_pressed(KeyCode::Space) {
        clock.paused = !clock.paused;
    }
    if keys.just_pressed(KeyCode::ArrowRight) || keys.just_pressed(KeyCode::KeyN) {
        commands.queue(step_once);
    }
    if keys.just_pressed(KeyCode::Escape) {
        settings.prompt = None;
        settings.explaining = None;
        settings.why = None;
        settings.doughnut = false;
        settings.fan = false;
        settings.scorecard = false;
    }
    let cues = run.as_ref().map_or(&[][..], |r| &r.scenario.cues[..]);
    for (key, cue) in CUE_KEYS.iter().zip(cues) {
        if keys.just_pressed(*key) {
            fire_cue(cue, &mut queue, &mut settings);
        }
    }
}

/// F11 switches the window between a window and the whole screen, for a
/// projector.
pub(super) fn fullscreen(
    keys: Res<ButtonInput<KeyCode>>,
    mut windows: Query<&mut Window, With<PrimaryWindow>>,
) {
    if !keys.just_pressed(KeyCode::F11) {
        return;
    }
    for mut window in &mut windows {
        window.mode = match window.mode {
            WindowMode::Windowed => WindowMode::BorderlessFullscreen(MonitorSelection::Current),
            _ => WindowMode::Windowed,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::headless;
    use crate::scenario::Scenario;
    use crate::sim::crisis::EventLog;

    /// A number key fires the scenario's prepared cue of that number: a
    /// prompt goes on screen, a crisis starts at the next month (as the
    /// log then says) and takes the prompt down; P turns presenter mode on.
    #[test]
    fn a_number_key_fires_its_prepared_cue_and_p_turns_presenter_mode_on() {
        let scenario = Scenario::load("scenarios/classroom.ron").expect("classroom loads");
        assert!(scenario.cues.len() >= 3, "the classroom has cues");
        let mut app = headless::app(&scenario, scenario.seed, false);
        app.insert_resource(ButtonInput::<KeyCode>::default())
            .init_resource::<UiSettings>()
            .add_systems(Update, keyboard);
        headless::advance(&mut app, 1).expect("a month runs");
        // Pressed for one update: no input plugin clears it here, so by hand.
        let press = |app: &mut App, key: KeyCode| {
            app.world_mut()
                .resource_mut::<ButtonInput<KeyCode>>()
                .press(key);
            headless::advance(app, 1).expect("a month runs");
            app.world_mut()
                .resource_mut::<ButtonInput<KeyCode>>()
                .clear();
        };
        press(&mut app, KeyCode::Digit1);
        let prompt = app.world().resource::<UiSettings>().prompt.clone();
        let (name, text) = prompt.expect("cue 1 puts its prompt on screen");
        assert_eq!(name, "Before the drought");
        assert!(text.contains("Which region"), "{text}");
        press(&mut app, KeyCode::Digit3);
        press(&mut app, KeyCode::KeyP);
        let log: Vec<String> = app
            .world()
            .resource::<EventLog>()
            .0
            .iter()
            .map(|e| e.to_string())
            .collect();
        assert!(
            log.iter()
                .any(|l| l.contains("Eastmarch") && l.contains("financial crash")),
            "cue 3, the crash in Eastmarch, started: {log:?}"
        );
        let settings = app.world().resource::<UiSettings>();
        assert!(settings.prompt.is_none(), "the crash took the prompt down");
        assert!(settings.presenter, "P turns it on");
    }

    /// The panel's line under the Scenario list.
    fn notice(app: &App) -> String {
        app.world()
            .resource::<UiSettings>()
            .notice
            .clone()
            .expect("a line")
    }

    /// Presses Ctrl and `key` for one update. The keyboard runs in
    /// Update, after the month's FixedUpdate, so the world is a month on
    /// when what the keys ask is done.
    fn ctrl(app: &mut App, key: KeyCode) {
        {
            let mut keys = app.world_mut().resource_mut::<ButtonInput<KeyCode>>();
            keys.press(KeyCode::ControlLeft);
            keys.press(key);
        }
        app.update();
        app.world_mut()
            .resource_mut::<ButtonInput<KeyCode>>()
            .clear();
    }

    /// Ctrl+S writes the session beside its scenario; opened again, it
    /// replays to the state it saved, and the panel says so.
    #[test]
    fn ctrl_s_saves_a_session_that_opens_to_the_same_state() {
        use crate::sim::institutions::{LeverChange, LeverTarget, LeverValue, lever};
        let folder = std::env::temp_dir().join(format!("mutualism-session-{}", std::process::id()));
        for sub in ["economy", "presets"] {
            std::fs::create_dir_all(folder.join(sub)).expect("a folder");
            for entry in std::fs::read_dir(Path::new("scenarios").join(sub)).expect("listed") {
                let entry = entry.expect("an entry");
                std::fs::copy(entry.path(), folder.join(sub).join(entry.file_name()))
                    .expect("copied");
            }
        }
        std::fs::copy("scenarios/classroom.ron", folder.join("classroom.ron")).expect("copied");
        let classroom = Scenario::load(folder.join("classroom.ron")).expect("it loads");
        let mut app = headless::app(&classroom, classroom.seed, false);
        app.insert_resource(ButtonInput::<KeyCode>::default())
            .init_resource::<UiSettings>()
            .add_systems(Update, (keyboard, check_session));
        headless::advance(&mut app, 2).expect("months run");
        app.world_mut()
            .resource_mut::<LeverChanges>()
            .send(LeverChange {
                target: LeverTarget::Region(4),
                lever: lever("mutual_aid_share").expect("a lever"),
                value: LeverValue::Number(0.45),
            });
        headless::advance(&mut app, 3).expect("months run");
        ctrl(&mut app, KeyCode::KeyS);
        let saved_at = app.world().resource::<SimClock>().tick;
        let hash = crate::sim::world::hash::state_hash(app.world_mut());
        let said = notice(&app);
        assert!(said.contains("classroom-session-1.ron"), "{said}");
        let session = folder.join("classroom-session-1.ron");
        open_scenario(app.world_mut(), session.clone());
        assert_eq!(app.world().resource::<UiSettings>().open_error, None);
        headless::advance(&mut app, saved_at).expect("the session replays");
        assert_eq!(crate::sim::world::hash::state_hash(app.world_mut()), hash);
        let said = notice(&app);
        assert!(said.starts_with("Session replayed"), "{said}");
        let _ = std::fs::remove_dir_all(folder);
    }

    /// Ctrl+Z takes back the last move: the run is then the run without
    /// it, at the same month, bit for bit; after a reset it brings the run
    /// back as it was.
    #[test]
    fn ctrl_z_takes_back_the_last_move_and_a_reset() {
        use crate::sim::world::hash::state_hash;
        let classroom = Scenario::load("scenarios/classroom.ron").expect("classroom loads");
        let change = crate::ui::move_everywhere;
        let run = |moves: usize| {
            let mut app = headless::app(&classroom, classroom.seed, false);
            app.insert_resource(ButtonInput::<KeyCode>::default())
                .init_resource::<UiSettings>()
                .add_systems(Update, keyboard);
            headless::advance(&mut app, 2).expect("months run");
            change(&mut app, "carbon_price", 0.5);
            headless::advance(&mut app, 3).expect("months run");
            if moves > 1 {
                change(&mut app, "contribution_rate", 0.05);
            }
            // Past the classroom's consultation, so both moves have acted.
            headless::advance(&mut app, 12).expect("months run");
            app
        };
        let mut one = run(1);
        let mut two = run(2);
        assert_ne!(state_hash(one.world_mut()), state_hash(two.world_mut()));
        ctrl(&mut two, KeyCode::KeyZ);
        let month = two.world().resource::<SimClock>().tick;
        let said = notice(&two);
        assert!(said.starts_with("Undone"), "{said}");
        let mut kept = one;
        let behind = month - kept.world().resource::<SimClock>().tick;
        headless::advance(&mut kept, behind).expect("months run");
        assert_eq!(
            state_hash(two.world_mut()),
            state_hash(kept.world_mut()),
            "{said}"
        );

        let before = state_hash(kept.world_mut());
        reset_undoably(kept.world_mut());
        assert_eq!(kept.world().resource::<SimClock>().tick, 0);
        undo(kept.world_mut());
        assert_eq!(kept.world().resource::<SimClock>().tick, month);
        assert_eq!(state_hash(kept.world_mut()), before, "the reset is undone");
    }

    /// Going back to a past month gives the run as it was then, bit for
    /// bit; the future it had stays as it was while a move there starts a
    /// branch; Ctrl+Z takes back the branch's move, then brings back the
    /// run as it was before going back.
    #[test]
    fn going_back_branches_and_leaves_the_old_future_intact() {
        use crate::sim::measures::History;
        use crate::sim::world::hash::state_hash;
        let classroom = Scenario::load("scenarios/classroom.ron").expect("classroom loads");
        let change = crate::ui::move_everywhere;
        let app = || {
            let mut app = headless::app(&classroom, classroom.seed, false);
            app.init_resource::<UiSettings>();
            app
        };
        let mut run = app();
        headless::advance(&mut run, 10).expect("months run");
        change(&mut run, "carbon_price", 0.5);
        headless::advance(&mut run, 20).expect("months run");
        change(&mut run, "contribution_rate", 0.05);
        headless::advance(&mut run, 18).expect("months run");
        let (at_48, course) = (
            state_hash(run.world_mut()),
            run.world().resource::<History>().rows.clone(),
        );

        go_back(run.world_mut(), 24);
        let mut then = app();
        headless::advance(&mut then, 10).expect("months run");
        change(&mut then, "carbon_price", 0.5);
        headless::advance(&mut then, 14).expect("months run");
        assert_eq!(run.world().resource::<SimClock>().tick, 24);
        assert_eq!(
            state_hash(run.world_mut()),
            state_hash(then.world_mut()),
            "back at month 24, the run is as it was then"
        );
        let left = |run: &App| run.world().resource::<LeftFuture>().rows.clone();
        assert_eq!(left(&run), course, "the old future is kept");

        change(&mut run, "mutual_aid_share", 0.5);
        headless::advance(&mut run, 24).expect("months run");
        assert_ne!(state_hash(run.world_mut()), at_48, "a branch");
        assert_eq!(left(&run), course, "the old future stays intact");

        undo(run.world_mut());
        assert!(
            notice(&run).contains("changed at month 24"),
            "{}",
            notice(&run)
        );
        undo(run.world_mut());
        assert_eq!(run.world().resource::<SimClock>().tick, 48);
        assert_eq!(
            state_hash(run.world_mut()),
            at_48,
            "Ctrl+Z brings back the run as it was: {}",
            notice(&run)
        );
        assert!(run.world().get_resource::<LeftFuture>().is_none());
    }

    /// With a snapshot a year, going back starts from the latest one on the
    /// way and lands on the same state as a run from month 0.
    #[test]
    fn going_back_from_a_snapshot_is_the_run_as_it_was() {
        use crate::sim::world::hash::state_hash;
        let classroom = Scenario::load("scenarios/classroom.ron").expect("classroom loads");
        let app = || {
            let mut app = headless::app(&classroom, classroom.seed, false);
            app.init_resource::<UiSettings>();
            app
        };
        let mut run = app();
        for month in 0..60 {
            if month == 30 {
                crate::ui::move_everywhere(&mut run, "mutual_aid_share", 0.5);
            }
            headless::advance(&mut run, 1).expect("a month runs");
            keep_snapshot(run.world_mut());
        }
        let kept: Vec<u32> = run
            .world()
            .resource::<Snapshots>()
            .by_month
            .keys()
            .copied()
            .collect();
        assert_eq!(kept, [1, 13, 25, 37, 49], "a snapshot a year");
        // The classroom keeps one a year however long it runs; the
        // continent over its fifty years.
        assert!(recent_months(12) >= 1000 * 12);
        assert_eq!(recent_months(300), 53 * 12);
        // Twenty years on, with ten years' room: one a year over the last
        // ten, one every five before.
        let mut long: std::collections::BTreeMap<u32, ()> =
            (1..=241).step_by(12).map(|m| (m, ())).collect();
        thin(&mut long, 241, 120);
        let thinned: Vec<u32> = long.keys().copied().collect();
        assert_eq!(thinned[..3], [1, 61, 121], "{thinned:?}");
        assert!(
            thinned[2..].windows(2).all(|w| w[1] - w[0] == 12),
            "{thinned:?}"
        );
        assert_eq!(thinned.last(), Some(&241));
        let sent = run.world().resource::<Interventions>().clone();
        let from = run
            .world()
            .resource::<Snapshots>()
            .usable(run.world(), &sent, 45)
            .map(Snapshot::tick);
        assert_eq!(from, Some(37), "the latest snapshot on the way");

        go_back(run.world_mut(), 45);
        let mut fresh = app();
        headless::advance(&mut fresh, 30).expect("months run");
        crate::ui::move_everywhere(&mut fresh, "mutual_aid_share", 0.5);
        headless::advance(&mut fresh, 15).expect("months run");
        assert_eq!(run.world().resource::<SimClock>().tick, 45);
        assert_eq!(state_hash(run.world_mut()), state_hash(fresh.world_mut()));
        assert_eq!(
            run.world().resource::<crate::sim::measures::History>().rows,
            fresh
                .world()
                .resource::<crate::sim::measures::History>()
                .rows
        );
    }

    /// The picker lists the scenarios beside the running one, its crises
    /// and the stress battery, not the presets or the economy files.
    #[test]
    fn the_picker_lists_scenarios_crises_and_the_battery() {
        let files = scenario_files(Path::new("scenarios/classroom.ron"));
        let shown: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
        for wanted in [
            "scenarios/continent.ron",
            "scenarios/crises/pandemic.ron",
            "scenarios/stress/technocrats.ron",
        ] {
            assert!(shown.iter().any(|s| s == wanted), "{wanted} in {shown:?}");
            let described = description_of(Path::new(wanted)).expect("a description");
            let scenario = Scenario::load(wanted).expect("it loads");
            assert_eq!(described, scenario.description);
        }
        assert!(
            !shown
                .iter()
                .any(|s| s.contains("presets") || s.contains("economy")),
            "{shown:?}"
        );
    }

    /// Opening a scenario from the panel starts its world at month 0 with
    /// its own seed; a file that cannot be read leaves the run as it was
    /// and says where it went wrong.
    #[test]
    fn opening_a_scenario_starts_it_and_a_bad_one_is_refused() {
        let classroom = Scenario::load("scenarios/classroom.ron").expect("classroom loads");
        let mut app = headless::app(&classroom, classroom.seed, false);
        app.init_resource::<UiSettings>();
        headless::advance(&mut app, 3).expect("three months run");

        let path = "scenarios/crises/drought.ron";
        open_scenario(app.world_mut(), PathBuf::from(path));
        let drought = Scenario::load(path).expect("the drought loads");
        assert_ne!(drought.name, classroom.name);
        let run = app.world().resource::<Run>();
        assert_eq!(run.scenario.name, drought.name);
        assert_eq!(run.seed, drought.seed);
        assert_eq!(app.world().resource::<SimClock>().tick, 0);

        let broken = std::env::temp_dir().join("mutualism-picker-broken.ron");
        std::fs::write(&broken, "(name: \"half a scenario\",").expect("a temporary file");
        open_scenario(app.world_mut(), broken.clone());
        let error = app.world().resource::<UiSettings>().open_error.clone();
        let error = error.expect("the refusal is shown");
        assert!(error.contains("mutualism-picker-broken.ron"), "{error}");
        assert_eq!(
            app.world().resource::<Run>().scenario.name,
            drought.name,
            "the run goes on"
        );
        let _ = std::fs::remove_file(broken);
    }
}
