//! The doughnut view: the run's social foundation and ecological ceiling
//! as a ring (the model's [`doughnut`](crate::sim::doughnut)), with the
//! comparison run's beside it. Shortfall in the foundation is drawn inside
//! the ring, overshoot of the ceiling outside it, the ring between them is
//! the safe and just space (Raworth 2017). It holds no economic logic: both
//! doughnuts are the model's reading of each run's state.

use bevy::prelude::*;
use bevy_egui::egui;

use super::UiSettings;
use super::comparison::Comparison;
use crate::sim::SimClock;
use crate::sim::doughnut::{Doughnut, doughnut};

/// The doughnuts last read, while the view is open.
#[derive(Resource, Default)]
pub(crate) struct DoughnutView {
    /// The month they were read at; `None` before the first reading.
    tick: Option<u32>,
    /// This run's.
    now: Doughnut,
    /// The comparison run's, by its label, if there is one at the same
    /// month.
    beside: Option<(String, Doughnut)>,
}

/// Reads both runs' doughnuts once a month while the view is open.
pub(crate) fn keep_up(world: &mut World) {
    if !world.resource::<UiSettings>().doughnut {
        return;
    }
    let tick = world.resource::<SimClock>().tick;
    if world.resource::<DoughnutView>().tick == Some(tick) {
        return;
    }
    let now = doughnut(world);
    let beside = world
        .get_non_send_mut::<Comparison>()
        .and_then(|mut comparison| {
            let label = comparison.with.label();
            (comparison.tick() == tick)
                .then(|| comparison.world_mut().map(|w| (label, doughnut(w))))
                .flatten()
        });
    *world.resource_mut::<DoughnutView>() = DoughnutView {
        tick: Some(tick),
        now,
        beside,
    };
}

/// The colours: Okabe and Ito's bluish green for the safe and just space,
/// their vermilion for shortfall and overshoot, and a grey for what of the
/// ceiling is used within it (told apart without red-green vision).
const SPACE: egui::Color32 = egui::Color32::from_rgb(0, 158, 115);
const HARM: egui::Color32 = egui::Color32::from_rgb(213, 94, 0);
const USED: egui::Color32 = egui::Color32::from_rgb(150, 150, 150);

/// What the view shows, on hover.
const HELP: &str = "The green ring is the safe and just space. Inside it, the social \
    foundation: vermilion wedges are shortfalls in basics met, health, skills, voice and \
    equity (longer, further short). Outside it, the ecological ceiling: grey fills the \
    ring as the commons are drawn down and the carbon budget spent, and vermilion beyond \
    the ring is overshoot. Counted over everyone who would be alive: the dead count as \
    short of everything.";

/// The doughnut window, while `open`.
pub(crate) fn window(ctx: &egui::Context, open: &mut bool, view: &DoughnutView) {
    if !*open {
        return;
    }
    egui::Window::new("Doughnut")
        .open(open)
        .collapsible(false)
        .default_width(560.0)
        .show(ctx, |ui| {
            ui.label("Social foundation inside, ecological ceiling outside.")
                .on_hover_text(HELP);
            if view.tick.is_none() {
                ui.label("Run a month first.");
                return;
            }
            ui.horizontal(|ui| {
                let month = view.tick.unwrap_or(0);
                ring(ui, &format!("this run, month {month}"), &view.now, 220.0);
                if let Some((label, beside)) = &view.beside {
                    ring(ui, label, beside, 220.0);
                }
            });
            table(ui, view);
        });
}

