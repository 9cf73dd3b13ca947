//! Commons: renewable stocks (water, forest, fishery, soil) that food
//! production draws on. Regrowth is logistic, varies year to year, and turns
//! negative below a tipping threshold (critical depensation). How much is
//! taken depends on governance: open access takes whatever production
//! demands; a community cap takes a fraction of the sustainable yield, kept
//! as far as people comply.

use crate::sim::base::calendar::{MONTHS_A_YEAR, MONTHS_PER_YEAR};
use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::sim::base::streams::standard_normal;

/// Kinds of commons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub enum CommonsKind {
    Water,
    Forest,
    Fishery,
    Soil,
}

impl CommonsKind {
    pub const ALL: [CommonsKind; 4] = [Self::Forest, Self::Water, Self::Fishery, Self::Soil];

    pub fn label(self) -> &'static str {
        match self {
            Self::Water => "water",
            Self::Forest => "forest",
            Self::Fishery => "fishery",
            Self::Soil => "soil",
        }
    }
}

/// A commons.
#[derive(Component, Clone, Debug, Serialize, Deserialize)]
pub struct Commons {
    #[serde(with = "crate::sim::base::saved")]
    pub region: Entity,
    pub kind: CommonsKind,
    /// Resource units.
    pub stock: f64,
    /// Carrying capacity (resource units).
    pub capacity: f64,
    /// Intrinsic regrowth rate per year.
    pub regeneration_rate: f64,
    /// Stock under which regrowth turns negative (resource units).
    pub tipping_threshold: f64,
    /// This year's regrowth multiplier (1 an average year).
    pub year_quality: f64,
    /// Taken last month (resource units).
    pub harvest: f64,
    /// The community cap last month, if one applied (resource units).
    pub cap: Option<f64>,
    /// Restoration paid for and not yet grown: capacity (resource units)
    /// and months until it yields or fails.
    pub restoring: Vec<(f64, u32)>,
    /// Capacity added by restoration that still stands (resource units);
    /// it fades at `restoration_decay_annual` unless restored again.
    pub restored: f64,
}

impl Commons {
    /// A commons of `region` as a scenario states it, in an average year,
    /// with nothing harvested, capped or being restored yet.
    pub fn stated(
        region: Entity,
        kind: CommonsKind,
        stock: f64,
        capacity: f64,
        regeneration_rate: f64,
        tipping_threshold: f64,
    ) -> Commons {
        Commons {
            region,
            kind,
            stock,
            capacity,
            regeneration_rate,
            tipping_threshold,
            year_quality: 1.0,
            harvest: 0.0,
            cap: None,
            restoring: Vec::new(),
            restored: 0.0,
        }
    }

    /// Regrowth over one month at a given year quality: logistic
    /// `r·q·S·(1 − S/K)/12`, scaled down linearly from twice the tipping
    /// threshold to the threshold and negative below it, where the stock
    /// decays towards zero (critical depensation).
    pub fn monthly_regrowth(&self, quality: f64) -> f64 {
        self.regrowth_carrying(quality, 1.0)
    }

    /// Regrowth when the commons can carry only `carried` of its capacity (a
    /// scarcity): the same rule with `K` scaled by it, and stock above what
    /// it can carry dying back at the logistic rate whatever the year.
    pub fn regrowth_carrying(&self, quality: f64, carried: f64) -> f64 {
        let s = self.stock;
        let k = self.capacity * carried;
        if s <= 0.0 || k <= 0.0 {
            return if s > 0.0 {
                -s * self.regeneration_rate / MONTHS_A_YEAR
            } else {
                0.0
            };
        }
        let logistic = self.regeneration_rate * s * (1.0 - s / k) / MONTHS_A_YEAR;
        if logistic < 0.0 {
            return logistic.max(-s);
        }
        if self.tipping_threshold <= 0.0 {
            return quality * logistic;
        }
        let depensation = ((s - self.tipping_threshold) / self.tipping_threshold).min(1.0);
        if depensation >= 0.0 {
            quality * logistic * depensation
        } else {
            // Below the threshold the stock cannot recover, good year or bad.
            self.regeneration_rate * s * depensation / MONTHS_A_YEAR
        }
    }

