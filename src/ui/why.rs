//! "Why did this move?": a click on a criterion in the chart's key opens a
//! window with two answers, for the selected region or the world.
//!
//! - **Against the baseline**: the gap between this run and the scenario
//!   with nothing sent, split into parts and credited to each move by its
//!   ablation (`gap::explain`, replayed on a thread of its own), so that a
//!   move the baseline says did nothing is never credited with a change.
//! - **Over the last year**: the criterion's change split into its parts
//!   (capability into each basic good's coverage, health, skills and
//!   employment; cohesion into trust and voluntary cooperation; ecology,
//!   for the world, into the commons and the emissions avoided), with the
//!   events of that year in that place. The window remembers the parts of
//!   the last thirteen months itself (`gap::MonthParts`); the model keeps no
//!   history for it.

use std::collections::VecDeque;

use bevy::prelude::*;
use bevy_egui::egui;

use super::replays::Replays;
use super::{UiSettings, VISIBLE_POINTS, signed_points};
use crate::explain::Explanations;
use crate::gap::{self, Gap, MonthParts};
use crate::scenario::Run;
use crate::sim::SimClock;
use crate::sim::crisis::EventLog;
use crate::sim::interventions::Interventions;
use crate::sim::measures::Measure;
use crate::sim::people::Federations;
use crate::view::Selection;
use crate::words::Places;

/// Months looked back: a year.
const YEAR: u32 = 12;

/// The parts of the months seen in the last year, and of the last month
/// seen before it, oldest first (the window may run several months a
/// frame, so not every month is there).
#[derive(Resource, Default)]
pub(crate) struct Remembered(VecDeque<MonthParts>);

/// Each frame: remembers the month just run, once; forgets everything when
/// the clock went back (a reset or another scenario).
pub(super) fn remember(world: &mut World) {
    let tick = world.resource::<SimClock>().tick;
    let last = world.resource::<Remembered>().0.back().map(|m| m.tick);
    if last == Some(tick) {
        return;
    }
    let Some(snapshot) = MonthParts::read(world) else {
        return;
    };
    let mut remembered = world.resource_mut::<Remembered>();
    if last.is_some_and(|t| t > tick) {
        remembered.0.clear();
    }
    remembered.0.push_back(snapshot);
    while remembered
        .0
        .get(1)
        .is_some_and(|second| second.tick + YEAR <= tick)
    {
        remembered.0.pop_front();
    }
}

/// What a gap against the baseline answers: the run (scenario file and
/// seed), the criterion and place, the month and how many moves were sent.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Question {
    run: (std::path::PathBuf, u64),
    criterion: Measure,
    region: Option<u32>,
    month: u32,
    sent: usize,
}

/// The gap against the baseline the window shows, and the replays working
/// on the next.
#[derive(Resource, Default)]
pub(crate) struct Against(pub(crate) Replays<Question, Gap>);

/// The criterion explained in a place: a region's own where the model
/// splits it there, else the world's.
fn place_for(criterion: Measure, region: Option<u32>) -> Option<u32> {
    region.filter(|_| matches!(criterion, Measure::Capability | Measure::Cohesion))
}

/// Each frame while "Why did this move?" is open: takes the finished
/// replays' answer, and starts replays for the question now asked if it is
/// not the one shown. Nothing runs while the window is closed or nothing
/// was sent.
pub(super) fn explain_gap(
    settings: Res<UiSettings>,
    selection: Res<Selection>,
    clock: Res<SimClock>,
    run: Option<Res<Run>>,
    sent: Res<Interventions>,
    mut against: ResMut<Against>,
) {
    let (Some(criterion), Some(run)) = (settings.why, run) else {
        *against = Against::default();
        return;
    };
    against.0.collect();
    let question = Question {
        run: (run.scenario.path.clone(), run.seed),
        criterion,
        region: place_for(criterion, selection.region),
        month: clock.tick,
        sent: sent.0.len(),
    };
    let shown = against.0.shown().is_some_and(|s| s.0 == question);
    if sent.0.is_empty() || shown {
        return;
    }
    let (scenario, seed, moves) = (run.scenario.clone(), run.seed, sent.clone());
    let (month, region) = (question.month, question.region);
    against.0.start(question, move || {
        gap::explain(&scenario, seed, &moves, month, criterion, region).map_err(|e| e.to_string())
    });
}

