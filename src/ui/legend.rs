//! Over the map: each region's name and overlay value on its hex, and the
//! legend saying what the colours, markers and strokes mean, with units.

use crate::sim::crisis::Emergency;
use crate::sim::people::{Climate, Region};
use crate::sim::power::Capture;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use crate::explain::Explanations;
use crate::sim::base::goods::Sector;
use crate::sim::ecology::{Commons, CommonsKind};
use crate::view::camera::MapCamera;
use crate::view::hex::{HEX_SIZE, hex_to_world, world_to_hex};
use crate::view::map::{
    AID_COLOUR, DISEASE_COLOUR, PEOPLE_COLOUR, SHUT_COLOUR, TRADE_COLOUR, commons_colour,
    sector_colour,
};
use crate::view::overlay::{self, DifferenceMap, Differences, Overlay, ReadingData};

fn colour32([r, g, b]: [f32; 3]) -> egui::Color32 {
    egui::Color32::from_rgb((r * 255.0) as u8, (g * 255.0) as u8, (b * 255.0) as u8)
}

/// Draws the labels and the legend in the map's part of the window.
pub(super) fn legend_and_labels(
    mut contexts: EguiContexts,
    overlay: Res<Overlay>,
    camera: Single<(&Camera, &GlobalTransform, &Projection), With<MapCamera>>,
    regions: Query<(&Region, ReadingData, &Climate, &Emergency, &Capture)>,
    commons: Query<&Commons>,
    settings: Res<super::UiSettings>,
    explain: Res<super::Explain>,
    (difference, differences): (Res<DifferenceMap>, Res<Differences>),
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let (camera, global, projection) = camera.into_inner();
    let Some(viewport) = camera.logical_viewport_rect() else {
        return Ok(());
    };
    let zoom = ctx.zoom_factor();
    let map = egui::Rect::from_min_max(
        egui::pos2(viewport.min.x / zoom, viewport.min.y / zoom),
        egui::pos2(viewport.max.x / zoom, viewport.max.y / zoom),
    );

    // Labels, only while hexes are big enough on screen to hold them.
    let scale = match projection {
        Projection::Orthographic(o) => o.scale,
        _ => 1.0,
    };
    let hex_points = HEX_SIZE / scale / zoom;
    if hex_points > LABEL_MIN_HEX {
        let painter = ctx
            .layer_painter(egui::LayerId::new(
                egui::Order::Background,
                "map labels".into(),
            ))
            .with_clip_rect(map);
        let size = (hex_points * 0.24).clamp(12.0, 22.0);
        for (region, data, climate, emergency, capture) in &regions {
            let Ok(at) = camera.world_to_viewport(global, hex_to_world(region.hex).extend(0.0))
            else {
                continue;
            };
            let at = egui::pos2(at.x / zoom, at.y / zoom);
            let value = overlay.read(
                overlay::reading(data),
                region.commons.iter().filter_map(|&c| commons.get(c).ok()),
            );
            let value = if difference.0 {
                differences
                    .regions
                    .iter()
                    .find(|(name, _)| *name == region.name)
                    .map_or("–".to_string(), |(_, d)| points(*d))
            } else {
                value.map_or("no commons".to_string(), |v| overlay.format(v))
            };
            outlined(
                &painter,
                at - egui::vec2(0.0, size * 0.7),
                &region.name,
                size,
            );
            outlined(
                &painter,
                at + egui::vec2(0.0, size * 0.7),
                &value,
                size * 1.1,
            );
            let mut tags = crisis_tags(climate, emergency, capture);
            if *overlay == Overlay::Sick {
                // The hex's own label says it.
                tags.retain(|t| !t.ends_with("sick"));
            }
            let lines = fitted(&tags, &painter, size * 0.8, hex_points * 3f32.sqrt() * 0.9);
            for (i, line) in lines.iter().enumerate() {
                let up = size * (1.9 + 0.85 * (lines.len() - 1 - i) as f32);
                outlined_in(
                    &painter,
                    at - egui::vec2(0.0, up),
                    line,
                    size * 0.8,
                    egui::Color32::from_rgb(255, 170, 80),
                );
            }
        }
    }

    hover_card(&ctx, map, camera, global, &regions);

    egui::Area::new("legend".into())
        .fixed_pos(map.left_bottom() + egui::vec2(12.0, -12.0))
        .pivot(egui::Align2::LEFT_BOTTOM)
        .order(egui::Order::Middle)
        .show(&ctx, |ui| {
            // The whole key only where the map leaves room for it (it
            // would cover the figures panel) and outside presenter mode.
            let full = map.width() >= FULL_KEY_WIDTH && !settings.presenter;
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                if difference.0 {
                    let against = settings
                        .compare
                        .as_ref()
                        .map_or("the comparison".to_string(), |c| c.label());
                    difference_legend(ui, *overlay, &against, &differences);
                } else {
                    legend(ui, *overlay, full, &explain.0);
                }
            });
        });
    Ok(())
}