    /// The community cap for one month: `cap_fraction` of the harvest rate
    /// that would give the maximum sustainable yield this year, applied to
    /// the current stock, `cap_fraction × (r·q/2) × S × d(S) / 12`, where `q`
    /// is this year's regrowth quality with any drought and `d` the same
    /// depensation ramp regrowth follows (nothing at or below the tipping
    /// threshold).
    ///
    /// Rationale: the cap is set by people who measure the resource, so it
    /// follows both the stock and the year, as fisheries' harvest control
    /// rules follow the assessed stock and irrigation allocations follow the
    /// season's inflows (the Murray–Darling Basin's allocations fall to a
    /// fraction in drought years). MODEL.md writes the sustainable yield as
    /// the current surplus `r·S·(1 − S/K)`; a cap below that surplus lets the
    /// stock grow to capacity, where the surplus and so the harvest fall to
    /// zero. A harvest rate does not: with everyone complying the stock
    /// settles at `K(1 − cap_fraction/2)` (half capacity at a cap fraction of
    /// 1, where the harvest is the maximum sustainable yield `r·K/4`).
    pub fn monthly_cap(&self, cap_fraction: f64, quality: f64) -> f64 {
        if self.stock <= self.tipping_threshold || self.capacity <= 0.0 {
            return 0.0;
        }
        let ramp = if self.tipping_threshold > 0.0 {
            ((self.stock - self.tipping_threshold) / self.tipping_threshold).min(1.0)
        } else {
            1.0
        };
        cap_fraction * self.regeneration_rate * quality / 2.0 * self.stock * ramp / MONTHS_A_YEAR
    }

    /// A month of restoration: projects count down; each that comes due
    /// yields its capacity, unless it fails (chance `failure`, drawn from
    /// `rng`), with stock in the commons' present condition; and restored
    /// capacity fades by `fade`, taking stock above the new capacity with
    /// it. The tipping point scales with the ecosystem. Returns the stock
    /// grown and the stock lost.
    pub fn restore(&mut self, fade: f64, failure: f64, rng: &mut impl rand::Rng) -> (f64, f64) {
        use rand::RngExt;
        let mut added = 0.0;
        for (capacity, months) in &mut self.restoring {
            *months = months.saturating_sub(1);
            if *months == 0 && rng.random::<f64>() >= failure {
                added += *capacity;
            }
        }
        self.restoring.retain(|&(_, months)| months > 0);
        let faded = self.restored * fade;
        self.restored += added - faded;
        let before = self.capacity;
        let condition = if before > 0.0 {
            self.stock / before
        } else {
            0.0
        };
        self.capacity = (self.capacity + added - faded).max(0.0);
        if before > 0.0 {
            self.tipping_threshold *= self.capacity / before;
        }
        let grown = added * condition;
        let stock = (self.stock + grown).min(self.capacity);
        let lost = (self.stock + grown - stock).max(0.0);
        self.stock = stock;
        (grown, lost)
    }

    /// This month's regrowth quality: the year's, less a drought's severity.
    pub fn quality(&self, drought: f64) -> f64 {
        self.year_quality * (1.0 - drought)
    }
}

