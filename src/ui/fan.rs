//! "Across 20 seeds" (key F): where this run and its baseline land on
//! twenty seeds at the month shown, each seed's pair on the same weather
//! and shocks, so a class sees which differences are noise. A dot a seed
//! for each criterion's gap (this run less its baseline), the run's own
//! seed ringed; a table of how often the gap has the sign it has here.
//!
//! It holds no economic logic: the replays are the model's own
//! (`gap::fan`), on a thread of their own. They run when the view opens
//! and again whenever the run is paused at another month or with other
//! moves; while it plays, the view keeps the last month it answered.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy_egui::egui;
use egui_plot::{Plot, Points};

use super::replays::Replays;
use super::{UiSettings, VISIBLE_POINTS, signed_points};
use crate::explain::Explanations;
use crate::gap::{self, FanRun};
use crate::scenario::Run;
use crate::sim::SimClock;
use crate::sim::interventions::Interventions;
use crate::sim::measures::Measure;

/// Seeds in the fan, the run's own first.
pub(crate) const SEEDS: u64 = 20;

/// Share of seeds whose gap must have one sign for the view to say it
/// holds: four in five (a modelling choice, said on screen).
const HOLDS: f64 = 0.8;

/// What a fan answers: the run (scenario file and seed), the month and how
/// many moves were sent.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Question {
    run: (PathBuf, u64),
    month: u32,
    sent: usize,
}

/// The fan shown, and the replays working on the next.
#[derive(Resource, Default)]
pub(crate) struct FanView(pub(crate) Replays<Question, Vec<FanRun>>);

/// Each frame while the view is open: takes finished replays, and starts
/// them for the month shown when the view has no answer for this run yet,
/// or the run is paused at a month or with moves it has not answered.
pub(super) fn keep_up(
    settings: Res<UiSettings>,
    clock: Res<SimClock>,
    run: Option<Res<Run>>,
    sent: Res<Interventions>,
    mut fan: ResMut<FanView>,
) {
    let Some(run) = run.filter(|_| settings.fan) else {
        *fan = FanView::default();
        return;
    };
    fan.0.collect();
    let question = Question {
        run: (run.scenario.path.clone(), run.seed),
        month: clock.tick,
        sent: sent.0.len(),
    };
    let stale = match fan.0.shown() {
        None => true,
        Some((shown, _)) => shown.run != question.run || (clock.paused && *shown != question),
    };
    if !stale || clock.tick == 0 {
        return;
    }
    let (scenario, seed, moves) = (run.scenario.clone(), run.seed, sent.clone());
    let month = clock.tick;
    fan.0.start(question, move || {
        gap::fan(&scenario, seed, &moves, month, SEEDS).map_err(|e| e.to_string())
    });
}

/// One criterion's gaps across the seeds: this seed's, the median, the
/// lowest and highest, and how many seeds have the median's sign.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Spread {
    pub(crate) own: f64,
    pub(crate) median: f64,
    pub(crate) low: f64,
    pub(crate) high: f64,
    pub(crate) same_sign: usize,
    pub(crate) seeds: usize,
}