/// The key figures of the region under the pointer, in a card beside it.
fn hover_card(
    ctx: &egui::Context,
    map: egui::Rect,
    camera: &Camera,
    global: &GlobalTransform,
    regions: &Query<(&Region, ReadingData, &Climate, &Emergency, &Capture)>,
) {
    let Some(pointer) = ctx.pointer_hover_pos().filter(|p| map.contains(*p)) else {
        return;
    };
    if ctx.is_pointer_over_egui() {
        return;
    }
    let pixels = Vec2::new(pointer.x, pointer.y) * ctx.zoom_factor();
    let Ok(point) = camera.viewport_to_world_2d(global, pixels) else {
        return;
    };
    let hex = world_to_hex(point);
    let Some((region, data, ..)) = regions.iter().find(|(r, ..)| r.hex == hex) else {
        return;
    };
    let reading = overlay::reading(data);
    let percent = |overlay: Overlay| {
        overlay
            .read(reading, [])
            .map_or("–".to_string(), |v| overlay.format(v))
    };
    egui::Area::new("hover card".into())
        .fixed_pos(pointer + egui::vec2(18.0, 18.0))
        .order(egui::Order::Tooltip)
        .interactable(false)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.label(egui::RichText::new(&region.name).strong());
                ui.label(format!(
                    "{:.0} thousand people · follows {}",
                    reading.cohorts.population() / 1000.0,
                    reading.support.regime.replace('_', " ")
                ));
                ui.label(format!(
                    "capability {} · basics met {} · trust {}",
                    percent(Overlay::Capability),
                    percent(Overlay::BasicsCoverage),
                    percent(Overlay::Trust)
                ));
                ui.label(format!(
                    "voice {} · power dispersion {} · support {}",
                    percent(Overlay::Voice),
                    percent(Overlay::PowerDispersion),
                    percent(Overlay::Support)
                ));
            });
        });
}

/// Text with a dark outline, readable on any hex colour.
fn outlined(painter: &egui::Painter, at: egui::Pos2, text: &str, size: f32) {
    outlined_in(painter, at, text, size, egui::Color32::WHITE);
}

/// What is wrong in a region, in a few words for its hex: running shocks,
/// an epidemic, a credit crunch, a tripped circuit breaker, an emergency, a
/// captured council.
pub(super) fn crisis_tags(
    climate: &Climate,
    emergency: &Emergency,
    capture: &Capture,
) -> Vec<String> {
    let mut tags = Vec::new();
    if climate.drought.is_some() {
        tags.push("drought".to_string());
    }
    if climate.scarcity.is_some() {
        tags.push("scarcity".to_string());
    }
    if climate.infected >= 0.005 {
        tags.push(format!("{:.0}% sick", climate.infected * 100.0));
    } else if climate.infected > 1e-4 {
        tags.push("a few sick".to_string());
    }
    if climate.crunch > 0.05 {
        tags.push(format!("crunch {:.0}%", climate.crunch * 100.0));
    }
    if climate.breaker {
        tags.push("links shut".to_string());
    }
    if emergency.on {
        tags.push("emergency".to_string());
    }
    if let Some(group) = capture.by {
        tags.push(format!("captured by {}", group.name()));
    }
    tags
}