/// Commons regrowth for the month. At the start of each year every commons
/// draws its year quality, `max(0, 1 + variability × z)` with `z` standard
/// normal from its own place in the regrowth stream; a drought cuts it by its severity.
pub(crate) fn regrow(
    clock: Res<crate::sim::SimClock>,
    index: Res<crate::sim::WorldIndex>,
    economy: Res<crate::sim::base::params::Economy>,
    streams: Res<crate::sim::base::streams::Streams>,
    faults: Res<crate::sim::base::parallel::Faults>,
    mut books: ResMut<crate::sim::base::books::Books>,
    climates: Query<&crate::sim::people::Climate>,
    mut commons: Query<&mut Commons>,
) {
    use crate::sim::base::goods::Good;
    use crate::sim::base::streams::Stream;
    use rayon::prelude::*;

    let Some(mut all) = faults.gather(&mut commons, &index.commons, "regrowing", "commons") else {
        return;
    };
    let (tick, new_year) = (clock.tick, clock.tick.is_multiple_of(MONTHS_PER_YEAR));
    let fade = crate::sim::base::params::monthly(economy.restoration_decay_annual);
    // Each commons grows on its own, from its own draws (keyed by its place
    // in the index), so they run side by side; the books take their changes
    // in that order.
    let changes: Vec<(f64, f64, f64)> = all
        .par_iter_mut()
        .enumerate()
        .map(|(position, commons)| {
            let key = position as u64;
            let (grown, faded) = commons.restore(
                fade,
                economy.restoration_failure,
                &mut streams.rng(Stream::Restoration, key, tick),
            );
            if new_year {
                let z = standard_normal(&mut streams.rng(Stream::Regrowth, key, tick));
                commons.year_quality = (1.0 + economy.regrowth_variability * z).max(0.0);
            }
            let (drought, carried) = climates
                .get(commons.region)
                .map_or((0.0, 1.0), |c| (c.severity(), c.carried()));
            let regrown = commons.regrowth_carrying(commons.quality(drought), carried);
            let stock = (commons.stock + regrown).clamp(0.0, commons.capacity);
            let change = stock - commons.stock;
            commons.stock = stock;
            (grown, faded, change)
        })
        .collect();
    for (grown, faded, change) in changes {
        books.flows.produce(Good::Resource, grown);
        books.flows.consume(Good::Resource, faded);
        if change >= 0.0 {
            books.flows.produce(Good::Resource, change);
        } else {
            books.flows.consume(Good::Resource, -change);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forest(stock: f64) -> Commons {
        Commons::stated(
            Entity::PLACEHOLDER,
            CommonsKind::Forest,
            stock,
            1000.0,
            0.4,
            200.0,
        )
    }

    #[test]
    fn regrowth_turns_negative_below_the_tipping_threshold() {
        assert!(
            forest(500.0).monthly_regrowth(1.0) > 0.0,
            "healthy stock must grow"
        );
        assert!(
            forest(150.0).monthly_regrowth(1.0) < 0.0,
            "stock under the threshold must decay"
        );
        assert_eq!(
            forest(1000.0).monthly_regrowth(1.0),
            0.0,
            "no growth at capacity"
        );
        assert_eq!(
            forest(0.0).monthly_regrowth(1.0),
            0.0,
            "nothing grows from nothing"
        );
    }

    #[test]
    fn the_cap_follows_the_stock_and_the_year() {
        let rate = 0.4 / 2.0 / 12.0;
        let full = forest(1000.0).monthly_cap(1.0, 1.0);
        assert!(
            (full - rate * 1000.0).abs() < 1e-9,
            "at capacity the cap is the MSY rate on the stock: {full}"
        );
        let dry = forest(1000.0).monthly_cap(1.0, 0.6);
        assert!(
            (dry - 0.6 * full).abs() < 1e-9,
            "a drought of 0.4 cuts the cap by 0.4: {dry}"
        );
        let low = forest(300.0).monthly_cap(0.5, 1.0);
        assert!(
            (low - 0.5 * rate * 300.0 * 0.5).abs() < 1e-9,
            "between the threshold and twice it the cap ramps down: {low}"
        );
        assert_eq!(
            forest(150.0).monthly_cap(1.0, 1.0),
            0.0,
            "nothing may be taken under the threshold"
        );
    }

    #[test]
    fn with_everyone_complying_the_stock_settles_where_the_rule_says() {
        let mut commons = Commons {
            tipping_threshold: 0.0,
            ..forest(900.0)
        };
        for _ in 0..12 * 200 {
            let take = commons.monthly_cap(0.8, 1.0);
            commons.stock += commons.monthly_regrowth(1.0) - take;
        }
        assert!(
            (commons.stock - 600.0).abs() < 5.0,
            "a cap fraction of 0.8 settles at K(1 - 0.4): {}",
            commons.stock
        );
    }

    #[test]
    fn restoration_yields_after_its_lag_can_fail_and_fades() {
        use rand::SeedableRng;
        let mut rng = chacha20::ChaCha8Rng::seed_from_u64(1);
        let mut commons = forest(500.0);
        commons.restoring.push((100.0, 3));
        for month in 1..=2 {
            let (grown, _) = commons.restore(0.0, 0.0, &mut rng);
            assert_eq!(
                (grown, commons.capacity),
                (0.0, 1000.0),
                "month {month}: not yet"
            );
        }
        let (grown, _) = commons.restore(0.0, 0.0, &mut rng);
        assert_eq!(commons.capacity, 1100.0, "due in the third month");
        assert!(
            (grown - 50.0).abs() < 1e-9,
            "stock at the commons' condition: {grown}"
        );
        assert!(commons.restoring.is_empty());

        let mut failed = forest(500.0);
        failed.restoring.push((100.0, 1));
        failed.restore(0.0, 1.0, &mut rng);
        assert_eq!(
            failed.capacity, 1000.0,
            "a project certain to fail adds nothing"
        );

        let (_, lost) = commons.restore(0.1, 0.0, &mut rng);
        assert!(
            (commons.capacity - 1090.0).abs() < 1e-9,
            "a tenth of the restored 100 fades"
        );
        assert_eq!(lost, 0.0, "stock under the new capacity stays");
    }
}
