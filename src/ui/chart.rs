//! The chart of the criteria (0..100) over the months run, from the
//! model's history, with a dashed vertical line wherever a lever change was
//! applied.

use bevy_egui::egui;
use egui_plot::{Line, LineStyle, Plot, PlotPoints, VLine};

use crate::sim::measures::{History, MeasureRow};

/// Colours of the criteria lines, in `MeasureRow::COLUMNS` order after tick.
const COLOURS: [egui::Color32; MeasureRow::CRITERIA] = [
    egui::Color32::from_rgb(90, 160, 255),
    egui::Color32::from_rgb(60, 190, 90),
    egui::Color32::from_rgb(240, 180, 50),
    egui::Color32::from_rgb(220, 110, 220),
    egui::Color32::from_rgb(235, 90, 80),
];

/// Draws the chart, `height` points tall.
pub(super) fn criteria_chart(
    ui: &mut egui::Ui,
    history: &History,
    applied: &[(u32, &'static str)],
    height: f32,
) {
    let last = history.rows.last().map_or(12.0, |r| r.tick as f64);
    Plot::new("criteria")
        .height(height)
        .include_y(0.0)
        .include_y(100.0)
        .include_x(0.0)
        .include_x(last.max(12.0))
        .x_axis_label("month")
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show(ui, |plot| {
            for (i, name) in MeasureRow::COLUMNS[1..=MeasureRow::CRITERIA]
                .iter()
                .enumerate()
            {
                let points: PlotPoints = history
                    .rows
                    .iter()
                    .map(|r| [r.tick as f64, r.values()[i]])
                    .collect();
                plot.line(
                    Line::new(capitalised(name), points)
                        .color(COLOURS[i])
                        .width(2.5),
                );
            }
            for (tick, label) in applied {
                plot.vline(
                    VLine::new(format!("lever: {label}"), *tick as f64)
                        .color(egui::Color32::from_gray(170))
                        .style(LineStyle::dashed_loose()),
                );
            }
        });
}

/// The latest value of each criterion in its line's colour: the chart's key.
pub(super) fn latest_values(ui: &mut egui::Ui, row: &MeasureRow) {
    ui.horizontal_wrapped(|ui| {
        for (i, name) in MeasureRow::COLUMNS[1..=MeasureRow::CRITERIA]
            .iter()
            .enumerate()
        {
            let text = format!("{} {:.0}", capitalised(name), row.values()[i]);
            ui.label(egui::RichText::new(text).color(COLOURS[i]).strong());
            ui.add_space(6.0);
        }
    });
}

fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
