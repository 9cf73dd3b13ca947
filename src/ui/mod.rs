//! The panel beside the map: run controls, overlay and preset pickers, every
//! lever of the model, the crisis menu, the selected region's figures and
//! a chart of the seven criteria, with a second run of the same world under
//! another regime beside them if one is picked; plus the map's legend and
//! labels.
//!
//! It holds no economic logic. It reads the model's components, sends lever
//! changes through [`LeverChanges`](crate::sim::institutions::LeverChanges) (the
//! next tick applies them), and asks for shocks, steps and resets through
//! the model's own functions run as commands. The comparison run is the
//! model's own headless app, only advanced.

mod chart;
pub(crate) mod comparison;
pub(crate) mod controls;
mod doughnut;
mod explainer;
pub(crate) mod fan;
pub(crate) mod files;
mod legend;
mod levers;
mod panel;
mod predict;
pub(crate) mod preferences;
pub(crate) mod projection;
mod replays;
pub(crate) mod scorecard;
pub(crate) mod why;

use bevy::camera::visibility::RenderLayers;
use bevy::camera::{CameraOutputMode, ClearColorConfig};
use bevy::prelude::*;
use bevy::render::render_resource::BlendState;
use bevy_egui::{EguiGlobalSettings, EguiPlugin, EguiPrimaryContextPass, PrimaryEguiContext};

use crate::explain::Explanations;
use crate::sim::crisis::ShockKind;

/// Choices the user made in the panel that are not the model's.
#[derive(Resource, Debug)]
pub(crate) struct UiSettings {
    /// Size of everything in the panel, 1 = egui's default (a projector
    /// wants 1.3 or more).
    pub(crate) zoom: f32,
    /// Months the model runs per second of real time while playing.
    pub(crate) speed: f64,
    /// Whether lever changes go to the selected region only (else to all).
    pub(crate) selected_only: bool,
    /// The crisis menu's pick.
    pub(crate) shock_kind: ShockKind,
    /// Where the crisis menu's shock strikes.
    pub(crate) shock_reach: Reach,
    /// The crisis menu's size: a drought's severity, a share destroyed or
    /// lost, or a population's growth.
    pub(crate) shock_size: f64,
    /// The crisis menu's length, for kinds that last (months).
    pub(crate) shock_months: u32,
    /// Index of the preset picked in the preset list.
    pub(crate) preset: usize,
    /// The regime last loaded for every region with "Load regime", by
    /// preset name; `None` while the run has the scenario's own regime.
    /// It names the chart's solid lines.
    pub(crate) loaded_regime: Option<String>,
    /// The run drawn beside this one, dashed: by default the baseline;
    /// `None` for no comparison.
    pub(crate) compare: Option<CompareWith>,
    /// Whether the chart draws, faintly, where this run is heading: the
    /// run with every change made so far, carried on to the scenario's end.
    pub(crate) projection: bool,
    /// Whether a change asks the student which way a criterion will go
    /// before the projection shows it (`predict`).
    pub(crate) predict_first: bool,
    /// The criterion whose last year the "Why did this move?" window
    /// splits, while it is open.
    pub(crate) why: Option<crate::sim::measures::Measure>,
    /// Whether the doughnut view is open (key D).
    pub(crate) doughnut: bool,
    /// Whether the view across twenty seeds is open (key F).
    pub(crate) fan: bool,
    /// Whether the scorecard view is open.
    pub(crate) scorecard: bool,
    /// The panels' colours.
    pub(crate) theme: Theme,
    /// Presenter mode (key P): only the run controls, the prepared crises
    /// and the lesson's levers on the left; a larger chart and event log on
    /// the right.
    pub(crate) presenter: bool,
    /// Why the scenario last picked in the panel could not be opened.
    pub(crate) open_error: Option<String>,
    /// One line under the scenario list on what the last session save
    /// (Ctrl+S), an opened session's check or an undo (Ctrl+Z) did.
    pub(crate) notice: Option<String>,
    /// The last cue's prompt on screen, with the cue's name, until closed.
    pub(crate) prompt: Option<(String, String)>,
    /// The explanation an ⓘ opened, while its window is open.
    pub(crate) explaining: Option<crate::explain::Entry>,
    /// The scenario picker's files and their descriptions, read when its
    /// list opens and dropped when it closes (so a new file shows the next
    /// time, without reading the folder every frame).
    pub(crate) picker: Option<Vec<(std::path::PathBuf, Option<String>)>>,
}

impl Default for UiSettings {
    fn default() -> Self {
        Self {
            zoom: 1.2,
            speed: 4.0,
            selected_only: false,
            shock_kind: ShockKind::Drought,
            shock_reach: Reach::Region,
            shock_size: 0.6,
            shock_months: 12,
            preset: 0,
            loaded_regime: None,
            compare: Some(CompareWith::Baseline),
            projection: true,
            predict_first: false,
            why: None,
            doughnut: false,
            fan: false,
            scorecard: false,
            theme: Theme::Dark,
            presenter: false,
            open_error: None,
            notice: None,
            prompt: None,
            explaining: None,
            picker: None,
        }
    }
}

