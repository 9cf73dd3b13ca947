//! The scorecard view: a stress battery's results in the window, from a
//! battery's folder (what `mutualism stress --out FOLDER` wrote) or from a
//! small battery of the `stress` folder beside the run's scenario, one
//! seed, run on a thread of its own into that folder while the window goes
//! on. It shows each regime's mean rank on each criterion as a heat map and
//! one scenario's (or the overall) criteria as a table, as the scorecard
//! writes them. It holds no economic logic: every figure is the model's
//! (`mutualism_model::stress`).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::JoinHandle;

use bevy::prelude::*;
use bevy_egui::egui;
use mutualism_model::headless::RunError;
use mutualism_model::stress::{self, Failure, Outcome};

use crate::sim::measures::Measure;
use mutualism_model::words::measure;

/// What the scorecard view shows and is doing.
#[derive(Resource)]
pub(crate) struct ScorecardView {
    /// The battery folder to open or to run into.
    folder: String,
    /// The outcomes read from it, and the folder they came from.
    outcomes: Vec<Outcome>,
    opened: Option<PathBuf>,
    /// Why the last open or run failed, or what it left out.
    message: Option<String>,
    /// Which settings' figures are shown.
    settings: &'static str,
    /// The scenario whose table is shown; `None` for the overall one.
    scenario: Option<String>,
    /// A battery running in the background.
    running: Option<Running>,
    /// What is drawn for the settings and scenario shown, worked out when
    /// they or the outcomes change (ranking every regime on every scenario
    /// is too much work for every frame).
    card: Option<Card>,
}

/// The heat map and table of one settings and scenario.
struct Card {
    settings: &'static str,
    scenario: Option<String>,
    regimes: Vec<String>,
    scenarios: Vec<String>,
    /// Mean rank and scenarios led, regime by regime, criterion by
    /// criterion.
    ranks: Vec<Vec<(f64, usize)>>,
    /// Mean and spread over seeds, criterion by criterion, regime by regime.
    figures: Vec<Vec<(f64, f64)>>,
}

impl Card {
    fn of(outcomes: &[Outcome], settings: &'static str, scenario: Option<String>) -> Self {
        let group = stress::of_settings(outcomes, settings);
        let (regimes, scenarios) = (stress::regimes_of(&group), stress::scenarios_of(&group));
        let ranks = regimes
            .iter()
            .map(|r| {
                Measure::CRITERIA
                    .map(|m| stress::mean_rank(&group, r, m))
                    .to_vec()
            })
            .collect();
        let figures = Measure::CRITERIA
            .iter()
            .map(|&m| {
                regimes
                    .iter()
                    .map(|r| stress::figure(&group, r, scenario.as_deref(), m))
                    .collect()
            })
            .collect();
        Self {
            settings,
            scenario,
            regimes,
            scenarios,
            ranks,
            figures,
        }
    }
}

impl Default for ScorecardView {
    fn default() -> Self {
        Self {
            folder: "battery".into(),
            outcomes: Vec::new(),
            opened: None,
            message: None,
            settings: stress::AS_SHIPPED,
            scenario: None,
            running: None,
            card: None,
        }
    }
}

/// A battery running on its own thread: runs done of all, and the thread.
struct Running {
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    out: PathBuf,
    thread: JoinHandle<Result<Vec<Failure>, RunError>>,
}

impl ScorecardView {
    /// The view with the battery in `folder` opened (or why it could not
    /// be).
    pub(crate) fn of_folder(folder: &Path) -> Self {
        let mut view = Self {
            folder: folder.display().to_string(),
            ..Self::default()
        };
        view.open(folder);
        view
    }

    /// Reads the outcomes of the battery in `folder`.
    fn open(&mut self, folder: &Path) {
        match stress::open(folder) {
            Ok(outcomes) => {
                self.outcomes = outcomes;
                self.card = None;
                self.opened = Some(folder.to_path_buf());
                self.message = None;
                self.scenario = None;
            }
            Err(e) => self.message = Some(e.to_string()),
        }
    }

    /// Starts a battery of the `stress` folder beside `scenario` (or beside
    /// its folder, for a scenario in `crises` or `stress`), every regime,
    /// one seed, into the view's folder.
    fn start(&mut self, scenario: &Path) {
        let here = scenario.parent().unwrap_or(Path::new("."));
        let beside = here.join("stress");
        let battery = stress::Battery {
            dirs: vec![if beside.is_dir() {
                beside
            } else {
                here.parent().unwrap_or(Path::new(".")).join("stress")
            }],
            seeds: 1,
            ..stress::Battery::default()
        };
        let out = PathBuf::from(&self.folder);
        let (done, total) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let (d, t, o) = (done.clone(), total.clone(), out.clone());
        let thread = std::thread::spawn(move || {
            stress::run_into(&battery, None, &o, &|n, all| {
                d.store(n, Ordering::Relaxed);
                t.store(all, Ordering::Relaxed);
            })
        });
        self.message = None;
        self.running = Some(Running {
            done,
            total,
            out,
            thread,
        });
    }

