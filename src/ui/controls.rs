//! Running the model from the window: one step on demand, reset to the
//! scenario's start, and the keyboard (Space plays or pauses, Right or N
//! steps). Steps and resets run the model's own schedule and spawner as
//! commands; nothing here touches the model's economic state.

use bevy::prelude::*;
use bevy_egui::input::EguiWantsInput;

use super::UiSettings;
use crate::sim::policy::LeverChanges;
use crate::sim::{Run, SimClock, spawn_world};

/// Advances the model exactly one month, whether or not it is paused.
pub(crate) fn step_once(world: &mut World) {
    let paused = std::mem::replace(&mut world.resource_mut::<SimClock>().paused, false);
    world.run_schedule(FixedUpdate);
    world.resource_mut::<SimClock>().paused = paused;
}

/// Respawns the run's scenario with the same seed, keeping play or pause
/// as it was; pending lever changes, chart marks and the name of a loaded
/// regime go with the old run. (A comparison run notices that the window's
/// month fell behind its own and starts again by itself.)
pub(crate) fn reset(world: &mut World) {
    let Some(run) = world.get_resource::<Run>().cloned() else {
        return;
    };
    let paused = world.resource::<SimClock>().paused;
    world.insert_resource(LeverChanges::default());
    spawn_world(world, &run.scenario, run.seed);
    world.resource_mut::<SimClock>().paused = paused;
    if let Some(mut settings) = world.get_resource_mut::<UiSettings>() {
        settings.loaded_regime = None;
    }
}

/// Space plays or pauses; Right arrow or N steps one month.
pub(super) fn keyboard(
    keys: Res<ButtonInput<KeyCode>>,
    egui: Option<Res<EguiWantsInput>>,
    mut clock: ResMut<SimClock>,
    mut commands: Commands,
) {
    if egui.is_some_and(|e| e.wants_keyboard_input()) {
        return;
    }
    if keys.just_pressed(KeyCode::Space) {
        clock.paused = !clock.paused;
    }
    if keys.just_pressed(KeyCode::ArrowRight) || keys.just_pressed(KeyCode::KeyN) {
        commands.queue(step_once);
    }
}
