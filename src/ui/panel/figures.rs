//! The right panel: the criteria chart and its key, the world's figures
//! and the event log.

use super::region::selected_region;
use super::*;
use crate::sim::crisis::{Logged, Started};
use crate::sim::measures::MeasureRow;
use crate::words::lever_value;

/// The month of each lever move in the event log that someone made, once
/// per lever and month (a move consulted on lands region by region).
fn lever_marks(log: &EventLog) -> Vec<(u32, &'static str)> {
    // What the model moved itself (a region's pilot step, a captor turning
    // a check off, a council winning it back; each applied the next month)
    // is told in the event log, not marked as a lever someone moved.
    let adopted: Vec<(u32, Option<&str>, &str)> = log
        .0
        .iter()
        .filter_map(|e| match e.what {
            Happening::PilotMoved { lever, .. }
            | Happening::CheckRemoved { lever, .. }
            | Happening::CheckRestored { lever, .. } => {
                Some((e.tick + 1, e.place.as_deref(), lever))
            }
            _ => None,
        })
        .collect();
    let mut marks: Vec<(u32, &'static str)> = Vec::new();
    for entry in &log.0 {
        if let Happening::LeverMoved { lever, .. } = entry.what
            && !marks.contains(&(entry.tick, lever))
            && !adopted.contains(&(entry.tick, entry.place.as_deref(), lever))
        {
            marks.push((entry.tick, lever));
        }
    }
    marks
}

/// The months shocks began, with what began, for the chart (one mark per
/// month and kind of shock): those sent or in the scenario's timeline. The
/// year's weather and a crash spreading from a neighbour are told in the
/// event log, not marked: on a continent they would wall the chart in.
fn shock_marks(log: &EventLog, words: &crate::explain::Explanations) -> Vec<(u32, String)> {
    let mut marks: Vec<(u32, String)> = Vec::new();
    for entry in &log.0 {
        if let Happening::ShockStarted {
            shock,
            cause: Started::Sent,
        } = &entry.what
        {
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

/// The event log's lines, newest first, at most `most`: one move of a
/// lever from one value to another in one month is one line however many
/// regions it landed in ("Month 13, 12 regions: Mutual aid moved from 0.1
/// to 0.5"), not a line a region.
pub(crate) fn event_lines<'a>(
    newest_first: impl Iterator<Item = &'a Logged>,
    words: &crate::explain::Explanations,
    most: usize,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut last: Option<(&Logged, usize)> = None;
    let same_move = |a: &Logged, b: &Logged| {
        a.tick == b.tick
            && matches!((&a.what, &b.what), (
                Happening::LeverMoved { lever: la, from: fa, to: ta },
                Happening::LeverMoved { lever: lb, from: fb, to: tb },
            ) if la == lb && fa == fb && ta == tb)
    };
    let flush = |lines: &mut Vec<String>, (entry, n): (&Logged, usize)| {
        lines.push(event_line(entry, words, (n > 1).then_some(n)));
    };
    for entry in newest_first {
        match last {
            Some((first, n)) if same_move(first, entry) => last = Some((first, n + 1)),
            _ => {
                if let Some(group) = last.take() {
                    flush(&mut lines, group);
                    if lines.len() >= most {
                        return lines;
                    }
                }
                last = Some((entry, 1));
            }
        }
    }
    if let Some(group) = last {
        flush(&mut lines, group);
    }
    lines
}

/// An event log line in the window's words: a lever by the name the panel
/// gives it ("Mutual aid moved from 0.1 to 0.5"), in `regions` regions if
/// the move landed in more than one; levers and regimes in the other lines
/// by the panel's names too.
fn event_line(
    entry: &Logged,
    words: &crate::explain::Explanations,
    regions: Option<usize>,
) -> String {
    let Happening::LeverMoved { lever, from, to } = entry.what else {
        let place = entry.place.as_deref().unwrap_or("everywhere");
        return format!(
            "Month {}, {place}: {}",
            entry.tick,
            entry.what.sentence(words)
        );
    };
    let label = &words.lever(lever).label;
    let name = if label.is_empty() { lever } else { label };
    let to = lever_value(lever, to);
    let what = match from {
        Some(from) => format!("{name} moved from {} to {to}", lever_value(lever, from)),
        None => format!("{name} set to {to}"),
    };
    let place = match regions {
        Some(n) => format!("{n} regions"),
        None => entry.place.clone().unwrap_or_else(|| "everywhere".into()),
    };
    format!("Month {}, {place}: {what}", entry.tick)
}

/// The event log, newest first; `size` points of text and `height` of
/// scrolling room (larger in presenter mode).
fn event_log(
    ui: &mut egui::Ui,
    model: &ModelView,
    words: &crate::explain::Explanations,
    size: f32,
    height: f32,
) {
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
                    for line in event_lines(model.log.0.iter().rev(), words, 200) {
                        ui.label(egui::RichText::new(line).size(size));
                    }
                });
        });
}

