//! The windowed application: the model's plugin with the map and the panel
//! in a window, and `shot`, which runs the same window to a given month
//! (optionally with a comparison run under another regime), saves a
//! screenshot and exits. Refuses politely where there is no display.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};
use bevy::window::WindowResolution;

use crate::explain::{self, Explanations};
use crate::scenario::{Scenario, ScenarioError};
use crate::shot::View;
use crate::sim::crisis::ShockQueue;
use crate::sim::measures::Measure;
use crate::sim::{self, SimClock};
use crate::ui::{self, Explain, UiSettings};
use crate::view::overlay::Overlay;
use crate::view::{self, Selection};

/// Why the window could not run.
#[derive(Debug, thiserror::Error)]
pub enum GuiError {
    #[error(
        "no display (neither DISPLAY nor WAYLAND_DISPLAY is set): run headless with `mutualism run scenarios/classroom.ron`, or under Xvfb with `xvfb-run -a mutualism`"
    )]
    NoDisplay,
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    #[error(
        "unknown overlay `{0}`: try ecology, capability, trust, basics, voice, power dispersion, support, transition or sick"
    )]
    UnknownOverlay(String),
    #[error("no region named `{0}` in this scenario")]
    UnknownRegion(String),
    #[error("no regime preset named `{0}` beside this scenario; the presets are: {1}")]
    UnknownRegime(String, String),
    #[error("no theme named `{0}`: try dark, light or high-contrast")]
    UnknownTheme(String),
    #[error("no criterion named `{0}`; the criteria are: {1}")]
    UnknownCriterion(String, String),
    #[error("no cue {0}: this scenario has {1} prepared cues")]
    UnknownCue(usize, usize),
    #[error("{0} does not explain: {1}")]
    Unexplained(PathBuf, String),
    #[error("the screenshot {0} was not written")]
    NoShot(PathBuf),
}

/// Whether a window can open here.
pub fn has_display() -> bool {
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()))
}

