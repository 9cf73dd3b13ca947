//! "Why did this move?": a click on a criterion in the chart's key splits
//! its change over the last year, for the selected region or the world,
//! into its parts (capability into each basic good's coverage, health,
//! skills and employment; cohesion into trust and voluntary cooperation;
//! ecology, for the world, into the commons and the emissions avoided), and
//! lists the events of that year in that place.
//!
//! The window remembers the parts of the last thirteen months itself, read
//! from the model's state with the model's own formulas
//! (`Cohort::capability_parts`, `Society::cohesion_parts`,
//! `measures::ecology_parts`); the model keeps no history for it.

use std::collections::VecDeque;

use bevy::prelude::*;
use bevy_egui::egui;

use crate::explain::Explanations;
use crate::sim::base::params::Economy;
use crate::sim::crisis::EventLog;
use crate::sim::ecology::{Atmosphere, Commons};
use crate::sim::measures::{Measure, ecology_parts};
use crate::sim::people::{CapabilityParts, Cohorts, Lives, Society};
use crate::sim::{SimClock, WorldIndex};

/// Months looked back: a year.
const YEAR: u32 = 12;

/// A place's parts in one month, people-weighted means.
#[derive(Clone, Copy, Debug, Default)]
struct Parts {
    people: f64,
    capability: CapabilityParts,
    /// Trust and voluntary cooperation, each what it adds to cohesion.
    cohesion: (f64, f64),
}

impl Parts {
    /// `self + weight × other`.
    fn add(&mut self, other: &Parts, weight: f64) {
        self.capability.add(&other.capability, weight);
        self.cohesion.0 += weight * other.cohesion.0;
        self.cohesion.1 += weight * other.cohesion.1;
    }
}

/// One month's parts: every region's (by id), the world's, and the
/// world's ecology halves (commons, carbon).
#[derive(Clone, Debug)]
struct Month {
    tick: u32,
    regions: Vec<Parts>,
    world: Parts,
    ecology: (f64, f64),
}

/// The parts of the months seen in the last year, and of the last month
/// seen before it, oldest first (the window may run several months a
/// frame, so not every month is there).
#[derive(Resource, Default)]
pub(crate) struct Remembered(VecDeque<Month>);

/// Each frame: remembers the month just run, once; forgets everything when
/// the clock went back (a reset or another scenario).
pub(super) fn remember(
    clock: Res<SimClock>,
    economy: Option<Res<Economy>>,
    index: Res<WorldIndex>,
    regions: Query<(&Cohorts, &Society, &Lives)>,
    commons: Query<&Commons>,
    atmosphere: Option<Res<Atmosphere>>,
    mut remembered: ResMut<Remembered>,
) {
    let (Some(economy), Some(atmosphere)) = (economy, atmosphere) else {
        return;
    };
    let last = remembered.0.back().map(|m| m.tick);
    if last == Some(clock.tick) {
        return;
    }
    if last.is_some_and(|t| t > clock.tick) {
        remembered.0.clear();
    }
    let mut world = Parts::default();
    let mut world_living = 0.0;
    let by_region: Vec<Parts> = index
        .regions
        .iter()
        .map(|&e| {
            let Ok((cohorts, society, lives)) = regions.get(e) else {
                return Parts::default();
            };
            // Means over the people who would be alive, as the model's
            // criteria take them: the missing have nothing.
            let living = cohorts.population();
            let people = lives.would_be(living);
            let mut capability = CapabilityParts::default();
            for c in &cohorts.0 {
                capability.add(&c.capability_parts(), c.size);
            }
            let alive = living / people.max(f64::MIN_POSITIVE);
            let (trust, cooperation) = society.cohesion_parts(economy.individualism_weight);
            let parts = Parts {
                people,
                capability: capability.scaled(1.0 / people.max(f64::MIN_POSITIVE)),
                cohesion: (trust * alive, cooperation * alive),
            };
            world.add(&parts, people);
            world.people += people;
            world_living += living;
            parts
        })
        .collect();
    let mut world_mean = Parts {
        people: world.people,
        ..default()
    };
    world_mean.add(&world, 1.0 / world.people.max(f64::MIN_POSITIVE));
    let (stock, capacity) = commons
        .iter()
        .fold((0.0, 0.0), |(s, c), x| (s + x.stock, c + x.capacity));
    remembered.0.push_back(Month {
        tick: clock.tick,
        regions: by_region,
        world: world_mean,
        ecology: ecology_parts(
            stock,
            capacity,
            &atmosphere,
            if world.people > 0.0 {
                world_living / world.people
            } else {
                1.0
            },
        ),
    });
    while remembered
        .0
        .get(1)
        .is_some_and(|second| second.tick + YEAR <= clock.tick)
    {
        remembered.0.pop_front();
    }
}

/// A criterion's parts at one month, in points: (name, points).
fn parts_of(criterion: Measure, month: &Month, region: Option<u32>) -> Option<Vec<(String, f64)>> {
    let place = match region {
        Some(id) => month.regions.get(id as usize)?,
        None => &month.world,
    };
    let points =
        |parts: Vec<(String, f64)>| parts.into_iter().map(|(n, v)| (n, 100.0 * v)).collect();
    match criterion {
        Measure::Capability => Some(points(place.capability.named())),
        Measure::Cohesion => Some(points(vec![
            ("trust".into(), place.cohesion.0),
            ("voluntary cooperation".into(), place.cohesion.1),
        ])),
        Measure::Ecology if region.is_none() => Some(points(vec![
            ("commons stock".into(), month.ecology.0 / 2.0),
            ("emissions avoided".into(), month.ecology.1 / 2.0),
        ])),
        _ => None,
    }
}