/// What the right panel asks of the run: why a criterion moved, going back
/// to a past month, dropping the future left behind.
#[derive(Default)]
pub(super) struct Asked {
    pub(super) why: Option<Measure>,
    pub(super) go_back: Option<u32>,
    pub(super) discard: bool,
}

/// The scrubber under the key: a month from 0 to now and a button that
/// goes back to it; with a future left behind, a line that says so and a
/// button that drops it.
fn going_back(ui: &mut egui::Ui, asked: &mut Asked, now: u32, left: Option<(&[MeasureRow], u32)>) {
    if now == 0 {
        return;
    }
    let id = ui.id().with("go back to");
    let mut month: u32 = ui.data_mut(|d| *d.get_temp_mut_or(id, now));
    month = month.min(now);
    ui.horizontal_wrapped(|ui| {
        // The slider narrows with the panel, its value box in view.
        ui.spacing_mut().slider_width = (ui.available_width() * 0.35).clamp(60.0, 200.0);
        ui.label("Go back to month");
        ui.add(egui::Slider::new(&mut month, 0..=now).integer())
            .on_hover_text(
                "A past month of this run: going back replays it to then; a move made there \
                 starts a branch, and the old future stays on the chart, dotted",
            );
        if ui
            .add_enabled(month < now, egui::Button::new("Go back"))
            .clicked()
        {
            asked.go_back = Some(month);
        }
    });
    ui.data_mut(|d| d.insert_temp(id, month));
    if let Some((rows, from)) = left {
        let to = rows.last().map_or(from, |r| r.tick);
        ui.horizontal_wrapped(|ui| {
            ui.weak(format!(
                "Dotted: the run before going back to month {from} (to month {to})"
            ));
            if ui.small_button("Discard").clicked() {
                asked.discard = true;
            }
        });
    }
}

