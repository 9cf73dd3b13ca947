//! The two panels: on the left, running the model, picking a regime to
//! compare with and moving its levers; on the right, the criteria chart
//! (with the comparison's curves) and the selected region's figures. Reports
//! the space they take so the map camera draws only beside them.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::chart::{self, Curves};
use super::comparison::Comparison;
use super::controls::{description_of, fire_cue, open_scenario, reset, scenario_files, step_once};
use super::explainer::{explanation_window, info_button, prompt_window};
use super::levers::{Drafts, LeverContext, LeverSinks, describe, lever_widgets};
use super::predict::{self, Predictions};
use super::projection::Projection;
use super::why::{self, Remembered};
use super::{CompareWith, Explain, Reach, Theme, UiSettings};
use crate::scenario::Run;
use crate::sim::base::parallel::Faults;
use crate::sim::base::params::{GROUPS, TYPES};
use crate::sim::crisis::log::{EventLog, Happening};
use crate::sim::crisis::shock::{Regions, Shock, ShockKind, ShockQueue};
use crate::sim::ecology::climate::Atmosphere;
use crate::sim::ecology::commons::Commons;
use crate::sim::economy::enterprise::Enterprise;
use crate::sim::economy::investment::InvestmentFund;
use crate::sim::economy::plan::Planner;
use crate::sim::institutions::boundaries::Boundaries;
use crate::sim::institutions::council::Council;
use crate::sim::institutions::policy::{LEVERS, LeverChanges, LeverTarget, Policy};
use crate::sim::measures::{History, Measure};
use crate::sim::people::region::{Climate, Cohorts, Region, RegionStats, Society};
use crate::sim::power::backlash::Support;
use crate::sim::power::ledger::PowerLedger;
use crate::sim::power::state::{Capture, Constitution};
use crate::sim::power::voice::{BODIES, Participation};
use crate::sim::{SimClock, WorldIndex};
use crate::view::overlay::Overlay;
use crate::view::{PanelInsets, Selection};

/// What the panels read of one region.
type RegionView = (
    &'static Region,
    &'static Cohorts,
    &'static Society,
    &'static Policy,
    &'static RegionStats,
    &'static Climate,
    &'static InvestmentFund,
    &'static Boundaries,
);

/// What the panels read of the model.
#[derive(SystemParam)]
pub(super) struct ModelView<'w, 's> {
    history: Res<'w, History>,
    run: Option<Res<'w, Run>>,
    /// The second run under another regime, while one is picked.
    comparison: Option<NonSend<'w, Comparison>>,
    projection: Option<NonSend<'w, Projection>>,
    remembered: Res<'w, Remembered>,
    index: Res<'w, WorldIndex>,
    regions: Query<'w, 's, RegionView>,
    enterprises: Query<'w, 's, &'static Enterprise>,
    commons: Query<'w, 's, &'static Commons>,
    councils: Query<'w, 's, &'static Council>,
    planner: Option<Res<'w, Planner>>,
    log: Res<'w, EventLog>,
    faults: Res<'w, Faults>,
    atmosphere: Option<Res<'w, Atmosphere>>,
    ledgers: Query<
        'w,
        's,
        (
            &'static Region,
            &'static PowerLedger,
            &'static Participation,
            &'static Capture,
            &'static Support,
        ),
    >,
}

/// The panel's own state and what it may change: run state, the overlay,
/// the selection, lever changes and the fixed step.
#[derive(SystemParam)]
pub(super) struct PanelState<'w> {
    settings: ResMut<'w, UiSettings>,
    overlay: ResMut<'w, Overlay>,
    selection: ResMut<'w, Selection>,
    insets: ResMut<'w, PanelInsets>,
    changes: ResMut<'w, LeverChanges>,
    drafts: ResMut<'w, Drafts>,
    clock: ResMut<'w, SimClock>,
    fixed: ResMut<'w, Time<Fixed>>,
    explain: Res<'w, Explain>,
    constitution: Res<'w, Constitution>,
    predictions: ResMut<'w, Predictions>,
}

/// Text sizes (points) chosen to read from the back of a classroom.
fn classroom_style(style: &mut egui::Style) {
    use egui::{FontFamily, FontId, TextStyle};
    style.text_styles = [
        (
            TextStyle::Heading,
            FontId::new(22.0, FontFamily::Proportional),
        ),
        (TextStyle::Body, FontId::new(15.0, FontFamily::Proportional)),
        (
            TextStyle::Button,
            FontId::new(15.0, FontFamily::Proportional),
        ),
        (
            TextStyle::Small,
            FontId::new(12.0, FontFamily::Proportional),
        ),
        (
            TextStyle::Monospace,
            FontId::new(14.0, FontFamily::Monospace),
        ),
    ]
    .into();
    style.spacing.item_spacing = egui::vec2(8.0, 6.0);
    style.spacing.slider_width = 150.0;
}

/// Draws both panels and records the space they cover.
pub(super) fn panels(
    mut contexts: EguiContexts,
    mut state: PanelState,
    model: ModelView,
    mut commands: Commands,
    mut styled: Local<bool>,
    mut zoom_set: Local<Option<f32>>,
    mut theme_set: Local<Option<Theme>>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    if !*styled {
        ctx.all_styles_mut(classroom_style);
        *styled = true;
    }
    if *theme_set != Some(state.settings.theme) {
        let (egui_theme, visuals) = visuals(state.settings.theme);
        ctx.set_visuals_of(egui_theme, visuals);
        ctx.set_theme(egui_theme);
        *theme_set = Some(state.settings.theme);
    }
    let (setting, apply) = text_size(ctx.zoom_factor(), *zoom_set, state.settings.zoom);
    state.settings.zoom = setting;
    if let Some(zoom) = apply {
        ctx.set_zoom_factor(zoom);
    }
    *zoom_set = Some(setting);
    state.drafts.settle(state.clock.tick);
    let mut root = egui::Ui::new(
        ctx.clone(),
        "viewport".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.content_rect()),
    );
    let left = egui::Panel::left("controls")
        .default_size(360.0)
        .resizable(true)
        .show(&mut root, |ui| {
            egui::ScrollArea::vertical()
                .show(ui, |ui| controls(ui, &mut state, &model, &mut commands));
        })
        .response
        .rect
        .width();
    let right = egui::Panel::right("figures")
        .default_size(390.0)
        .resizable(true)
        .show(&mut root, |ui| {
            egui::ScrollArea::vertical()
                .show(ui, |ui| figures(ui, &state, &model))
                .inner
        });
    if let Some(asked) = right.inner {
        state.settings.why = Some(asked);
    }
    let right = right.response.rect.width();
    let zoom = ctx.zoom_factor();
    let insets = PanelInsets {
        left: left * zoom,
        right: right * zoom,
        top: 0.0,
        bottom: 0.0,
    };
    if *state.insets != insets {
        *state.insets = insets;
    }
    let selected = state.selection.region.and_then(|id| {
        model
            .regions
            .iter()
            .find(|r| r.0.id == id)
            .map(|r| (id, r.0.name.clone()))
    });
    predict::window(&ctx, &mut state.predictions, &state.explain.0);
    explanation_window(&ctx, &mut state.settings.explaining);
    let prompt_size = if state.settings.presenter { 34.0 } else { 24.0 };
    prompt_window(&ctx, &mut state.settings.prompt, prompt_size);
    why::window(
        &ctx,
        &mut state.settings.why,
        selected,
        &model.remembered,
        &model.log,
        &state.explain.0,
    );
    Ok(())
}

