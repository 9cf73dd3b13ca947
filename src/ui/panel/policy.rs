//! The left panel's levers: which regions a change goes to, the lever
//! widgets and the consultations a change waits on.

use super::*;

// Over 100 lines: the lever section top to bottom as the panel shows it: the
// target, the widgets, what waits.
/// The levers: where changes go, the presets and every lever, or in
/// presenter mode (`lesson`) only where changes go and the lesson's levers.
pub(super) fn levers(ui: &mut egui::Ui, state: &mut PanelState, model: &ModelView, lesson: bool) {
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

/// Lever changes the selected region is still consulting on.
pub(super) fn consultations(ui: &mut egui::Ui, state: &PanelState, region: u32) {
    let tick = state.clock.tick;
    for c in state
        .changes
        .consulting
        .iter()
        .filter(|c| c.region == region)
    {
        let label = &state.explain.0.lever(c.lever.name).label;
        let name = if label.is_empty() {
            c.lever.name
        } else {
            label
        };
        ui.label(format!(
            "Consulting on {name}: takes effect in {} months",
            c.due.saturating_sub(tick)
        ));
    }
}

/// Where lever changes go: the selected region if "Apply to" names it and
/// one is selected, else every region. With nothing selected the choice
/// falls back to every region, so the panel never shows a region chosen
/// while changes go everywhere.
pub(super) fn lever_target(selected_only: &mut bool, selected: Option<u32>) -> LeverTarget {
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
pub(super) fn apply_to(
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
