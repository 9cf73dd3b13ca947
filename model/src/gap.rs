//! Why a run differs from its baseline: the same scenario and seed with
//! nothing sent to it. The gap in a criterion at a month is split two ways.
//!
//! - **Into parts.** Capability is the sum of what each basic good's
//!   coverage, health, skills and employment add to it, cohesion of trust
//!   and voluntary cooperation, the world's ecology of the commons and the
//!   emissions avoided ([`MonthParts::parts`]). The gap in each part is this
//!   run's less the baseline's, so the parts' gaps sum to the criterion's.
//! - **Among what was sent.** Each move (a lever set in a month, a lock, a
//!   shock) is credited with what the run loses when it alone is taken out
//!   and the run replayed: the ablation, as the findings back a claim. A
//!   move whose ablation changes nothing is credited with nothing, however
//!   close it came to the change, and what the moves do only together is
//!   left as its own line rather than shared out.
//!
//! Every figure is read from a replayed run's state at that month; the
//! model keeps no history for it.
//!
//! Whether a gap is more than noise is a question for other seeds: [`fan`]
//! replays the same moves and the baseline on a run of seeds, each pair on
//! the same weather and shocks. On a generated world each seed is another
//! world, and a move aimed at a region lands on the region with its number.

use bevy::prelude::*;

use crate::headless::{self, RunError};
use crate::scenario::Scenario;
use crate::sim::base::params::Economy;
use crate::sim::ecology::{Atmosphere, Commons};
use crate::sim::interventions::{Intervention, Interventions};
use crate::sim::measures::{History, Measure, MeasureRow, ecology_parts};
use crate::sim::people::{CapabilityParts, Cohorts, Lives, Society};
use crate::sim::{SimClock, WorldIndex};

/// Moves credited one by one; older ones are taken out together, as one
/// line, so that explaining a long session stays a few seconds' work.
pub const MOST_MOVES: usize = 12;

/// A place's parts in one month, people-weighted means over the people who
/// would be alive (the missing have nothing, as the criteria take them).
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

/// One month's parts: every region's (by id), the world's, and the world's
/// ecology halves (commons, carbon).
#[derive(Clone, Debug)]
pub struct MonthParts {
    pub tick: u32,
    regions: Vec<Parts>,
    world: Parts,
    ecology: (f64, f64),
}

impl MonthParts {
    /// The parts of a world's state now, with the model's own formulas
    /// (`Cohort::capability_parts`, `Society::cohesion_parts`,
    /// `measures::ecology_parts`); `None` before the world is spawned.
    pub fn read(world: &mut World) -> Option<MonthParts> {
        let individualism = world.get_resource::<Economy>()?.individualism_weight;
        let tick = world.resource::<SimClock>().tick;
        let ids: Vec<Entity> = world
            .resource::<WorldIndex>()
            .regions
            .iter()
            .copied()
            .collect();
        let mut regions = world.query::<(&Cohorts, &Society, &Lives)>();
        let mut total = Parts::default();
        let mut living_total = 0.0;
        let by_region: Vec<Parts> = ids
            .iter()
            .map(|&e| {
                let Ok((cohorts, society, lives)) = regions.get(world, e) else {
                    return Parts::default();
                };
                let living = cohorts.population();
                let people = lives.would_be(living);
                let mut capability = CapabilityParts::default();
                for c in &cohorts.0 {
                    capability.add(&c.capability_parts(), c.size);
                }
                let alive = living / people.max(f64::MIN_POSITIVE);
                let (trust, cooperation) = society.cohesion_parts(individualism);
                let parts = Parts {
                    people,
                    capability: capability.scaled(1.0 / people.max(f64::MIN_POSITIVE)),
                    cohesion: (trust * alive, cooperation * alive),
                };
                total.add(&parts, people);
                total.people += people;
                living_total += living;
                parts
            })
            .collect();
        let mut mean = Parts {
            people: total.people,
            ..default()
        };
        mean.add(&total, 1.0 / total.people.max(f64::MIN_POSITIVE));
        let (stock, capacity) = world
            .query::<&Commons>()
            .iter(world)
            .fold((0.0, 0.0), |(s, c), x| (s + x.stock, c + x.capacity));
        let alive = if total.people > 0.0 {
            living_total / total.people
        } else {
            1.0
        };
        Some(MonthParts {
            tick,
            regions: by_region,
            world: mean,
            ecology: ecology_parts(stock, capacity, world.get_resource::<Atmosphere>()?, alive),
        })
    }

