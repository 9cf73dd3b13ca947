//! A settled start. A scenario states its people, commons and policy, but
//! not the money in motion: councils, investment funds and enterprises would
//! open empty and prices, forecasts and stocks at their base values, and the
//! first months would show a crash no policy causes (output per person down
//! a third in four months, prices up half in a year). So before month 0 the
//! world runs `burn_in_months` calm months that nobody sees, with what the
//! scenario states held still: no shocks or weather, no learning,
//! innovation or migration (people's health, skills, trust and numbers stay
//! as stated), and the commons put back every month. Then the clock,
//! history, books and carbon start at zero. What remains of the burn-in is
//! what the scenario leaves open: money where the month's flows put it,
//! prices, forecasts, stocks, capital, wages and staffing, all settled to
//! the stated world.

use bevy::prelude::*;

use crate::sim::base::books::Books;
use crate::sim::base::calendar::MONTHS_PER_YEAR;
use crate::sim::crisis::{Episodes, EventLog};
use crate::sim::ecology::{Atmosphere, Commons};
use crate::sim::economy::{Enterprise, InvestmentFund};
use crate::sim::measures::{self, History};
use crate::sim::people::{Cohorts, Society};
use crate::sim::{Settling, SimClock, WorldIndex};

/// A cohort's size, health and skills as the scenario states them.
type StatedCohort = (f64, f64, f64);

/// What the scenario states about the slow parts of the world.
struct Stated {
    cohorts: Vec<(Entity, Vec<StatedCohort>)>,
    trust: Vec<(Entity, f64)>,
    commons: Vec<(Entity, Commons)>,
    enterprises: Vec<(Entity, Enterprise)>,
}

impl Stated {
    fn read(world: &mut World) -> Self {
        let index = world.resource::<WorldIndex>();
        let (regions, commons) = (index.regions.clone(), index.commons.clone());
        let cohorts = regions
            .iter()
            .filter_map(|&e| {
                let c = world.get::<Cohorts>(e)?;
                Some((
                    e,
                    c.0.iter().map(|c| (c.size, c.health, c.skills)).collect(),
                ))
            })
            .collect();
        let trust = regions
            .iter()
            .filter_map(|&e| Some((e, world.get::<Society>(e)?.trust)))
            .collect();
        let commons = commons
            .iter()
            .filter_map(|&e| Some((e, world.get::<Commons>(e)?.clone())))
            .collect();
        let enterprises = world
            .query::<(Entity, &Enterprise)>()
            .iter(world)
            .map(|(e, x)| (e, x.clone()))
            .collect();
        Self {
            cohorts,
            trust,
            commons,
            enterprises,
        }
    }

    /// Puts back what the scenario stated: cohort sizes, health and skills
    /// (each cohort keeps its money), trust, the commons whole, and each
    /// enterprise's technology, intensities and licences (it keeps its
    /// money, prices, forecasts, stock and capital).
    fn restore(self, world: &mut World) {
        for (e, stated) in self.cohorts {
            if let Some(mut cohorts) = world.get_mut::<Cohorts>(e) {
                for (cohort, (size, health, skills)) in cohorts.0.iter_mut().zip(stated) {
                    (cohort.size, cohort.health, cohort.skills) = (size, health, skills);
                }
            }
        }
        for (e, trust) in self.trust {
            if let Some(mut society) = world.get_mut::<Society>(e) {
                society.trust = trust;
            }
            // The commons are put back, so nothing restored them yet.
            if let Some(mut fund) = world.get_mut::<InvestmentFund>(e) {
                fund.restored_capacity = 0.0;
            }
        }
        for (e, stated) in self.commons {
            if let Some(mut commons) = world.get_mut::<Commons>(e) {
                *commons = stated;
            }
        }
        for (e, stated) in self.enterprises {
            if let Some(mut enterprise) = world.get_mut::<Enterprise>(e) {
                enterprise.technology = stated.technology;
                enterprise.resource_intensity = stated.resource_intensity;
                enterprise.emission_intensity = stated.emission_intensity;
                enterprise.licensed = stated.licensed;
                enterprise.licensor = stated.licensor;
            }
        }
    }
}

/// Runs the burn-in on a freshly spawned world (see the module's header).
/// The model's schedule must already be in the world.
pub(crate) fn settle(world: &mut World, months: u32) {
    if months == 0 {
        return;
    }
    let stated = Stated::read(world);
    let air = world.resource::<Atmosphere>().clone();
    world.insert_resource(Settling);
    let paused = std::mem::replace(&mut world.resource_mut::<SimClock>().paused, false);
    for _ in 0..months {
        world.run_schedule(FixedUpdate);
        for (e, stated) in &stated.commons {
            if let Some(mut commons) = world.get_mut::<Commons>(*e) {
                *commons = stated.clone();
            }
        }
        // The books go on from the commons as put back.
        let holdings = measures::holdings(world);
        world.resource_mut::<Books>().last = Some(holdings);
    }
    world.remove_resource::<Settling>();
    stated.restore(world);
    // Nothing emitted yet; the rate stays as the settled economy emits.
    let rate = world.resource::<Atmosphere>().rate;
    world.insert_resource(Atmosphere { rate, ..air });
    world.insert_resource(SimClock { tick: 0, paused });
    // The last year's price indices stay as the base of the first year's
    // inflation.
    let mut history = world.resource_mut::<History>();
    let rows = std::mem::take(&mut history.rows);
    history.prices_before = rows
        .iter()
        .rev()
        .take(MONTHS_PER_YEAR as usize)
        .rev()
        .map(|r| r.price_index)
        .collect();
    world.resource_mut::<EventLog>().0.clear();
    *world.resource_mut::<Episodes>() = default();
    let opening = measures::holdings(world);
    let mut books = world.resource_mut::<Books>();
    books.flows = default();
    books.last = Some(opening);
}