    /// Opens a finished battery's folder, with what failed in it.
    fn poll(&mut self) {
        if !self
            .running
            .as_ref()
            .is_some_and(|r| r.thread.is_finished())
        {
            return;
        }
        let Some(running) = self.running.take() else {
            return;
        };
        match running.thread.join() {
            Ok(Ok(failures)) => {
                self.open(&running.out);
                if !failures.is_empty() {
                    self.message = Some(format!(
                        "{} files or runs failed; the folder's scorecard.md lists them",
                        failures.len()
                    ));
                }
            }
            Ok(Err(e)) => self.message = Some(e.to_string()),
            Err(_) => self.message = Some("the battery's thread stopped".into()),
        }
    }
}

/// The scorecard window, while `open`; `scenario` is the run's scenario
/// file, beside which a small battery finds its `stress` folder.
pub(crate) fn window(
    ctx: &egui::Context,
    open: &mut bool,
    view: &mut ScorecardView,
    scenario: Option<&Path>,
) {
    view.poll();
    if !*open {
        return;
    }
    egui::Window::new("Scorecard")
        .open(open)
        .collapsible(false)
        .default_width(720.0)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.label("Battery folder");
                ui.text_edit_singleline(&mut view.folder);
                if ui.button("Open").clicked() {
                    let folder = PathBuf::from(&view.folder);
                    view.open(&folder);
                }
                let idle = view.running.is_none();
                if ui
                    .add_enabled(
                        idle && scenario.is_some(),
                        egui::Button::new("Run a small battery"),
                    )
                    .on_hover_text(
                        "Every scenario of the stress folder under every regime, as shipped and \
                         equalised, one seed, into the folder; the window goes on meanwhile. \
                         `mutualism stress` runs more seeds.",
                    )
                    .clicked()
                    && let Some(scenario) = scenario
                {
                    view.start(scenario);
                }
            });
            if let Some(running) = &view.running {
                let (done, total) = (
                    running.done.load(Ordering::Relaxed),
                    running.total.load(Ordering::Relaxed),
                );
                let share = if total > 0 {
                    done as f32 / total as f32
                } else {
                    0.0
                };
                ui.add(egui::ProgressBar::new(share).text(format!("{done} of {total} runs")));
                ctx.request_repaint();
            }
            if let Some(message) = &view.message {
                ui.colored_label(egui::Color32::LIGHT_RED, message);
            }
            if view.outcomes.is_empty() {
                ui.label(
                    "Open a folder written by `mutualism stress --out FOLDER`, or run a small \
                     battery.",
                );
                return;
            }
            results(ui, view);
        });
}