/// The window's names for regions and federations.
pub(super) struct PlaceNames<'a> {
    pub(super) regions: Vec<String>,
    pub(super) federations: &'a Federations,
}

impl Places for PlaceNames<'_> {
    fn region(&self, id: u32) -> String {
        self.regions
            .get(id as usize)
            .cloned()
            .unwrap_or_else(|| format!("region {id}"))
    }

    fn federation(&self, index: u32) -> String {
        self.federations.name(index)
    }
}

/// The window that answers "why did this move?" for `asked`, while it is
/// open: against the baseline, then over the last year; closing it clears
/// `asked`.
pub(super) fn window(
    ctx: &egui::Context,
    asked: &mut Option<Measure>,
    region: Option<(u32, String)>,
    seen: (&Remembered, &Against),
    log: &EventLog,
    words: &Explanations,
    places: &PlaceNames,
) {
    let Some(criterion) = *asked else {
        return;
    };
    let label = words.measure(criterion.key()).label.clone();
    let mut open = true;
    egui::Window::new(format!("Why did {} move?", label.to_lowercase()))
        .open(&mut open)
        .collapsible(false)
        .default_width(420.0)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .max_height(ctx.content_rect().height() * 0.8)
                .show(ui, |ui| {
                    egui::CollapsingHeader::new("Against the baseline")
                        .default_open(true)
                        .show(ui, |ui| against_baseline(ui, seen.1, &label, words, places));
                    egui::CollapsingHeader::new("Over the last year")
                        .default_open(true)
                        .show(ui, |ui| {
                            over_the_year(
                                ui,
                                criterion,
                                &label,
                                region.as_ref(),
                                seen.0,
                                log,
                                words,
                            )
                        });
                });
        });
    // Escape closes it, as it closes the prompt and the explanations.
    if !open || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        *asked = None;
    }
}

/// The gap between this run and the baseline (the scenario with nothing
/// sent) at the month last explained: its parts, and each move's credit by
/// its ablation.
fn against_baseline(
    ui: &mut egui::Ui,
    against: &Against,
    label: &str,
    words: &Explanations,
    places: &PlaceNames,
) {
    let Some((question, answer)) = against.0.shown() else {
        if against.0.busy() {
            ui.weak("Replaying the run with each move taken out…");
        } else {
            ui.weak("Nothing has been sent to this run yet: it is the baseline.");
        }
        return;
    };
    let gap = match answer {
        Ok(gap) => gap,
        Err(error) => {
            ui.colored_label(ui.visuals().warn_fg_color, error);
            return;
        }
    };
    let place = question
        .region
        .map_or("the world".to_string(), |id| places.region(id));
    ui.label(format!(
        "{label} in {place} at month {}: this run {:.1}, the baseline {:.1}",
        gap.month, gap.run.value, gap.baseline.value
    ));
    ui.heading(format!("{} points", signed_points(gap.points())));
    if against
        .0
        .working_on()
        .is_some_and(|w| w.month != question.month)
    {
        ui.weak("(working on the month now shown…)");
    }
    if let (Some(run), Some(baseline)) = (&gap.run.parts, &gap.baseline.parts) {
        let rows = run
            .iter()
            .zip(baseline)
            .map(|((n, a), (_, b))| (n, *a, *b, a - b));
        parts_table(
            ui,
            "gap parts",
            ["part", "this run", "baseline", "gap"],
            rows,
        );
    }
    ui.add_space(4.0);
    ui.label("What made the gap: each move taken out in turn and the run replayed.");
    let (made, idle): (Vec<_>, Vec<_>) = gap
        .credits
        .iter()
        .partition(|c| c.points.abs() >= VISIBLE_POINTS);
    egui::Grid::new("gap credits")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for credit in &made {
                let mut line = crate::words::moves(&credit.moves, words, places);
                let most =
                    credit
                        .parts
                        .as_ref()
                        .zip(gap.run.parts.as_ref())
                        .and_then(|(parts, names)| {
                            names
                                .iter()
                                .zip(parts)
                                .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))
                                .map(|(n, _)| n.0.clone())
                        });
                if let Some(name) = most {
                    line.push_str(&format!(" (most through {name})"));
                }
                ui.label(line);
                ui.strong(signed_points(credit.points));
                ui.end_row();
            }
            let together = gap.together();
            if !gap.credits.is_empty() && together.abs() >= VISIBLE_POINTS {
                ui.label("the moves together, beyond each alone");
                ui.strong(signed_points(together));
                ui.end_row();
            }
        });
    if !idle.is_empty() {
        ui.label("Made no difference here (under 0.05 points):");
        for credit in idle {
            ui.weak(crate::words::moves(&credit.moves, words, places));
        }
    }
}

