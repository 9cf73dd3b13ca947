//! Contagion: how a shock in one region reaches the others along links.
//!
//! Disease: an epidemic runs its course within a month (a person infected
//! this month is sick this month and recovered, immune or dead by the next;
//! those a pandemic shock infects are sick in the month it strikes).
//! In a region whose share `I` is sick, with `R` immune and `S = 1 − I − R`
//! susceptible, each susceptible person catches it next month with chance
//! `1 − exp(−R0 × exposure)`, where exposure is `I` at home plus
//! `link_mixing × openness × I` of each neighbour across a trade link
//! (`link::openness`: travel restrictions shut it). Of those sick, a share
//! `pandemic_fatality` dies; while sick a person cannot work (`production`)
//! and needs `pandemic_care` more health care (`allocation`), so health
//! falls where care falls short (`learning`). With no one sick anywhere,
//! nothing runs.
//!
//! Money: a region's credit crunch eases by `crunch_recovery_annual` a year,
//! and each month it takes on `crunch_contagion × openness` of the worst
//! crunch among its trade neighbours, if that is deeper than its own
//! (exposure through trade credit and lending across the link).
//!
//! Circuit breakers: a region whose stress (`Climate::stress`, the share
//! sick plus its crunch) passes its `circuit_breaker` shuts its links for
//! the month: no goods, know-how, contacts or credit cross them. The price
//! is the trade lost.

use bevy::prelude::*;

use crate::sim::base::params::{Economy, monthly};
use crate::sim::crisis::episodes::Episodes;
use crate::sim::crisis::log::{EventLog, Happening, Started};
use crate::sim::crisis::shock::{Regions, Shock};
use crate::sim::institutions::{Channels, Link, LinkKind, Policy};
use crate::sim::people::{Climate, Cohorts, Deaths, Lives, Region};
use crate::sim::{SimClock, WorldIndex};

/// The world's trade links in its order, each with its entity.
fn trade_links<'a>(
    index: &'a WorldIndex,
    links: &'a Query<&Link>,
) -> impl Iterator<Item = (&'a Link, Entity)> {
    index.links().iter().filter_map(move |&e| {
        let link = links.get(e).ok()?;
        (link.kind == LinkKind::Trade).then_some((link, e))
    })
}

/// One month of every epidemic, all regions at once from last month's
/// figures, so the order regions are visited in changes nothing.
pub(crate) fn spread_disease(
    faults: Res<crate::sim::base::parallel::Faults>,
    economy: Res<Economy>,
    index: Res<WorldIndex>,
    links: Query<&Link>,
    mut channels: Query<&mut Channels>,
    mut regions: Query<(&Region, &Policy, &mut Climate, &mut Cohorts, &mut Lives)>,
) {
    let (sick, seeded): (Vec<f64>, Vec<f64>) = index
        .regions
        .iter()
        .map(|&e| {
            regions
                .get(e)
                .map_or((0.0, 0.0), |r| (r.2.infected, r.2.seeded))
        })
        .unzip();
    if sick.iter().chain(&seeded).all(|&s| s <= 0.0) {
        clear(&mut channels, |c| &mut c.disease);
        return;
    }
    // Exposure at home, then along each trade link in the world's order.
    let mut exposure = sick.clone();
    for (link, entity) in trade_links(&index, &links) {
        let (Ok(pa), Ok(pb)) = (regions.get(link.from), regions.get(link.to)) else {
            faults.lost("spread_disease", "regions");
            continue;
        };
        // A region's id is its place in the world's order.
        let (a, b) = (pa.0.id as usize, pb.0.id as usize);
        let mixing = economy.link_mixing * link.in_use(pa.1, pb.1);
        exposure[a] += mixing * sick[b];
        exposure[b] += mixing * sick[a];
        if let Ok(mut carried) = channels.get_mut(entity) {
            carried.disease = mixing * (sick[a] - sick[b]);
        }
    }
    for (i, &entity) in index.regions.iter().enumerate() {
        let Ok((_, _, mut climate, mut cohorts, mut lives)) = regions.get_mut(entity) else {
            faults.lost("spread_disease", "regions");
            continue;
        };
        let was_sick = climate.infected;
        let immune = (climate.immune + was_sick * (1.0 - economy.pandemic_fatality)).min(1.0);
        let susceptible = (1.0 - immune - was_sick * economy.pandemic_fatality).max(0.0);
        let caught = susceptible * (1.0 - (-economy.pandemic_reproduction * exposure[i]).exp());
        // Those a shock infected this month are sick this month, beside
        // those caught from last month's sick.
        let sick_now = caught + climate.seeded.min(susceptible - caught);
        climate.seeded = 0.0;
        climate.immune = immune;
        // Below one person in a million sick the epidemic has died out.
        climate.infected = if sick_now > 1e-6 { sick_now } else { 0.0 };
        let dead = economy.pandemic_fatality * was_sick;
        lives.record(Deaths {
            epidemic: dead * cohorts.population(),
            ..default()
        });
        for cohort in &mut cohorts.0 {
            cohort.size *= 1.0 - dead;
        }
    }
}

