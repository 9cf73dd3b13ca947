//! Lever changes and constitution locks sent since the last month take
//! effect, at the start of the month (`Step::Levers`).

use bevy::prelude::*;

use crate::sim::base::params::Economy;
use crate::sim::crisis::{Emergency, EventLog, Happening};
use crate::sim::institutions::policy::{
    Consultation, InvestmentAllocation, Lever, LeverChanges, LeverTarget, LeverValue, Policy,
};
use crate::sim::interventions::{Intervention, Interventions};
use crate::sim::people::Region;
use crate::sim::power::{Capture, Constitution, Participation};
use crate::sim::{SimClock, WorldIndex};

/// Applies pending lever changes to the regions they target. A region
/// whose council decides with its people (participatory investment)
/// consults them first: the change takes effect after
/// `Economy::participatory_delay` of the people taking part in its council
/// (paralysis by consultation, seed step 9), unless the council is
/// captured (a captor consults no one) or the emergency protocol is on
/// (the protocol decides at once). An enterprise takes its region's
/// governance form when the policy changes it (a conversion the new form's
/// rules govern from this month on).
pub(crate) fn apply_lever_changes(
    faults: Res<crate::sim::base::parallel::Faults>,
    clock: Res<SimClock>,
    economy: Res<Economy>,
    index: Res<WorldIndex>,
    mut changes: ResMut<LeverChanges>,
    mut constitution: ResMut<Constitution>,
    mut interventions: ResMut<Interventions>,
    mut log: ResMut<EventLog>,
    mut regions: Query<(&Region, &mut Policy, &Participation, &Capture, &Emergency)>,
) {
    let tick = clock.tick;
    for (lock, from_outside) in changes.take_locks() {
        if from_outside {
            interventions.note(tick, Intervention::Lock(lock));
        }
        constitution.set_lock(lock.lever.name, lock.locked);
        log.note(
            tick,
            None,
            Happening::Locked {
                lever: lock.lever.name,
                locked: lock.locked,
            },
        );
    }
    let pending = changes.take();
    if pending.is_empty() && changes.consulting.is_empty() {
        return;
    }
    for &(change, from_outside) in &pending {
        if from_outside {
            interventions.note(tick, Intervention::Lever(change));
        }
    }
    let pending: Vec<_> = pending.into_iter().map(|(change, _)| change).collect();
    // What moved, where (`None`: everywhere), from which value, to which.
    let mut moved: Vec<(Option<u32>, &'static Lever, Option<LeverValue>, LeverValue)> = Vec::new();
    for change in &pending {
        let mut applied = false;
        // The value the regions it moved in had, while they all agree.
        let mut from: Option<Option<LeverValue>> = None;
        // A change to one region looks up that region alone.
        let targets: Vec<Entity> = match change.target {
            LeverTarget::All => index.regions.iter().copied().collect(),
            LeverTarget::Region(id) => index
                .regions
                .get_index(id as usize)
                .into_iter()
                .copied()
                .collect(),
        };
        for entity in targets {
            let Ok((region, mut policy, participation, capture, emergency)) =
                regions.get_mut(entity)
            else {
                faults.lost("apply_lever_changes", "regions");
                continue;
            };
            let consults = policy.investment_allocation == InvestmentAllocation::Participatory
                && capture.by.is_none()
                && !emergency.on;
            if consults {
                let months = economy.participatory_delay(participation.council_participants);
                changes.consulting.push(Consultation {
                    region: region.id,
                    lever: change.lever,
                    value: change.value,
                    due: tick + months.round() as u32,
                });
            } else {
                let was = (change.lever.get)(&policy);
                from = Some(match from {
                    None => Some(was),
                    Some(agreed) => agreed.filter(|&v| v == was),
                });
                (change.lever.set)(&mut policy, change.value);
                applied = true;
            }
        }
        if applied {
            let place = match change.target {
                LeverTarget::All => None,
                LeverTarget::Region(id) => Some(id),
            };
            moved.push((place, change.lever, from.flatten(), change.value));
        }
    }
    let (due, waiting) = std::mem::take(&mut changes.consulting)
        .into_iter()
        .partition(|c| c.due <= tick);
    changes.consulting = waiting;
    for consultation in due {
        let Some(&entity) = index.regions.get_index(consultation.region as usize) else {
            faults.lost("apply_lever_changes", "regions");
            continue;
        };
        if let Ok((_, mut policy, ..)) = regions.get_mut(entity) {
            let was = (consultation.lever.get)(&policy);
            (consultation.lever.set)(&mut policy, consultation.value);
            moved.push((
                Some(consultation.region),
                consultation.lever,
                Some(was),
                consultation.value,
            ));
        }
    }
    for (place, lever, from, to) in moved {
        let place = place
            .and_then(|id| index.regions.get_index(id as usize))
            .and_then(|&e| regions.get(e).ok())
            .map(|(r, ..)| r.name.clone());
        log.note(
            tick,
            place,
            Happening::LeverMoved {
                lever: lever.name,
                from,
                to,
            },
        );
    }
}