/// A list of the scenario files beside the running one (and its crises),
/// to open another without leaving the window; a file that cannot be read
/// leaves the run as it was and says why beneath.
fn scenario_picker(
    ui: &mut egui::Ui,
    state: &mut PanelState,
    current: &std::path::Path,
    commands: &mut Commands,
) {
    let shown = |path: &std::path::Path| {
        let folder = current.parent().unwrap_or(std::path::Path::new(""));
        path.strip_prefix(folder)
            .unwrap_or(path)
            .display()
            .to_string()
    };
    let listing = &mut state.settings.picker;
    let open = egui::ComboBox::from_label("Scenario")
        .selected_text(shown(current))
        .show_ui(ui, |ui| {
            let files = listing.get_or_insert_with(|| {
                scenario_files(current)
                    .into_iter()
                    .map(|path| {
                        let description = description_of(&path);
                        (path, description)
                    })
                    .collect()
            });
            for (path, description) in files.iter() {
                let item = ui.selectable_label(path == current, shown(path));
                let item = match description {
                    Some(description) => item.on_hover_text(description),
                    None => item,
                };
                if item.clicked() && path != current {
                    let path = path.clone();
                    commands.queue(move |world: &mut World| open_scenario(world, path));
                }
            }
        });
    if open.inner.is_none() {
        *listing = None;
    }
    open.response
        .on_hover_text("Open another scenario from month 0, with its own seed");
    if let Some(error) = &state.settings.open_error {
        ui.colored_label(ui.visuals().warn_fg_color, error);
    }
}

/// The left panel: run controls, overlay, the comparison, crises, presets and levers.
fn controls(ui: &mut egui::Ui, state: &mut PanelState, model: &ModelView, commands: &mut Commands) {
    let tick = state.clock.tick;
    let presenter = state.settings.presenter;
    if let Some(run) = &model.run {
        if !presenter {
            scenario_picker(ui, state, &run.scenario.path, commands);
        }
        ui.heading(&run.scenario.name);
        ui.label(format!(
            "Regime at start: {}  ·  seed {}",
            run.scenario.regime, run.seed
        ));
        if !run.scenario.description.is_empty() {
            ui.label(egui::RichText::new(&run.scenario.description).italics());
        }
        if !presenter {
            lesson_section(ui, &run.scenario.info);
        }
    }
    ui.label(
        egui::RichText::new(format!(
            "Month {tick}  (year {}, month {})",
            tick / 12 + 1,
            tick % 12 + 1
        ))
        .size(18.0)
        .strong(),
    );
    // The model stops at a fault (a bug, never the scenario's); say so
    // rather than leave the map frozen without a word.
    if let Some(fault) = model.faults.first() {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("The model stopped: {fault}. This is a bug in the model; Reset starts again."),
        );
    }
    ui.horizontal(|ui| {
        let label = if state.clock.paused {
            "▶ Play"
        } else {
            "⏸ Pause"
        };
        if ui.button(label).on_hover_text("Space").clicked() {
            state.clock.paused = !state.clock.paused;
        }
        if ui
            .button("Step one month")
            .on_hover_text("Right arrow or N")
            .clicked()
        {
            commands.queue(step_once);
        }
        if ui
            .button("Reset")
            .on_hover_text("Back to the scenario's start, same seed")
            .clicked()
        {
            commands.queue(reset);
        }
    });
    let speed = egui::Slider::new(&mut state.settings.speed, 0.5..=60.0)
        .logarithmic(true)
        .text("months / second");
    if ui.add(speed).changed() {
        state.fixed.set_timestep_seconds(1.0 / state.settings.speed);
    }
    ui.small("Keys: Space play / pause, Right arrow or N one month, P presenter mode");
    ui.separator();
    if presenter {
        if ui
            .button("Leave presenter mode (P)")
            .on_hover_text(PRESENTER_HELP)
            .clicked()
        {
            state.settings.presenter = false;
        }
        ui.separator();
        let cues = model.run.as_ref().map_or(&[][..], |r| &r.scenario.cues[..]);
        cue_buttons(ui, cues, commands, 20.0);
        ui.separator();
        levers(ui, state, model, true);
        return;
    }

    egui::Grid::new("view settings")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("Map colours");
            let overlays = &state.explain.0.overlays;
            let words = |o: Overlay| overlays.get(o.name()).cloned().unwrap_or_default();
            ui.horizontal(|ui| {
                egui::ComboBox::from_id_salt("overlay")
                    .selected_text(words(*state.overlay).label)
                    .show_ui(ui, |ui| {
                        for overlay in Overlay::ALL {
                            let entry = words(overlay);
                            ui.selectable_value(&mut *state.overlay, overlay, entry.label)
                                .on_hover_text(entry.text);
                        }
                    });
                info_button(ui, &words(*state.overlay), &mut state.settings.explaining);
            });
            ui.end_row();
            ui.label("Theme");
            egui::ComboBox::from_id_salt("theme")
                .selected_text(state.settings.theme.label())
                .show_ui(ui, |ui| {
                    for theme in Theme::ALL {
                        ui.selectable_value(&mut state.settings.theme, theme, theme.label());
                    }
                })
                .response
                .on_hover_text(
                    "Light for a bright room; high contrast (black panels, white text) \
                     for a washed-out projector. F11: full screen.",
                );
            ui.end_row();
            ui.label("Text size");
            ui.add(egui::Slider::new(&mut state.settings.zoom, 0.8..=2.2).step_by(0.1))
                .on_hover_text("Also Ctrl + and Ctrl − (Ctrl 0 resets)");
            ui.end_row();
            ui.label("Presenter mode").on_hover_text(PRESENTER_HELP);
            ui.checkbox(&mut state.settings.presenter, "P")
                .on_hover_text(PRESENTER_HELP);
            ui.end_row();
            ui.label("Compare with").on_hover_text(COMPARE_HELP);
            compare_picker(ui, &mut state.settings.compare, regimes(model));
            ui.end_row();
            ui.label("Where it is heading")
                .on_hover_text(PROJECTION_HELP);
            ui.checkbox(&mut state.settings.projection, "")
                .on_hover_text(PROJECTION_HELP);
            ui.end_row();
            ui.label("Predict first").on_hover_text(PREDICT_HELP);
            ui.add_enabled(
                state.settings.projection,
                egui::Checkbox::new(&mut state.settings.predict_first, ""),
            )
            .on_hover_text(PREDICT_HELP)
            .on_disabled_hover_text("Needs \"Where it is heading\"");
            ui.end_row();
        });
    comparison_status(ui, model, tick);
    if state.settings.predict_first {
        let p = &state.predictions;
        if let Some(verdict) = &p.verdict {
            ui.small(verdict);
        }
        if p.asked > 0 {
            ui.small(format!("Predictions right: {} of {}", p.right, p.asked));
        }
    }
    if let Some(projection) = &model.projection {
        if let Some(error) = &projection.error {
            ui.colored_label(
                egui::Color32::LIGHT_RED,
                format!("The projection stopped: {error}"),
            );
        } else if projection.working() {
            ui.small("Working out where it is heading…");
        }
    }
    ui.separator();

    // Crises first: what a class plays with while a crisis runs.
    crisis_menu(ui, state, model, commands);
    ui.separator();
    levers(ui, state, model, false);
}