/// The right panel: the chart, then the selected region's figures; what
/// it asks of the run.
pub(super) fn figures(ui: &mut egui::Ui, state: &PanelState, model: &ModelView) -> Asked {
    if state.settings.presenter {
        // The criteria read from the back of the room.
        if let Some(body) = ui.style_mut().text_styles.get_mut(&egui::TextStyle::Body) {
            body.size = 20.0;
        }
    }
    ui.heading("Criteria (0-100)");
    // Where this run is heading, unless a prediction is still to be made.
    let ahead = model
        .projection
        .as_ref()
        .filter(|_| !state.predictions.hiding())
        .map_or(&[][..], |p| p.rows.as_slice());
    let this = Curves {
        history: &model.history,
        regime: this_regime(&state.settings, model).replace('_', " "),
        ahead,
    };
    let comparison = model.comparison.as_ref().and_then(|c| {
        c.history().map(|history| Curves {
            history,
            regime: c.with.label(),
            ahead: c.ahead(),
        })
    });
    let scenario = model.run.as_deref().map(|r| &r.scenario);
    let lesson = scenario.map_or(&[][..], |s| s.lesson_criteria.as_slice());
    let shown = if state.settings.presenter && !lesson.is_empty() {
        lesson
    } else {
        &Measure::CRITERIA[..]
    };
    let levers: Vec<(u32, String)> = lever_marks(&model.log)
        .into_iter()
        .map(|(tick, name)| (tick, crate::words::Names::lever(&state.explain.0, name)))
        .collect();
    let left = model
        .left
        .as_deref()
        .filter(|l| !l.rows.is_empty())
        .map(|l| (l.rows.as_slice(), l.from));
    chart::criteria_chart(
        ui,
        (&this, comparison.as_ref()),
        left,
        shown,
        (&levers, &shock_marks(&model.log, &state.explain.0)),
        scenario.map_or(0, |s| s.ticks),
        &state.explain.0,
        if state.settings.presenter {
            // Large, but leaving the key and the event log room below it.
            (0.42 * ui.ctx().content_rect().height()).min(420.0)
        } else {
            250.0
        },
    );
    let mut asked = Asked {
        why: chart::key(ui, (&this, comparison.as_ref()), shown, &state.explain.0),
        ..Asked::default()
    };
    going_back(
        ui,
        &mut asked,
        model.history.rows.last().map_or(0, |r| r.tick),
        left,
    );
    lives(ui, &this, comparison.as_ref());
    if chart::transition_shown(&model.history) {
        ui.strong("Transition: share of people under each pilot's institution (%)");
        chart::transition_chart(ui, &model.history, &state.explain.0, 140.0);
    }
    if state.settings.presenter {
        event_log(ui, model, &state.explain.0, 19.0, 320.0);
        world_figures(ui, model, &state.explain.0);
        return asked;
    }
    world_line(ui, model);
    world_figures(ui, model, &state.explain.0);
    event_log(ui, model, &state.explain.0, 15.0, 160.0);
    ui.separator();
    selected_region(ui, state, model);
    asked
}

/// The run's dead in words under the key, and the comparison's: the
/// criteria count the missing as having nothing, and this says who they
/// are.
fn lives(ui: &mut egui::Ui, this: &Curves, comparison: Option<&Curves>) {
    let runs = std::iter::once((this, String::new()))
        .chain(comparison.map(|c| (c, format!("{}: ", c.regime))));
    for (curves, prefix) in runs {
        let (Some(first), Some(last)) = (curves.history.rows.first(), curves.history.rows.last())
        else {
            continue;
        };
        let text = prefix + &crate::words::lives_lost(first, last);
        let dead = last.excess_deaths >= 0.5;
        ui.label(egui::RichText::new(text).strong().color(if dead {
            ui.visuals().warn_fg_color
        } else {
            ui.visuals().text_color()
        }));
    }
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
                        .map(|m| (m, row.get(m)));
                    for (i, (m, value)) in figures.enumerate() {
                        let entry = words.measure(m.key());
                        ui.label(&entry.label).on_hover_text(entry.tooltip());
                        ui.label(figure_text(m, value));
                        if i % 2 == 1 {
                            ui.end_row();
                        }
                    }
                });
        });
}

