//! What reached the model from outside its scenario file while it ran: the
//! lever changes, constitution locks and shocks sent live (from the panel, a test, a replay),
//! each with the month whose first phase took it in. The model records them
//! as it takes them from its queues; sending the same ones at the same
//! months to a fresh world of the same scenario and seed reproduces the run
//! bit for bit. That is how the window projects a change to the scenario's
//! end before it is played out (`headless::replay`), and what a saved
//! session will hold.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::sim::crisis::{Shock, ShockQueue};
use crate::sim::institutions::{LeverChange, LeverChanges, LockChange};

/// One thing sent to the model live.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Intervention {
    Lever(LeverChange),
    Lock(LockChange),
    Shock(Shock),
}

/// Every intervention taken in so far, with its month, in the order taken.
#[derive(Resource, Clone, Debug, Default, Serialize, Deserialize)]
pub struct Interventions(pub Vec<(u32, Intervention)>);

impl Interventions {
    /// Records what was taken in at month `tick`.
    pub(crate) fn note(&mut self, tick: u32, taken: Intervention) {
        self.0.push((tick, taken));
    }

    /// Sends those taken in at month `tick` to a world's queues again, in
    /// their order: called before the world runs that month.
    pub fn send_due(&self, tick: u32, world: &mut World) {
        for (_, intervention) in self.0.iter().filter(|(t, _)| *t == tick) {
            match intervention {
                Intervention::Lever(change) => world.resource_mut::<LeverChanges>().send(*change),
                Intervention::Lock(lock) => world.resource_mut::<LeverChanges>().send_lock(*lock),
                Intervention::Shock(shock) => {
                    world.resource_mut::<ShockQueue>().send(shock.clone())
                }
            }
        }
    }
}
