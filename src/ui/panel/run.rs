//! The left panel's top: the scenario list, the run's controls, the
//! prepared cues, the comparison and the lesson notes.

use super::crisis::crisis_menu;
use super::policy::levers;
use super::*;

/// A list of the scenario files beside the running one (and its crises and
/// the stress battery), to open another without leaving the window; a file
/// that cannot be read leaves the run as it was and says why beneath.
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
    ui.horizontal_wrapped(|ui| {
        let free = !state.dialogs.waiting();
        if ui
            .add_enabled(free, egui::Button::new("Open…"))
            .on_hover_text("Ctrl+O: open a saved session, or any scenario file")
            .clicked()
        {
            commands.queue(crate::ui::files::open);
        }
        if ui
            .add_enabled(free, egui::Button::new("Save session…"))
            .on_hover_text(
                "Ctrl+S: save what the class did (every move, lock and crisis, with the state \
                 reached as a check) as a scenario file that replays it",
            )
            .clicked()
        {
            commands.queue(crate::ui::files::save);
        }
        if !free {
            ui.label("waiting for the file dialog…");
        }
    });
    if let Some(error) = &state.settings.open_error {
        ui.colored_label(ui.visuals().warn_fg_color, error);
    }
    if let Some(line) = &state.settings.notice {
        ui.label(line);
    }
}