/// What presenter mode does, on hover.
const PRESENTER_HELP: &str = "Presenter mode (P): only the run controls, the prepared crises \
    (number keys) and the levers the lesson uses (the scenario's lesson_levers) on the left; \
    a larger chart and event log on the right.";

/// The prepared cues as buttons, numbered as their keys, `size` points
/// tall in text; a click fires the cue as its key does.
fn cue_buttons(
    ui: &mut egui::Ui,
    cues: &[crate::scenario::Cue],
    commands: &mut Commands,
    size: f32,
) {
    if cues.is_empty() {
        return;
    }
    ui.label("Prepared cues (or press the number key):");
    for (i, cue) in cues.iter().enumerate() {
        let said = [
            cue.shock.as_ref().map(crate::words::shock),
            cue.prompt.clone(),
        ];
        let button = ui
            .button(egui::RichText::new(format!("{}  {}", i + 1, cue.name)).size(size))
            .on_hover_text(said.into_iter().flatten().collect::<Vec<_>>().join("\n\n"));
        if button.clicked() {
            let cue = cue.clone();
            commands.queue(move |world: &mut World| {
                world.resource_scope(|world, mut queue: Mut<ShockQueue>| {
                    fire_cue(&cue, &mut queue, &mut world.resource_mut::<UiSettings>());
                });
            });
        }
    }
    ui.add_space(4.0);
}

/// The levers: where changes go, the presets and every lever, or in
/// presenter mode (`lesson`) only where changes go and the lesson's levers.
fn levers(ui: &mut egui::Ui, state: &mut PanelState, model: &ModelView, lesson: bool) {
    let tick = state.clock.tick;
    // Where lever changes go.
    let selected = state.selection.region;
    let selected_name = selected
        .and_then(|id| model.regions.iter().find(|r| r.0.id == id))
        .map(|r| r.0.name.clone());
    ui.heading("Levers");
    let target = apply_to(
        ui,
        &mut state.settings.selected_only,
        selected.zip(selected_name.as_deref()),
    );

    // Presets.
    if !lesson {
        ui.horizontal(|ui| {
            let presets = regimes(model);
            let name = presets
                .get(state.settings.preset)
                .map_or("(none found)", |(name, _)| name.as_str());
            egui::ComboBox::from_label("")
                .selected_text(name.replace('_', " "))
                .show_ui(ui, |ui| {
                    for (i, (preset, _)) in presets.iter().enumerate() {
                        let words = state.explain.0.presets.get(preset);
                        ui.selectable_value(
                            &mut state.settings.preset,
                            i,
                            preset.replace('_', " "),
                        )
                        .on_hover_text(words.map_or(String::new(), |w| w.tooltip()));
                    }
                });
            if let Some((name, policy)) = presets.get(state.settings.preset) {
                if let Some(entry) = state.explain.0.presets.get(name) {
                    info_button(ui, entry, &mut state.settings.explaining);
                }
                let load = ui
                    .button("Load regime")
                    .on_hover_text("Sets every lever to this preset's values");
                if load.clicked() {
                    state.changes.send_policy(target, policy);
                    state.settings.loaded_regime = Some(match (target, &selected_name) {
                        (LeverTarget::Region(_), Some(region)) => format!(
                            "{}, {name} in {region}",
                            this_regime(&state.settings, model)
                        ),
                        _ => name.to_string(),
                    });
                }
            }
        });
    }

    let shown = selected
        .and_then(|id| model.regions.iter().find(|r| r.0.id == id))
        .or_else(|| {
            model
                .index
                .regions
                .first()
                .and_then(|&e| model.regions.get(e).ok())
        })
        .map(|r| (r.0.id, r.3));
    let context = LeverContext {
        shown,
        target,
        tick,
    };
    if context.shown.is_some_and(|(id, _)| Some(id) != selected) {
        ui.small(format!(
            "Showing {}'s levers",
            model
                .regions
                .iter()
                .find(|r| Some(r.0.id) == shown.map(|s| s.0))
                .map_or("", |r| r.0.name.as_str())
        ));
    }
    let lesson_levers = lesson.then(|| {
        model
            .run
            .as_ref()
            .map_or(&[][..], |r| &r.scenario.lesson_levers[..])
    });
    if lesson_levers.is_some_and(<[String]>::is_empty) {
        ui.small("This scenario lists no levers for its lesson (lesson_levers in its file).");
    }
    lever_widgets(
        ui,
        &context,
        lesson_levers,
        &state.explain.0,
        LeverSinks {
            drafts: &mut state.drafts,
            changes: &mut state.changes,
            constitution: &state.constitution,
            explaining: &mut state.settings.explaining,
        },
    );
    if state.drafts.pending() {
        ui.colored_label(
            egui::Color32::from_rgb(250, 200, 90),
            "Changes take effect at the next month.",
        );
    }
}

