//! Common random numbers. Every mechanism that draws at random has its own
//! stream, and within it a draw is keyed by the entity it concerns and the
//! month it is made in: the generator for (run seed, mechanism, entity,
//! month) is a ChaCha8 keyed by those four numbers. A draw therefore depends
//! on nothing else: a regime that draws more numbers (the planner's errors),
//! a lever moved mid-run or a shock injected live never shifts the weather
//! or the commons' good and bad years. Two regimes on one seed see the same
//! world, and their difference is the regimes' alone. The same keying makes
//! draws independent of the order regions are processed in, so per-region
//! work may run in any order or in parallel.

use bevy::prelude::*;
use chacha20::ChaCha8Rng;
use rand::SeedableRng;

/// The mechanisms that draw at random, each its own stream. A new
/// mechanism gets a new variant; existing numbers never change meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    /// Each year, whether a region is struck by a climate drought; keyed by
    /// region id.
    Weather = 1,
    /// Each year, how good a year it is for a commons' regrowth; keyed by
    /// the commons' position in the world.
    Regrowth = 2,
    /// Each month, the planner's error on every sector of a region's output
    /// (one draw per sector, planned or not); keyed by region id.
    PlanError = 3,
    /// Each month, the planner's misjudgement of a region's investment
    /// projects; keyed by region id.
    InvestmentError = 4,
    /// Each month, whether restoration projects coming due on a commons
    /// fail; keyed by the commons' position in the world.
    Restoration = 5,
    /// Each month, whether a capture attempt comes to a region's council,
    /// whether it succeeds, from which group, and whether a capture ends;
    /// keyed by region id.
    Capture = 6,
}

/// The run's seed, from which every stream is derived.
#[derive(Resource, Clone, Copy, Debug)]
pub struct Streams {
    seed: u64,
}

impl Streams {
    pub fn new(seed: u64) -> Self {
        Self { seed }
    }

    /// The generator for `stream`'s draws about entity `key` in month
    /// `tick`. ChaCha is a pseudo-random function of its key, so distinct
    /// (seed, stream, key, tick) give independent sequences.
    pub fn rng(&self, stream: Stream, key: u64, tick: u32) -> ChaCha8Rng {
        let mut bytes = [0u8; 32];
        bytes[0..8].copy_from_slice(&self.seed.to_le_bytes());
        bytes[8..16].copy_from_slice(&(stream as u64).to_le_bytes());
        bytes[16..24].copy_from_slice(&key.to_le_bytes());
        bytes[24..32].copy_from_slice(&u64::from(tick).to_le_bytes());
        ChaCha8Rng::from_seed(bytes)
    }
}

/// A standard normal draw.
pub fn standard_normal(rng: &mut impl rand::Rng) -> f64 {
    use rand::RngExt;
    rng.sample(rand_distr::StandardNormal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::RngExt;

    #[test]
    fn a_draw_depends_only_on_its_stream_key_and_month() {
        let streams = Streams::new(7);
        let first: f64 = streams.rng(Stream::Weather, 3, 24).random();
        // Drawing from other streams, keys and months in between changes
        // nothing.
        let _: f64 = streams.rng(Stream::PlanError, 3, 24).random();
        let _: f64 = streams.rng(Stream::Weather, 4, 24).random();
        let again: f64 = streams.rng(Stream::Weather, 3, 24).random();
        assert_eq!(first, again);
        let other: f64 = streams.rng(Stream::Regrowth, 3, 24).random();
        let later: f64 = streams.rng(Stream::Weather, 3, 36).random();
        let reseeded: f64 = Streams::new(8).rng(Stream::Weather, 3, 24).random();
        assert!(first != other && first != later && first != reseeded);
    }
}
