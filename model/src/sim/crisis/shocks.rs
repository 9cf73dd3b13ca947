//! Shocks from the timeline and the panel start or run out, and what each
//! does to a region when it strikes (the data is `shock`).

use bevy::prelude::*;

use super::episodes::Episodes;
use super::log::{EventLog, Happening, Started};
use super::shock::{Regions, Shock, ShockKind, ShockQueue};
use crate::sim::base::books::Books;
use crate::sim::base::bounded::MAX_POPULATION;
use crate::sim::base::goods::Good;
use crate::sim::ecology::{Commons, CommonsKind};
use crate::sim::economy::Enterprise;
use crate::sim::institutions::{Link, LinkKind};
use crate::sim::interventions::{Intervention, Interventions};
use crate::sim::people::{Climate, Cohorts, Drought, Region, Scarcity};
use crate::sim::power::Attempts;
use crate::sim::{SimClock, Timeline, WorldIndex};

/// The least share of its tasks an enterprise's people keep, however often
/// automation strikes: a modelling bound (some human work remains), which
/// keeps technology finite (at most twenty times its level before any
/// automation).
pub(crate) const HUMAN_FLOOR: f64 = 0.05;

// Over 100 lines: the month's shocks in the order they must run (counting
// down, the timeline's, the queue's), each logged once per target.
/// Counts down running droughts, scarcities and sabotage, then starts the timeline's
/// shocks for this month and those sent since the last, in that order. A
/// new drought or scarcity replaces a weaker one. Each start goes to the
/// event log (once per target) and opens a resilience episode in every
/// region it strikes.
#[expect(
    clippy::too_many_arguments,
    reason = "a Bevy system or a phase's step takes what it reads and writes"
)]
pub(crate) fn start_and_end_shocks(
    faults: Res<crate::sim::base::parallel::Faults>,
    clock: Res<SimClock>,
    timeline: Res<Timeline>,
    index: Res<WorldIndex>,
    mut queue: ResMut<ShockQueue>,
    mut interventions: ResMut<Interventions>,
    mut attempts: ResMut<Attempts>,
    mut log: ResMut<EventLog>,
    federations: Res<crate::sim::people::Federations>,
    mut episodes: ResMut<Episodes>,
    mut books: ResMut<Books>,
    settling: Option<Res<crate::sim::Settling>>,
    mut regions: Query<(&mut Region, &mut Climate, &mut Cohorts)>,
    mut enterprises: Query<&mut Enterprise>,
    mut commons: Query<&mut Commons>,
    mut links: Query<&mut Link>,
) {
    for &entity in &index.regions {
        let Ok((region, mut climate, _)) = regions.get_mut(entity) else {
            faults.lost("start_and_end_shocks", "regions");
            continue;
        };
        let mut ended = Vec::new();
        if climate.cut_off_months > 0 {
            climate.cut_off_months -= 1;
            if climate.cut_off_months == 0 {
                ended.push(ShockKind::Sabotage);
            }
        }
        if let Some(drought) = &mut climate.drought {
            drought.months_left = drought.months_left.saturating_sub(1);
            if drought.months_left == 0 {
                climate.drought = None;
                ended.push(ShockKind::Drought);
            }
        }
        if let Some(scarcity) = &mut climate.scarcity {
            scarcity.months_left = scarcity.months_left.saturating_sub(1);
            if scarcity.months_left == 0 {
                climate.scarcity = None;
                ended.push(ShockKind::Scarcity);
            }
        }
        if settling.is_none() {
            for kind in ended {
                log.note(
                    clock.tick,
                    Some(region.name.clone()),
                    Happening::ShockEnded { kind },
                );
            }
        }
    }
    if settling.is_some() {
        return;
    }
    let sent = queue.take();
    for shock in &sent {
        interventions.note(clock.tick, Intervention::Shock(shock.clone()));
    }
    let due = timeline
        .0
        .iter()
        .filter(|e| e.tick == clock.tick)
        .map(|e| &e.shock);
    for shock in due.chain(&sent) {
        let target = shock.regions();
        let mut struck = Vec::new();
        let mut struck_entities = Vec::new();
        for &entity in &index.regions {
            let Ok((region, mut climate, mut cohorts)) = regions.get_mut(entity) else {
                faults.lost("start_and_end_shocks", "regions");
                continue;
            };
            if !target.holds(&region) {
                continue;
            }
            strike(
                shock,
                &region,
                &mut climate,
                &mut cohorts,
                &mut enterprises,
                &mut commons,
                &mut books,
            );
            episodes.strike(region.id, shock.kind(), shock.months());
            struck.push(region.name.clone());
            struck_entities.push(entity);
        }
        match *shock {
            Shock::Fragmentation { friction, .. } => {
                split(&struck_entities, friction, &mut regions, &mut links);
            }
            Shock::SupplyShock { links: share, .. } if share > 0.0 => {
                super::rebuilding::damage(&faults, &struck_entities, share, &index, &mut links);
            }
            Shock::CaptureAttempt { group, .. } => {
                attempts
                    .0
                    .extend(struck_entities.iter().map(|&e| (e, group)));
            }
            _ => {}
        }
        let what = Happening::ShockStarted {
            shock: shock.clone(),
            cause: Started::Sent,
        };
        match target {
            Regions::All => log.note(clock.tick, None, what),
            Regions::Federation(f) => log.note(clock.tick, Some(federations.name(*f)), what),
            Regions::Only(_) => {
                for name in struck {
                    log.note(clock.tick, Some(name), what.clone());
                }
            }
        }
    }
}