/// The crisis menu: a kind of shock, where it strikes (the selected region,
/// its federation or the world), its size and, for kinds that last, its
/// months; "Start now" sends it to the model's shock queue for the next
/// month.
fn crisis_menu(
    ui: &mut egui::Ui,
    state: &mut PanelState,
    model: &ModelView,
    commands: &mut Commands,
) {
    ui.heading("Crises");
    let cues = model.run.as_ref().map_or(&[][..], |r| &r.scenario.cues[..]);
    cue_buttons(ui, cues, commands, 15.0);
    let words = &state.explain.0.shocks;
    let label = |kind: ShockKind| {
        words
            .get(kind.key())
            .map_or(kind.label().to_string(), |w| w.label.clone())
    };
    let tooltip = |kind: ShockKind| words.get(kind.key()).map_or(String::new(), |w| w.tooltip());
    let settings = &mut state.settings;
    let selected = state
        .selection
        .region
        .and_then(|id| model.regions.iter().find(|r| r.0.id == id))
        .map(|r| (r.0.id, r.0.federation, r.0.name.clone()));
    egui::Grid::new("crisis").num_columns(2).show(ui, |ui| {
        ui.label("Shock");
        ui.horizontal(|ui| {
            egui::ComboBox::from_id_salt("shock kind")
                .selected_text(label(settings.shock_kind))
                .show_ui(ui, |ui| {
                    for kind in ShockKind::ALL {
                        ui.selectable_value(&mut settings.shock_kind, kind, label(kind))
                            .on_hover_text(tooltip(kind));
                    }
                })
                .response
                .on_hover_text(tooltip(settings.shock_kind));
            if let Some(entry) = words.get(settings.shock_kind.key()) {
                info_button(ui, entry, &mut settings.explaining);
            }
        });
        ui.end_row();
        ui.label("Where");
        ui.horizontal(|ui| {
            let (region, federation) = match &selected {
                Some((_, f, name)) => (name.clone(), format!("federation {f}")),
                None => ("selected region".into(), "its federation".into()),
            };
            ui.add_enabled_ui(selected.is_some(), |ui| {
                ui.radio_value(&mut settings.shock_reach, Reach::Region, region)
                    .on_disabled_hover_text("Click a region on the map first");
                ui.radio_value(&mut settings.shock_reach, Reach::Federation, federation)
                    .on_disabled_hover_text("Click a region on the map first");
            });
            ui.radio_value(&mut settings.shock_reach, Reach::World, "everywhere");
        });
        ui.end_row();
        let (size_label, range) = match settings.shock_kind {
            ShockKind::Drought | ShockKind::FinancialCrash => ("Severity", 0.0..=1.0),
            ShockKind::MigrationWave => ("Growth", 0.0..=3.0),
            ShockKind::Fragmentation => ("Friction", 1.0..=10.0),
            ShockKind::Pandemic => ("Share sick", 0.0..=1.0),
            _ => ("Share lost", 0.0..=1.0),
        };
        ui.label(size_label);
        ui.add(egui::Slider::new(&mut settings.shock_size, range).fixed_decimals(2));
        ui.end_row();
        if settings.shock_kind.lasts() {
            ui.label("Months");
            ui.add(egui::Slider::new(&mut settings.shock_months, 1..=60));
            ui.end_row();
        }
    });
    let regions = match (settings.shock_reach, &selected) {
        (Reach::World, _) => Some(Regions::All),
        (Reach::Region, Some((id, ..))) => Some(Regions::Only(vec![*id])),
        (Reach::Federation, Some((_, f, _))) => Some(Regions::Federation(*f)),
        _ => None,
    };
    let shock = regions.map(|regions| {
        Shock::new(
            settings.shock_kind,
            regions,
            settings.shock_size,
            settings.shock_months,
        )
    });
    let button = ui
        .add_enabled(shock.is_some(), egui::Button::new("Start now"))
        .on_hover_text(tooltip(settings.shock_kind))
        .on_disabled_hover_text("Click a region on the map first, or pick everywhere");
    if button.clicked()
        && let Some(shock) = shock
    {
        commands.queue(move |world: &mut World| {
            world.resource_mut::<ShockQueue>().send(shock);
        });
    }
}

