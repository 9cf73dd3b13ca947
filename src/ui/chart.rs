//! The chart of the criteria (0..100) over the months run, from the
//! model's history, with a dashed vertical line wherever a lever change was
//! applied; a comparison run's criteria are drawn dashed in the same
//! colours. Below it, the key: which regime each line style is, and each
//! criterion's latest value, the two runs side by side.

use bevy_egui::egui;
use egui_plot::{Line, LineStyle, Plot, PlotPoints, VLine};

use super::panel::thousands;
use crate::explain::Explanations;
use crate::sim::measures::{History, Measure, MeasureRow};

/// The colour of a criterion's line on a dark chart or a light one: the eight of Okabe
/// and Ito's palette for colour-blind readers (2008), its black drawn light
/// grey on a dark chart and its yellow darkened on a light one; raw
/// figures, which have no line, are grey.
pub(super) fn colour(dark: bool, criterion: Measure) -> egui::Color32 {
    match criterion {
        Measure::PowerDispersion if !dark => egui::Color32::BLACK,
        Measure::Equity if !dark => egui::Color32::from_rgb(170, 150, 0),
        Measure::Capability => egui::Color32::from_rgb(86, 180, 233), // sky blue
        Measure::Ecology => egui::Color32::from_rgb(0, 158, 115),     // bluish green
        Measure::Equity => egui::Color32::from_rgb(240, 228, 66),     // yellow
        Measure::Cohesion => egui::Color32::from_rgb(204, 121, 167),  // reddish purple
        Measure::Prosperity => egui::Color32::from_rgb(213, 94, 0),   // vermillion
        Measure::Resilience => egui::Color32::from_rgb(0, 114, 178),  // blue
        Measure::PowerDispersion => egui::Color32::from_rgb(200, 200, 200), // black, drawn light
        Measure::Voice => egui::Color32::from_rgb(230, 159, 0),       // orange
        _ => egui::Color32::GRAY,
    }
}

/// Years between labelled marks on the time axis for a span of `months`:
/// 1, 2, 5, 10, 20 or 50, about five marks across.
fn year_step(months: f64) -> f64 {
    let years = months / 12.0;
    [1.0, 2.0, 5.0, 10.0, 20.0, 50.0]
        .into_iter()
        .find(|&step| years / step <= 6.0)
        .unwrap_or(100.0)
}

/// A chart `height` points tall of a 0..100 figure over the months from 0
/// to `last`, its axis in years from the start (whole steps labelled), fixed
/// in place: what both the criteria and the transition are drawn on.
fn years_plot(id: &str, height: f32, last: f64) -> Plot<'_> {
    Plot::new(id)
        .height(height)
        .include_y(0.0)
        .include_y(100.0)
        .include_x(0.0)
        .include_x(last)
        .x_axis_label("year")
        .x_grid_spacer(egui_plot::uniform_grid_spacer(|input| {
            let step = 12.0 * year_step(input.bounds.1 - input.bounds.0);
            [step, 5.0 * step, 10.0 * step]
        }))
        .x_axis_formatter(|mark, range| {
            let step = 12.0 * year_step(range.end() - range.start());
            // Label whole steps only, in years from the start.
            if (mark.value / step).fract().abs() < 1e-6 {
                format!("{}", (mark.value / 12.0).round())
            } else {
                String::new()
            }
        })
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
}

/// The comparison's lines: dashes this long (points), gaps in proportion.
const DASHED: LineStyle = LineStyle::Dashed { length: 7.0 };

/// One run's curves: its history, the regime it runs under, and where it
/// is heading.
pub(super) struct Curves<'a> {
    /// Its measures, one row per month.
    pub(super) history: &'a History,
    /// The regime's name as the panel shows it, e.g. `adaptive mutualism`.
    pub(super) regime: String,
    /// Every month to the scenario's end as things stand (empty while it is
    /// worked out, or hidden until a prediction is answered); drawn faintly
    /// from the run's month on.
    pub(super) ahead: &'a [MeasureRow],
}

