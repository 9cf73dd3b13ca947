//! A snapshot of the model's whole state at a month, in memory, to go back
//! to without replaying the run from its start.
//!
//! It holds a copy of every component of every entity the world index
//! lists (regions, enterprises, councils, commons, links) and of every
//! resource the model changes as it runs. What the run was given (the
//! scenario's timeline, moves, economy and presets, the seed's random
//! streams, which are a function of the seed, the month and the place) is
//! input and stays as it is. A run never spawns or despawns an entity, so
//! restoring writes the copies back into the same entities. The model's
//! systems keep no memory of their own (no `Local` state), so a restored
//! world runs on exactly as the world it was copied from: a test checks
//! the state hash after running on.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::sim::base::books::Books;
use crate::sim::base::parallel::Faults;
use crate::sim::crisis::{Emergency, Episodes, EventLog, ShockQueue};
use crate::sim::ecology::{Atmosphere, Commons};
use crate::sim::economy::{Enterprise, InvestmentFund, LabourMarket, Planner};
use crate::sim::institutions::{Boundaries, Channels, Council, LeverChanges, Link, Policy};
use crate::sim::interventions::Interventions;
use crate::sim::measures::History;
use crate::sim::people::{Climate, Cohorts, Lives, Region, RegionStats, Society};
use crate::sim::power::{
    Adoption, Attempts, Capture, Constitution, Participation, PowerLedger, Support,
};
use crate::sim::{SimClock, WorldIndex};

/// Declares the copy of one entity's components and of the resources,
/// with the functions that take and restore them, from one list each.
macro_rules! state {
    (components: $($c:ident: $ct:ty),* ; resources: $($r:ident: $rt:ty),* $(,)?) => {
        /// One entity's components, each if it has it.
        #[derive(Clone, Default, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Held {
            $($c: Option<$ct>,)*
        }

        impl Held {
            fn take(e: EntityRef) -> Self {
                Self { $($c: e.get::<$ct>().cloned(),)* }
            }

            fn restore(&self, mut e: EntityWorldMut) {
                $(match &self.$c {
                    Some(c) => {
                        e.insert(c.clone());
                    }
                    None => {
                        e.remove::<$ct>();
                    }
                })*
            }
        }

        /// The resources the model changes as it runs.
        #[derive(Clone, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Resources {
            $($r: $rt,)*
        }

        impl Resources {
            fn take(world: &World) -> Self {
                Self { $($r: world.resource::<$rt>().clone(),)* }
            }

            fn restore(&self, world: &mut World) {
                $(world.insert_resource(self.$r.clone());)*
            }
        }
    };
}

state!(
    components:
        region: Region,
        cohorts: Cohorts,
        society: Society,
        policy: Policy,
        stats: RegionStats,
        fund: InvestmentFund,
        boundaries: Boundaries,
        climate: Climate,
        lives: Lives,
        labour: LabourMarket,
        emergency: Emergency,
        ledger: PowerLedger,
        participation: Participation,
        capture: Capture,
        support: Support,
        adoption: Adoption,
        enterprise: Enterprise,
        council: Council,
        commons: Commons,
        link: Link,
        channels: Channels;
    resources:
        clock: SimClock,
        atmosphere: Atmosphere,
        planner: Planner,
        books: Books,
        episodes: Episodes,
        constitution: Constitution,
        attempts: Attempts,
        shocks: ShockQueue,
        history: History,
        log: EventLog,
        sent: Interventions,
        changes: LeverChanges,
);

/// The model's whole state at a month. It is written to a file as it is
/// held (`crate::state`), every field by name.
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    #[serde(with = "crate::sim::base::saved")]
    entities: Vec<(Entity, Held)>,
    resources: Resources,
}

impl Snapshot {
    /// Copies the world's state now.
    pub fn take(world: &World) -> Self {
        let entities = listed(world)
            .into_iter()
            .filter_map(|e| world.get_entity(e).ok().map(|r| (e, Held::take(r))))
            .collect();
        Self {
            entities,
            resources: Resources::take(world),
        }
    }

    /// Whether it was taken from `world` or from one spawned the same way:
    /// the same entities, in the same order (a state read from a file is
    /// restored only into such a world).
    pub fn fits(&self, world: &World) -> bool {
        self.entities.iter().map(|(e, _)| *e).eq(listed(world))
    }

    /// The month it was taken at.
    pub fn tick(&self) -> u32 {
        self.resources.clock.tick
    }

    /// What had been sent to the run when it was taken.
    pub fn sent(&self) -> &Interventions {
        &self.resources.sent
    }

    /// Writes the state back into the world it was taken from (the same
    /// entities), keeping play or pause, and whether the books are
    /// checked, as the world has them now; a fault the model stopped at
    /// since is forgotten with the months after it.
    pub fn restore(&self, world: &mut World) {
        let paused = world.resource::<SimClock>().paused;
        let checked = world.resource::<Books>().check;
        for (entity, held) in &self.entities {
            if let Ok(e) = world.get_entity_mut(*entity) {
                held.restore(e);
            }
        }
        self.resources.restore(world);
        world.insert_resource(Faults::default());
        world.resource_mut::<SimClock>().paused = paused;
        world.resource_mut::<Books>().check = checked;
    }
}

/// The entities the world index lists, regions first, in its order.
fn listed(world: &World) -> Vec<Entity> {
    let index = world.resource::<WorldIndex>();
    index
        .regions
        .iter()
        .chain(&index.enterprises)
        .chain(&index.councils)
        .chain(&index.commons)
        .chain(index.links())
        .copied()
        .collect()
}
