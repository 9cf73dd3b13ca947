//! Two windows that speak to the room: an explanation opened from the ⓘ
//! button beside a control (what it is, the rule in the model, what it
//! costs, where its number comes from: the entry of `assets/explain.ron`,
//! which a hover shows too, but a projector's audience cannot hover), and a
//! prepared cue's prompt in large type, until it is closed or the next cue
//! fires.

use bevy_egui::egui;

use crate::explain::Entry;

/// The button's face: "ℹ", the information sign egui's emoji font has (the
/// circled ⓘ is not in it).
pub(super) const INFO: &str = "ℹ";

/// A small ⓘ button: a hover shows `entry` as the tooltip does, a click
/// opens it in its own window (into `open`).
pub(super) fn info_button(ui: &mut egui::Ui, entry: &Entry, open: &mut Option<Entry>) {
    if entry.text.is_empty() {
        return;
    }
    let button = ui
        .small_button(INFO)
        .on_hover_text(format!("{}\n\n(click to keep it open)", entry.tooltip()));
    if button.clicked() {
        *open = Some(entry.clone());
    }
}

/// The explanation opened from an ⓘ, while one is.
pub(super) fn explanation_window(ctx: &egui::Context, open: &mut Option<Entry>) {
    let window = |entry: &Entry| {
        egui::Window::new(entry.label.clone())
            .id(egui::Id::new("explanation"))
            .resizable(true)
            .default_width(420.0)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 60.0))
    };
    closable(ctx, open, window, |ui, entry| {
        ui.label(&entry.text);
        for (heading, part) in [
            ("What it costs", &entry.cost),
            ("Source", &entry.source_in_words()),
        ] {
            if let Some(part) = part {
                ui.add_space(6.0);
                ui.label(egui::RichText::new(heading).strong());
                ui.label(part);
            }
        }
        if !entry.choices.is_empty() {
            ui.add_space(6.0);
            ui.label(egui::RichText::new("Choices").strong());
            for words in entry.choices.values() {
                ui.label(format!("• {words}"));
            }
        }
    });
}

/// A prompt a cue put on screen: its cue's name as the title and its text
/// in type `size` points tall, until closed (the window's ✕ or Escape).
pub(super) fn prompt_window(ctx: &egui::Context, prompt: &mut Option<(String, String)>, size: f32) {
    let window = |(name, _): &(String, String)| {
        egui::Window::new(name.clone())
            .id(egui::Id::new("prompt"))
            .resizable(false)
            .default_width(560.0)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 24.0))
    };
    closable(ctx, prompt, window, |ui, (_, text)| {
        ui.label(egui::RichText::new(text).size(size).strong());
        ui.small("Escape or the × button closes it; the next cue replaces it.");
    });
}

/// Shows `shown`, while there is one, in the window `window` makes for it,
/// with a close button that empties `shown`.
fn closable<'w, T>(
    ctx: &egui::Context,
    shown: &mut Option<T>,
    window: impl FnOnce(&T) -> egui::Window<'w>,
    contents: impl FnOnce(&mut egui::Ui, &T),
) {
    let Some(item) = shown.as_ref() else {
        return;
    };
    let mut keep = true;
    window(item)
        .open(&mut keep)
        .collapsible(false)
        .show(ctx, |ui| contents(ui, item));
    if !keep {
        *shown = None;
    }
}
