//! The crisis menu: a shock started now, on the selected region, its
//! federation or everywhere.

use super::run::cue_buttons;
use super::*;

// Over 100 lines: the crisis menu top to bottom as the panel shows it: the
// kind, where it strikes, its size and months, and the button.
/// The crisis menu: a kind of shock, where it strikes (the selected region,
/// its federation or the world), its size and, for kinds that last, its
/// months; "Start now" sends it to the model's shock queue for the next
/// month.
pub(super) fn crisis_menu(
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
    let kind_before = settings.shock_kind;
    egui::Grid::new("crisis").num_columns(2).show(ui, |ui| {
        ui.label("Shock");
        ui.horizontal(|ui| {
            // Every kind in view at once, without scrolling the list.
            egui::ComboBox::from_id_salt("shock kind")
                .height(f32::INFINITY)
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
        // Each kind opens at its own size, not the last kind's (a pandemic
        // after a drought would open at 60% sick).
        if settings.shock_kind != kind_before
            && let Some(size) = settings.shock_kind.size()
        {
            settings.shock_size = size.opening;
        }
        ui.label("Where");
        ui.horizontal_wrapped(|ui| {
            let (region, federation) = match &selected {
                Some((_, f, name)) => (name.clone(), model.federations.name(*f)),
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
        if let Some(size) = settings.shock_kind.size() {
            // A migration wave may double a region ten times over; the
            // slider offers the waves a class will try.
            let most = match settings.shock_kind {
                ShockKind::MigrationWave => 3.0,
                _ => size.limits.max,
            };
            ui.label(size.label);
            ui.add(
                egui::Slider::new(&mut settings.shock_size, size.limits.min..=most)
                    .fixed_decimals(2),
            );
            ui.end_row();
        }
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