/// The months shocks began, with what began, for the chart (one mark per
/// month and kind of shock).
/// The month of each lever move in the event log, once per lever and month
/// (a move everywhere is logged once per region).
fn lever_marks(log: &EventLog) -> Vec<(u32, &'static str)> {
    let mut marks: Vec<(u32, &'static str)> = Vec::new();
    for entry in &log.0 {
        if let Happening::LeverMoved { lever } = entry.what
            && !marks.contains(&(entry.tick, lever))
        {
            marks.push((entry.tick, lever));
        }
    }
    marks
}

fn shock_marks(log: &EventLog, words: &crate::explain::Explanations) -> Vec<(u32, String)> {
    let mut marks: Vec<(u32, String)> = Vec::new();
    for entry in &log.0 {
        if let Happening::ShockStarted { shock, .. } = &entry.what {
            let kind = shock.kind();
            let kind = words
                .shocks
                .get(kind.key())
                .map_or(kind.label(), |w| w.label.as_str())
                .to_string();
            if !marks.iter().any(|(t, k)| *t == entry.tick && *k == kind) {
                marks.push((entry.tick, kind));
            }
        }
    }
    marks
}

/// The event log, newest first; `size` points of text and `height` of
/// scrolling room (larger in presenter mode).
fn event_log(ui: &mut egui::Ui, model: &ModelView, size: f32, height: f32) {
    egui::CollapsingHeader::new(format!("Events ({})", model.log.0.len()))
        .default_open(true)
        .show(ui, |ui| {
            if model.log.0.is_empty() {
                ui.weak(
                    "Nothing has happened yet: shocks, recoveries and lever moves appear here.",
                );
            }
            egui::ScrollArea::vertical()
                .id_salt("events")
                .max_height(height)
                .show(ui, |ui| {
                    for entry in model.log.0.iter().rev().take(200) {
                        ui.label(egui::RichText::new(entry.to_string()).size(size));
                    }
                });
        });
}

/// The right panel: the chart, then the selected region's figures. Returns
/// the criterion clicked in the chart's key, if one was.
fn figures(ui: &mut egui::Ui, state: &PanelState, model: &ModelView) -> Option<Measure> {
    if state.settings.presenter {
        // The criteria read from the back of the room.
        if let Some(body) = ui.style_mut().text_styles.get_mut(&egui::TextStyle::Body) {
            body.size = 20.0;
        }
    }
    ui.heading("Criteria (0-100)");
    let this = Curves {
        history: &model.history,
        regime: this_regime(&state.settings, model).replace('_', " "),
    };
    let comparison = model.comparison.as_ref().and_then(|c| {
        c.history().map(|history| Curves {
            history,
            regime: c.with.label(),
        })
    });
    let projection = model
        .projection
        .as_ref()
        .filter(|_| !state.predictions.hiding())
        .map_or(&[][..], |p| p.rows.as_slice());
    chart::criteria_chart(
        ui,
        &this,
        comparison.as_ref(),
        projection,
        &lever_marks(&model.log),
        &shock_marks(&model.log, &state.explain.0),
        &state.explain.0,
        if state.settings.presenter {
            420.0
        } else {
            250.0
        },
    );
    let asked = chart::key(ui, &this, comparison.as_ref(), projection, &state.explain.0);
    if state.settings.presenter {
        event_log(ui, model, 19.0, 320.0);
        return asked;
    }
    world_line(ui, model);
    world_figures(ui, model, &state.explain.0);
    event_log(ui, model, 15.0, 160.0);
    ui.separator();
    selected_region(ui, state, model);
    asked
}

/// The selected region's figures, or how to pick one.
fn selected_region(ui: &mut egui::Ui, state: &PanelState, model: &ModelView) {
    let words = &state.explain.0;
    let forms = words.lever("enterprise_form");
    let Some((region, cohorts, society, policy, stats, climate, fund, boundaries)) = state
        .selection
        .region
        .and_then(|id| model.regions.iter().find(|r| r.0.id == id))
    else {
        ui.label(egui::RichText::new("Click a region on the map to see its figures.").italics());
        return;
    };
    ui.heading(&region.name);
    ui.label(format!(
        "Federation {}  ·  {:.0} people  ·  trust {:.0}%  ·  unemployment {:.0}%",
        region.federation,
        cohorts.population(),
        society.trust * 100.0,
        stats.unemployment() * 100.0
    ));
    if let Some(d) = climate.drought {
        ui.colored_label(
            egui::Color32::from_rgb(250, 170, 60),
            format!(
                "Drought: regrowth cut by {:.0}%, {} months left",
                d.severity * 100.0,
                d.months_left
            ),
        );
    }

    egui::CollapsingHeader::new("People (income fifths, poorest first)")
        .default_open(true)
        .show(ui, |ui| {
            egui::Grid::new("cohorts")
                .striped(true)
                .num_columns(6)
                .show(ui, |ui| {
                    for h in [
                        "people",
                        "income",
                        "money",
                        "health",
                        "skills",
                        "basics met",
                    ] {
                        ui.label(egui::RichText::new(h).strong());
                    }
                    ui.end_row();
                    for c in &cohorts.0 {
                        ui.label(format!("{:.0}", c.size));
                        ui.label(format!("{:.0}", c.income));
                        ui.label(format!("{:.0}", c.money.get()));
                        ui.label(format!("{:.2}", c.health));
                        ui.label(format!("{:.2}", c.skills));
                        ui.label(format!("{:.0}%", c.basics_coverage() * 100.0));
                        ui.end_row();
                    }
                });
            ui.small("income and money: money units per cohort, last month");
        });

    if let Some((_, ledger, participation, capture, support)) =
        model.ledgers.iter().find(|(r, ..)| r.id == region.id)
    {
        power_ledger(ui, ledger);
        voice_and_capture(ui, participation, capture);
        let threshold = model
            .run
            .as_ref()
            .map_or(0.0, |r| r.scenario.economy.backlash_threshold);
        ui.label(format!(
            "Follows {}; support for its institutions {:.0}% (it swings under {:.0}%), swung {} times",
            support.regime,
            support.level * 100.0,
            threshold * 100.0,
            support.swings
        ));
    }
    consultations(ui, state, region.id);

    egui::CollapsingHeader::new("Enterprises")
        .default_open(true)
        .show(ui, |ui| {
            egui::Grid::new("enterprises")
                .striped(true)
                .num_columns(7)
                .show(ui, |ui| {
                    for h in [
                        "sector",
                        "price",
                        "output",
                        "workers",
                        "form",
                        "technology",
                        "carbon",
                    ] {
                        ui.label(egui::RichText::new(h).strong());
                    }
                    ui.end_row();
                    for e in region
                        .enterprises
                        .values()
                        .filter_map(|&e| model.enterprises.get(e).ok())
                    {
                        ui.label(words.sector(e.sector));
                        ui.label(format!("{:.2}", e.price));
                        ui.label(format!("{:.0}", e.output));
                        ui.label(format!("{:.0}", e.workforce));
                        ui.label(forms.choice(&format!("{:?}", e.form)));
                        ui.label(format!("{:.2}", e.technology))
                            .on_hover_text(format!(
                                "R&D {:.1}% of revenue; licensed know-how {:.3} (log)",
                                e.research_intensity * 100.0,
                                e.licensed
                            ));
                        ui.label(format!("{:.2}", e.emission_intensity))
                            .on_hover_text(format!(
                                "resource per unit {:.2} of the starting figure",
                                e.resource_intensity
                            ));
                        ui.end_row();
                    }
                });
            ui.small("technology and carbon per unit of output: 1 at the start");
        });

    egui::CollapsingHeader::new("Commons")
        .default_open(true)
        .show(ui, |ui| {
            if region.commons.is_empty() {
                ui.label("None.");
                return;
            }
            egui::Grid::new("commons")
                .striped(true)
                .num_columns(4)
                .show(ui, |ui| {
                    for h in ["kind", "stock / capacity", "harvest", "cap"] {
                        ui.label(egui::RichText::new(h).strong());
                    }
                    ui.end_row();
                    for c in region
                        .commons
                        .iter()
                        .filter_map(|&c| model.commons.get(c).ok())
                    {
                        ui.label(words.commons_kind(c.kind));
                        let share = if c.capacity > 0.0 {
                            c.stock / c.capacity * 100.0
                        } else {
                            0.0
                        };
                        ui.label(format!("{share:.0}%  ({})", thousands(c.stock)))
                            .on_hover_text(format!(
                                "tipping point at {}",
                                thousands(c.tipping_threshold)
                            ));
                        ui.label(thousands(c.harvest));
                        ui.label(c.cap.map_or("none".to_string(), thousands));
                        ui.end_row();
                    }
                });
            ui.small("resource units per month");
        });

    let funds = model
        .councils
        .get(region.council)
        .map_or(0.0, |c| c.funds.get());
    institutions(ui, stats, fund, boundaries, funds);

    egui::CollapsingHeader::new("Policy")
        .default_open(false)
        .show(ui, |ui| {
            egui::Grid::new("policy")
                .striped(true)
                .num_columns(2)
                .show(ui, |ui| {
                    for lever in LEVERS {
                        let words = state.explain.0.lever(lever.name);
                        ui.label(&words.label).on_hover_text(words.tooltip());
                        ui.label(describe(lever, policy, words));
                        ui.end_row();
                    }
                });
        });
}

/// One line on the whole world: the carbon budget and the planner's reach.
/// Colours of the ledger's groups, in `params::GROUPS` order.
const GROUP_COLOURS: [egui::Color32; GROUPS.len()] = [
    egui::Color32::from_rgb(230, 160, 60),
    egui::Color32::from_rgb(200, 80, 80),
    egui::Color32::from_rgb(90, 160, 255),
    egui::Color32::from_rgb(80, 190, 100),
    egui::Color32::from_rgb(190, 130, 230),
];

/// Who takes part in the region's bodies and whether its council is
/// captured.
fn voice_and_capture(ui: &mut egui::Ui, participation: &Participation, capture: &Capture) {
    ui.label(format!(
        "Voice {:.0}: people take part in {:.1} of the {BODIES} bodies that govern their work and commons, leaving {:.0}% of their seats empty; civic literacy {:.0}%",
        participation.voice * 100.0,
        participation.voice * BODIES as f64,
        participation.disengaged * 100.0,
        participation.literacy * 100.0,
    ));
    match capture.by {
        Some(group) => ui.colored_label(
            CAPTURED,
            format!(
                "Council captured by {} for {} months",
                group.name(),
                capture.months
            ),
        ),
        None => ui.label(format!(
            "Council free: an attempt to capture it would succeed {:.0}% of the time",
            capture.vulnerability * 100.0
        )),
    };
}

/// The colour of capture, on the map and in the panel.
pub(crate) const CAPTURED: egui::Color32 = egui::Color32::from_rgb(230, 90, 40);

/// Lever changes the selected region is still consulting on.
fn consultations(ui: &mut egui::Ui, state: &PanelState, region: u32) {
    let tick = state.clock.tick;
    for c in state
        .changes
        .consulting
        .iter()
        .filter(|c| c.region == region)
    {
        ui.label(format!(
            "Consulting on {}: takes effect in {} months",
            c.lever.name,
            c.due.saturating_sub(tick)
        ));
    }
}

/// The region's power ledger: one bar per type of power, split by the share
/// each group holds formally, then in grey the share held informally by the
/// type's leader, and the groups' colours beneath.
fn power_ledger(ui: &mut egui::Ui, ledger: &PowerLedger) {
    egui::CollapsingHeader::new(format!(
        "Power (dispersion {:.0})",
        ledger.dispersion() * 100.0
    ))
    .default_open(true)
    .show(ui, |ui| {
        egui::Grid::new("power").num_columns(2).show(ui, |ui| {
            for (k, (kind, split)) in TYPES.iter().zip(&ledger.shares).enumerate() {
                ui.label(*kind);
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(260.0, 14.0), egui::Sense::hover());
                let mut left = rect.left();
                let formal = split.map(|s| s * (1.0 - ledger.informal[k]));
                let pieces = formal.iter().zip(GROUP_COLOURS);
                let informal = std::iter::once((&ledger.informal[k], egui::Color32::GRAY));
                for (share, colour) in pieces.chain(informal) {
                    let width = rect.width() * *share as f32;
                    let piece = egui::Rect::from_min_size(
                        egui::pos2(left, rect.top()),
                        egui::vec2(width, rect.height()),
                    );
                    ui.painter().rect_filled(piece, 0.0, colour);
                    left += width;
                }
                ui.end_row();
            }
        });
        ui.horizontal_wrapped(|ui| {
            for (group, colour) in GROUPS.iter().zip(GROUP_COLOURS) {
                ui.colored_label(colour, "■");
                ui.label(*group);
            }
            ui.colored_label(egui::Color32::GRAY, "■");
            ui.label(format!(
                "informal, with the leader ({:.0}%)",
                ledger.informal_share() * 100.0
            ));
        });
    });
}