/// A criterion's parts in a table: each part's name, its two figures and
/// the change between them, in bold where it is large enough to print.
fn parts_table<'a>(
    ui: &mut egui::Ui,
    id: &str,
    headings: [&str; 4],
    rows: impl Iterator<Item = (&'a String, f64, f64, f64)>,
) {
    egui::Grid::new(id)
        .num_columns(4)
        .striped(true)
        .show(ui, |ui| {
            for heading in headings {
                ui.weak(heading);
            }
            ui.end_row();
            for (name, a, b, change) in rows {
                ui.label(name);
                ui.label(format!("{a:.1}"));
                ui.label(format!("{b:.1}"));
                if change.abs() >= VISIBLE_POINTS {
                    ui.strong(signed_points(change));
                } else {
                    ui.weak(signed_points(change));
                }
                ui.end_row();
            }
        });
}

/// The criterion's change over the last year, split into its parts, with
/// what happened in the place in that time.
fn over_the_year(
    ui: &mut egui::Ui,
    criterion: Measure,
    label: &str,
    region: Option<&(u32, String)>,
    remembered: &Remembered,
    log: &EventLog,
    words: &Explanations,
) {
    let place = region.map_or("the world".to_string(), |r| r.1.clone());
    let (Some(then), Some(now)) = (remembered.0.front(), remembered.0.back()) else {
        ui.label("Run a month first.");
        return;
    };
    let id = region.map(|r| r.0);
    ui.label(format!(
        "{label} in {place}, from month {} to month {}:",
        then.tick, now.tick
    ));
    match (then.parts(criterion, id), now.parts(criterion, id)) {
        (Some(before), Some(after)) => {
            let total = |p: &[(String, f64)]| p.iter().map(|x| x.1).sum::<f64>();
            let (from, to) = (total(&before), total(&after));
            ui.heading(format!(
                "{from:.1} to {to:.1}  ({})",
                signed_points(to - from)
            ));
            let rows = before
                .iter()
                .zip(&after)
                .map(|((n, a), (_, b))| (n, *a, *b, b - a));
            parts_table(ui, "why parts", ["part", "then", "now", "change"], rows);
            ui.small("Points of the criterion each part adds; they sum to it.");
        }
        _ => {
            ui.label(words.measure(criterion.key()).tooltip());
            ui.small(match (criterion, id) {
                (Measure::Ecology, Some(_)) => {
                    "Ecology is split into parts for the world only: the carbon budget is shared."
                }
                _ => "This criterion is not split into parts; the events below are what happened.",
            });
        }
    }
    ui.separator();
    let in_place = log
        .0
        .iter()
        .rev()
        .filter(|e| e.tick > then.tick && e.tick <= now.tick)
        .filter(|e| match region {
            Some((_, name)) => e.place.as_deref().is_none_or(|p| p == name),
            None => true,
        });
    let events = super::panel::event_lines(in_place, words, 200);
    if events.is_empty() {
        ui.weak(format!("Nothing was logged in {place} in that time."));
    } else {
        ui.label(format!(
            "What happened in {place} in that time (what made it differ from the baseline is above):"
        ));
        egui::ScrollArea::vertical()
            .id_salt("why events")
            .max_height(180.0)
            .show(ui, |ui| {
                for event in events {
                    ui.label(event);
                }
            });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::headless;

    /// The world's capability and cohesion parts sum to the criteria the
    /// model measures, so the window splits the figure the chart shows.
    #[test]
    fn the_parts_sum_to_the_measured_criteria() {
        let scenario = crate::scenario::Scenario::load("scenarios/classroom.ron")
            .expect("classroom scenario loads");
        let mut app = headless::app(&scenario, scenario.seed, false);
        app.init_resource::<Remembered>()
            .add_systems(Update, remember);
        for _ in 0..15 {
            headless::advance(&mut app, 1).expect("advances");
        }
        let world = app.world();
        let remembered = world.resource::<Remembered>();
        let now = remembered.0.back().expect("a month");
        let then = remembered.0.front().expect("a month");
        assert_eq!(now.tick - then.tick, YEAR, "a year back and no more");
        let row = world
            .resource::<crate::sim::measures::History>()
            .latest()
            .copied()
            .expect("a row");
        assert_eq!(now.tick, row.tick);
        for criterion in [Measure::Capability, Measure::Cohesion, Measure::Ecology] {
            let parts = now.parts(criterion, None).expect("split");
            let sum: f64 = parts.iter().map(|p| p.1).sum();
            assert!(
                (sum - row.get(criterion)).abs() < 1e-9,
                "{criterion:?}: parts {sum} against {}",
                row.get(criterion)
            );
        }
        assert!(now.parts(Measure::Equity, None).is_none());
        assert!(now.parts(Measure::Capability, Some(3)).is_some());
    }

    /// The window credits the drought that made the gap and lists the idle
    /// lever apart, as making no difference; Escape closes it.
    #[test]
    fn the_window_credits_what_made_the_gap_and_escape_closes_it() {
        use crate::sim::crisis::{Regions, Shock};
        use crate::sim::institutions::{LeverChange, LeverTarget, LeverValue, lever};
        use crate::sim::interventions::Intervention;
        use egui_kittest::Harness;
        use egui_kittest::kittest::Queryable;

        let scenario = crate::scenario::Scenario::load("scenarios/classroom.ron")
            .expect("classroom scenario loads");
        let sent = Interventions(vec![
            (
                6,
                Intervention::Shock(Shock::Drought {
                    regions: Regions::Only(vec![3]),
                    severity: 0.8,
                    months: 12,
                }),
            ),
            (
                6,
                Intervention::Lever(LeverChange {
                    target: LeverTarget::All,
                    lever: lever("recruiting_from_pilots").expect("a lever"),
                    value: LeverValue::Number(0.5),
                }),
            ),
        ]);
        let question = Question {
            run: (scenario.path.clone(), scenario.seed),
            criterion: Measure::Capability,
            region: None,
            month: 24,
            sent: 2,
        };
        let gap = gap::explain(
            &scenario,
            scenario.seed,
            &sent,
            24,
            Measure::Capability,
            None,
        );
        let mut against = Against::default();
        against
            .0
            .start(question, move || gap.map_err(|e| e.to_string()));
        while against.0.busy() {
            std::thread::sleep(std::time::Duration::from_millis(5));
            against.0.collect();
        }
        let words = Explanations::load(crate::explain::default_path()).expect("words load");
        let federations = Federations(vec!["the west".into(), "the east".into()]);
        let places = PlaceNames {
            regions: (0..12).map(|i| format!("R{i}")).collect(),
            federations: &federations,
        };
        let (remembered, log) = (Remembered::default(), EventLog::default());
        let mut harness = Harness::new_ui_state(
            |ui, asked: &mut Option<Measure>| {
                window(
                    ui.ctx(),
                    asked,
                    None,
                    (&remembered, &against),
                    &log,
                    &words,
                    &places,
                );
            },
            Some(Measure::Capability),
        );
        harness.set_size(egui::vec2(900.0, 900.0));
        harness.run();
        harness.get_by_label("Against the baseline");
        harness.get_by_label_contains("Month 6: drought in R3");
        harness.get_by_label("Made no difference here (under 0.05 points):");
        // The idle lever, named in words, apart from the credits.
        harness.get_by_label_contains("Month 6: Recruiting");
        harness.key_press(egui::Key::Escape);
        harness.run();
        assert_eq!(*harness.state(), None, "Escape closes it");
    }
}