/// The panels' colours: egui's dark or light theme, or pure black panels
/// with white text for a washed-out projector.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum Theme {
    #[default]
    Dark,
    Light,
    HighContrast,
}

impl Theme {
    pub(crate) const ALL: [Theme; 3] = [Theme::Dark, Theme::Light, Theme::HighContrast];

    /// Its name in the panel and on the command line.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Theme::Dark => "dark",
            Theme::Light => "light",
            Theme::HighContrast => "high contrast",
        }
    }
}

/// What the chart compares this run with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CompareWith {
    /// The same scenario and seed with nothing changed from the panel.
    Baseline,
    /// The same world and seed under a regime preset, by file name.
    Preset(String),
}

impl CompareWith {
    /// Its name as the panel shows it.
    pub(crate) fn label(&self) -> String {
        match self {
            CompareWith::Baseline => "baseline".into(),
            CompareWith::Preset(name) => name.replace('_', " "),
        }
    }
}

/// Where the crisis menu's shock strikes, from the selected region.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reach {
    Region,
    Federation,
    World,
}

/// The window's words for levers, measures, overlays, shocks and presets.
#[derive(Resource, Default)]
pub(crate) struct Explain(pub(crate) Explanations);

/// The panel's plugin. Expects the model's plugin and a window.
pub(crate) fn plugin(app: &mut App) {
    app.add_plugins(EguiPlugin::default())
        .init_resource::<UiSettings>()
        .init_resource::<Explain>()
        .init_resource::<levers::Drafts>()
        .init_resource::<why::Remembered>()
        .init_resource::<why::Against>()
        .init_resource::<fan::FanView>()
        .init_resource::<doughnut::DoughnutView>()
        .init_resource::<scorecard::ScorecardView>()
        .init_resource::<predict::Predictions>()
        .insert_resource(files::Dialogs::here())
        .add_systems(Startup, (spawn_egui_camera, preferences::load))
        .add_systems(
            Update,
            (
                controls::keyboard,
                controls::fullscreen,
                controls::check_session,
                files::answered,
                controls::snapshots,
                (comparison::keep_in_step, doughnut::keep_up).chain(),
                (projection::keep_up, predict::keep_up).chain(),
                why::remember,
                why::explain_gap,
                fan::keep_up,
                preferences::save,
                map_background,
            ),
        )
        .add_systems(
            EguiPrimaryContextPass,
            (legend::legend_and_labels, panel::panels).chain(),
        );
}

/// Points of a criterion under which a difference does not print: less
/// than the one decimal the window shows.
pub(crate) const VISIBLE_POINTS: f64 = 0.05;

/// A difference in points as the window prints it: one decimal, signed,
/// and "0.0" when it rounds to nothing (never "-0.0").
pub(crate) fn signed_points(points: f64) -> String {
    if points.abs() < VISIBLE_POINTS {
        "0.0".into()
    } else {
        format!("{points:+.1}")
    }
}

/// The map's background follows the panels' theme: a light grey under the
/// light theme (a dark map beside light panels reads as a hole on a bright
/// projector), black under high contrast.
fn map_background(settings: Res<UiSettings>, mut clear: ResMut<ClearColor>) {
    if !settings.is_changed() {
        return;
    }
    let wanted = match settings.theme {
        Theme::Dark => Color::srgb(0.10, 0.13, 0.17),
        Theme::Light => Color::srgb(0.84, 0.86, 0.89),
        Theme::HighContrast => Color::BLACK,
    };
    if clear.0 != wanted {
        clear.0 = wanted;
    }
}

/// The camera egui draws with: over the whole window, after the map, so the
/// map camera's viewport can shrink without shrinking the panel.
fn spawn_egui_camera(mut commands: Commands, mut settings: ResMut<EguiGlobalSettings>) {
    settings.auto_create_primary_context = false;
    commands.spawn((
        PrimaryEguiContext,
        Camera2d,
        RenderLayers::none(),
        Camera {
            order: 1,
            output_mode: CameraOutputMode::Write {
                blend_state: Some(BlendState::ALPHA_BLENDING),
                clear_color: ClearColorConfig::None,
            },
            clear_color: ClearColorConfig::Custom(Color::NONE),
            ..default()
        },
    ));
}

/// Tests: sends a number lever's change to every region, as the panel would.
#[cfg(test)]
pub(crate) fn move_everywhere(app: &mut App, lever: &str, value: f64) {
    use crate::sim::institutions::{LEVERS, LeverChange, LeverChanges, LeverTarget, LeverValue};
    let lever = LEVERS
        .iter()
        .find(|l| l.name == lever)
        .expect("a lever by that name");
    app.world_mut()
        .resource_mut::<LeverChanges>()
        .send(LeverChange {
            target: LeverTarget::All,
            lever,
            value: LeverValue::Number(value),
        });
}