/// The world figures the model records beyond the criteria (the CSV's
/// other columns), last month's, each with its explanation on hover.
fn world_figures(ui: &mut egui::Ui, model: &ModelView, words: &crate::explain::Explanations) {
    let Some(row) = model.history.latest() else {
        return;
    };
    egui::CollapsingHeader::new("World figures, last month")
        .default_open(false)
        .show(ui, |ui| {
            egui::Grid::new("world figures")
                .num_columns(4)
                .spacing([16.0, 4.0])
                .show(ui, |ui| {
                    let figures = Measure::ALL
                        .into_iter()
                        .filter(|m| !m.is_criterion())
                        .map(|m| (m.key(), row.get(m)));
                    for (i, (name, value)) in figures.enumerate() {
                        let entry = words.measure(name);
                        ui.label(&entry.label).on_hover_text(entry.tooltip());
                        ui.label(figure_text(name, value));
                        if i % 2 == 1 {
                            ui.end_row();
                        }
                    }
                });
        });
}

/// A world figure as the panel writes it: people in thousands, shares as
/// percentages, the rest with two decimals.
fn figure_text(name: &str, value: f64) -> String {
    match name {
        "population" => thousands(value),
        "poorest_basics_coverage" | "unemployment" | "inflation" | "poorest_hurt_most" => {
            format!("{:.1}%", value * 100.0)
        }
        _ => format!("{value:.2}"),
    }
}

fn world_line(ui: &mut egui::Ui, model: &ModelView) {
    let mut parts = Vec::new();
    if let Some(air) = &model.atmosphere
        && air.budget > 0.0
    {
        parts.push(format!(
            "carbon: {:.0}% of the budget emitted, {} t last month",
            air.emitted / air.budget * 100.0,
            thousands(air.last_month)
        ));
    }
    if let Some(planner) = &model.planner
        && planner.enterprises + planner.projects > 0
    {
        parts.push(format!(
            "planner tracks {} enterprises and {} projects, error {:.0}% / {:.0}%",
            planner.enterprises,
            planner.projects,
            planner.production_error * 100.0,
            planner.investment_error * 100.0
        ));
    }
    if !parts.is_empty() {
        ui.small(parts.join("  ·  "));
    }
}

/// The region's institutions last month: who worked for them, what the
/// council holds and received, where investment went, and the boundaries.
fn institutions(
    ui: &mut egui::Ui,
    stats: &RegionStats,
    fund: &InvestmentFund,
    boundaries: &Boundaries,
    council_funds: f64,
) {
    egui::CollapsingHeader::new("Institutions")
        .default_open(false)
        .show(ui, |ui| {
            egui::Grid::new("institutions")
                .striped(true)
                .num_columns(2)
                .show(ui, |ui| {
                    let mut row = |name: &str, value: String| {
                        ui.label(name);
                        ui.label(value);
                        ui.end_row();
                    };
                    row(
                        "monitors, administrators",
                        format!("{:.0}, {:.0} people", stats.monitors, stats.administrators),
                    );
                    row(
                        "research and abatement",
                        format!(
                            "{:.0} people  (mission research {}, abatement {})",
                            stats.researchers,
                            thousands(stats.mission_research),
                            thousands(stats.abatement_spending)
                        ),
                    );
                    row(
                        "keep the commons cap",
                        format!("{:.0}%", stats.compliance * 100.0),
                    );
                    row("council funds", thousands(council_funds));
                    row("mutual aid received", thousands(stats.aid_received));
                    row(
                        "investment waiting",
                        format!(
                            "{}  (decides in {:.1} months)",
                            thousands(fund.funds.get()),
                            fund.delay_months
                        ),
                    );
                    row(
                        "to capital, to restoring commons",
                        format!(
                            "{}, {}",
                            thousands(fund.capital),
                            thousands(fund.restoration)
                        ),
                    );
                    row("drained to financial wealth", thousands(fund.drained));
                    row(
                        "boundaries, market creep",
                        format!(
                            "{}, {:.0}% of need-based basics",
                            boundaries.count,
                            boundaries.creep * 100.0
                        ),
                    );
                    row("boundary defence", thousands(boundaries.overhead));
                });
            ui.small("money units, last month");
        });
}

