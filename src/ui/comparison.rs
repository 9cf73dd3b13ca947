//! The comparison run: the window's world and seed with nothing changed
//! from the panel (the baseline, the default) or under another regime
//! preset, run headless beside the window's own run and kept at its month,
//! so the chart can draw both and their difference.
//!
//! It holds no economic logic: the second run is the model's own headless
//! app ([`headless::app`]) advanced with [`headless::advance`]. Nothing the
//! panel sends reaches it: lever changes and shocks go to the
//! window's run only, while the second run follows its preset (or the
//! scenario's own regime) and the scenario's own timeline. Its state at a
//! month therefore depends only on the scenario, the seed, what it runs
//! under and the month, which is why a reset of
//! the window's run is met by starting it again from month 0 only when the
//! window's month falls behind it.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use bevy::prelude::*;

use super::replays::Replays;
use super::{CompareWith, UiSettings};
use crate::headless;
use crate::scenario::{Run, Scenario};
use crate::sim::SimClock;
use crate::sim::interventions::Interventions;
use crate::sim::measures::{History, MeasureRow};

/// The second run, as non-send data: a Bevy [`App`] is not `Sync`, so it
/// cannot be a [`Resource`]. Present while a regime is picked in the
/// panel's "Compare with".
pub(crate) struct Comparison {
    /// What it runs: the baseline or a preset.
    pub(crate) with: CompareWith,
    /// The seed and scenario file of the window's run it was built from; a
    /// different run (another scenario or seed) needs a new comparison.
    source: (u64, PathBuf),
    /// The headless model, or `None` if the preset could not be read.
    app: Option<App>,
    /// Why the second run stopped following the window's, if it did.
    pub(crate) error: Option<String>,
    /// Its whole course to the scenario's end, replayed once on a thread of
    /// its own: nothing the panel sends reaches it, so its future is known
    /// from the start, and the chart draws it faintly ahead of it.
    future: Replays<(), Vec<MeasureRow>>,
}

impl Comparison {
    /// Builds the second run at month 0: the window's scenario and seed as
    /// the file has it (the baseline) or with a preset as its policy. A
    /// missing preset gives a comparison with no app and the reason as its
    /// error. Its future is `kept` (the same second run's, started again
    /// after a reset) or worked out anew.
    fn build(run: &Run, with: &CompareWith, kept: Option<Replays<(), Vec<MeasureRow>>>) -> Self {
        let source = (run.seed, run.scenario.path.clone());
        let scenario = Self::scenario(run, with);
        let future = kept.unwrap_or_else(|| {
            let mut future = Replays::default();
            if let Ok(scenario) = &scenario {
                let (scenario, seed) = (scenario.clone(), run.seed);
                future.start((), move || {
                    headless::replay(&scenario, seed, &Interventions::default(), scenario.ticks)
                        .map_err(|e| e.to_string())
                });
            }
            future
        });
        let (app, error) = match scenario {
            Ok(scenario) => (Some(headless::app(&scenario, run.seed, false)), None),
            Err(error) => (None, Some(error)),
        };
        Self {
            with: with.clone(),
            source,
            app,
            error,
            future,
        }
    }

    /// What it runs: the window's scenario as the file has it (the
    /// baseline) or with a preset as its policy; a missing preset is an
    /// error naming it.
    fn scenario(run: &Run, with: &CompareWith) -> Result<Scenario, String> {
        match with {
            CompareWith::Baseline => Ok(run.scenario.clone()),
            CompareWith::Preset(regime) => {
                match run.scenario.regimes.iter().find(|(name, _)| name == regime) {
                    Some((_, policy)) => {
                        let mut scenario = run.scenario.clone();
                        scenario.policy = policy.clone();
                        scenario.regime = regime.clone();
                        Ok(scenario)
                    }
                    None => Err(format!("no preset named {regime}")),
                }
            }
        }
    }

    /// Where it is heading: every month to the scenario's end, once worked
    /// out (empty until then, or if it failed).
    pub(crate) fn ahead(&self) -> &[MeasureRow] {
        match self.future.shown() {
            Some((_, Ok(rows))) => rows,
            _ => &[],
        }
    }

    /// Whether its future is still being worked out (a screenshot waits).
    pub(crate) fn busy(&self) -> bool {
        self.future.busy()
    }

    /// Months the second run has completed (0 if it has no app).
    pub(crate) fn tick(&self) -> u32 {
        self.app
            .as_ref()
            .map_or(0, |app| app.world().resource::<SimClock>().tick)
    }

