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

/// One run's curves: its history and the regime it runs under.
pub(super) struct Curves<'a> {
    /// Its measures, one row per month.
    pub(super) history: &'a History,
    /// The regime's name as the panel shows it, e.g. `adaptive mutualism`.
    pub(super) regime: String,
}

/// How much of a criterion's colour the projection keeps: faint beside the
/// run's own line.
const PROJECTION_ALPHA: f32 = 0.4;

/// Draws the chart, `height` points tall: this run's criteria solid, the
/// comparison's (if any) dashed in the same colours, and where this run is
/// heading (`projection`, every month to the scenario's end) faint from
/// this run's month on.
pub(super) fn criteria_chart(
    ui: &mut egui::Ui,
    this: &Curves,
    comparison: Option<&Curves>,
    projection: &[MeasureRow],
    applied: &[(u32, &'static str)],
    shocks: &[(u32, String)],
    words: &Explanations,
    height: f32,
) {
    let dark = ui.visuals().dark_mode;
    let last = [Some(this), comparison]
        .into_iter()
        .flatten()
        .filter_map(|c| c.history.rows.last())
        .chain(projection.last())
        .map(|r| r.tick as f64)
        .fold(12.0, f64::max);
    let now = this.history.rows.last().map_or(0, |r| r.tick);
    let ahead: Vec<&MeasureRow> = projection.iter().filter(|r| r.tick >= now).collect();
    years_plot("criteria", height, last).show(ui, |plot| {
        for m in Measure::CRITERIA {
            let name = m.key();
            if ahead.len() > 1 {
                let points: PlotPoints = ahead.iter().map(|r| [r.tick as f64, r.get(m)]).collect();
                plot.line(
                    Line::new(
                        format!("{}, where it is heading", words.measure(name).label),
                        points,
                    )
                    .color(colour(dark, m).gamma_multiply(PROJECTION_ALPHA))
                    .width(2.0),
                );
            }
            if let Some(other) = comparison {
                plot.line(
                    Line::new(
                        format!("{}, {}", words.measure(name).label, other.regime),
                        criterion_points(other.history, m),
                    )
                    .color(colour(dark, m))
                    .width(2.0)
                    .style(DASHED),
                );
            }
            let label = match comparison {
                Some(_) => format!("{}, {}", words.measure(name).label, this.regime),
                None => words.measure(name).label.clone(),
            };
            plot.line(
                Line::new(label, criterion_points(this.history, m))
                    .color(colour(dark, m))
                    .width(2.5),
            );
        }
        for (tick, name) in applied {
            plot.vline(
                VLine::new(format!("lever: {}", words.lever(name).label), *tick as f64)
                    .color(egui::Color32::from_gray(170))
                    .style(LineStyle::dashed_loose()),
            );
        }
        for (tick, what) in shocks {
            plot.vline(
                VLine::new(what.clone(), *tick as f64)
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

/// The chart's key: a line sample and name for each run's regime, then the
/// latest value of each criterion in its line's colour, the comparison's
/// beside this run's.
pub(super) fn key(
    ui: &mut egui::Ui,
    this: &Curves,
    comparison: Option<&Curves>,
    projection: &[MeasureRow],
    words: &Explanations,
) -> Option<Measure> {
    let dark = ui.visuals().dark_mode;
    let this_row = this.history.latest();
    let other_row = comparison.and_then(|c| c.history.latest());
    ui.horizontal(|ui| {
        line_sample(ui, false);
        ui.label(&this.regime);
        if comparison.is_some() {
            ui.weak("(this run)");
        }
    });
    if let Some(other) = comparison {
        ui.horizontal(|ui| {
            line_sample(ui, true);
            ui.label(&other.regime);
            let (this_tick, other_tick) = (this_row.map(|r| r.tick), other_row.map(|r| r.tick));
            if other_tick != this_tick {
                ui.weak(format!(
                    "(comparison, month {} of {})",
                    other_tick.unwrap_or(0),
                    this_tick.unwrap_or(0)
                ));
            } else {
                ui.weak("(comparison)");
            }
        });
    }
    let this_row = this_row?;
    let mut asked = None;
    let end = projection.last().filter(|end| end.tick > this_row.tick);
    let columns = 2 + 2 * usize::from(comparison.is_some()) + usize::from(end.is_some());
    egui::Grid::new("criteria key")
        .num_columns(columns)
        .spacing(egui::vec2(18.0, 2.0))
        .show(ui, |ui| {
            ui.label("");
            line_sample(ui, false);
            if comparison.is_some() {
                line_sample(ui, true);
                ui.weak("difference")
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
            for m in Measure::CRITERIA {
                let name = m.key();
                let this_value = this_row.get(m);
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
                        "{}\n\nClick: why did it move this last year?",
                        words.measure(name).tooltip()
                    ))
                    .clicked();
                if clicked {
                    asked = Some(m);
                }
                ui.label(egui::RichText::new(format!("{this_value:.0}")).strong());
                match (comparison.is_some(), other_row) {
                    (true, Some(row)) => {
                        let other_value = row.get(m);
                        ui.label(egui::RichText::new(format!("{other_value:.0}")).strong());
                        ui.label(signed(this_value - other_value));
                    }
                    (true, None) => {
                        ui.weak("…");
                        ui.label("");
                    }
                    (false, _) => {}
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
            let this_dead = this_row.get(deaths);
            ui.label(egui::RichText::new(thousands(this_dead)).strong());
            match (comparison.is_some(), other_row) {
                (true, Some(row)) => {
                    let other_dead = row.get(deaths);
                    ui.label(egui::RichText::new(thousands(other_dead)).strong());
                    let difference = this_dead - other_dead;
                    let sign = if difference > 0.0 {
                        "+"
                    } else if difference < 0.0 {
                        "−"
                    } else {
                        ""
                    };
                    ui.label(format!("{sign}{}", thousands(difference.abs())));
                }
                (true, None) => {
                    ui.weak("…");
                    ui.label("");
                }
                (false, _) => {}
            }
            if let Some(end) = end {
                ui.weak(thousands(end.get(deaths)));
            }
            ui.end_row();
        });
    asked
}

/// A short stretch of line, solid or dashed, as the key's sample of a style.
fn line_sample(ui: &mut egui::Ui, dashed: bool) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(30.0, 12.0), egui::Sense::hover());
    let ends = [rect.left_center(), rect.right_center()];
    let stroke = egui::Stroke::new(2.5, ui.visuals().strong_text_color());
    if dashed {
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