/// What "Compare with" does, on hover.
const COMPARE_HELP: &str = "Runs the same world and seed beside this run and draws its \
    criteria dashed on the chart, with the difference in the key. The baseline is the \
    scenario with nothing changed from this panel, so the difference is what your changes \
    did; a regime runs the same world under that preset. Lever changes and shocks made in \
    this panel apply only to this run, not to the comparison; the scenario's own shocks \
    reach both.";

/// What "Predict first" does, on hover.
const PREDICT_HELP: &str = "After each change, asks which way a criterion will end up \
    (higher, about the same or lower than where the run was heading) before showing the \
    projection, then says whether you were right and keeps the score.";

/// What "Where it is heading" does, on hover.
const PROJECTION_HELP: &str = "Draws, faintly, this run carried on to the scenario's end \
    with every change made so far and nothing more: where a lever leads before you play \
    it out. It is worked out again, in the background, after every change.";

/// The regime presets beside the run's scenario, by name (read and checked
/// with the scenario).
fn regimes<'a>(model: &'a ModelView) -> &'a [(String, Policy)] {
    model.run.as_deref().map_or(&[], |r| &r.scenario.regimes)
}

/// The "Compare with" list: the baseline, none, or a regime preset by
/// name.
fn compare_picker(
    ui: &mut egui::Ui,
    compare: &mut Option<CompareWith>,
    presets: &[(String, Policy)],
) {
    let shown = compare
        .as_ref()
        .map_or("none".to_string(), CompareWith::label);
    egui::ComboBox::from_id_salt("compare")
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(
                compare,
                Some(CompareWith::Baseline),
                "baseline (no changes)",
            );
            ui.selectable_value(compare, None, "none");
            for (name, _) in presets {
                let with = CompareWith::Preset(name.clone());
                let label = with.label();
                ui.selectable_value(compare, Some(with), label);
            }
        })
        .response
        .on_hover_text(COMPARE_HELP);
}

/// Under the picker: how far the comparison has got, or why it stopped,
/// and a reminder that the levers move this run only.
fn comparison_status(ui: &mut egui::Ui, model: &ModelView, tick: u32) {
    let Some(comparison) = &model.comparison else {
        return;
    };
    if let Some(error) = &comparison.error {
        ui.colored_label(
            egui::Color32::LIGHT_RED,
            format!(
                "The comparison stopped at month {}: {error}",
                comparison.tick()
            ),
        );
    } else if comparison.tick() < tick {
        ui.small(format!(
            "Catching up: month {} of {tick}",
            comparison.tick()
        ));
    }
    ui.small("Levers and shocks below change this run only.")
        .on_hover_text(COMPARE_HELP);
}

/// The regime this run is under, by preset name: the one last loaded for
/// every region, else the scenario's own.
fn this_regime(settings: &UiSettings, model: &ModelView) -> String {
    settings
        .loaded_regime
        .clone()
        .or_else(|| model.run.as_ref().map(|r| r.scenario.regime.clone()))
        .unwrap_or_default()
}

/// A large figure in thousands or millions, for reading at a glance.
fn thousands(x: f64) -> String {
    match x.abs() {
        a if a >= 1e6 => format!("{:.2} M", x / 1e6),
        a if a >= 1e4 => format!("{:.0} k", x / 1e3),
        _ => format!("{x:.0}"),
    }
}

/// A scenario's lesson notes: a line starting `## ` is a heading, a line
/// starting `- ` a bullet, anything else a paragraph.
/// The scenario's Info tab: its lesson notes under a header that opens
/// them (nothing for a scenario without notes).
fn lesson_section(ui: &mut egui::Ui, notes: &str) {
    if notes.is_empty() {
        return;
    }
    egui::CollapsingHeader::new("Lesson notes: story, watch, try, debrief")
        .default_open(false)
        .show(ui, |ui| lesson_notes(ui, notes));
}

fn lesson_notes(ui: &mut egui::Ui, notes: &str) {
    for line in notes.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(heading) = line.strip_prefix("## ") {
            ui.add_space(4.0);
            ui.label(egui::RichText::new(heading).strong());
        } else if let Some(item) = line.strip_prefix("- ") {
            ui.label(format!("•  {item}"));
        } else {
            ui.label(line);
        }
    }
}

/// The panels' colours for a theme: egui's dark or light one, or the dark
/// one with pure black panels, white text and strong widget outlines.
fn visuals(theme: Theme) -> (egui::Theme, egui::Visuals) {
    if theme == Theme::Light {
        return (egui::Theme::Light, egui::Visuals::light());
    }
    let mut visuals = egui::Visuals::dark();
    if theme == Theme::HighContrast {
        visuals.override_text_color = Some(egui::Color32::WHITE);
        visuals.panel_fill = egui::Color32::BLACK;
        visuals.window_fill = egui::Color32::BLACK;
        visuals.extreme_bg_color = egui::Color32::BLACK;
        for widget in [
            &mut visuals.widgets.noninteractive,
            &mut visuals.widgets.inactive,
            &mut visuals.widgets.hovered,
            &mut visuals.widgets.active,
        ] {
            widget.bg_stroke = egui::Stroke::new(1.5, egui::Color32::WHITE);
            widget.fg_stroke.color = egui::Color32::WHITE;
        }
    }
    (egui::Theme::Dark, visuals)
}

/// The text size: egui's own Ctrl +/−/0 keys and the slider both set it.
/// Given egui's zoom now, the zoom the panel set last frame and the
/// slider's value, returns the slider's new value and the zoom to give
/// egui, if it must change: a zoom egui changed since last frame wins,
/// else the slider does.
fn text_size(now: f32, set_last: Option<f32>, slider: f32) -> (f32, Option<f32>) {
    const RANGE: (f32, f32) = (0.8, 2.2);
    let keys_moved = set_last.is_some_and(|last| (now - last).abs() > 1e-3);
    let wanted = if keys_moved { now } else { slider }.clamp(RANGE.0, RANGE.1);
    let apply = ((now - wanted).abs() > 1e-3).then_some(wanted);
    (wanted, apply)
}