impl Curves<'_> {
    /// The rows ahead of the run's month (none unless there are two).
    fn heading(&self) -> Vec<&MeasureRow> {
        let now = self.history.rows.last().map_or(0, |r| r.tick);
        let ahead: Vec<&MeasureRow> = self.ahead.iter().filter(|r| r.tick >= now).collect();
        if ahead.len() > 1 { ahead } else { Vec::new() }
    }
}

/// How much of a criterion's colour the lines ahead keep: faint beside the
/// run's own line.
const PROJECTION_ALPHA: f32 = 0.4;

/// Marks closer together than this share of the chart's span are one mark,
/// so that the curves stay visible under a decade of weather on a
/// continent.
const MARK_SPACING: f64 = 1.0 / 40.0;

/// A mark on the time axis: its month, and what happened then.
pub(super) type Mark = (u32, String);

/// Marks on the time axis, as the chart draws them: those
/// within `within` months of a group's first are one mark at its month,
/// named for all of them ("drought ×3, months 12 to 20", or "4 marks,
/// months 12 to 20: drought, pandemic").
pub(super) fn thinned(marks: &[Mark], within: u32) -> Vec<Mark> {
    let mut sorted: Vec<&Mark> = marks.iter().collect();
    sorted.sort_by_key(|m| m.0);
    let mut groups: Vec<Vec<&Mark>> = Vec::new();
    for mark in sorted {
        match groups.last_mut() {
            Some(group) if mark.0 < group[0].0 + within.max(1) => group.push(mark),
            _ => groups.push(vec![mark]),
        }
    }
    groups
        .into_iter()
        .map(|group| {
            let (first, last) = (group[0].0, group[group.len() - 1].0);
            if group.len() == 1 {
                return (first, group[0].1.clone());
            }
            let mut names: Vec<&str> = Vec::new();
            for (_, what) in &group {
                if !names.contains(&what.as_str()) {
                    names.push(what);
                }
            }
            let when = if first == last {
                format!("month {first}")
            } else {
                format!("months {first} to {last}")
            };
            let label = match names.as_slice() {
                [one] => format!("{one} ×{}, {when}", group.len()),
                _ => format!("{} marks, {when}: {}", group.len(), names.join(", ")),
            };
            (first, label)
        })
        .collect()
}

/// Draws the chart, `height` points tall, of the `shown` criteria over the
/// months from 0 to `end` (the scenario's, so the axis never jumps): this
/// run's solid, the comparison's (if any) dashed in the same colours, and
/// where each is heading faint from its month on; lever moves and shocks
/// marked, thinned where they crowd.
pub(super) fn criteria_chart(
    ui: &mut egui::Ui,
    (this, comparison): (&Curves, Option<&Curves>),
    left: Option<(&[MeasureRow], u32)>,
    shown: &[Measure],
    (levers, shocks): (&[Mark], &[Mark]),
    end: u32,
    words: &Explanations,
    height: f32,
) {
    let dark = ui.visuals().dark_mode;
    let last = [Some(this), comparison]
        .into_iter()
        .flatten()
        .filter_map(|c| c.history.rows.last())
        .map(|r| r.tick as f64)
        .fold(f64::from(end.max(12)), f64::max);
    let within = (last * MARK_SPACING).round() as u32;
    let (levers, shocks) = (thinned(levers, within), thinned(shocks, within));
    let (here, there) = (this.heading(), comparison.map(Curves::heading));
    years_plot("criteria", height, last).show(ui, |plot| {
        for &m in shown {
            let label = &words.measure(m.key()).label;
            let run_name = |c: &Curves| match comparison {
                Some(_) => format!("{label}, {}", c.regime),
                None => label.clone(),
            };
            let faint = colour(dark, m).gamma_multiply(PROJECTION_ALPHA);
            // Where a run is heading: faint, dashed for the comparison.
            let mut heading = |c: &Curves, rows: &[&MeasureRow], style: LineStyle| {
                if !rows.is_empty() {
                    let points: PlotPoints =
                        rows.iter().map(|r| [r.tick as f64, r.get(m)]).collect();
                    plot.line(
                        Line::new(format!("{}, where it is heading", run_name(c)), points)
                            .color(faint)
                            .width(2.0)
                            .style(style),
                    );
                }
            };
            heading(this, &here, LineStyle::Solid);
            if let (Some(other), Some(there)) = (comparison, &there) {
                heading(other, there, DASHED);
                plot.line(
                    Line::new(run_name(other), criterion_points(other.history, m))
                        .color(colour(dark, m))
                        .width(2.0)
                        .style(DASHED),
                );
            }
            if let Some((rows, from)) = left {
                let before: PlotPoints = rows
                    .iter()
                    .filter(|r| r.tick >= from)
                    .map(|r| [r.tick as f64, r.get(m)])
                    .collect();
                plot.line(
                    Line::new(format!("{label}, before going back"), before)
                        .color(faint)
                        .width(1.5)
                        .style(LineStyle::dotted_dense()),
                );
            }
            plot.line(
                Line::new(run_name(this), criterion_points(this.history, m))
                    .color(colour(dark, m))
                    .width(2.5),
            );
        }
        for (tick, what) in levers {
            plot.vline(
                VLine::new(format!("lever: {what}"), tick as f64)
                    .color(egui::Color32::from_gray(170))
                    .style(LineStyle::dashed_loose()),
            );
        }
        for (tick, what) in shocks {
            plot.vline(
                VLine::new(what, tick as f64)
                    .color(egui::Color32::from_rgb(230, 120, 60))
                    .style(LineStyle::dashed_dense()),
            );
        }
    });
}

