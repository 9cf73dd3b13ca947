//! The two panels: on the left, running the model, picking a regime to
//! compare with and moving its levers; on the right, the criteria chart
//! (with the comparison's curves) and the selected region's figures. Reports
//! the space they take so the map camera draws only beside them.
//!
//! Here are what the panels read and keep, their assembly and the look for
//! projectors; each section is a file of its own: `run` (the scenario list,
//! the run's controls, the cues, the comparison, the lesson notes),
//! `policy` (the levers), `crisis` (the crisis menu), `figures` (the chart,
//! the world's figures, the event log) and `region` (the selected region).

mod crisis;
mod figures;
mod policy;
mod region;
mod run;

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::chart::{self, Curves};
use super::comparison::Comparison;
use super::controls::{
    LeftFuture, description_of, fire_cue, go_back, open_scenario, reset_undoably, scenario_files,
    step_once, undo,
};
use super::doughnut::{self, DoughnutView};
use super::explainer::{explanation_window, info_button, prompt_window};
use super::levers::{Drafts, LeverContext, LeverSinks, describe, lever_widgets};
use super::predict::{self, Predictions};
use super::projection::Projection;
use super::scorecard::{self, ScorecardView};
use super::why::{self, Against, Remembered};
use super::{CompareWith, Explain, Reach, Theme, UiSettings};
use crate::scenario::Run;
use crate::sim::base::parallel::Faults;
use crate::sim::base::params::{GROUPS, TYPES};
use crate::sim::crisis::{EventLog, Happening, Regions, Shock, ShockKind, ShockQueue};
use crate::sim::ecology::{Atmosphere, Commons};
use crate::sim::economy::{Enterprise, InvestmentFund, Planner};
use crate::sim::institutions::{Boundaries, Council, LEVERS, LeverChanges, LeverTarget, Policy};
use crate::sim::measures::{History, Measure};
use crate::sim::people::{Climate, Cohorts, Region, RegionStats, Society};
use crate::sim::power::{BODIES, Capture, Constitution, Participation, PowerLedger, Support};
use crate::sim::{SimClock, WorldIndex};
use crate::view::overlay::{DifferenceMap, Overlay};
use crate::view::{PanelInsets, Selection};
pub(super) use figures::event_lines;
use figures::figures;
use run::controls;

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
    against: Res<'w, Against>,
    /// The future the run had before it went back, while kept.
    left: Option<Res<'w, LeftFuture>>,
    fan: Res<'w, super::fan::FanView>,
    doughnut: Res<'w, DoughnutView>,
    federations: Res<'w, crate::sim::people::Federations>,
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
    difference: ResMut<'w, DifferenceMap>,
    selection: ResMut<'w, Selection>,
    insets: ResMut<'w, PanelInsets>,
    changes: ResMut<'w, LeverChanges>,
    drafts: ResMut<'w, Drafts>,
    clock: ResMut<'w, SimClock>,
    fixed: ResMut<'w, Time<Fixed>>,
    explain: Res<'w, Explain>,
    constitution: Res<'w, Constitution>,
    predictions: ResMut<'w, Predictions>,
    scorecard: ResMut<'w, ScorecardView>,
    dialogs: ResMut<'w, crate::ui::files::Dialogs>,
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
    // Each panel may take at most three tenths of the window, so the map
    // keeps two fifths of it whatever the text size or the selection. In
    // presenter mode the left panel holds only the run, the cues and the
    // lesson's levers and takes less, the chart's larger type a little
    // more: the map keeps 45% of the width.
    let width = ctx.content_rect().width();
    let (widest_left, widest) = if state.settings.presenter {
        (0.22 * width, 0.33 * width)
    } else {
        (0.3 * width, 0.3 * width)
    };
    let left = egui::Panel::left("controls")
        .default_size(360.0_f32.min(widest_left))
        .max_size(widest_left)
        .resizable(true)
        .show(&mut root, |ui| {
            // Sliders narrow with the panel, so its rows fit a small window.
            ui.spacing_mut().slider_width = (ui.available_width() * 0.38).clamp(90.0, 150.0);
            egui::ScrollArea::vertical()
                .auto_shrink([false, true])
                .show(ui, |ui| controls(ui, &mut state, &model, &mut commands));
        })
        .response
        .rect
        .width();
    let right = egui::Panel::right("figures")
        .default_size(390.0_f32.min(widest))
        .max_size(widest)
        .resizable(true)
        .show(&mut root, |ui| {
            // The panel's whole width: a scroll area shrunk to its
            // narrowest line drew its scroll bar across the chart.
            egui::ScrollArea::vertical()
                .auto_shrink([false, true])
                .show(ui, |ui| figures(ui, &state, &model))
                .inner
        });
    let asked = right.inner;
    if let Some(why) = asked.why {
        state.settings.why = Some(why);
    }
    if let Some(month) = asked.go_back {
        commands.queue(move |world: &mut World| go_back(world, month));
    }
    if asked.discard {
        commands.queue(|world: &mut World| {
            world.remove_resource::<LeftFuture>();
        });
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
    if state.settings.why.is_some() {
        let mut regions: Vec<&Region> = model.regions.iter().map(|r| r.0).collect();
        regions.sort_by_key(|r| r.id);
        let places = why::PlaceNames {
            regions: regions.iter().map(|r| r.name.clone()).collect(),
            federations: &model.federations,
        };
        why::window(
            &ctx,
            &mut state.settings.why,
            selected,
            (&model.remembered, &model.against),
            &model.log,
            &state.explain.0,
            &places,
        );
    }
    doughnut::window(&ctx, &mut state.settings.doughnut, &model.doughnut);
    super::fan::window(&ctx, &mut state.settings.fan, &model.fan, &state.explain.0);
    scorecard::window(
        &ctx,
        &mut state.settings.scorecard,
        &mut state.scorecard,
        model.run.as_ref().map(|r| r.scenario.path.as_path()),
    );
    Ok(())
}