    /// The second run's measures, one row per month, or `None` if it has no
    /// app.
    pub(crate) fn history(&self) -> Option<&History> {
        self.app
            .as_ref()
            .map(|app| app.world().resource::<History>())
    }

    /// The second run's world, to read as the window's own is read, or
    /// `None` if it has no app.
    pub(crate) fn world_mut(&mut self) -> Option<&mut World> {
        self.app.as_mut().map(App::world_mut)
    }

    /// Advances the second run towards `target` one month at a time until
    /// it gets there or `budget` runs out (`None`: until it gets there).
    /// An error from the model, or a month that does not advance, stops it
    /// and is kept to show in the panel.
    fn advance_to(&mut self, target: u32, budget: Option<Duration>) {
        let Some(app) = self.app.as_mut() else {
            return;
        };
        let start = Instant::now();
        while self.error.is_none() {
            let now = app.world().resource::<SimClock>().tick;
            let CatchUp::Advance(months) = catch_up(target, now) else {
                return;
            };
            let months = match budget {
                Some(_) => months.min(MONTHS_PER_STEP),
                None => months,
            };
            if let Err(error) = headless::advance(app, months) {
                self.error = Some(error.to_string());
            } else if app.world().resource::<SimClock>().tick == now {
                self.error = Some(format!("the model did not advance past month {now}"));
            }
            if budget.is_some_and(|b| start.elapsed() >= b) {
                return;
            }
        }
    }
}

/// What the second run must do to stand at the window's month.
#[derive(Debug, PartialEq, Eq)]
enum CatchUp {
    /// It is at the window's month.
    InStep,
    /// It is behind by this many months.
    Advance(u32),
    /// It is ahead: the window's run was reset (or started again), so the
    /// second run starts again from month 0.
    Restart,
}

/// Compares the window's month with the second run's.
fn catch_up(main_tick: u32, second_tick: u32) -> CatchUp {
    match main_tick.cmp(&second_tick) {
        std::cmp::Ordering::Equal => CatchUp::InStep,
        std::cmp::Ordering::Greater => CatchUp::Advance(main_tick - second_tick),
        std::cmp::Ordering::Less => CatchUp::Restart,
    }
}

/// Months advanced between two looks at the clock while catching up, so a
/// long catch-up (a regime picked at month 600) spreads over frames.
const MONTHS_PER_STEP: u32 = 1;

/// Time a frame may spend catching the second run up while the window runs.
const FRAME_BUDGET: Duration = Duration::from_millis(25);

/// Each frame: keeps the second run at the window's month, spending at most
/// [`FRAME_BUDGET`] on it.
pub(super) fn keep_in_step(world: &mut World) {
    follow(world, Some(FRAME_BUDGET));
}