/// Trips and resets circuit breakers on last month's stress, and shuts the
/// links of every region whose breaker is tripped or whose links sabotage
/// has cut.
pub(crate) fn trip_breakers(
    faults: Res<crate::sim::base::parallel::Faults>,
    clock: Res<SimClock>,
    index: Res<WorldIndex>,
    mut log: ResMut<EventLog>,
    mut regions: Query<(&Region, &Policy, &mut Climate)>,
    mut links: Query<&mut Link>,
) {
    let (Some(regions), Some(links)) = (
        faults.gather(&mut regions, &index.regions, "trip_breakers", "regions"),
        faults.gather(&mut links, index.links(), "trip_breakers", "links"),
    ) else {
        return;
    };
    // Whether each region, by id, shuts its links this month.
    let mut shuts = vec![false; index.regions.len()];
    for ((region, policy, mut climate), shuts) in regions.into_iter().zip(&mut shuts) {
        let stress = climate.stress();
        let tripped = policy.circuit_breaker > 0.0 && stress > policy.circuit_breaker;
        if tripped != climate.breaker {
            climate.breaker = tripped;
            log.note(
                clock.tick,
                Some(region.name.clone()),
                if tripped {
                    Happening::BreakerTripped {
                        stress,
                        threshold: policy.circuit_breaker,
                    }
                } else {
                    Happening::BreakerReset
                },
            );
        }
        *shuts = climate.breaker || climate.cut_off_months > 0;
    }
    for (mut link, &[a, b]) in links.into_iter().zip(index.link_ends()) {
        let shut = shuts.get(a).is_some_and(|&s| s) || shuts.get(b).is_some_and(|&s| s);
        if link.shut != shut {
            link.shut = shut;
        }
    }
}

/// One month of every credit crunch: each eases, then takes on its share
/// of the worst neighbour's, all regions at once from last month's figures.
/// A region the crunch reaches (past 5%) opens a resilience episode.
pub(crate) fn spread_crunch(
    faults: Res<crate::sim::base::parallel::Faults>,
    clock: Res<SimClock>,
    economy: Res<Economy>,
    index: Res<WorldIndex>,
    links: Query<&Link>,
    mut channels: Query<&mut Channels>,
    mut log: ResMut<EventLog>,
    mut episodes: ResMut<Episodes>,
    mut regions: Query<(&Region, &Policy, &mut Climate)>,
) {
    let crunch: Vec<f64> = index
        .regions
        .iter()
        .map(|&e| regions.get(e).map_or(0.0, |r| r.2.crunch))
        .collect();
    if crunch.iter().all(|&c| c <= 0.0) {
        clear(&mut channels, |c| &mut c.credit);
        return;
    }
    let easing = 1.0 - monthly(economy.crunch_recovery_annual);
    let mut next: Vec<f64> = crunch.iter().map(|c| c * easing).collect();
    for (link, entity) in trade_links(&index, &links) {
        let (Ok(pa), Ok(pb)) = (regions.get(link.from), regions.get(link.to)) else {
            faults.lost("spread_crunch", "regions");
            continue;
        };
        // A region's id is its place in the world's order.
        let (a, b) = (pa.0.id as usize, pb.0.id as usize);
        let exposure = economy.crunch_contagion * link.in_use(pa.1, pb.1);
        let (to_a, to_b) = (exposure * crunch[b], exposure * crunch[a]);
        next[a] = next[a].max(to_a);
        next[b] = next[b].max(to_b);
        if let Ok(mut carried) = channels.get_mut(entity) {
            // What it passed where it set the other side's crunch.
            let passed = |to: f64, own: f64| if to > own * easing { to } else { 0.0 };
            carried.credit = passed(to_b, crunch[b]) - passed(to_a, crunch[a]);
        }
    }
    for (i, &entity) in index.regions.iter().enumerate() {
        let Ok((region, _, mut climate)) = regions.get_mut(entity) else {
            faults.lost("spread_crunch", "regions");
            continue;
        };
        let reached = crunch[i] < REACHED && next[i] >= REACHED;
        climate.crunch = if next[i] > 1e-4 { next[i] } else { 0.0 };
        if reached {
            episodes.strike(
                region.id,
                crate::sim::crisis::shock::ShockKind::FinancialCrash,
                1,
            );
            log.note(
                clock.tick,
                Some(region.name.clone()),
                Happening::ShockStarted {
                    shock: Shock::FinancialCrash {
                        regions: Regions::Only(vec![region.id]),
                        severity: next[i],
                    },
                    cause: Started::FromNeighbour,
                },
            );
        }
    }
}

/// Once a contagion has died out, sets its channel of every link to
/// nothing. It reads every link each calm month rather than remember that
/// it ran last month: a system's own memory is state a snapshot of the
/// world would miss (`world::snapshot`).
fn clear(channels: &mut Query<&mut Channels>, channel: fn(&mut Channels) -> &mut f64) {
    for mut carried in channels.iter_mut() {
        // Read first: a write would mark every link changed every month.
        if *channel(carried.bypass_change_detection()) != 0.0 {
            *channel(&mut carried) = 0.0;
        }
    }
}

/// The crunch past which a region counts as reached by a crash.
const REACHED: f64 = 0.05;
