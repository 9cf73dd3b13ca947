//! Commons: renewable stocks (water, forest, fishery, soil) that food
//! production draws on. Regrowth is logistic, varies year to year, and turns
//! negative below a tipping threshold (critical depensation). How much is
//! taken depends on governance: open access takes whatever production
//! demands; a community cap takes a fraction of the sustainable yield, kept
//! as far as people comply.

use bevy::prelude::*;

pub use crate::scenario::CommonsKind;

/// A commons.
#[derive(Component, Clone, Debug)]
pub struct Commons {
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
}

impl Commons {
    /// Regrowth over one month at a given year quality: logistic
    /// `r·q·S·(1 − S/K)/12`, scaled down linearly from twice the tipping
    /// threshold to the threshold and negative below it, where the stock
    /// decays towards zero (critical depensation).
    pub fn monthly_regrowth(&self, quality: f64) -> f64 {
        let s = self.stock;
        if s <= 0.0 || self.capacity <= 0.0 {
            return 0.0;
        }
        let logistic = self.regeneration_rate * s * (1.0 - s / self.capacity) / 12.0;
        if self.tipping_threshold <= 0.0 {
            return quality * logistic;
        }
        let depensation = ((s - self.tipping_threshold) / self.tipping_threshold).min(1.0);
        if depensation >= 0.0 {
            quality * logistic * depensation
        } else {
            // Below the threshold the stock cannot recover, good year or bad.
            self.regeneration_rate * s * depensation / 12.0
        }
    }

    /// The community cap for one month: `cap_fraction` of the sustainable
    /// yield. Below half capacity the sustainable yield is the current surplus
    /// `r·S·(1 − S/K)`; above it the community allows the maximum sustainable
    /// yield `r·K/4`, as fisheries' harvest control rules do, since the
    /// current surplus there understates what can be taken safely. Below the
    /// tipping threshold there is no surplus and nothing may be taken.
    pub fn monthly_cap(&self, cap_fraction: f64) -> f64 {
        if self.stock <= self.tipping_threshold || self.capacity <= 0.0 {
            return 0.0;
        }
        let s = self.stock.min(self.capacity / 2.0);
        cap_fraction * self.regeneration_rate * s * (1.0 - s / self.capacity) / 12.0
    }
}

/// Commons regrowth for the month. At the start of each year every commons
/// draws its year quality, `max(0, 1 + variability × z)` with `z` standard
/// normal, in the world's fixed order; a drought cuts it by its severity.
pub(super) fn regrow(
    clock: Res<super::SimClock>,
    index: Res<super::WorldIndex>,
    economy: Res<super::params::Economy>,
    mut rng: ResMut<super::SimRng>,
    mut books: ResMut<super::books::Books>,
    climates: Query<&super::region::Climate>,
    mut commons: Query<&mut Commons>,
) {
    use super::books::RESOURCE;
    let new_year = clock.tick.is_multiple_of(12);
    for &entity in &index.commons {
        let Ok(mut commons) = commons.get_mut(entity) else {
            continue;
        };
        if new_year {
            let z = standard_normal(&mut rng.0);
            commons.year_quality = (1.0 + economy.regrowth_variability * z).max(0.0);
        }
        let drought = climates
            .get(commons.region)
            .ok()
            .and_then(|c| c.drought)
            .map_or(0.0, |d| d.severity);
        let quality = commons.year_quality * (1.0 - drought);
        let grown = commons.monthly_regrowth(quality);
        let stock = (commons.stock + grown).clamp(0.0, commons.capacity);
        let change = stock - commons.stock;
        if change >= 0.0 {
            books.produce(RESOURCE, change);
        } else {
            books.consume(RESOURCE, -change);
        }
        commons.stock = stock;
    }
}

/// A standard normal draw (Box–Muller).
pub(super) fn standard_normal(rng: &mut impl rand::Rng) -> f64 {
    use rand::RngExt;
    let u1: f64 = rng.random::<f64>().max(f64::MIN_POSITIVE);
    let u2: f64 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forest(stock: f64) -> Commons {
        Commons {
            region: Entity::PLACEHOLDER,
            kind: CommonsKind::Forest,
            stock,
            capacity: 1000.0,
            regeneration_rate: 0.4,
            tipping_threshold: 200.0,
            year_quality: 1.0,
            harvest: 0.0,
            cap: None,
        }
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
    fn the_cap_follows_the_surplus_below_half_capacity_and_the_maximum_above() {
        let msy = 0.4 * 1000.0 / 4.0 / 12.0;
        let at_capacity = forest(1000.0).monthly_cap(1.0);
        assert!(
            (at_capacity - msy).abs() < 1e-9,
            "above K/2 the cap is the MSY: {at_capacity} vs {msy}"
        );
        let low = forest(300.0).monthly_cap(0.5);
        let surplus = 0.4 * 300.0 * 0.7 / 12.0;
        assert!(
            (low - 0.5 * surplus).abs() < 1e-9,
            "below K/2 the cap is a share of the surplus: {low}"
        );
        assert_eq!(
            forest(150.0).monthly_cap(1.0),
            0.0,
            "nothing may be taken under the threshold"
        );
    }
}
