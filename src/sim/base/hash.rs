//! A hash of the model's state, for reproducibility checks: the same
//! scenario and seed must give the same hash, bit for bit.

use bevy::prelude::*;

use crate::sim::boundaries::Boundaries;
use crate::sim::climate::Atmosphere;
use crate::sim::commons::Commons;
use crate::sim::council::Council;
use crate::sim::enterprise::Enterprise;
use crate::sim::investment::InvestmentFund;
use crate::sim::labour::LabourMarket;
use crate::sim::link::Link;
use crate::sim::plan::Planner;
use crate::sim::policy::Policy;
use crate::sim::region::{Climate, Cohorts, Region, RegionStats, Society};
use crate::sim::{SimClock, WorldIndex};

/// FNV-1a over 64-bit words: simple, stable across platforms and versions.
struct Fnv(u64);

impl Fnv {
    /// Hashes text eight bytes at a time.
    fn text(&mut self, shown: String) {
        for chunk in shown.as_bytes().chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.word(u64::from_le_bytes(word));
        }
    }

    fn word(&mut self, x: u64) {
        for byte in x.to_le_bytes() {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// Hashes the whole of the model's state in the world's fixed order: every
/// component of every region, enterprise, council, commons and link, and
/// the model's resources (clock, atmosphere, planner), each through its
/// `Debug` form, which writes every field and prints every number so that
/// it reads back to the same bits. A field added to a component is then
/// covered without touching this function. Entity ids are part of it (a
/// region names its enterprises by entity), so anything that spawns an
/// entity before the world does, a new resource included (resources are
/// entities in Bevy 0.19), moves the hash with the state unchanged.
pub fn state_hash(world: &mut World) -> u64 {
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    h.text(format!("{:?}", world.resource::<SimClock>()));
    h.text(format!("{:?}", world.resource::<Atmosphere>()));
    h.text(format!("{:?}", world.resource::<Planner>()));
    let index = world.resource::<WorldIndex>();
    let mut entities: Vec<Entity> = Vec::new();
    for &region in &index.regions {
        entities.push(region);
        if let Some(r) = world.get::<Region>(region) {
            entities.extend(r.enterprises);
            entities.push(r.council);
        }
    }
    entities.extend(&index.commons);
    entities.extend(&index.links);
    for entity in entities {
        let Ok(e) = world.get_entity(entity) else {
            continue;
        };
        macro_rules! each {
            ($($kind:ty),*) => {
                $(if let Some(c) = e.get::<$kind>() {
                    h.text(format!("{c:?}"));
                })*
            };
        }
        each!(
            Region,
            Cohorts,
            Society,
            Policy,
            RegionStats,
            InvestmentFund,
            Boundaries,
            Climate,
            LabourMarket,
            Enterprise,
            Council,
            Commons,
            Link
        );
    }
    h.0
}