/// What one shock does to one region at its start.
fn strike(
    shock: &Shock,
    region: &Region,
    climate: &mut Climate,
    cohorts: &mut Cohorts,
    enterprises: &mut Query<&mut Enterprise>,
    commons: &mut Query<&mut Commons>,
    books: &mut Books,
) {
    match *shock {
        Shock::Drought {
            severity, months, ..
        } => {
            if climate.drought.is_none_or(|d| d.severity <= severity) {
                climate.drought = Some(Drought {
                    severity,
                    months_left: months,
                });
            }
        }
        Shock::Scarcity { share, months, .. } => {
            if climate.scarcity.is_none_or(|s| s.share <= share) {
                climate.scarcity = Some(Scarcity {
                    share,
                    months_left: months,
                });
            }
        }
        Shock::SupplyShock { share, .. } => destroy_capital(region, share, enterprises, books),
        Shock::Sabotage { share, months, .. } => {
            destroy_capital(region, share, enterprises, books);
            climate.cut_off_months = climate.cut_off_months.max(months);
        }
        Shock::Automation { share, .. } => {
            for &e in &region.enterprises {
                if let Ok(mut enterprise) = enterprises.get_mut(e) {
                    let before = enterprise.human_share;
                    let after = (before * (1.0 - share)).max(HUMAN_FLOOR).min(before);
                    if after > 0.0 {
                        enterprise.technology *= before / after;
                    }
                    enterprise.human_share = after;
                    climate.displaced += share * enterprise.workforce;
                }
            }
        }
        // The split itself is made for all the struck regions at once, and
        // councils are contested at the end of the month.
        Shock::Fragmentation { .. } | Shock::CaptureAttempt { .. } => {}
        Shock::FinancialCrash { severity, .. } => {
            climate.crunch = climate.crunch.max(severity);
        }
        Shock::Pandemic { infected, .. } => {
            let susceptible = (1.0 - climate.infected - climate.immune - climate.seeded).max(0.0);
            climate.seeded += infected.min(susceptible);
        }
        Shock::Wildfire { share, .. } => {
            for &c in &region.commons {
                if let Ok(mut forest) = commons.get_mut(c)
                    && forest.kind == CommonsKind::Forest
                {
                    let burnt = forest.stock * share;
                    forest.stock -= burnt;
                    books.flows.depreciate(Good::Resource, burnt);
                }
            }
        }
        // Newcomers join the poorest, up to the most people a region may
        // hold (the bound a scenario file has, `bounded::MAX_POPULATION`);
        // more are turned away, so waves every month cannot grow a region
        // past any number.
        Shock::MigrationWave { growth, .. } => {
            let people = cohorts.population();
            let room = (MAX_POPULATION - people).max(0.0);
            let newcomers = (people * growth).min(room);
            if let Some(poorest) = cohorts.0.first_mut() {
                poorest.size += newcomers;
            }
        }
    }
}

/// Destroys `share` of every enterprise's capital in a region, recorded in
/// the books as capital lost.
fn destroy_capital(
    region: &Region,
    share: f64,
    enterprises: &mut Query<&mut Enterprise>,
    books: &mut Books,
) {
    for &e in &region.enterprises {
        if let Ok(mut enterprise) = enterprises.get_mut(e) {
            let lost = enterprise.capital * share;
            enterprise.capital -= lost;
            books.flows.depreciate(Good::Capital, lost);
        }
    }
}

/// Makes the `struck` regions a federation of their own, numbered after
/// the highest there is: links between them and the rest cost `friction`
/// times as much to ship across, and aid links across the split are cut.
fn split(
    struck: &[Entity],
    friction: f64,
    regions: &mut Query<(&mut Region, &mut Climate, &mut Cohorts)>,
    links: &mut Query<&mut Link>,
) {
    let new = regions
        .iter()
        .map(|r| r.0.federation + 1)
        .max()
        .unwrap_or(0);
    for &entity in struck {
        if let Ok((mut region, ..)) = regions.get_mut(entity) {
            region.federation = new;
        }
    }
    for mut link in links.iter_mut() {
        if struck.contains(&link.from) != struck.contains(&link.to) {
            link.friction *= friction;
            if link.kind == LinkKind::Aid {
                link.severed = true;
            }
        }
    }
}