    /// A criterion's parts, in points, for a region (by id) or the world
    /// (`None`): (name, points), summing to the criterion. `None` for a
    /// criterion the model does not split, or ecology in one region (the
    /// carbon budget is shared).
    pub fn parts(&self, criterion: Measure, region: Option<u32>) -> Option<Vec<(String, f64)>> {
        let place = match region {
            Some(id) => self.regions.get(id as usize)?,
            None => &self.world,
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
                ("commons stock".into(), self.ecology.0 / 2.0),
                ("emissions avoided".into(), self.ecology.1 / 2.0),
            ])),
            _ => None,
        }
    }
}

/// A criterion at a month in one run: its value and, where the model splits
/// it, its parts.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    pub value: f64,
    pub parts: Option<Vec<(String, f64)>>,
}

/// One line of the credit: moves taken out together, and what taking them
/// out costs the run (this run less the run without them).
#[derive(Clone, Debug)]
pub struct Credit {
    /// The moves, with their months, in the order sent.
    pub moves: Vec<(u32, Intervention)>,
    /// Points of the criterion.
    pub points: f64,
    /// Points of each part, where the criterion is split.
    pub parts: Option<Vec<f64>>,
}

/// Why a run differs from its baseline in one criterion, place and month.
#[derive(Clone, Debug)]
pub struct Gap {
    pub criterion: Measure,
    pub region: Option<u32>,
    pub month: u32,
    pub run: Reading,
    pub baseline: Reading,
    /// Each move's credit (or the older moves' together), in the order sent.
    pub credits: Vec<Credit>,
}

impl Gap {
    /// This run less the baseline, in points.
    pub fn points(&self) -> f64 {
        self.run.value - self.baseline.value
    }

    /// What the moves do together beyond each alone: the gap less every
    /// credit.
    pub fn together(&self) -> f64 {
        self.points() - self.credits.iter().map(|c| c.points).sum::<f64>()
    }
}

/// The moves as they will be credited: one group per month and lever (a
/// lock with its lever), one per shock, in the order sent; with more than
/// [`MOST_MOVES`] groups, the oldest are one group.
pub fn moves(sent: &Interventions) -> Vec<Vec<(u32, Intervention)>> {
    let key = |tick: u32, i: &Intervention| match i {
        Intervention::Lever(c) => Some((tick, c.lever.name)),
        Intervention::Lock(l) => Some((tick, l.lever.name)),
        Intervention::Shock(_) => None,
    };
    let mut groups: Vec<Vec<(u32, Intervention)>> = Vec::new();
    for (tick, i) in &sent.0 {
        let joins = key(*tick, i).and_then(|k| {
            groups
                .iter()
                .position(|g| g.first().and_then(|(t, first)| key(*t, first)) == Some(k))
        });
        match joins {
            Some(at) => groups[at].push((*tick, i.clone())),
            None => groups.push(vec![(*tick, i.clone())]),
        }
    }
    if groups.len() > MOST_MOVES {
        let newer = groups.split_off(groups.len() + 1 - MOST_MOVES);
        let older: Vec<_> = groups.into_iter().flatten().collect();
        groups = std::iter::once(older).chain(newer).collect();
    }
    groups
}