/// The heat map of mean ranks and one scenario's table, for the settings
/// picked.
fn results(ui: &mut egui::Ui, view: &mut ScorecardView) {
    if let Some(folder) = &view.opened {
        ui.small(format!("From {}", folder.display()));
    }
    ui.horizontal(|ui| {
        ui.selectable_value(&mut view.settings, stress::AS_SHIPPED, "as shipped");
        ui.selectable_value(&mut view.settings, stress::EQUALISED, "levers equalised")
            .on_hover_text(stress::EQUALISED_WHY);
    });
    let stale = view
        .card
        .as_ref()
        .is_none_or(|c| c.settings != view.settings || c.scenario != view.scenario);
    if stale {
        view.card = Some(Card::of(
            &view.outcomes,
            view.settings,
            view.scenario.clone(),
        ));
    }
    let Some(card) = &view.card else {
        return;
    };
    if card.regimes.is_empty() {
        ui.label("No runs with these settings in the folder.");
        return;
    }
    ui.label(format!(
        "Mean rank over {} scenarios (1 is best; in brackets, scenarios led). Darker is better.",
        card.scenarios.len()
    ));
    egui::Grid::new("scorecard ranks").show(ui, |ui| {
        ui.label("");
        for m in Measure::CRITERIA {
            ui.strong(measure(m));
        }
        ui.end_row();
        for (regime, ranks) in card.regimes.iter().zip(&card.ranks) {
            ui.label(regime.replace('_', " "));
            for &(mean, led) in ranks {
                let ([r, g, b], dark) = stress::rank_colour(mean, card.regimes.len());
                let ink = if dark {
                    egui::Color32::WHITE
                } else {
                    egui::Color32::BLACK
                };
                egui::Frame::new()
                    .fill(egui::Color32::from_rgb(r, g, b))
                    .inner_margin(egui::Margin::symmetric(8, 4))
                    .show(ui, |ui| {
                        ui.colored_label(ink, format!("{mean:.1} ({led})"));
                    });
            }
            ui.end_row();
        }
    });
    ui.separator();
    let mut scenario = view.scenario.clone();
    egui::ComboBox::from_label("Scenario")
        .selected_text(scenario.as_deref().unwrap_or("overall"))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut scenario, None, "overall");
            for s in &card.scenarios {
                ui.selectable_value(&mut scenario, Some(s.clone()), s);
            }
        });
    ui.small("Each figure: a criterion's mean over the last 12 months, mean ± standard deviation over seeds; the leader in bold.");
    egui::Grid::new("scorecard table")
        .striped(true)
        .show(ui, |ui| {
            ui.label("");
            for regime in &card.regimes {
                ui.strong(regime.replace('_', " "));
            }
            ui.end_row();
            for (m, figures) in Measure::CRITERIA.into_iter().zip(&card.figures) {
                ui.label(measure(m));
                let best = figures
                    .iter()
                    .map(|f| f.0)
                    .fold(f64::NEG_INFINITY, f64::max);
                for &(mean, spread) in figures {
                    let text = egui::RichText::new(format!("{mean:.1} ± {spread:.1}"));
                    ui.label(if mean == best { text.strong() } else { text });
                }
                ui.end_row();
            }
        });
    view.scenario = scenario;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::measures::PerMeasure;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    fn outcome(job: usize, regime: &str, value: f64) -> Outcome {
        Outcome {
            job,
            scenario: "stress/a.ron".into(),
            regime: regime.into(),
            settings: stress::AS_SHIPPED.into(),
            seed: 7,
            months: 12,
            values: PerMeasure::splat(value),
            episodes: Vec::new(),
        }
    }

    /// The view shows the model's figures for what it holds: ranks in the
    /// heat map, means in the table; a folder without a battery is said.
    #[test]
    fn the_scorecard_shows_ranks_and_figures_and_says_what_it_cannot_open() {
        let view = ScorecardView {
            outcomes: vec![outcome(0, "first", 60.0), outcome(1, "second", 40.0)],
            ..ScorecardView::default()
        };
        let mut harness = Harness::new_ui_state(
            |ui, view: &mut ScorecardView| {
                let mut open = true;
                window(ui.ctx(), &mut open, view, None);
            },
            view,
        );
        harness.run();
        assert_eq!(
            harness.query_all_by_label("1.0 (1)").count(),
            8,
            "first leads all eight"
        );
        assert_eq!(harness.query_all_by_label("2.0 (0)").count(), 8);
        assert_eq!(harness.query_all_by_label("60.0 ± 0.0").count(), 8);

        harness.state_mut().open(Path::new("no such folder"));
        harness.run();
        assert!(
            harness
                .state()
                .message
                .as_deref()
                .is_some_and(|m| m.contains("runs.csv")),
            "{:?}",
            harness.state().message
        );
    }

    /// "Run a small battery" runs the stress folder beside the scenario on
    /// a thread of its own, counts its runs as they finish, and opens what
    /// it wrote: here one stress scenario, every regime, as shipped and
    /// equalised, one seed.
    #[test]
    fn a_small_battery_runs_in_the_background_and_opens_when_done() {
        let root =
            std::env::temp_dir().join(format!("mutualism-small-battery-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for folder in ["stress", "economy", "presets"] {
            std::fs::create_dir_all(root.join(folder)).unwrap();
        }
        std::fs::copy(
            "scenarios/stress/complexity.ron",
            root.join("stress/complexity.ron"),
        )
        .unwrap();
        std::fs::copy(
            "scenarios/economy/standard.ron",
            root.join("economy/standard.ron"),
        )
        .unwrap();
        for preset in std::fs::read_dir("scenarios/presets").unwrap() {
            let preset = preset.unwrap().path();
            std::fs::copy(
                &preset,
                root.join("presets").join(preset.file_name().unwrap()),
            )
            .unwrap();
        }
        let mut view = ScorecardView {
            folder: root.join("out").display().to_string(),
            ..ScorecardView::default()
        };
        view.start(&root.join("lesson.ron"));
        let started = std::time::Instant::now();
        while view.running.is_some() {
            assert!(
                started.elapsed().as_secs() < 600,
                "the battery should finish"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
            view.poll();
        }
        assert_eq!(view.message, None);
        let regimes = stress::regimes_of(&view.outcomes);
        assert_eq!(
            view.outcomes.len(),
            2 * regimes.len(),
            "every regime, shipped and equalised"
        );
        assert!(regimes.len() >= 5, "{regimes:?}");
        let _ = std::fs::remove_dir_all(&root);
    }
}
