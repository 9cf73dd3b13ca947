//! Where this run is heading: the window's run carried on to the scenario's
//! end with every change made so far and nothing more, drawn faintly on the
//! chart so that a student sees where a lever leads before playing it out
//! (En-ROADS draws the same beside its baseline).
//!
//! It holds no economic logic: it is [`headless::replay`] of the model's own
//! record of what was sent to it ([`Interventions`]) on a fresh world of the
//! same scenario and seed, which is the window's run bit for bit up to now
//! (a test says so) and then its future as things stand. It is worked out
//! on a thread of its own after every change, so the window never waits; a
//! newer change makes an older projection stale, and it is dropped.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use bevy::prelude::*;

use super::UiSettings;
use crate::headless;
use crate::scenario::Run;
use crate::sim::interventions::Interventions;
use crate::sim::measures::MeasureRow;

/// What a projection was worked out from: the run's seed and scenario file
/// and how many interventions it had had.
type Source = (u64, PathBuf, usize);

/// The projection, as non-send data (it holds a channel's end).
#[derive(Default)]
pub(crate) struct Projection {
    /// What the projection shown (or being worked out) is for.
    source: Option<Source>,
    /// The finished projection: every month's measures to the scenario's end.
    pub(crate) rows: Vec<MeasureRow>,
    /// The thread's answer, while it works.
    pending: Option<Receiver<Result<Vec<MeasureRow>, String>>>,
    /// Why the last projection failed, if it did.
    pub(crate) error: Option<String>,
    /// The end of the projection shown before the latest change to the
    /// same run, if there was one: what a prediction is judged against.
    pub(crate) before: Option<MeasureRow>,
}

impl Projection {
    /// Whether a projection is being worked out.
    pub(crate) fn working(&self) -> bool {
        self.pending.is_some()
    }

    /// How many changes the run had had when this projection was asked
    /// for (0 before any).
    pub(crate) fn changes(&self) -> usize {
        self.source.as_ref().map_or(0, |s| s.2)
    }

    /// Takes the thread's answer if it has come, waiting for it if `wait`.
    fn collect(&mut self, wait: bool) {
        let Some(receiver) = &self.pending else {
            return;
        };
        let answer = if wait {
            receiver.recv().map_err(|_| TryRecvError::Disconnected)
        } else {
            receiver.try_recv()
        };
        match answer {
            Ok(Ok(rows)) => (self.rows, self.error) = (rows, None),
            Ok(Err(error)) => (self.rows, self.error) = (Vec::new(), Some(error)),
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => {
                self.error = Some("the projection stopped without an answer".into());
            }
        }
        self.pending = None;
    }
}

/// Each frame: takes a finished projection in, and starts one when the run
/// has had a change since (or is another run).
pub(super) fn keep_up(world: &mut World) {
    follow(world, false);
}

/// Collects a finished projection, and starts one when the run has changed
/// since the projection shown and none is being worked out; with `wait`,
/// waits for it. One at a time: a slider dragged through many values sends
/// many changes, and the run after the last of them is worked out once the
/// one under way is done, instead of a thread for each.
pub(crate) fn follow(world: &mut World, wait: bool) {
    if !world.resource::<UiSettings>().projection {
        world.remove_non_send::<Projection>();
        return;
    }
    if world.get_non_send::<Projection>().is_none() {
        world.insert_non_send(Projection::default());
    }
    world.non_send_mut::<Projection>().collect(wait);
    let (Some(run), Some(record)) = (
        world.get_resource::<Run>(),
        world.get_resource::<Interventions>(),
    ) else {
        return;
    };
    let projection = world.non_send::<Projection>();
    let current = projection
        .source
        .as_ref()
        .is_some_and(|(seed, path, changes)| {
            (*seed, path, *changes) == (run.seed, &run.scenario.path, record.0.len())
        });
    if current || projection.working() {
        return;
    }
    let source = (run.seed, run.scenario.path.clone(), record.0.len());
    let (scenario, seed, record) = (run.scenario.clone(), run.seed, record.clone());
    let (sender, receiver) = channel();
    std::thread::spawn(move || {
        let rows =
            headless::replay(&scenario, seed, &record, scenario.ticks).map_err(|e| e.to_string());
        // The window may have moved on and dropped the receiver.
        let _ = sender.send(rows);
    });
    let mut projection = world.non_send_mut::<Projection>();
    let same_run = projection
        .source
        .as_ref()
        .is_some_and(|s| (s.0, &s.1) == (source.0, &source.1) && s.2 < source.2);
    projection.before = if same_run {
        projection.rows.last().copied()
    } else {
        None
    };
    projection.source = Some(source);
    projection.pending = Some(receiver);
    projection.collect(wait);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::measures::History;

    #[test]
    fn the_projection_is_what_playing_the_change_forward_gives() {
        let mut scenario = crate::scenario::Scenario::load("scenarios/classroom.ron")
            .expect("classroom scenario loads");
        scenario.ticks = 48;
        let mut app = headless::app(&scenario, scenario.seed, false);
        app.insert_resource(UiSettings::default());
        headless::advance(&mut app, 12).expect("the window's run advances");
        follow(app.world_mut(), true);
        let before = app.world().non_send::<Projection>().rows.clone();
        assert_eq!(before.len(), 48, "it runs to the scenario's end");

        super::super::move_everywhere(&mut app, "carbon_price", 2.0);
        headless::advance(&mut app, 1).expect("the change is taken in");
        follow(app.world_mut(), true);
        let projected = app.world().non_send::<Projection>().rows.clone();
        assert_ne!(projected, before, "a change moves the projection");

        headless::advance(&mut app, 35).expect("played forward");
        let played = &app.world().resource::<History>().rows;
        assert_eq!(played, &projected, "bit for bit");
    }
}