/// The colour of a transition share's line: three of Okabe and Ito's
/// palette, unlike the criteria's on this small chart of its own.
fn transition_colour(m: Measure) -> egui::Color32 {
    match m {
        Measure::BasicsByNeed => egui::Color32::from_rgb(86, 180, 233), // sky blue
        Measure::Cooperatives => egui::Color32::from_rgb(213, 94, 0),   // vermillion
        _ => egui::Color32::from_rgb(0, 158, 115),                      // bluish green
    }
}

/// Whether a history shows a transition worth a chart: a region moved a
/// pilot, or some domain is part-way under a pilot's institution.
pub(super) fn transition_shown(history: &History) -> bool {
    history.latest().is_some_and(|r| {
        r.pilots_extended + r.pilots_reversed > 0.0
            || Measure::TRANSITION
                .iter()
                .any(|&m| r.get(m) > 0.0 && r.get(m) < 1.0)
    })
}

/// The transition's chart, `height` points tall: per domain, the share of
/// people under the pilot's institution (0..100%), each named in the key
/// with the year it first reached half.
pub(super) fn transition_chart(
    ui: &mut egui::Ui,
    history: &History,
    words: &Explanations,
    height: f32,
) {
    let last = history
        .latest()
        .map_or(12.0, |r| f64::from(r.tick).max(12.0));
    years_plot("transition", height, last)
        .legend(egui_plot::Legend::default().position(egui_plot::Corner::LeftTop))
        .show(ui, |plot| {
            for m in Measure::TRANSITION {
                let half = match crate::sim::measures::first_reaching(&history.rows, m, 0.5) {
                    Some(tick) => format!("half in year {}", tick.div_ceil(12)),
                    None => "not yet half".to_string(),
                };
                let points: PlotPoints = history
                    .rows
                    .iter()
                    .map(|r| [f64::from(r.tick), 100.0 * r.get(m)])
                    .collect();
                plot.line(
                    Line::new(format!("{} ({half})", words.measure(m.key()).label), points)
                        .color(transition_colour(m))
                        .width(2.0),
                );
            }
        });
}

/// A criterion's value in every month of a history, as chart points.
fn criterion_points(history: &History, m: Measure) -> PlotPoints<'static> {
    history
        .rows
        .iter()
        .map(|r| [r.tick as f64, r.get(m)])
        .collect()
}