/// A region's tags in lines that fit its hex, `width` points across, so
/// neighbours' tags never run into each other: all on one line if they
/// fit, else one a line, two lines at most (the second says how many more
/// there are); a tag wider than the hex is cut short with "…".
fn fitted(tags: &[String], painter: &egui::Painter, size: f32, width: f32) -> Vec<String> {
    let font = egui::FontId::proportional(size);
    let wide = |text: &str| {
        painter
            .layout_no_wrap(text.to_string(), font.clone(), egui::Color32::WHITE)
            .size()
            .x
    };
    let cut = |text: &str| {
        let mut chars: Vec<char> = text.chars().collect();
        let mut out = text.to_string();
        while wide(&out) > width && chars.len() > 1 {
            chars.pop();
            out = format!("{}…", chars.iter().collect::<String>().trim_end());
        }
        out
    };
    let one = tags.join(" · ");
    if tags.is_empty() || wide(&one) <= width {
        return if tags.is_empty() {
            Vec::new()
        } else {
            vec![one]
        };
    }
    let mut lines = vec![cut(&tags[0])];
    match tags.len() {
        1 => {}
        2 => lines.push(cut(&tags[1])),
        n => lines.push(cut(&format!("{} +{}", tags[1], n - 2))),
    }
    lines
}

fn outlined_in(
    painter: &egui::Painter,
    at: egui::Pos2,
    text: &str,
    size: f32,
    colour: egui::Color32,
) {
    let font = egui::FontId::proportional(size);
    for d in [
        egui::vec2(-1.0, 0.0),
        egui::vec2(1.0, 0.0),
        egui::vec2(0.0, -1.0),
        egui::vec2(0.0, 1.0),
    ] {
        painter.text(
            at + d,
            egui::Align2::CENTER_CENTER,
            text,
            font.clone(),
            egui::Color32::from_black_alpha(220),
        );
    }
    painter.text(at, egui::Align2::CENTER_CENTER, text, font, colour);
}

/// The legend's contents, kept small so it hides little of the map.
/// The hex size (points, centre to corner) from which regions are
/// labelled: a 12-point name and value still fit inside.
const LABEL_MIN_HEX: f32 = 30.0;

/// The map width (points) below which the key shows only the overlay's
/// colour ramp.
const FULL_KEY_WIDTH: f32 = 520.0;

/// The key: the overlay's colour ramp, and with `full` the markers, link
/// colours and crisis tags.
fn legend(ui: &mut egui::Ui, overlay: Overlay, full: bool, words: &Explanations) {
    key_heading(ui, overlay.legend());
    ui.horizontal(|ui| {
        // The ends as the map's labels write them.
        ui.label(overlay.format(0.0));
        scale_bar(ui, |s| overlay::ramp(s as f64 / overlay::STEPS as f64));
        ui.label(overlay.format(1.0));
        if overlay == Overlay::Ecology {
            swatch_row(ui, egui::Color32::from_gray(115), "no commons", false);
        }
    });
    if !full {
        return;
    }
    ui.horizontal(|ui| {
        ui.label("Commons, size = stock:");
        for kind in CommonsKind::ALL {
            swatch_row(
                ui,
                colour32(commons_colour(kind)),
                &words.commons_kind(kind),
                true,
            );
        }
    });
    // Sectors in rows of three, so the legend stays narrower than the map.
    for (row, sectors) in Sector::ALL.chunks(3).enumerate() {
        ui.horizontal(|ui| {
            ui.label(if row == 0 { "Enterprises:" } else { "" });
            for &sector in sectors {
                swatch_row(
                    ui,
                    colour32(sector_colour(sector)),
                    words.sector(sector),
                    false,
                );
            }
        });
    }
    ui.horizontal(|ui| {
        line_swatch(ui, colour32(TRADE_COLOUR));
        ui.label("goods");
        line_swatch(ui, colour32(AID_COLOUR));
        ui.label("money (aid, credit crunch)");
        line_swatch(ui, colour32(PEOPLE_COLOUR));
        ui.label("people");
    });
    ui.horizontal(|ui| {
        line_swatch(ui, colour32(DISEASE_COLOUR));
        ui.label("disease");
        line_swatch(ui, colour32(SHUT_COLOUR));
        ui.label("shut");
    });
    ui.label("Width: what crossed last month, against the most on any link.");
    ui.horizontal(|ui| {
        ui.label(
            egui::RichText::new("drought · 12% sick · emergency · captured by officials")
                .color(egui::Color32::from_rgb(255, 170, 80)),
        );
        ui.label("above a name: what strikes it");
    });
}

