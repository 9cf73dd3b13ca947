//! Contagion: how a shock in one region reaches the others along links.
//!
//! Disease: an epidemic runs its course within a month (a person infected
//! this month is sick this month and recovered, immune or dead by the next).
//! In a region whose share `I` is sick, with `R` immune and `S = 1 − I − R`
//! susceptible, each susceptible person catches it next month with chance
//! `1 − exp(−R0 × exposure)`, where exposure is `I` at home plus
//! `link_mixing × openness × I` of each neighbour across a trade link
//! (`link::openness`: travel restrictions shut it). Of those sick, a share
//! `pandemic_fatality` dies; while sick a person cannot work (`production`)
//! and needs `pandemic_care` more health care (`allocation`), so health
//! falls where care falls short (`learning`). With no one sick anywhere,
//! nothing runs.

use std::collections::HashMap;

use bevy::prelude::*;

use crate::sim::WorldIndex;
use crate::sim::link::{Link, LinkKind, openness};
use crate::sim::params::Economy;
use crate::sim::policy::Policy;
use crate::sim::region::{Climate, Cohorts, Region};

/// One month of every epidemic, all regions at once from last month's
/// figures, so the order regions are visited in changes nothing.
pub(crate) fn spread_disease(
    economy: Res<Economy>,
    index: Res<WorldIndex>,
    links: Query<&Link>,
    mut regions: Query<(&Region, &Policy, &mut Climate, &mut Cohorts)>,
) {
    let sick: Vec<f64> = index
        .regions
        .iter()
        .map(|&e| regions.get(e).map_or(0.0, |r| r.2.infected))
        .collect();
    if sick.iter().all(|&s| s <= 0.0) {
        return;
    }
    let at: HashMap<Entity, usize> = index
        .regions
        .iter()
        .enumerate()
        .map(|(i, &e)| (e, i))
        .collect();
    // Exposure at home, then along each trade link in the world's order.
    let mut exposure = sick.clone();
    for &entity in &index.links {
        let Ok(link) = links.get(entity) else {
            continue;
        };
        if link.kind != LinkKind::Trade {
            continue;
        }
        let (Some(&a), Some(&b)) = (at.get(&link.from), at.get(&link.to)) else {
            continue;
        };
        let (Ok(pa), Ok(pb)) = (regions.get(link.from), regions.get(link.to)) else {
            continue;
        };
        let mixing = economy.link_mixing * openness(pa.1, pb.1);
        exposure[a] += mixing * sick[b];
        exposure[b] += mixing * sick[a];
    }
    for (i, &entity) in index.regions.iter().enumerate() {
        let Ok((_, _, mut climate, mut cohorts)) = regions.get_mut(entity) else {
            continue;
        };
        let was_sick = climate.infected;
        let immune = (climate.immune + was_sick * (1.0 - economy.pandemic_fatality)).min(1.0);
        let susceptible = (1.0 - immune - was_sick * economy.pandemic_fatality).max(0.0);
        let caught = susceptible * (1.0 - (-economy.pandemic_reproduction * exposure[i]).exp());
        climate.immune = immune;
        // Below one person in a million sick the epidemic has died out.
        climate.infected = if caught > 1e-6 { caught } else { 0.0 };
        for cohort in &mut cohorts.0 {
            cohort.size *= 1.0 - economy.pandemic_fatality * was_sick;
        }
    }
}
