//! Running the model from the window: one step on demand, reset to the
//! scenario's start, and the keyboard (Space plays or pauses, Right or N
//! steps). Steps and resets run the model's own schedule and spawner as
//! commands; nothing here touches the model's economic state.

use bevy::prelude::*;
use bevy::window::{MonitorSelection, PrimaryWindow, WindowMode};
use bevy_egui::input::EguiWantsInput;

use super::UiSettings;
use crate::sim::policy::LeverChanges;
use crate::sim::shocks::ShockQueue;
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

/// The number keys that fire a scenario's prepared crises, in cue order.
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

/// Space plays or pauses; Right arrow or N steps one month; 1 to 9 fire
/// the scenario's prepared crises at the next month.
pub(super) fn keyboard(
    keys: Res<ButtonInput<KeyCode>>,
    egui: Option<Res<EguiWantsInput>>,
    run: Option<Res<Run>>,
    mut queue: ResMut<ShockQueue>,
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
    let cues = run.as_ref().map_or(&[][..], |r| &r.scenario.cues[..]);
    for (key, cue) in CUE_KEYS.iter().zip(cues) {
        if keys.just_pressed(*key) {
            queue.send(cue.shock.clone());
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
    use crate::sim::crisis::log::EventLog;

    /// A number key fires the scenario's prepared crisis of that number at
    /// the next month, as the log then says.
    #[test]
    fn a_number_key_fires_its_prepared_crisis() {
        let scenario = Scenario::load("scenarios/classroom.ron").expect("classroom loads");
        assert!(scenario.cues.len() >= 2, "the classroom has cues");
        let mut app = headless::app(&scenario, scenario.seed, false);
        app.insert_resource(ButtonInput::<KeyCode>::default())
            .add_systems(Update, keyboard);
        headless::advance(&mut app, 1).expect("a month runs");
        app.world_mut()
            .resource_mut::<ButtonInput<KeyCode>>()
            .press(KeyCode::Digit2);
        headless::advance(&mut app, 2).expect("two months run");
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
            "cue 2, the crash in Eastmarch, started: {log:?}"
        );
    }
}