/// A key's first line, in body type over the small type of the rest.
fn key_heading(ui: &mut egui::Ui, text: &str) {
    ui.style_mut().spacing.item_spacing = egui::vec2(5.0, 3.0);
    ui.style_mut().override_text_style = Some(egui::TextStyle::Small);
    ui.label(
        egui::RichText::new(text)
            .strong()
            .text_style(egui::TextStyle::Body),
    );
}

/// A key's colour scale: the map's steps side by side, `colour` giving
/// each step's red, green and blue.
fn scale_bar(ui: &mut egui::Ui, colour: impl Fn(usize) -> [f32; 3]) {
    let (width, height) = (180.0, 14.0);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    for s in 0..=overlay::STEPS {
        let x0 = rect.left() + width * s as f32 / (overlay::STEPS + 1) as f32;
        let x1 = rect.left() + width * (s + 1) as f32 / (overlay::STEPS + 1) as f32;
        ui.painter().rect_filled(
            egui::Rect::from_min_max(
                egui::pos2(x0, rect.top()),
                egui::pos2(x1 + 0.5, rect.bottom()),
            ),
            0.0,
            colour32(colour(s)),
        );
    }
}

/// A difference as the map writes it: points of a 0..100 figure, signed.
fn points(share: f64) -> String {
    format!("{:+.1}", 100.0 * share)
}

/// The difference map's key: what is subtracted from what, the diverging
/// scale, and who gained and who lost most against the comparison.
fn difference_legend(
    ui: &mut egui::Ui,
    overlay: Overlay,
    against: &str,
    differences: &Differences,
) {
    key_heading(
        ui,
        &format!("{}: this run − {against}, points", overlay.label()),
    );
    ui.horizontal(|ui| {
        let range = 100.0 * overlay::DIFF_RANGE;
        ui.label(format!("−{range:.0}"));
        scale_bar(ui, overlay::diff_step_rgb);
        ui.label(format!("+{range:.0}"));
    });
    if differences.regions.is_empty() {
        ui.label(
            "Waiting for the comparison to reach this month (or pick one under Compare with).",
        );
        return;
    }
    let named = |list: &mut dyn Iterator<Item = &(String, f64)>| {
        list.filter(|(_, d)| d.abs() >= 0.0005)
            .take(3)
            .map(|(name, d)| format!("{name} {}", points(*d)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let regions = &differences.regions;
    let gained = named(&mut regions.iter().filter(|(_, d)| *d > 0.0));
    let lost = named(&mut regions.iter().rev().filter(|(_, d)| *d < 0.0));
    ui.label(format!(
        "Gained most: {}",
        if gained.is_empty() { "none" } else { &gained }
    ));
    ui.label(format!(
        "Lost most: {}",
        if lost.is_empty() { "none" } else { &lost }
    ));
    if differences.federations.len() > 1 {
        let feds: Vec<String> = differences
            .federations
            .iter()
            .map(|(name, d)| format!("{name} {}", points(*d)))
            .collect();
        ui.label(format!(
            "By federation (mean of its regions): {}",
            feds.join(", ")
        ));
    }
    if !differences.cohorts.is_empty() {
        let cohorts: Vec<String> = differences
            .cohorts
            .iter()
            .map(|(name, d)| format!("{name} {}", points(*d)))
            .collect();
        ui.label(format!(
            "By income, across the world: {}",
            cohorts.join(", ")
        ));
    }
}

fn swatch_row(ui: &mut egui::Ui, colour: egui::Color32, label: &str, round: bool) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
    if round {
        ui.painter().circle_filled(rect.center(), 6.0, colour);
    } else {
        ui.painter().rect_filled(rect, 2.0, colour);
    }
    ui.label(label);
}

fn line_swatch(ui: &mut egui::Ui, colour: egui::Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(26.0, 14.0), egui::Sense::hover());
    ui.painter().line_segment(
        [rect.left_center(), rect.right_center()],
        egui::Stroke::new(4.0, colour),
    );
}