/// Replays the scenario with `sent` to `month` and reads the criterion in
/// the place.
fn read(
    scenario: &Scenario,
    seed: u64,
    sent: &Interventions,
    month: u32,
    criterion: Measure,
    region: Option<u32>,
) -> Result<Reading, RunError> {
    let mut app = headless::replayed(scenario, seed, sent, month)?;
    let world = app.world_mut();
    let month_parts = MonthParts::read(world);
    let parts = month_parts.and_then(|s| s.parts(criterion, region));
    let value = match (&parts, region) {
        (Some(parts), _) => parts.iter().map(|p| p.1).sum(),
        (None, None) => world
            .resource::<History>()
            .latest()
            .map_or(0.0, |row| row.get(criterion)),
        (None, Some(_)) => {
            return Err(RunError::Usage(format!(
                "{} is measured for the world only",
                crate::words::measure(criterion)
            )));
        }
    };
    Ok(Reading { value, parts })
}

/// Splits the gap between the run with `sent` and its baseline in
/// `criterion` at `month`, for a region (by id) or the world: into parts,
/// and among the moves, each credited with its ablation. A criterion the
/// model does not split is explained for the world only (an error names
/// it). Runs `moves(sent).len() + 2` replays, on the rayon pool.
pub fn explain(
    scenario: &Scenario,
    seed: u64,
    sent: &Interventions,
    month: u32,
    criterion: Measure,
    region: Option<u32>,
) -> Result<Gap, RunError> {
    use rayon::prelude::*;
    let groups = moves(sent);
    // Each run: everything but one group (`Some(i)`), everything (`None`),
    // nothing (the baseline).
    let mut plans: Vec<Interventions> = (0..groups.len())
        .map(|skip| {
            Interventions(
                groups
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != skip)
                    .flat_map(|(_, g)| g.iter().cloned())
                    .collect(),
            )
        })
        .collect();
    plans.push(sent.clone());
    plans.push(Interventions::default());
    let mut readings = plans
        .par_iter()
        .map(|plan| read(scenario, seed, plan, month, criterion, region))
        .collect::<Result<Vec<Reading>, RunError>>()?;
    let baseline = readings.pop().expect("the baseline's reading");
    let run = readings.pop().expect("the run's reading");
    let credits = groups
        .into_iter()
        .zip(readings)
        .map(|(moves, without)| Credit {
            moves,
            points: run.value - without.value,
            parts: run
                .parts
                .as_ref()
                .zip(without.parts.as_ref())
                .map(|(a, b)| a.iter().zip(b).map(|(x, y)| x.1 - y.1).collect()),
        })
        .collect();
    Ok(Gap {
        criterion,
        region,
        month,
        run,
        baseline,
        credits,
    })
}

/// One seed of a fan: the run with the moves and its baseline, each at the
/// month asked.
#[derive(Clone, Debug)]
pub struct FanRun {
    pub seed: u64,
    pub run: MeasureRow,
    pub baseline: MeasureRow,
}

/// The moves `sent` and the baseline replayed to `month` on `seeds` seeds
/// from `seed` on (the run's own first), on the rayon pool: where this run
/// and its baseline land across seeds, so a class sees which differences
/// are noise.
pub fn fan(
    scenario: &Scenario,
    seed: u64,
    sent: &Interventions,
    month: u32,
    seeds: u64,
) -> Result<Vec<FanRun>, RunError> {
    use rayon::prelude::*;
    let last = |rows: Vec<MeasureRow>| {
        rows.last()
            .copied()
            .ok_or_else(|| RunError::Usage(format!("no month measured by month {month}")))
    };
    (seed..seed + seeds)
        .into_par_iter()
        .map(|s| {
            Ok(FanRun {
                seed: s,
                run: last(headless::replay(scenario, s, sent, month)?)?,
                baseline: last(headless::replay(
                    scenario,
                    s,
                    &Interventions::default(),
                    month,
                )?)?,
            })
        })
        .collect()
}