/// The regime presets beside the run's scenario, by name (read and checked
/// with the scenario).
fn regimes<'a>(model: &'a ModelView) -> &'a [(String, Policy)] {
    model.run.as_deref().map_or(&[], |r| &r.scenario.regimes)
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
pub(super) fn thousands(x: f64) -> String {
    match x.abs() {
        a if a >= 1e6 => format!("{:.2} M", x / 1e6),
        a if a >= 1e4 => format!("{:.0} k", x / 1e3),
        _ => format!("{x:.0}"),
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

#[cfg(test)]
mod tests {
    use super::policy::{apply_to, lever_target};
    use super::run::lesson_section;
    use super::*;
    use egui::accesskit::{Role, Toggled};
    use egui_kittest::Harness;
    use egui_kittest::kittest::{NodeT, Queryable};

    /// The header counts time as the chart's axis does: elapsed.
    #[test]
    fn the_header_says_time_elapsed_as_the_chart_counts_it() {
        use super::run::elapsed;
        assert_eq!(elapsed(0), "0 months in");
        assert_eq!(elapsed(1), "1 month in");
        assert_eq!(elapsed(60), "5 years in");
        assert_eq!(elapsed(65), "5 years 5 months in");
        assert_eq!(elapsed(13), "1 year 1 month in");
    }

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

    /// Presenter mode keeps the class's verdict and score in view, and its
    /// button leaves presenter mode.
    #[test]
    fn presenter_mode_keeps_the_verdict_and_the_score() {
        let mut predictions = Predictions::default();
        predictions.verdict = Some("Right: capability went up, as you said".into());
        predictions.right = 2;
        predictions.asked = 3;
        let mut harness = Harness::new_ui_state(
            |ui, presenter: &mut bool| {
                super::run::presenter_top(ui, presenter, true, &predictions);
            },
            true,
        );
        harness.run();
        harness.get_by_label("Right: capability went up, as you said");
        harness.get_by_label("Predictions right: 2 of 3");
        harness.get_by_label("Leave presenter mode (P)").click();
        harness.run();
        assert!(!*harness.state(), "the button leaves presenter mode");
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
        harness.get_by_label("Lesson notes").click();
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