// Over 100 lines: the window's app assembled in one place: plugins, resources,
// systems and the shot mode, in the order they must be added.
/// Opens the simulator on a scenario as `view` asks, or with `shot` (the
/// months and the file) runs it to a month, writes the picture and
/// returns.
pub fn run(
    scenario: &Scenario,
    seed: u64,
    view: &View,
    shot: Option<crate::shot::Picture>,
) -> Result<(), GuiError> {
    if !has_display() {
        return Err(GuiError::NoDisplay);
    }
    let overlay = match view.overlay.as_deref() {
        Some(name) => {
            Some(parse_overlay(name).ok_or_else(|| GuiError::UnknownOverlay(name.into()))?)
        }
        None => None,
    };
    let mut app = App::new();
    app.set_error_handler(bevy::ecs::error::warn);
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: format!("mutualism: {}", scenario.name),
                    resolution: {
                        let (width, height) = view.size.unwrap_or((1600, 900));
                        WindowResolution::new(width, height)
                    },
                    mode: if view.fullscreen && shot.is_none() {
                        bevy::window::WindowMode::BorderlessFullscreen(
                            bevy::window::MonitorSelection::Current,
                        )
                    } else {
                        bevy::window::WindowMode::Windowed
                    },
                    ..default()
                }),
                ..default()
            })
            .set(bevy::log::LogPlugin {
                filter: "warn,mutualism=info".into(),
                ..default()
            }),
    )
    .add_plugins((sim::plugin, view::plugin, ui::plugin));
    let explain_path = explain::default_path();
    let explanations = Explanations::load(&explain_path)?;
    let names: Vec<String> = scenario.regimes.iter().map(|(n, _)| n.clone()).collect();
    let overlays: Vec<&str> = Overlay::ALL.iter().map(|o| o.name()).collect();
    let missing = explanations.missing(&names, &overlays);
    if !missing.is_empty() {
        return Err(GuiError::Unexplained(explain_path, missing.join(", ")));
    }
    app.insert_resource(Explain(explanations));
    let speed = app.world().resource::<UiSettings>().speed;
    app.insert_resource(Time::<Fixed>::from_seconds(1.0 / speed));
    crate::scenario::spawn_world(app.world_mut(), scenario, seed);
    // The window opens paused: the teacher presses Space when the class is ready.
    app.world_mut().resource_mut::<SimClock>().paused = true;
    if let Some(overlay) = overlay {
        app.insert_resource(overlay);
    }

    if let Some(name) = &view.compare {
        if !names.contains(name) {
            return Err(GuiError::UnknownRegime(name.clone(), names.join(", ")));
        }
        app.world_mut().resource_mut::<UiSettings>().compare =
            Some(crate::ui::CompareWith::Preset(name.clone()));
    }
    let theme = match &view.theme {
        Some(name) => {
            let wanted = spoken(name);
            let theme = ui::Theme::ALL
                .into_iter()
                .find(|t| t.label() == wanted)
                .ok_or_else(|| GuiError::UnknownTheme(name.clone()))?;
            app.world_mut().resource_mut::<UiSettings>().theme = theme;
            Some(theme)
        }
        None => None,
    };
    app.world_mut().resource_mut::<UiSettings>().presenter = view.presenter;
    app.world_mut().resource_mut::<UiSettings>().doughnut = view.doughnut;
    app.world_mut().resource_mut::<UiSettings>().fan = view.fan;
    app.world_mut()
        .resource_mut::<crate::view::overlay::DifferenceMap>()
        .0 = view.difference;
    if let Some(folder) = &view.scorecard {
        app.world_mut().resource_mut::<UiSettings>().scorecard = true;
        app.insert_resource(crate::ui::scorecard::ScorecardView::of_folder(folder));
    }
    if let Some(name) = &view.why {
        let criterion = Measure::CRITERIA
            .into_iter()
            .find(|m| m.key() == name)
            .ok_or_else(|| {
                let names: Vec<&str> = Measure::CRITERIA.map(Measure::key).to_vec();
                GuiError::UnknownCriterion(name.clone(), names.join(", "))
            })?;
        app.world_mut().resource_mut::<UiSettings>().why = Some(criterion);
    }
    if let Some(number) = view.cue {
        let cues = &scenario.cues;
        let cue = number
            .checked_sub(1)
            .and_then(|i| cues.get(i))
            .ok_or(GuiError::UnknownCue(number, cues.len()))?;
        let world = app.world_mut();
        world.resource_scope(|world, mut queue: Mut<ShockQueue>| {
            ui::controls::fire_cue(cue, &mut queue, &mut world.resource_mut::<UiSettings>());
        });
    }
    if let Some(name) = &view.select {
        let id = find_region(app.world_mut(), name)
            .ok_or_else(|| GuiError::UnknownRegion(name.clone()))?;
        app.insert_resource(Selection { region: Some(id) });
    }
    let Some(crate::shot::Picture {
        ticks,
        out,
        back_to,
    }) = shot
    else {
        // The window keeps its settings between sessions; a theme asked
        // for on the command line wins over the kept one.
        ui::preferences::keep(app.world_mut(), theme);
        app.run();
        return Ok(());
    };
    let _ = std::fs::remove_file(&out);
    app.insert_resource(ShotPlan {
        ticks,
        out: out.clone(),
        back_to,
        frame: 0,
    })
    .add_systems(Last, take_shot);
    app.run();
    if out.is_file() {
        Ok(())
    } else {
        Err(GuiError::NoShot(out))
    }
}

/// A name as typed on the command line, as the panel writes it: lower
/// case, with spaces for dashes and underscores (`High-Contrast` is
/// `high contrast`).
fn spoken(name: &str) -> String {
    name.to_lowercase().replace(['-', '_'], " ")
}

