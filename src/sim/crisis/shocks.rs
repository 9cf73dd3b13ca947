//! The first phase of a tick: lever changes sent since the last tick take
//! effect, and the timeline's shocks start or run out.

use bevy::prelude::*;

use serde::Deserialize;

use crate::sim::base::bounded;
use crate::sim::enterprise::Enterprise;
use crate::sim::policy::{LeverChanges, LeverTarget, Policy};
use crate::sim::region::{Climate, Drought, Region};
use crate::sim::{SimClock, Timeline, WorldIndex};

/// A shock on the timeline.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// The month (tick) the shock starts, counted from 0.
    #[serde(deserialize_with = "bounded::month")]
    pub tick: u32,
    pub shock: Shock,
}

/// Which regions a shock hits.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub enum Regions {
    All,
    /// Region ids (their position in the world's list, from 0).
    Only(Vec<u32>),
}

/// Kinds of shock the model knows.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub enum Shock {
    /// For `months`, commons regrowth in the regions (and with it any
    /// community cap) falls by `severity`, and what is made from the commons
    /// by `severity × drought_yield_loss`.
    Drought {
        regions: Regions,
        #[serde(deserialize_with = "bounded::share")]
        severity: f64,
        #[serde(deserialize_with = "bounded::shock_months")]
        months: u32,
    },
}

impl Shock {
    /// Every kind of shock, as timelines write it.
    pub const KINDS: &[&str] = &["Drought"];

    /// This shock's kind, one of [`Shock::KINDS`].
    pub fn kind(&self) -> &'static str {
        match self {
            Shock::Drought { .. } => "Drought",
        }
    }
}

/// Applies pending lever changes to the regions they target. An enterprise
/// takes its region's governance form when the policy changes it (a
/// conversion the new form's rules govern from this month on).
pub(crate) fn apply_lever_changes(
    clock: Res<SimClock>,
    index: Res<WorldIndex>,
    mut changes: ResMut<LeverChanges>,
    mut regions: Query<(&Region, &mut Policy)>,
    mut enterprises: Query<&mut Enterprise>,
) {
    let pending = changes.take();
    if pending.is_empty() {
        return;
    }
    for change in &pending {
        for &entity in &index.regions {
            let Ok((region, mut policy)) = regions.get_mut(entity) else {
                continue;
            };
            if change.target == LeverTarget::All || change.target == LeverTarget::Region(region.id)
            {
                (change.lever.set)(&mut policy, change.value);
            }
        }
        let mark = (clock.tick, change.lever.name);
        if !changes.applied.contains(&mark) {
            changes.applied.push(mark);
        }
    }
    for &entity in &index.regions {
        let Ok((region, policy)) = regions.get(entity) else {
            continue;
        };
        for &e in &region.enterprises {
            if let Ok(mut enterprise) = enterprises.get_mut(e)
                && enterprise.form != policy.enterprise_form
            {
                enterprise.form = policy.enterprise_form;
            }
        }
    }
}

/// Counts down running droughts and starts the timeline's shocks for this
/// tick and those sent since the last. A new drought replaces a weaker one.
pub(crate) fn start_and_end_droughts(
    clock: Res<SimClock>,
    timeline: Res<Timeline>,
    mut queue: ResMut<ShockQueue>,
    settling: Option<Res<crate::sim::settle::Settling>>,
    mut regions: Query<(&Region, &mut Climate)>,
) {
    for (_, mut climate) in &mut regions {
        if let Some(drought) = &mut climate.drought {
            drought.months_left = drought.months_left.saturating_sub(1);
            if drought.months_left == 0 {
                climate.drought = None;
            }
        }
    }
    if settling.is_some() {
        return;
    }
    let sent = std::mem::take(&mut queue.0);
    let due = timeline
        .0
        .iter()
        .filter(|e| e.tick == clock.tick)
        .map(|e| &e.shock);
    for shock in due.chain(&sent) {
        let Shock::Drought {
            regions: hit,
            severity,
            months,
        } = shock;
        for (region, mut climate) in &mut regions {
            let affected = match hit {
                Regions::All => true,
                Regions::Only(ids) => ids.contains(&region.id),
            };
            let stronger = climate.drought.is_none_or(|d| d.severity <= *severity);
            if affected && stronger && *months > 0 {
                climate.drought = Some(Drought {
                    severity: *severity,
                    months_left: *months,
                });
            }
        }
    }
}

/// Shocks sent from outside the timeline (the panel's button, a test):
/// the next tick's first phase starts them, as lever changes are applied,
/// and the scenario's timeline stays as the file wrote it.
#[derive(Resource, Default, Debug)]
pub struct ShockQueue(Vec<Shock>);

impl ShockQueue {
    pub fn send(&mut self, shock: Shock) {
        self.0.push(shock);
    }
}

/// Starts a drought on one region at the next month (the panel's button, a
/// test's shock).
pub fn drought_now(world: &mut World, region_id: u32, severity: f64, months: u32) {
    world.resource_mut::<ShockQueue>().send(Shock::Drought {
        regions: Regions::Only(vec![region_id]),
        severity,
        months,
    });
}