/// The chart's key, from month 0: a line sample and name for each run and
/// for where each is heading, then the `shown` criteria's latest values in
/// their lines' colours, the comparison's beside this run's, and this
/// run's at the scenario's end. Returns the criterion clicked, if one was.
pub(super) fn key(
    ui: &mut egui::Ui,
    (this, comparison): (&Curves, Option<&Curves>),
    shown: &[Measure],
    words: &Explanations,
) -> Option<Measure> {
    let dark = ui.visuals().dark_mode;
    let this_row = this.history.latest();
    let other_row = comparison.and_then(|c| c.history.latest());
    let sample = |ui: &mut egui::Ui, style: Sample, name: &str, note: String| {
        ui.horizontal(|ui| {
            line_sample(ui, style);
            ui.label(name);
            if !note.is_empty() {
                ui.weak(note);
            }
        });
    };
    let note = |text: &str| {
        if comparison.is_some() {
            text.to_string()
        } else {
            String::new()
        }
    };
    sample(ui, Sample::Solid, &this.regime, note("(this run)"));
    if !this.heading().is_empty() {
        sample(
            ui,
            Sample::Faint,
            "where this run is heading",
            String::new(),
        );
    }
    if let Some(other) = comparison {
        let (this_tick, other_tick) = (this_row.map(|r| r.tick), other_row.map(|r| r.tick));
        let note = if other_tick == this_tick {
            "(comparison)".to_string()
        } else {
            format!(
                "(comparison, month {} of {})",
                other_tick.unwrap_or(0),
                this_tick.unwrap_or(0)
            )
        };
        sample(ui, Sample::Dashed, &other.regime, note);
        if !other.heading().is_empty() {
            sample(
                ui,
                Sample::FaintDashed,
                &format!("where the {} is heading", other.regime),
                String::new(),
            );
        }
    }
    let mut asked = None;
    // The value at the scenario's end, where the panel has room for it
    // (the faint lines show it too).
    let end = this
        .ahead
        .last()
        .filter(|end| this_row.is_none_or(|r| end.tick > r.tick))
        .filter(|_| comparison.is_none() || ui.available_width() >= 340.0);
    let columns = 2 + 2 * usize::from(comparison.is_some()) + usize::from(end.is_some());
    let value = |row: Option<&MeasureRow>, m: Measure| {
        row.map_or("–".to_string(), |r| format!("{:.0}", r.get(m)))
    };
    egui::Grid::new("criteria key")
        .num_columns(columns)
        .spacing(egui::vec2(12.0, 2.0))
        .show(ui, |ui| {
            ui.label("");
            line_sample(ui, Sample::Solid);
            if comparison.is_some() {
                line_sample(ui, Sample::Dashed);
                ui.weak("gap")
                    .on_hover_text("This run's value minus the comparison's");
            }
            if let Some(end) = end {
                ui.weak(format!("year {}", end.tick.div_ceil(12)))
                    .on_hover_text(
                        "Where this run is heading (the faint lines): its value at the \
                     scenario's end with every change made so far and nothing more",
                    );
            }
            ui.end_row();
            for &m in shown {
                let name = m.key();
                let clicked = ui
                    .add(
                        egui::Label::new(
                            egui::RichText::new(&words.measure(name).label)
                                .color(colour(dark, m))
                                .strong(),
                        )
                        .sense(egui::Sense::click()),
                    )
                    .on_hover_text(format!(
                        "{}\n\nClick: why did it move, and why does it differ from the baseline?",
                        words.measure(name).tooltip()
                    ))
                    .clicked();
                if clicked {
                    asked = Some(m);
                }
                ui.label(egui::RichText::new(value(this_row, m)).strong());
                if comparison.is_some() {
                    ui.label(egui::RichText::new(value(other_row, m)).strong());
                    match (this_row, other_row) {
                        (Some(a), Some(b)) => ui.label(signed(a.get(m) - b.get(m))),
                        _ => ui.weak("…"),
                    };
                }
                if let Some(end) = end {
                    ui.label(
                        egui::RichText::new(format!("{:.0}", end.get(m)))
                            .color(colour(dark, m).gamma_multiply(0.8)),
                    );
                }
                ui.end_row();
            }
            // Lives beside the criteria: the excess deaths so far, in the
            // same columns, so the class reads a criterion with its dead.
            let deaths = Measure::ExcessDeaths;
            let entry = words.measure(deaths.key());
            ui.label(egui::RichText::new(&entry.label).strong())
                .on_hover_text(entry.tooltip());
            let dead = |row: Option<&MeasureRow>| {
                row.map_or("–".to_string(), |r| thousands(r.get(deaths)))
            };
            ui.label(egui::RichText::new(dead(this_row)).strong());
            if comparison.is_some() {
                ui.label(egui::RichText::new(dead(other_row)).strong());
                match (this_row, other_row) {
                    (Some(a), Some(b)) => {
                        let difference = a.get(deaths) - b.get(deaths);
                        let sign = if difference > 0.0 {
                            "+"
                        } else if difference < 0.0 {
                            "−"
                        } else {
                            ""
                        };
                        ui.label(format!("{sign}{}", thousands(difference.abs())))
                    }
                    _ => ui.weak("…"),
                };
            }
            if let Some(end) = end {
                ui.weak(thousands(end.get(deaths)));
            }
            ui.end_row();
        });
    asked
}