impl Spread {
    /// Of `gaps`, the run's own first.
    pub(crate) fn of(gaps: &[f64]) -> Option<Spread> {
        let own = *gaps.first()?;
        let mut sorted = gaps.to_vec();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let median = if n % 2 == 1 {
            sorted[n / 2]
        } else {
            (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
        };
        let same_sign = gaps
            .iter()
            .filter(|g| g.signum() == median.signum() && **g != 0.0)
            .count();
        Some(Spread {
            own,
            median,
            low: sorted[0],
            high: sorted[n - 1],
            same_sign,
            seeds: n,
        })
    }

    /// In words: whether the gap holds across seeds or could be luck.
    pub(crate) fn verdict(&self) -> String {
        let (n, of) = (self.same_sign, self.seeds);
        if self.high.abs() < VISIBLE_POINTS && self.low.abs() < VISIBLE_POINTS {
            "no gap on any seed".into()
        } else if n as f64 >= HOLDS * of as f64 {
            let way = if self.median > 0.0 { "higher" } else { "lower" };
            format!("{way} in {n} of {of}: holds")
        } else {
            format!("either way ({n} of {of} one way): could be luck")
        }
    }
}

/// The view, while open: closing it (or Escape) clears `open`.
pub(super) fn window(ctx: &egui::Context, open: &mut bool, fan: &FanView, words: &Explanations) {
    if !*open {
        return;
    }
    egui::Window::new(format!("Across {SEEDS} seeds"))
        .open(open)
        .collapsible(false)
        .default_width(560.0)
        .show(ctx, |ui| {
            let Some((question, answer)) = fan.0.shown() else {
                ui.weak(if fan.0.busy() {
                    "Replaying this run and its baseline on twenty seeds…"
                } else {
                    "Run a month first."
                });
                return;
            };
            let runs = match answer {
                Ok(runs) => runs,
                Err(error) => {
                    ui.colored_label(ui.visuals().warn_fg_color, error);
                    return;
                }
            };
            let seed = question.run.1;
            ui.label(format!(
                "This run less its baseline at month {}, on seeds {seed} to {}: the same moves on \
                 each, and each seed's own weather and shocks on both of its pair. The run's own \
                 seed is ringed.",
                question.month,
                seed + SEEDS - 1
            ));
            if fan.0.busy() {
                ui.weak("(replaying for the month now shown…)");
            }
            let spreads: Vec<(Measure, Vec<f64>)> = Measure::CRITERIA
                .into_iter()
                .map(|m| {
                    (
                        m,
                        runs.iter()
                            .map(|r| r.run.get(m) - r.baseline.get(m))
                            .collect(),
                    )
                })
                .collect();
            dots(ui, &spreads, words);
            table(ui, &spreads, words);
            ui.small(format!(
                "\"Holds\": at least {:.0}% of the seeds have the gap's sign (a modelling choice). \
                 A gap that goes either way depends on the weather, not on the moves alone.",
                HOLDS * 100.0
            ));
        });
}

/// A row of dots a criterion, one a seed, at its gap in points.
fn dots(ui: &mut egui::Ui, spreads: &[(Measure, Vec<f64>)], words: &Explanations) {
    let labels: Vec<String> = spreads
        .iter()
        .map(|(m, _)| words.measure(m.key()).label.clone())
        .collect();
    let rows = spreads.len();
    let dark = ui.visuals().dark_mode;
    Plot::new("fan")
        .height(28.0 * rows as f32)
        .show_y(false)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .y_axis_formatter(move |mark, _| {
            let row = mark.value.round();
            if (mark.value - row).abs() < 1e-6 && row >= 0.0 && (row as usize) < labels.len() {
                labels[rows - 1 - row as usize].clone()
            } else {
                String::new()
            }
        })
        .x_axis_label("points, this run less its baseline")
        .show(ui, |plot| {
            plot.vline(egui_plot::VLine::new("no gap", 0.0).color(egui::Color32::GRAY));
            for (i, (m, gaps)) in spreads.iter().enumerate() {
                let y = (rows - 1 - i) as f64;
                let colour = super::chart::colour(dark, *m);
                let others: Vec<[f64; 2]> = gaps.iter().skip(1).map(|g| [*g, y]).collect();
                plot.points(
                    Points::new(words.measure(m.key()).label.clone(), others)
                        .radius(3.0)
                        .color(colour),
                );
                if let Some(own) = gaps.first() {
                    plot.points(
                        Points::new(
                            format!("{} (this seed)", words.measure(m.key()).label),
                            vec![[*own, y]],
                        )
                        .radius(6.0)
                        .filled(false)
                        .color(colour),
                    );
                }
            }
        });
}

/// Each criterion's gap here, its median and range across the seeds, and
/// whether it holds.
fn table(ui: &mut egui::Ui, spreads: &[(Measure, Vec<f64>)], words: &Explanations) {
    egui::Grid::new("fan table")
        .num_columns(5)
        .striped(true)
        .show(ui, |ui| {
            for heading in ["criterion", "this seed", "median", "range", "across seeds"] {
                ui.weak(heading);
            }
            ui.end_row();
            for (m, gaps) in spreads {
                let Some(spread) = Spread::of(gaps) else {
                    continue;
                };
                ui.label(&words.measure(m.key()).label);
                ui.label(signed_points(spread.own));
                ui.label(signed_points(spread.median));
                ui.label(format!(
                    "{} to {}",
                    signed_points(spread.low),
                    signed_points(spread.high)
                ));
                ui.label(spread.verdict());
                ui.end_row();
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gap_holds_when_four_seeds_in_five_share_its_sign() {
        let mut gaps = vec![2.0; 16];
        gaps.extend([-1.0; 4]);
        let spread = Spread::of(&gaps).expect("gaps");
        assert_eq!(spread.same_sign, 16);
        assert_eq!(spread.verdict(), "higher in 16 of 20: holds");
        gaps[15] = -1.0;
        assert_eq!(
            Spread::of(&gaps).expect("gaps").verdict(),
            "either way (15 of 20 one way): could be luck"
        );
        let none = Spread::of(&[0.0; 20]).expect("gaps");
        assert_eq!(none.verdict(), "no gap on any seed");
        let odd = Spread::of(&[3.0, -2.0, 1.0]).expect("gaps");
        assert_eq!(
            (odd.own, odd.median, odd.low, odd.high),
            (3.0, 1.0, -2.0, 3.0)
        );
    }
}