// Over 100 lines: the left panel's controls top to bottom as the panel shows
// them.
/// The left panel: run controls, overlay, the comparison, crises, presets and levers.
pub(super) fn controls(
    ui: &mut egui::Ui,
    state: &mut PanelState,
    model: &ModelView,
    commands: &mut Commands,
) {
    let tick = state.clock.tick;
    let presenter = state.settings.presenter;
    if let Some(run) = &model.run {
        if !presenter {
            scenario_picker(ui, state, &run.scenario.path, commands);
        }
        // Ctrl+O's path, where the desktop has no file dialogs (in
        // presenter mode too).
        crate::ui::files::open_box(ui, &mut state.dialogs, commands);
        ui.heading(&run.scenario.name);
        ui.label(format!(
            "Regime at start: {}  ·  seed {}",
            run.scenario.regime, run.seed
        ));
        if !run.scenario.description.is_empty() {
            ui.label(egui::RichText::new(&run.scenario.description).italics());
        }
        // The notes stay in presenter mode too: the debrief's questions are
        // asked from the front of the room.
        lesson_section(ui, &run.scenario.info);
    }
    ui.label(
        egui::RichText::new(format!("Month {tick}  ({})", elapsed(tick)))
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
    ui.horizontal_wrapped(|ui| {
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
            .on_hover_text("Back to the scenario's start, same seed (Ctrl+Z brings the run back)")
            .clicked()
        {
            commands.queue(reset_undoably);
        }
        if ui
            .button("Undo")
            .on_hover_text("Ctrl+Z: take back the last move, or a reset")
            .clicked()
        {
            commands.queue(undo);
        }
    });
    let speed = egui::Slider::new(&mut state.settings.speed, 0.5..=60.0)
        .logarithmic(true)
        .text("months / second");
    // The slider shrinks with the panel, so a narrow panel wraps its
    // words instead of cutting them off.
    let moved = ui
        .scope(|ui| {
            ui.spacing_mut().slider_width = (ui.available_width() - 190.0).clamp(60.0, 150.0);
            ui.add(speed).changed()
        })
        .inner;
    if moved {
        state.fixed.set_timestep_seconds(1.0 / state.settings.speed);
    }
    ui.small(KEYS);
    ui.separator();
    if presenter {
        let settings = &mut *state.settings;
        presenter_top(
            ui,
            &mut settings.presenter,
            settings.predict_first,
            &state.predictions,
        );
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
            ui.label("Difference map").on_hover_text(DIFFERENCE_HELP);
            ui.add_enabled(
                state.settings.compare.is_some(),
                egui::Checkbox::new(&mut state.difference.0, "this run − comparison"),
            )
            .on_hover_text(DIFFERENCE_HELP)
            .on_disabled_hover_text("Needs a run to compare with (Compare with)");
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
            ui.label("Doughnut").on_hover_text(DOUGHNUT_HELP);
            ui.checkbox(&mut state.settings.doughnut, "D")
                .on_hover_text(DOUGHNUT_HELP);
            ui.end_row();
            ui.label("Across 20 seeds").on_hover_text(FAN_HELP);
            ui.checkbox(&mut state.settings.fan, "F")
                .on_hover_text(FAN_HELP);
            ui.end_row();
            ui.label("Scorecard").on_hover_text(SCORECARD_HELP);
            ui.checkbox(&mut state.settings.scorecard, "")
                .on_hover_text(SCORECARD_HELP);
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
    prediction_score(ui, state.settings.predict_first, &state.predictions, 12.0);
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

/// With predict first on, the last prediction's verdict and the score so
/// far, in text `size` points tall.
fn prediction_score(ui: &mut egui::Ui, predict_first: bool, p: &Predictions, size: f32) {
    if !predict_first {
        return;
    }
    if let Some(verdict) = &p.verdict {
        ui.label(egui::RichText::new(verdict).size(size));
    }
    if p.asked > 0 {
        ui.label(
            egui::RichText::new(format!("Predictions right: {} of {}", p.right, p.asked))
                .size(size),
        );
    }
}

/// The top of presenter mode's panel: the way out, and the class's verdict
/// and score large enough for the back row.
pub(super) fn presenter_top(
    ui: &mut egui::Ui,
    presenter: &mut bool,
    predict_first: bool,
    predictions: &Predictions,
) {
    if ui
        .button("Leave presenter mode (P)")
        .on_hover_text(PRESENTER_HELP)
        .clicked()
    {
        *presenter = false;
    }
    prediction_score(ui, predict_first, predictions, 20.0);
}

/// What the difference map does, on hover.
const DIFFERENCE_HELP: &str = "Colours each region by this run minus the comparison run (the \
    baseline by default) on the map's figure: purple where this run is higher, orange where \
    lower, grey where the same; the key lists who gained and who lost most.";

/// Every key the window answers, in one line under the run's controls.
pub(super) const KEYS: &str = "Keys: Space play / pause, Right arrow or N one month, 1 to 9 the \
     prepared cues, P presenter mode, D doughnut, F across 20 seeds, Escape closes windows, \
     Ctrl+Z undo, Ctrl+S save the session, Ctrl+O open one, Ctrl + / Ctrl − text size, F11 \
     full screen";

/// What the view across seeds does, on hover.
const FAN_HELP: &str = "Across 20 seeds (F): this run's moves and its baseline replayed on twenty \
     seeds, each pair on the same weather and shocks, to see which differences hold and which \
     are luck. It replays when opened and whenever the run is paused at another month.";

/// What the doughnut view does, on hover.
const DOUGHNUT_HELP: &str = "The doughnut (D): the run's social foundation (basics met, \
    health, skills, voice, equity) and ecological ceiling (commons drawn down, carbon budget \
    spent) as a ring, shortfall inside and overshoot outside, with the comparison run's \
    beside it.";

/// What the scorecard view does, on hover.
const SCORECARD_HELP: &str = "The stress battery's scorecard: every regime's rank on each \
    criterion over the stress scenarios, and each scenario's figures, from a folder written by \
    `mutualism stress` or from a small battery run here in the background.";

/// Months run as time elapsed, as the chart's axis counts it ("5 years
/// in" at month 60, the month a story's "after five years" starts).
pub(super) fn elapsed(tick: u32) -> String {
    let (years, months) = (tick / 12, tick % 12);
    let plural = |n: u32, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (years, months) {
        (0, m) => format!("{} in", plural(m, "month")),
        (y, 0) => format!("{} in", plural(y, "year")),
        (y, m) => format!("{} {} in", plural(y, "year"), plural(m, "month")),
    }
}

/// What presenter mode does, on hover.
const PRESENTER_HELP: &str = "Presenter mode (P): only the run controls, the prepared crises \
    (number keys) and the levers the lesson uses (the scenario's lesson_levers) on the left; \
    a larger chart and event log on the right.";

/// The prepared cues as buttons, numbered as their keys, `size` points
/// tall in text; a click fires the cue as its key does.
pub(super) fn cue_buttons(
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
            .add(
                egui::Button::new(
                    egui::RichText::new(format!("{}  {}", i + 1, cue.name)).size(size),
                )
                .wrap(),
            )
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

/// A scenario's lesson notes: a line starting `## ` is a heading, a line
/// starting `- ` a bullet, anything else a paragraph.
/// The scenario's Info tab: its lesson notes under a header that opens
/// them (nothing for a scenario without notes).
pub(super) fn lesson_section(ui: &mut egui::Ui, notes: &str) {
    if notes.is_empty() {
        return;
    }
    egui::CollapsingHeader::new("Lesson notes")
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
