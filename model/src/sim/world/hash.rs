//! A hash of the model's state, for reproducibility checks: the same
//! scenario and seed must give the same hash, bit for bit.

use std::collections::HashMap;

use bevy::prelude::*;

use crate::sim::base::books::Books;
use crate::sim::crisis::{Emergency, Episodes, ShockQueue};
use crate::sim::ecology::{Atmosphere, Commons};
use crate::sim::economy::{Enterprise, InvestmentFund, LabourMarket, Planner};
use crate::sim::institutions::{Boundaries, Channels, Council, Link, Policy};
use crate::sim::people::{Climate, Cohorts, Lives, Region, RegionStats, Society};
use crate::sim::power::{
    Adoption, Attempts, Capture, Constitution, Participation, PowerLedger, Support,
};
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
/// the model's resources, each through its `Debug` form, which writes every
/// field and prints every number so that it reads back to the same bits. A
/// field added to a component is then covered without touching this
/// function; a new component or resource is added to the lists below. What
/// the run was given (the scenario's timeline, economy and presets, the
/// record of interventions) is input, not state, and left out: a shock
/// written in the timeline and the same shock sent live give one hash.
///
/// An entity is written as its place in that order (`#12`), not as its id:
/// ids depend on everything spawned before the world (a new resource is an
/// entity in Bevy 0.19), which says nothing of the model's state.
pub fn state_hash(world: &mut World) -> u64 {
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
    entities.extend(index.links());
    let places: HashMap<String, String> = entities
        .iter()
        .enumerate()
        .map(|(place, e)| (e.to_string(), format!("#{place}")))
        .collect();
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    let mut hash = |shown: String| h.text(placed(&shown, &places));
    macro_rules! resources {
        ($($kind:ty),*) => {
            $(hash(format!("{:?}", world.resource::<$kind>()));)*
        };
    }
    resources!(SimClock, Atmosphere, Planner);
    // The books as the model keeps them, without the conservation check's
    // switch and the holdings it last counted: those are the check's, and a
    // run with the check on is the same run as one without it.
    let books = world.resource::<Books>();
    hash(format!("{:?} {:?}", books.flows, books.violation));
    resources!(Episodes, Constitution, Attempts, ShockQueue);
    for entity in entities {
        let Ok(e) = world.get_entity(entity) else {
            continue;
        };
        macro_rules! each {
            ($($kind:ty),*) => {
                $(if let Some(c) = e.get::<$kind>() {
                    hash(format!("{c:?}"));
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
            Lives,
            LabourMarket,
            Emergency,
            PowerLedger,
            Participation,
            Capture,
            Support,
            Adoption,
            Enterprise,
            Council,
            Commons,
            Link,
            Channels
        );
    }
    h.0
}

/// `shown` with every entity id in `places` (a whole word such as `12v0`)
/// replaced by its place.
fn placed(shown: &str, places: &HashMap<String, String>) -> String {
    let mut out = String::with_capacity(shown.len());
    let mut word = String::new();
    for c in shown.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphanumeric() {
            word.push(c);
            continue;
        }
        out.push_str(places.get(&word).map_or(&word, |p| p));
        word.clear();
        out.push(c);
    }
    out.pop();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_ids_are_written_as_places() {
        let places: HashMap<String, String> = [("12v0".to_string(), "#0".to_string())]
            .into_iter()
            .collect();
        assert_eq!(
            placed("Region { enterprises: [12v0, 112v0], x: 1.2e-5 }", &places),
            "Region { enterprises: [#0, 112v0], x: 1.2e-5 }"
        );
    }
}