/// The window that answers "why did this move?" for `asked`, while it is
/// open; closing it clears `asked`.
pub(super) fn window(
    ctx: &egui::Context,
    asked: &mut Option<Measure>,
    region: Option<(u32, String)>,
    remembered: &Remembered,
    log: &EventLog,
    words: &Explanations,
) {
    let Some(criterion) = *asked else {
        return;
    };
    let label = words.measure(criterion.key()).label.clone();
    let mut open = true;
    egui::Window::new(format!("Why did {} move?", label.to_lowercase()))
        .open(&mut open)
        .collapsible(false)
        .default_width(380.0)
        .show(ctx, |ui| {
            let place = region.as_ref().map_or("the world".to_string(), |r| r.1.clone());
            let (Some(then), Some(now)) = (remembered.0.front(), remembered.0.back()) else {
                ui.label("Run a month first.");
                return;
            };
            let id = region.as_ref().map(|r| r.0);
            ui.label(format!(
                "{label} in {place}, from month {} to month {}:",
                then.tick, now.tick
            ));
            match (parts_of(criterion, then, id), parts_of(criterion, now, id)) {
                (Some(before), Some(after)) => {
                    let total = |p: &[(String, f64)]| p.iter().map(|x| x.1).sum::<f64>();
                    let (from, to) = (total(&before), total(&after));
                    ui.heading(format!("{from:.1} to {to:.1}  ({:+.1})", to - from));
                    egui::Grid::new("why parts")
                        .num_columns(4)
                        .striped(true)
                        .show(ui, |ui| {
                            ui.weak("part");
                            ui.weak("then");
                            ui.weak("now");
                            ui.weak("change");
                            ui.end_row();
                            for ((name, a), (_, b)) in before.iter().zip(&after) {
                                ui.label(name);
                                ui.label(format!("{a:.1}"));
                                ui.label(format!("{b:.1}"));
                                let change = b - a;
                                let text = format!("{change:+.1}");
                                if change.abs() >= 0.05 {
                                    ui.strong(text);
                                } else {
                                    ui.weak(text);
                                }
                                ui.end_row();
                            }
                        });
                    ui.small("Points of the criterion each part adds; they sum to it.");
                }
                _ => {
                    ui.label(words.measure(criterion.key()).tooltip());
                    ui.small(match (criterion, id) {
                        (Measure::Ecology, Some(_)) => {
                            "Ecology is split into parts for the world only: the carbon budget is shared."
                        }
                        _ => "This criterion is not split into parts; the events below are what happened.",
                    });
                }
            }
            ui.separator();
            let events: Vec<String> = log
                .0
                .iter()
                .filter(|e| e.tick > then.tick && e.tick <= now.tick)
                .filter(|e| match &region {
                    Some((_, name)) => e.place.as_deref().is_none_or(|p| p == name),
                    None => true,
                })
                .map(|e| e.to_string())
                .collect();
            if events.is_empty() {
                ui.weak(format!("Nothing was logged in {place} in that time."));
            } else {
                ui.label(format!("What happened in {place} in that time:"));
                egui::ScrollArea::vertical().max_height(180.0).show(ui, |ui| {
                    for event in events.iter().rev() {
                        ui.label(event);
                    }
                });
            }
        });
    // Escape closes it, as it closes the prompt and the explanations.
    if !open || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        *asked = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::headless;

    /// The world's capability and cohesion parts sum to the criteria the
    /// model measures, so the window splits the figure the chart shows.
    #[test]
    fn the_parts_sum_to_the_measured_criteria() {
        let scenario = crate::scenario::Scenario::load("scenarios/classroom.ron")
            .expect("classroom scenario loads");
        let mut app = headless::app(&scenario, scenario.seed, false);
        app.init_resource::<Remembered>()
            .add_systems(Update, remember);
        for _ in 0..15 {
            headless::advance(&mut app, 1).expect("advances");
        }
        let world = app.world();
        let remembered = world.resource::<Remembered>();
        let now = remembered.0.back().expect("a month");
        let then = remembered.0.front().expect("a month");
        assert_eq!(now.tick - then.tick, YEAR, "a year back and no more");
        let row = world
            .resource::<crate::sim::measures::History>()
            .latest()
            .copied()
            .expect("a row");
        assert_eq!(now.tick, row.tick);
        for criterion in [Measure::Capability, Measure::Cohesion, Measure::Ecology] {
            let parts = parts_of(criterion, now, None).expect("split");
            let sum: f64 = parts.iter().map(|p| p.1).sum();
            assert!(
                (sum - row.get(criterion)).abs() < 1e-9,
                "{criterion:?}: parts {sum} against {}",
                row.get(criterion)
            );
        }
        assert!(parts_of(Measure::Equity, now, None).is_none());
        assert!(parts_of(Measure::Capability, now, Some(3)).is_some());
    }
}