/// Builds, drops, restarts or advances the second run so that it is the one
/// picked in the panel and stands at the window's month; `budget` bounds the
/// time spent (`None`: until it is there).
pub(crate) fn follow(world: &mut World, budget: Option<Duration>) {
    let Some(wanted) = world.resource::<UiSettings>().compare.clone() else {
        world.remove_non_send::<Comparison>();
        return;
    };
    let Some(run) = world.get_resource::<Run>() else {
        return;
    };
    let source = (run.seed, run.scenario.path.clone());
    let main_tick = world.resource::<SimClock>().tick;
    let rebuild = world.get_non_send::<Comparison>().is_none_or(|c| {
        c.with != wanted || c.source != source || catch_up(main_tick, c.tick()) == CatchUp::Restart
    });
    if rebuild {
        // Started again after a reset: the same second run, the same future.
        let kept = world
            .remove_non_send::<Comparison>()
            .filter(|old| (&old.with, &old.source) == (&wanted, &source))
            .map(|old| old.future);
        let comparison = Comparison::build(world.resource::<Run>(), &wanted, kept);
        world.insert_non_send(comparison);
    }
    let mut comparison = world.non_send_mut::<Comparison>();
    comparison.future.collect();
    comparison.advance_to(main_tick, budget);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::measures::MeasureRow;

    #[test]
    fn a_second_run_behind_advances_by_the_difference() {
        assert_eq!(catch_up(60, 0), CatchUp::Advance(60));
        assert_eq!(catch_up(13, 12), CatchUp::Advance(1));
    }

    #[test]
    fn a_second_run_at_the_same_month_waits() {
        assert_eq!(catch_up(0, 0), CatchUp::InStep);
        assert_eq!(catch_up(48, 48), CatchUp::InStep);
    }

    #[test]
    fn a_second_run_ahead_after_a_reset_starts_again() {
        assert_eq!(catch_up(0, 60), CatchUp::Restart);
        assert_eq!(catch_up(1, 2), CatchUp::Restart);
    }

    /// The classroom's window run after `months`, set to compare with
    /// `regime`, and its scenario.
    fn window_comparing(regime: &str, months: u32) -> (App, crate::scenario::Scenario) {
        let scenario = crate::scenario::Scenario::load("scenarios/classroom.ron")
            .expect("classroom scenario loads");
        let mut app = headless::app(&scenario, scenario.seed, false);
        app.insert_resource(UiSettings {
            compare: Some(CompareWith::Preset(regime.into())),
            ..default()
        });
        headless::advance(&mut app, months).expect("the window's run advances");
        (app, scenario)
    }

    /// The last measures of the classroom under `regime`, run headless on
    /// its own for `ticks` months.
    fn alone(scenario: &crate::scenario::Scenario, regime: &str, ticks: u32) -> MeasureRow {
        let mut variant = scenario.clone();
        variant.policy = crate::scenario::load_policy(format!("scenarios/presets/{regime}.ron"))
            .expect("preset loads");
        let rows = headless::run(&variant, scenario.seed, ticks, false)
            .expect("runs")
            .rows;
        *rows.last().expect("a month was run")
    }

    #[test]
    fn by_default_the_second_run_is_the_baseline_which_no_lever_move_reaches() {
        let scenario = crate::scenario::Scenario::load("scenarios/classroom.ron")
            .expect("classroom scenario loads");
        let mut app = headless::app(&scenario, scenario.seed, false);
        app.insert_resource(UiSettings::default());
        headless::advance(&mut app, 6).expect("the window's run advances");
        super::super::move_everywhere(&mut app, "carbon_price", 2.0);
        headless::advance(&mut app, 18).expect("the window's run advances");
        follow(app.world_mut(), None);
        let comparison = app.world().non_send::<Comparison>();
        assert_eq!(comparison.with, CompareWith::Baseline);
        let fresh = headless::run(&scenario, scenario.seed, 24, false)
            .expect("runs")
            .rows;
        let baseline = &comparison.history().expect("it runs").rows;
        assert_eq!(
            baseline, &fresh,
            "the baseline is a fresh run of the scenario"
        );
        let played = &app.world().resource::<History>().rows;
        assert_ne!(played, &fresh, "and the window's run moved away from it");
    }

    #[test]
    fn with_no_time_to_spare_the_second_run_catches_up_a_month_a_frame() {
        let (mut app, _) = window_comparing("state_led", 4);
        for expected in 1..=4 {
            follow(app.world_mut(), Some(Duration::ZERO));
            assert_eq!(app.world().non_send::<Comparison>().tick(), expected);
        }
        follow(app.world_mut(), Some(Duration::ZERO));
        assert_eq!(
            app.world().non_send::<Comparison>().tick(),
            4,
            "in step, it waits"
        );
    }

    #[test]
    fn the_second_run_follows_the_window_and_starts_again_after_a_reset() {
        let (mut app, scenario) = window_comparing("liberal_market", 5);
        follow(app.world_mut(), None);
        let world = app.world();
        let comparison = world.non_send::<Comparison>();
        assert_eq!(comparison.error, None);
        assert_eq!(
            comparison.tick(),
            5,
            "the second run is at the window's month"
        );
        assert_eq!(
            comparison.history().and_then(History::latest),
            Some(&alone(&scenario, "liberal_market", 5)),
            "the second run is the same world and seed under the other preset"
        );

        super::super::controls::reset(app.world_mut());
        follow(app.world_mut(), None);
        assert_eq!(
            app.world().non_send::<Comparison>().tick(),
            0,
            "a reset starts it again"
        );
        headless::advance(&mut app, 3).expect("the window's run advances");
        follow(app.world_mut(), None);
        assert_eq!(
            app.world()
                .non_send::<Comparison>()
                .history()
                .and_then(History::latest),
            Some(&alone(&scenario, "liberal_market", 3)),
            "after the reset it runs from month 0 again"
        );

        app.world_mut().resource_mut::<UiSettings>().compare = None;
        follow(app.world_mut(), None);
        assert!(
            app.world().get_non_send::<Comparison>().is_none(),
            "picking none drops the second run"
        );
    }
}
