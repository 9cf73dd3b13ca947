//! Predict first: with it on, a change to the run (a lever moved, a shock
//! sent) hides where the run is heading until the student has said which
//! way a criterion will end up by the scenario's end against where it was
//! heading before the change: higher, about the same (within
//! [`SAME_WITHIN`] points) or lower. Then the projection is shown, the
//! answer is judged against it and the score is kept.

use bevy::prelude::*;
use bevy_egui::egui;

use super::UiSettings;
use super::projection::Projection;
use crate::explain::Explanations;
use crate::sim::measures::Measure;

/// Points within which an end value counts as about the same.
pub(crate) const SAME_WITHIN: f64 = 0.5;

/// Which way a criterion ends up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Direction {
    Higher,
    Same,
    Lower,
}

impl Direction {
    const ALL: [Direction; 3] = [Direction::Higher, Direction::Same, Direction::Lower];

    fn label(self) -> &'static str {
        match self {
            Direction::Higher => "higher",
            Direction::Same => "about the same",
            Direction::Lower => "lower",
        }
    }

    /// The way a change of `points` went.
    fn of(points: f64) -> Direction {
        if points > SAME_WITHIN {
            Direction::Higher
        } else if points < -SAME_WITHIN {
            Direction::Lower
        } else {
            Direction::Same
        }
    }
}

/// The open question, the score and the last verdict.
#[derive(Resource)]
pub(crate) struct Predictions {
    /// The criterion asked about.
    pub(crate) criterion: Measure,
    /// The change the open question is about (the run's count of changes),
    /// with the answer once given.
    open: Option<(usize, Option<Direction>)>,
    /// The last change asked about, so one change is asked about once.
    asked_for: usize,
    pub(crate) right: u32,
    pub(crate) asked: u32,
    /// What the last answer met, in words.
    pub(crate) verdict: Option<String>,
}

impl Default for Predictions {
    fn default() -> Self {
        Self {
            criterion: Measure::Capability,
            open: None,
            asked_for: 0,
            right: 0,
            asked: 0,
            verdict: None,
        }
    }
}

impl Predictions {
    /// Whether the projection is hidden while a question waits for its
    /// answer.
    pub(crate) fn hiding(&self) -> bool {
        matches!(self.open, Some((_, None)))
    }

    /// Opens a question for a new change, or judges an answered one once
    /// its projection is in.
    fn follow(&mut self, projection: &Projection) {
        let changes = projection.changes();
        if changes < self.asked_for {
            // Another run or a reset: start asking afresh.
            self.asked_for = 0;
            self.open = None;
        }
        if changes > self.asked_for && self.open.is_none() {
            self.open = Some((changes, None));
            self.asked_for = changes;
        }
        let Some((asked, Some(guess))) = self.open else {
            return;
        };
        if projection.working() || projection.changes() != asked {
            return;
        }
        let (Some(before), Some(end)) = (projection.before, projection.rows.last()) else {
            // Nothing to judge against (the first projection of a run).
            self.open = None;
            return;
        };
        let (from, to) = (before.get(self.criterion), end.get(self.criterion));
        let went = Direction::of(to - from);
        self.asked += 1;
        if went == guess {
            self.right += 1;
        }
        self.verdict = Some(format!(
            "You said {}; by year {} it ends {} ({from:.1} to {to:.1}). {}",
            guess.label(),
            end.tick.div_ceil(12),
            went.label(),
            if went == guess {
                "Right."
            } else {
                "Not this time."
            }
        ));
        self.open = None;
    }
}

/// Each frame: keeps the question in step with the projection.
pub(super) fn keep_up(world: &mut World) {
    if !world.resource::<UiSettings>().predict_first {
        world.resource_mut::<Predictions>().open = None;
        return;
    }
    if world.get_non_send::<Projection>().is_none() {
        return;
    }
    world.resource_scope(|world, mut predictions: Mut<Predictions>| {
        predictions.follow(world.non_send::<Projection>());
    });
}

/// The question, while one waits for its answer.
pub(super) fn window(ctx: &egui::Context, predictions: &mut Predictions, words: &Explanations) {
    if !predictions.hiding() {
        return;
    }
    egui::Window::new("Predict first")
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 60.0))
        .show(ctx, |ui| {
            ui.label("You changed the run. By the scenario's end, against where it was heading before,");
            ui.horizontal(|ui| {
                ui.label("will");
                egui::ComboBox::from_id_salt("predicted criterion")
                    .selected_text(&words.measure(predictions.criterion.key()).label)
                    .show_ui(ui, |ui| {
                        for m in Measure::CRITERIA {
                            ui.selectable_value(
                                &mut predictions.criterion,
                                m,
                                &words.measure(m.key()).label,
                            );
                        }
                    });
                ui.label("end up");
            });
            ui.horizontal(|ui| {
                for direction in Direction::ALL {
                    if ui.button(direction.label()).clicked()
                        && let Some((_, guess)) = &mut predictions.open
                    {
                        *guess = Some(direction);
                    }
                }
            });
            ui.small(format!(
                "About the same: within {SAME_WITHIN} points. The faint projection appears once you answer."
            ));
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directions_within_half_a_point_are_the_same() {
        assert_eq!(Direction::of(0.4), Direction::Same);
        assert_eq!(Direction::of(-0.4), Direction::Same);
        assert_eq!(Direction::of(0.6), Direction::Higher);
        assert_eq!(Direction::of(-2.0), Direction::Lower);
    }

    #[test]
    fn a_change_hides_the_projection_until_answered_then_the_answer_is_scored() {
        use crate::headless;

        let mut scenario = crate::scenario::Scenario::load("scenarios/classroom.ron")
            .expect("classroom scenario loads");
        scenario.ticks = 48;
        let mut app = headless::app(&scenario, scenario.seed, false);
        app.insert_resource(UiSettings {
            predict_first: true,
            ..default()
        })
        .init_resource::<Predictions>();
        headless::advance(&mut app, 6).expect("advances");
        super::super::projection::follow(app.world_mut(), true);
        keep_up(app.world_mut());
        assert!(
            !app.world().resource::<Predictions>().hiding(),
            "no change, no question"
        );

        super::super::move_everywhere(&mut app, "carbon_price", 3.0);
        headless::advance(&mut app, 1).expect("the change is taken in");
        super::super::projection::follow(app.world_mut(), true);
        keep_up(app.world_mut());
        assert!(
            app.world().resource::<Predictions>().hiding(),
            "a change asks first"
        );

        let (before, end) = {
            let projection = app.world().non_send::<Projection>();
            (
                projection.before.expect("the projection before the change"),
                *projection.rows.last().expect("a projection"),
            )
        };
        let went = Direction::of(end.get(Measure::Capability) - before.get(Measure::Capability));
        if let Some((_, guess)) = &mut app.world_mut().resource_mut::<Predictions>().open {
            *guess = Some(went);
        }
        keep_up(app.world_mut());
        let predictions = app.world().resource::<Predictions>();
        assert!(!predictions.hiding(), "answered, the projection shows");
        assert_eq!(
            (predictions.right, predictions.asked),
            (1, 1),
            "{:?}",
            predictions.verdict
        );
        keep_up(app.world_mut());
        assert!(
            !app.world().resource::<Predictions>().hiding(),
            "one change is asked about once"
        );
    }
}