/// A world figure as the panel writes it, as the quantity it is: people
/// in thousands, shares as percentages, counts whole, months with one
/// decimal, the rest with two.
fn figure_text(m: Measure, value: f64) -> String {
    use Measure as M;
    match m {
        M::Population
        | M::ExcessDeaths
        | M::DeathsHunger
        | M::DeathsIllHealth
        | M::DeathsEpidemic
        | M::Missing => thousands(value),
        M::PoorestBasicsCoverage
        | M::Unemployment
        | M::StaffShare
        | M::Inflation
        | M::PoorestHurtMost
        | M::BasicsByNeed
        | M::Cooperatives
        | M::CommonsTrust => format!("{:.1}%", value * 100.0),
        M::Episodes | M::PilotsExtended | M::PilotsReversed | M::PilotsEnded | M::PilotsCrushed => {
            format!("{value:.0}")
        }
        M::EpisodeMonths => format!("{value:.1} months"),
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

#[cfg(test)]
mod tests {
    use super::{event_line, event_lines};
    use crate::sim::crisis::{Happening, Logged};
    use crate::sim::institutions::LeverValue;

    #[test]
    fn a_lever_move_reads_in_the_panels_words() {
        let words = crate::explain::Explanations::load(crate::explain::default_path())
            .expect("the explanations load");
        let entry = Logged {
            tick: 12,
            place: None,
            what: Happening::LeverMoved {
                lever: "mutual_aid_share",
                from: Some(LeverValue::Number(0.1)),
                to: LeverValue::Number(0.5),
            },
        };
        let label = &words.lever("mutual_aid_share").label;
        let line = event_line(&entry, &words, None);
        assert!(
            !label.is_empty() && !line.contains("mutual_aid_share"),
            "{line}"
        );
        assert_eq!(
            line,
            format!("Month 12, everywhere: {label} moved from 0.1 to 0.5")
        );
    }

    /// Counts print whole and shares as percentages: "16 episodes", not
    /// "16.00".
    #[test]
    fn world_figures_print_as_the_quantities_they_are() {
        use super::figure_text;
        use crate::sim::measures::Measure;
        assert_eq!(figure_text(Measure::Episodes, 16.0), "16");
        assert_eq!(figure_text(Measure::PilotsEnded, 3.0), "3");
        assert_eq!(figure_text(Measure::Cooperatives, 0.25), "25.0%");
        assert_eq!(figure_text(Measure::EpisodeMonths, 19.49), "19.5 months");
    }

    /// A captor's check, a swing and a pilot step name levers and regimes
    /// as the panel does, never by their file names.
    #[test]
    fn captors_swings_and_pilots_read_in_the_panels_words() {
        let words = crate::explain::Explanations::load(crate::explain::default_path())
            .expect("the explanations load");
        for what in [
            Happening::CheckRemoved {
                group: "officials",
                lever: "emergency_sunset_months",
            },
            Happening::Swung {
                from: "central_plan".into(),
                to: "social_market".into(),
                support: 0.4,
            },
            Happening::PilotMoved {
                lever: "pilot_basics_by_need",
                from: 0.2,
                to: 0.4,
                support: 0.65,
            },
        ] {
            let line = event_line(
                &Logged {
                    tick: 30,
                    place: Some("Ashford".into()),
                    what,
                },
                &words,
                None,
            );
            assert!(
                line.starts_with("Month 30, Ashford: ") && !line.contains('_'),
                "{line}"
            );
        }
    }

    /// One move landing in twelve regions in a month is one line; a move in
    /// another month, or to another value, is a line of its own.
    #[test]
    fn a_move_that_lands_in_many_regions_is_one_line() {
        let words = crate::explain::Explanations::load(crate::explain::default_path())
            .expect("the explanations load");
        let moved = |tick, place: &str, to| Logged {
            tick,
            place: Some(place.into()),
            what: Happening::LeverMoved {
                lever: "mutual_aid_share",
                from: Some(LeverValue::Number(0.1)),
                to: LeverValue::Number(to),
            },
        };
        let mut log: Vec<Logged> = (0..12).map(|i| moved(13, &format!("R{i}"), 0.5)).collect();
        log.push(moved(14, "R0", 0.5));
        log.push(moved(14, "R1", 0.3));
        let lines = event_lines(log.iter().rev(), &words, 200);
        let label = &words.lever("mutual_aid_share").label;
        assert_eq!(
            lines,
            vec![
                format!("Month 14, R1: {label} moved from 0.1 to 0.3"),
                format!("Month 14, R0: {label} moved from 0.1 to 0.5"),
                format!("Month 13, 12 regions: {label} moved from 0.1 to 0.5"),
            ]
        );
        assert_eq!(
            event_lines(log.iter().rev(), &words, 1).len(),
            1,
            "at most as many as asked"
        );
    }
}