/// One doughnut, `size` points across, titled.
fn ring(ui: &mut egui::Ui, title: &str, d: &Doughnut, size: f32) {
    ui.vertical(|ui| {
        ui.label(egui::RichText::new(title).strong());
        // Room beside the ring for its words.
        let (rect, _) =
            ui.allocate_exact_size(egui::vec2(size + 120.0, size), egui::Sense::hover());
        let painter = ui.painter_at(rect);
        let centre = rect.center();
        // Radii as shares of the half-height: the hole, the ring's inner and
        // outer edges, and the furthest an overshoot is drawn.
        let r = size / 2.0 * 0.85;
        let (hole, inner, outer, edge) = (0.12 * r, 0.55 * r, 0.8 * r, r);
        let dimensions: Vec<(&str, f64, bool)> = d
            .foundation()
            .into_iter()
            .map(|(name, reached)| (name, reached, true))
            .chain(d.ceiling().into_iter().map(|(name, p)| (name, p, false)))
            .collect();
        let step = std::f32::consts::TAU / dimensions.len() as f32;
        let space = annulus(
            centre,
            inner,
            outer,
            0.0,
            std::f32::consts::TAU,
            SPACE.gamma_multiply(0.35),
        );
        painter.add(space);
        let text = ui.visuals().text_color();
        for (i, &(name, value, foundation)) in dimensions.iter().enumerate() {
            // Clockwise from the top.
            let a0 = -std::f32::consts::FRAC_PI_2 + i as f32 * step + 0.02;
            let a1 = a0 + step - 0.04;
            let value = value as f32;
            if foundation {
                let short = (1.0 - value).clamp(0.0, 1.0);
                if short > 0.0 {
                    let to = inner - short * (inner - hole);
                    painter.add(annulus(centre, to, inner, a0, a1, HARM));
                }
            } else {
                let used = value.clamp(0.0, 1.0);
                painter.add(annulus(
                    centre,
                    inner,
                    inner + used * (outer - inner),
                    a0,
                    a1,
                    USED,
                ));
                if value > 1.0 {
                    let over = ((value - 1.0) * (edge - outer)).min(edge - outer);
                    painter.add(annulus(centre, outer, outer + over, a0, a1, HARM));
                }
            }
            let mid = (a0 + a1) / 2.0;
            let at = centre + egui::vec2(mid.cos(), mid.sin()) * (edge + 4.0);
            let align = if mid.cos() > 0.3 {
                egui::Align2::LEFT_CENTER
            } else if mid.cos() < -0.3 {
                egui::Align2::RIGHT_CENTER
            } else if mid.sin() < 0.0 {
                egui::Align2::CENTER_BOTTOM
            } else {
                egui::Align2::CENTER_TOP
            };
            // The ring's words are each name's first word; the table under
            // it has them whole.
            let word = name.split(' ').next().unwrap_or(name);
            painter.text(at, align, word, egui::FontId::proportional(13.0), text);
        }
        let ring_stroke = egui::Stroke::new(1.5, SPACE);
        painter.circle_stroke(centre, inner, ring_stroke);
        painter.circle_stroke(centre, outer, ring_stroke);
    });
}

/// The figures under the rings: each dimension's value in this run and
/// beside it, foundation as reached and ceiling as a share of it.
fn table(ui: &mut egui::Ui, view: &DoughnutView) {
    let beside = view.beside.as_ref();
    egui::Grid::new("doughnut figures")
        .striped(true)
        .show(ui, |ui| {
            ui.strong("");
            ui.strong("this run");
            if let Some((label, _)) = beside {
                ui.strong(label);
            }
            ui.end_row();
            let rows = |d: &Doughnut| {
                let mut rows: Vec<(&str, String)> = d
                    .foundation()
                    .into_iter()
                    .map(|(name, v)| (name, format!("{:.0}% reached", 100.0 * v)))
                    .collect();
                rows.extend(
                    d.ceiling()
                        .into_iter()
                        .map(|(name, v)| (name, format!("{:.0}% of the ceiling", 100.0 * v))),
                );
                rows
            };
            let theirs = beside.map(|(_, d)| rows(d));
            for (i, (name, value)) in rows(&view.now).into_iter().enumerate() {
                ui.label(name);
                ui.label(value);
                if let Some(theirs) = &theirs {
                    ui.label(&theirs[i].1);
                }
                ui.end_row();
            }
        });
}

/// A filled ring sector between radii `r0` and `r1` and angles `a0` to `a1`
/// (radians, clockwise from the x axis on screen), as one mesh of
/// quadrilaterals a few degrees wide.
fn annulus(
    centre: egui::Pos2,
    r0: f32,
    r1: f32,
    a0: f32,
    a1: f32,
    fill: egui::Color32,
) -> egui::Shape {
    let mut mesh = egui::Mesh::default();
    let segments = ((a1 - a0).abs() / 0.05).ceil().max(1.0) as u32;
    for k in 0..=segments {
        let a = a0 + (a1 - a0) * k as f32 / segments as f32;
        let dir = egui::vec2(a.cos(), a.sin());
        mesh.colored_vertex(centre + dir * r0, fill);
        mesh.colored_vertex(centre + dir * r1, fill);
        if k > 0 {
            let i = 2 * k;
            mesh.add_triangle(i - 2, i - 1, i);
            mesh.add_triangle(i - 1, i + 1, i);
        }
    }
    egui::Shape::mesh(mesh)
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    /// The window's table shows each run's figures as read, the comparison's
    /// under its label; closed, it shows nothing.
    #[test]
    fn the_doughnut_window_shows_both_runs_figures_while_open() {
        let now = Doughnut {
            basics: 0.8,
            carbon: 1.25,
            ..Doughnut::default()
        };
        let beside = Doughnut {
            basics: 0.6,
            ..Doughnut::default()
        };
        let view = DoughnutView {
            tick: Some(30),
            now,
            beside: Some(("liberal market".into(), beside)),
        };
        let mut harness = Harness::new_ui_state(
            move |ui, open: &mut bool| window(ui.ctx(), open, &view),
            true,
        );
        harness.run();
        for label in ["80% reached", "60% reached", "125% of the ceiling"] {
            harness.get_by_label(label);
        }
        assert_eq!(
            harness.query_all_by_label("liberal market").count(),
            2,
            "over its ring and its column"
        );
        *harness.state_mut() = false;
        harness.run();
        assert!(harness.query_by_label("80% reached").is_none());
    }
}