/// Where lever changes go: the selected region if "Apply to" names it and
/// one is selected, else every region. With nothing selected the choice
/// falls back to every region, so the panel never shows a region chosen
/// while changes go everywhere.
fn lever_target(selected_only: &mut bool, selected: Option<u32>) -> LeverTarget {
    match selected {
        Some(id) if *selected_only => LeverTarget::Region(id),
        Some(_) => LeverTarget::All,
        None => {
            *selected_only = false;
            LeverTarget::All
        }
    }
}

/// The "Apply to" choice: every region, or the selected one (id and name)
/// if one is. The target is settled before the choice is drawn, so the
/// frame after a click on empty map already shows "all regions".
fn apply_to(
    ui: &mut egui::Ui,
    selected_only: &mut bool,
    selected: Option<(u32, &str)>,
) -> LeverTarget {
    lever_target(selected_only, selected.map(|(id, _)| id));
    ui.horizontal(|ui| {
        ui.label("Apply to");
        ui.radio_value(selected_only, false, "all regions");
        ui.add_enabled_ui(selected.is_some(), |ui| {
            let label = selected.map_or("selected region", |(_, name)| name);
            ui.radio_value(selected_only, true, label)
                .on_disabled_hover_text("Click a region on the map first");
        });
    });
    lever_target(selected_only, selected.map(|(id, _)| id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::accesskit::{Role, Toggled};
    use egui_kittest::Harness;
    use egui_kittest::kittest::{NodeT, Queryable};

    #[test]
    fn egui_zoom_keys_and_the_text_size_slider_both_hold() {
        assert_eq!(
            text_size(1.0, None, 1.2),
            (1.2, Some(1.2)),
            "at the start the slider's size is applied"
        );
        assert_eq!(
            text_size(1.3, Some(1.2), 1.2),
            (1.3, None),
            "Ctrl + moved egui's zoom: the slider follows and nothing undoes it"
        );
        assert_eq!(
            text_size(1.3, Some(1.3), 1.6),
            (1.6, Some(1.6)),
            "the slider moved: egui follows"
        );
        assert_eq!(
            text_size(3.0, Some(2.2), 2.2),
            (2.2, Some(2.2)),
            "past the slider's range the size is held at its end"
        );
    }

    #[test]
    fn clearing_the_selection_sends_changes_everywhere_and_shows_it() {
        let mut selected_only = true;
        assert!(matches!(
            lever_target(&mut selected_only, Some(3)),
            LeverTarget::Region(3)
        ));
        assert!(selected_only, "a region is chosen and shown as chosen");
        assert!(matches!(
            lever_target(&mut selected_only, None),
            LeverTarget::All
        ));
        assert!(
            !selected_only,
            "with nothing selected the panel shows 'all regions', where the change goes"
        );
        assert!(matches!(
            lever_target(&mut selected_only, Some(3)),
            LeverTarget::All
        ));
    }

    /// "Apply to"'s state in a test: the choice, the selection, the target.
    type ApplyTo<'a> = (bool, Option<(u32, &'a str)>, LeverTarget);

    /// The radio buttons' state as a screen reader hears it.
    fn ticked(harness: &Harness<'_, ApplyTo<'_>>, label: &str) -> bool {
        harness
            .get_by_role_and_label(Role::RadioButton, label)
            .accesskit_node()
            .toggled()
            == Some(Toggled::True)
    }

    /// The selection bug, as a student meets it: a region chosen in "Apply
    /// to", then a click on empty map. The very next frame shows "all
    /// regions" ticked and the region's choice greyed out, and a change
    /// goes everywhere; choosing a region again sends it there.
    #[test]
    fn after_a_click_on_empty_map_apply_to_shows_all_regions_at_once() {
        let mut harness = Harness::new_ui_state(
            |ui, (selected_only, selected, target)| {
                *target = apply_to(ui, selected_only, *selected);
            },
            (true, Some((4, "Eastmarch")), LeverTarget::All),
        );
        harness.run();
        assert!(ticked(&harness, "Eastmarch") && !ticked(&harness, "all regions"));
        assert!(matches!(harness.state().2, LeverTarget::Region(4)));

        // A click on empty map clears the selection; one frame later:
        harness.state_mut().1 = None;
        harness.step();
        assert!(
            ticked(&harness, "all regions"),
            "all regions shows as chosen"
        );
        let region = harness.get_by_role_and_label(Role::RadioButton, "selected region");
        assert!(region.accesskit_node().is_disabled());
        assert_ne!(region.accesskit_node().toggled(), Some(Toggled::True));
        assert!(matches!(harness.state().2, LeverTarget::All));

        // Selecting a region again and choosing it sends changes there.
        harness.state_mut().1 = Some((7, "Kestrel"));
        harness.run();
        harness.get_by_label("Kestrel").click();
        harness.run();
        assert!(ticked(&harness, "Kestrel"));
        assert!(matches!(harness.state().2, LeverTarget::Region(7)));
    }

    /// The Info tab: closed at first, and a click opens the scenario's own
    /// notes with their headings.
    #[test]
    fn the_lesson_notes_open_with_the_scenarios_own_story() {
        let scenario =
            crate::scenario::Scenario::load("scenarios/classroom.ron").expect("classroom loads");
        let info = scenario.info.clone();
        let mut harness = Harness::new_ui(|ui| lesson_section(ui, &info));
        harness.run();
        assert!(
            harness.query_by_label("The story").is_none(),
            "closed at first"
        );
        harness
            .get_by_label("Lesson notes: story, watch, try, debrief")
            .click();
        harness.run();
        for heading in ["The story", "Watch", "Try", "Debrief"] {
            harness.get_by_label(heading);
        }
        harness.get_by_label_contains("Twelve named regions");
    }

    /// An ⓘ opens its entry in a window of its own, cost and source
    /// included, which its ✕ closes.
    #[test]
    fn an_info_button_opens_the_whole_explanation() {
        let explain = crate::explain::Explanations::load(crate::explain::default_path())
            .expect("the explanations load");
        let entry = explain.lever("mutual_aid_share").clone();
        let cost = entry.cost.clone().expect("a lever's entry has a cost");
        let mut harness = Harness::new_ui_state(
            move |ui, open: &mut Option<crate::explain::Entry>| {
                info_button(ui, &entry, open);
                explanation_window(&ui.ctx().clone(), open);
            },
            None,
        );
        harness.run();
        assert!(harness.query_by_label(&cost).is_none());
        harness.get_by_label(super::super::explainer::INFO).click();
        harness.run();
        harness.get_by_label(&cost);
        harness.get_by_label("What it costs");
        harness.get_by_label("Close window").click();
        harness.run();
        assert!(harness.state().is_none(), "closed");
    }
}
