//! The battery's figures, as PNG, drawn from the runs alone (so merged
//! shards draw the same pixels): for each settings, a heat map of every
//! regime's mean rank on each criterion over the scenarios, and for each
//! scenario bars of every regime's criteria with their spread over seeds.
//! Drawn with plotters' bitmap backend; its text is egui's default font
//! (Ubuntu Light), built in, so a machine without fonts draws the same.

use std::path::Path;
use std::sync::OnceLock;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Outcome, cell, mean_rank, of_settings, regimes_of, scenarios_of};
use crate::headless::RunError;
use crate::sim::measures::Measure;
use crate::words::measure;

/// The font every figure writes in.
const FONT: &str = "sans-serif";

/// Okabe and Ito's colours, told apart without red-green vision, one per
/// regime in the order the battery runs them (again from the first past
/// seven).
const REGIME_COLOURS: [RGBColor; 7] = [
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(0, 158, 115),
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(204, 121, 167),
    RGBColor(240, 228, 66),
];

/// Makes the built-in font the one figures write in, once per process; a
/// font that would not load is an error naming the figure, not figures
/// without words.
fn register_font(path: &Path) -> Result<(), RunError> {
    static LOADED: OnceLock<bool> = OnceLock::new();
    let loaded = *LOADED.get_or_init(|| {
        plotters::style::register_font(FONT, FontStyle::Normal, epaint_default_fonts::UBUNTU_LIGHT)
            .is_ok()
    });
    if loaded {
        Ok(())
    } else {
        Err(failed(
            path,
            "the built-in font for the figures' text would not load",
        ))
    }
}

/// A mean rank's colour in a heat map of `regimes` regimes, light (the
/// worst rank) to dark blue (the best): one hue, so no pair of colours
/// needs telling apart; and whether it is dark enough to want white ink.
/// The PNG and the window's scorecard both shade by it.
pub fn rank_colour(mean_rank: f64, regimes: usize) -> ([u8; 3], bool) {
    let n = regimes.max(1) as f64;
    let t = if n > 1.0 {
        ((n - mean_rank) / (n - 1.0)).clamp(0.0, 1.0)
    } else {
        1.0
    };
    let shade = |light: f64, dark: f64| (light + (dark - light) * t).round() as u8;
    (
        [shade(239.0, 8.0), shade(243.0, 48.0), shade(255.0, 107.0)],
        t > 0.55,
    )
}

/// A drawing error as the battery reports it: the file it was drawing.
fn failed(path: &Path, e: impl std::fmt::Display) -> RunError {
    RunError::Write {
        path: path.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    }
}

/// The heat map's file for a settings.
pub(super) fn ranks_file(settings: &str) -> String {
    if settings == super::AS_SHIPPED {
        "ranks.png".into()
    } else {
        format!("ranks-{settings}.png")
    }
}

/// A scenario's bars' file for a settings, in the `bars` folder: its
/// battery name with `/` as `-` and without `.ron`.
pub(super) fn bars_file(scenario: &str, settings: &str) -> String {
    let name = scenario.trim_end_matches(".ron").replace('/', "-");
    if settings == super::AS_SHIPPED {
        format!("bars/{name}.png")
    } else {
        format!("bars/{name}-{settings}.png")
    }
}

/// Every figure of the outcomes of each settings given, written under
/// `out`.
pub(super) fn write(out: &Path, outcomes: &[Outcome], settings: &[&str]) -> Result<(), RunError> {
    register_font(out)?;
    for &s in settings {
        let group = of_settings(outcomes, s);
        if group.is_empty() {
            continue;
        }
        ranks(&out.join(ranks_file(s)), &group, s)?;
        for scenario in scenarios_of(&group) {
            let path = out.join(bars_file(&scenario, s));
            if let Some(folder) = path.parent() {
                std::fs::create_dir_all(folder).map_err(|source| RunError::Write {
                    path: folder.to_path_buf(),
                    source,
                })?;
            }
            bars(&path, &group, &scenario, s)?;
        }
    }
    Ok(())
}