/// How a key's line sample is drawn: a run's line, solid or dashed, or
/// where it is heading, faint.
#[derive(Clone, Copy)]
enum Sample {
    Solid,
    Dashed,
    Faint,
    FaintDashed,
}

/// A short stretch of line in a sample's style, for the key.
fn line_sample(ui: &mut egui::Ui, style: Sample) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(30.0, 12.0), egui::Sense::hover());
    let ends = [rect.left_center(), rect.right_center()];
    let colour = ui.visuals().strong_text_color();
    let colour = match style {
        Sample::Faint | Sample::FaintDashed => colour.gamma_multiply(PROJECTION_ALPHA),
        Sample::Solid | Sample::Dashed => colour,
    };
    let stroke = egui::Stroke::new(2.5, colour);
    if matches!(style, Sample::Dashed | Sample::FaintDashed) {
        ui.painter()
            .extend(egui::Shape::dashed_line(&ends, stroke, 6.0, 4.0));
    } else {
        ui.painter().line_segment(ends, stroke);
    }
}

/// A difference of criteria rounded to a whole point, with its sign.
fn signed(difference: f64) -> String {
    let rounded = difference.round();
    if rounded == 0.0 {
        "0".to_string()
    } else {
        format!("{rounded:+.0}")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn marks_that_crowd_are_one_mark_named_for_all() {
        let marks: Vec<(u32, String)> = [
            (30, "pandemic"),
            (12, "drought"),
            (14, "drought"),
            (16, "drought"),
            (60, "drought"),
            (62, "crash"),
        ]
        .into_iter()
        .map(|(t, w)| (t, w.to_string()))
        .collect();
        assert_eq!(
            super::thinned(&marks, 6),
            [
                (12, "drought ×3, months 12 to 16".to_string()),
                (30, "pandemic".to_string()),
                (60, "2 marks, months 60 to 62: drought, crash".to_string()),
            ]
        );
        assert_eq!(
            super::thinned(&marks, 0).len(),
            6,
            "none closer than a month"
        );
    }

    #[test]
    fn about_five_year_marks_across_any_span() {
        assert_eq!(super::year_step(60.0), 1.0);
        assert_eq!(super::year_step(360.0), 5.0);
        assert_eq!(super::year_step(1200.0), 20.0);
    }

    use super::*;

    #[test]
    fn differences_carry_their_sign_and_no_negative_zero() {
        assert_eq!(signed(4.6), "+5");
        assert_eq!(signed(-3.2), "-3");
        assert_eq!(signed(0.3), "0");
        assert_eq!(signed(-0.3), "0");
    }
}