/// An overlay by label, the start of its label or its name in the
/// explanations file, any case.
fn parse_overlay(name: &str) -> Option<Overlay> {
    let name = spoken(name);
    Overlay::ALL.into_iter().find(|o| {
        let label = o.label().to_lowercase();
        label == name || label.starts_with(&name) || spoken(o.name()) == name
    })
}

fn find_region(world: &mut World, name: &str) -> Option<u32> {
    let mut regions = world.query::<&sim::people::Region>();
    regions
        .iter(world)
        .find(|r| r.name.eq_ignore_ascii_case(name))
        .map(|r| r.id)
}

/// The steps of a `shot` run.
#[derive(Resource)]
struct ShotPlan {
    /// Months to run before the picture.
    ticks: u32,
    /// The PNG to write.
    out: PathBuf,
    /// A month to go back to after running, as the scrubber does.
    back_to: Option<u32>,
    /// Frames since the window opened.
    frame: u32,
}

/// Frames to wait after running the model, so egui lays out and sizes its
/// panels and the map camera frames the world.
const SETTLE_FRAMES: u32 = 20;
/// Frames after which a screenshot that never arrived is given up on.
const GIVE_UP_FRAMES: u32 = 600;

/// Runs the model `ticks` months on the first frame (and a comparison run,
/// if one is picked, to the same month), waits for the window to settle,
/// asks for a screenshot, and exits once it is saved.
fn take_shot(world: &mut World) {
    let mut plan = world.resource_mut::<ShotPlan>();
    plan.frame += 1;
    let (frame, ticks, out, back_to) = (plan.frame, plan.ticks, plan.out.clone(), plan.back_to);
    if frame == 1 {
        for _ in 0..ticks {
            ui::controls::step_once(world);
        }
        if let Some(month) = back_to {
            ui::controls::go_back(world, month);
        }
        ui::comparison::follow(world, None);
    } else if frame == 2 {
        // The pointer off every panel and region, at the top of the map, so
        // no hover card or tooltip lands in the picture.
        let mut windows = world.query_filtered::<&mut Window, With<bevy::window::PrimaryWindow>>();
        if let Ok(mut window) = windows.single_mut(world) {
            let middle = window.width() / 2.0;
            window.set_cursor_position(Some(Vec2::new(middle, 2.0)));
        }
    } else if frame == SETTLE_FRAMES && replaying(world) {
        // Replays on threads of their own are still working: wait for them.
        world.resource_mut::<ShotPlan>().frame -= 1;
    } else if frame == SETTLE_FRAMES {
        report_map_share(world);
        world
            .spawn(Screenshot::primary_window())
            .observe(save_to_disk(out))
            .observe(
                |_: On<ScreenshotCaptured>, mut exit: MessageWriter<AppExit>| {
                    exit.write(AppExit::Success);
                },
            );
    } else if frame > GIVE_UP_FRAMES {
        world.write_message(AppExit::error());
    }
}

/// Whether a replay the picture would show is still working: the gap
/// against the baseline, the seeds, or the comparison's future.
fn replaying(world: &World) -> bool {
    world.resource::<ui::why::Against>().0.busy()
        || world.resource::<ui::fan::FanView>().0.busy()
        || world
            .get_non_send::<ui::comparison::Comparison>()
            .is_some_and(|c| c.busy())
}

/// Says on standard output how much of the window's width the map has
/// beside the panels, for CI's check that the map holds the screen.
fn report_map_share(world: &mut World) {
    let insets = *world.resource::<view::PanelInsets>();
    let mut windows = world.query_filtered::<&Window, With<bevy::window::PrimaryWindow>>();
    if let Ok(window) = windows.single(world) {
        let width = window.width();
        let map = (width - insets.left - insets.right).max(0.0);
        println!(
            "map share: {:.3} ({map:.0} of {width:.0} px wide; panels {:.0} and {:.0})",
            map / width,
            insets.left,
            insets.right
        );
    }
}