/// A heat map of each regime's mean rank on each criterion over the
/// scenarios of one settings: regimes as rows, criteria as columns, darker
/// the better the rank (one hue, so no pair of colours needs telling
/// apart), the mean rank and the scenarios it led written in each cell.
fn ranks(path: &Path, group: &[Outcome], settings: &str) -> Result<(), RunError> {
    let (regimes, scenarios) = (regimes_of(group), scenarios_of(group));
    let (left, top, w, h) = (170, 60, 110, 44);
    let width = left + w * Measure::CRITERIA.len() as u32 + 20;
    let height = top + h * regimes.len() as u32 + 30;
    let root = BitMapBackend::new(path, (width, height)).into_drawing_area();
    let draw = || -> Result<(), Box<dyn std::error::Error>> {
        root.fill(&WHITE)?;
        let text = |size: f64, colour: &'static RGBColor, h: HPos| {
            TextStyle::from((FONT, size).into_font())
                .color(colour)
                .pos(Pos::new(h, VPos::Center))
        };
        root.draw_text(
            &format!(
                "Mean rank over {} scenarios ({settings}): 1 is best; in brackets, scenarios led",
                scenarios.len()
            ),
            &text(16.0, &BLACK, HPos::Left),
            (10, 22),
        )?;
        for (j, m) in Measure::CRITERIA.into_iter().enumerate() {
            let x = left + w * j as u32 + w / 2;
            root.draw_text(
                &measure(m),
                &text(13.0, &BLACK, HPos::Center),
                (x as i32, top as i32 - 14),
            )?;
        }
        for (i, regime) in regimes.iter().enumerate() {
            let y = top + h * i as u32;
            root.draw_text(
                &regime.replace('_', " "),
                &text(14.0, &BLACK, HPos::Left),
                (10, (y + h / 2) as i32),
            )?;
            for (j, m) in Measure::CRITERIA.into_iter().enumerate() {
                let (mean, led) = mean_rank(group, regime, m);
                let ([r, g, b], dark) = rank_colour(mean, regimes.len());
                let fill = RGBColor(r, g, b);
                let ink = if dark { &WHITE } else { &BLACK };
                let x = left + w * j as u32;
                let corner = |dx: u32, dy: u32| ((x + dx) as i32, (y + dy) as i32);
                root.draw(&Rectangle::new(
                    [corner(1, 1), corner(w - 1, h - 1)],
                    fill.filled(),
                ))?;
                root.draw_text(
                    &format!("{mean:.1} ({led})"),
                    &text(14.0, ink, HPos::Center),
                    corner(w / 2, h / 2),
                )?;
            }
        }
        root.present()?;
        Ok(())
    };
    draw().map_err(|e| failed(path, e))
}

/// One scenario's bars: each criterion's mean over seeds under every
/// regime, side by side, with a whisker of ± one standard deviation.
fn bars(path: &Path, group: &[Outcome], scenario: &str, settings: &str) -> Result<(), RunError> {
    let regimes = regimes_of(group);
    let root = BitMapBackend::new(path, (1000, 440)).into_drawing_area();
    let slots = regimes.len() as f64 + 1.0;
    let span = slots * Measure::CRITERIA.len() as f64;
    let draw = || -> Result<(), Box<dyn std::error::Error>> {
        root.fill(&WHITE)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                format!("{scenario} ({settings}): mean ± standard deviation over seeds"),
                (FONT, 18),
            )
            .margin(12)
            .x_label_area_size(28)
            .y_label_area_size(40)
            .build_cartesian_2d(0.0..span, 0.0..100.0)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_labels(6)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .light_line_style(WHITE)
            .label_style((FONT, 13))
            .draw()?;
        for (i, regime) in regimes.iter().enumerate() {
            let colour = REGIME_COLOURS[i % REGIME_COLOURS.len()];
            let figures: Vec<(f64, f64, f64)> = Measure::CRITERIA
                .into_iter()
                .enumerate()
                .map(|(j, m)| {
                    let (mean, spread, _) = cell(group, regime, Some(scenario), m);
                    (j as f64 * slots + 0.5 + i as f64, mean, spread)
                })
                .collect();
            chart
                .draw_series(figures.iter().map(|&(x, mean, _)| {
                    Rectangle::new(
                        [(x, 0.0), (x + 0.85, mean.clamp(0.0, 100.0))],
                        colour.filled(),
                    )
                }))?
                .label(regime.replace('_', " "))
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 5), (x + 12, y + 5)], colour.filled())
                });
            chart.draw_series(figures.iter().map(|&(x, mean, spread)| {
                let mid = x + 0.425;
                PathElement::new(
                    vec![
                        (mid, (mean - spread).clamp(0.0, 100.0)),
                        (mid, (mean + spread).clamp(0.0, 100.0)),
                    ],
                    BLACK.stroke_width(1),
                )
            }))?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .label_font((FONT, 13))
            .draw()?;
        // Each criterion's name under its group of bars.
        for (j, m) in Measure::CRITERIA.into_iter().enumerate() {
            let (x, y) = chart.backend_coord(&(j as f64 * slots + slots / 2.0, 0.0));
            root.draw_text(
                &measure(m),
                &TextStyle::from((FONT, 13).into_font()).pos(Pos::new(HPos::Center, VPos::Top)),
                (x, y + 6),
            )?;
        }
        root.present()?;
        Ok(())
    };
    draw().map_err(|e| failed(path, e))
}
