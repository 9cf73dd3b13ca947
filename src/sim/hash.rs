//! A hash of the model's state, for reproducibility checks: the same
//! scenario and seed must give the same hash, bit for bit.

use bevy::prelude::*;

use super::commons::Commons;
use super::council::Council;
use super::enterprise::Enterprise;
use super::region::{Cohorts, Region, Society};
use super::{SimClock, WorldIndex};

/// FNV-1a over 64-bit words: simple, stable across platforms and versions.
struct Fnv(u64);

impl Fnv {
    fn word(&mut self, x: u64) {
        for byte in x.to_le_bytes() {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn number(&mut self, x: f64) {
        self.word(x.to_bits());
    }
}

/// Hashes every number of the model's state, in the world's fixed order.
pub fn state_hash(world: &mut World) -> u64 {
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    h.word(u64::from(world.resource::<SimClock>().tick));
    let index = world.resource::<WorldIndex>();
    let (regions, commons, federations) = (
        index.regions.clone(),
        index.commons.clone(),
        index.federations.clone(),
    );
    for entity in regions {
        let Some(region) = world.get::<Region>(entity) else {
            continue;
        };
        let (enterprises, council) = (region.enterprises, region.council);
        if let Some(cohorts) = world.get::<Cohorts>(entity) {
            for c in &cohorts.0 {
                for x in [
                    c.size,
                    c.money,
                    c.income,
                    c.health,
                    c.skills,
                    c.employment,
                    c.consumption,
                ] {
                    h.number(x);
                }
            }
        }
        if let Some(fund) = world.get::<super::investment::InvestmentFund>(entity) {
            h.number(fund.funds);
        }
        if let Some(society) = world.get::<Society>(entity) {
            h.number(society.trust);
        }
        for e in enterprises {
            if let Some(e) = world.get::<Enterprise>(e) {
                for x in [
                    e.capital,
                    e.workforce,
                    e.price,
                    e.inventory,
                    e.expected_demand,
                    e.output,
                ] {
                    h.number(x);
                }
            }
        }
        if let Some(council) = world.get::<Council>(council) {
            h.number(council.funds);
        }
    }
    for entity in commons {
        if let Some(c) = world.get::<Commons>(entity) {
            h.number(c.stock);
            h.number(c.year_quality);
        }
    }
    for entity in federations {
        if let Some(c) = world.get::<Council>(entity) {
            h.number(c.funds);
        }
    }
    h.0
}
