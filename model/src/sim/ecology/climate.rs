//! The global atmosphere: production emits carbon against a budget, and
//! carbon over the budget makes droughts more frequent and deeper. Each year
//! every region may draw a drought at random, with probability
//! `drought_probability_annual × (1 + drought_sensitivity × overshoot)` and
//! severity `drought_severity × (1 + drought_sensitivity × overshoot)`, at
//! most `drought_severity_max`, where `overshoot` is cumulative emissions over the budget, minus one
//! (0 while within it).

use bevy::prelude::*;
use rand::RngExt;
use serde::{Deserialize, Serialize};

use crate::sim::base::calendar::{MONTHS_A_YEAR, MONTHS_PER_YEAR};
use crate::sim::base::params::Economy;
use crate::sim::base::streams::{Stream, Streams};
use crate::sim::crisis::{Episodes, EventLog, Happening, Regions, Shock, Started};
use crate::sim::people::{Climate, Drought, Region};
use crate::sim::{Settling, SimClock, WorldIndex};

/// The one global atmosphere.
#[derive(Resource, Clone, Debug, Default, Serialize, Deserialize)]
pub struct Atmosphere {
    /// Carbon emitted since the start (tonnes).
    pub emitted: f64,
    /// What may be emitted before droughts worsen (tonnes).
    pub budget: f64,
    /// Emitted last month (tonnes).
    pub last_month: f64,
    /// Emitted a month over about the last year (tonnes): each month closes
    /// a twelfth of the gap to the month's emissions.
    pub rate: f64,
    /// The starting world's monthly emissions (tonnes): what meeting its
    /// stated demand at base prices and the starting technology emits.
    pub reference: f64,
}

impl Atmosphere {
    /// Cumulative emissions beyond the budget, as a share of it (0 within).
    pub fn overshoot(&self) -> f64 {
        if self.budget > 0.0 {
            (self.emitted / self.budget - 1.0).max(0.0)
        } else {
            0.0
        }
    }

    /// Share of the budget still unspent, `1 − emitted / budget`: negative
    /// once it is overspent (−1 at twice the budget).
    pub fn budget_left(&self) -> f64 {
        if self.budget > 0.0 {
            1.0 - self.emitted / self.budget
        } else {
            1.0
        }
    }

    /// Records `tonnes` emitted this month.
    pub fn emit(&mut self, tonnes: f64) {
        self.emitted += tonnes;
        self.last_month += tonnes;
    }

    /// Closes the month: the rate takes a twelfth of the gap to what was
    /// emitted in it.
    pub fn close_month(&mut self) {
        self.rate += (self.last_month - self.rate) / MONTHS_A_YEAR;
    }

    /// The share of the starting world's rate of emissions this year's rate
    /// avoids, `1 − rate / reference`: 1 at net zero, the only rate at which
    /// warming stops (IPCC AR6 WGI, Summary for Policymakers D.1), 0 at the
    /// starting world's rate and below 0 above it. A world that stops
    /// emitting recovers on it within about a year however much it emitted
    /// before; what it emitted still worsens droughts (`overshoot`).
    pub fn avoided(&self) -> f64 {
        if self.reference > 0.0 {
            1.0 - self.rate / self.reference
        } else {
            1.0
        }
    }
}

/// At each year's start, draws a drought for every region from the weather
/// stream (one draw per region and year, whatever the regime), more likely
/// and deeper the further emissions are over the budget.
pub(crate) fn climate_droughts(
    faults: Res<crate::sim::base::parallel::Faults>,
    clock: Res<SimClock>,
    economy: Res<Economy>,
    index: Res<WorldIndex>,
    atmosphere: Res<Atmosphere>,
    streams: Res<Streams>,
    settling: Option<Res<Settling>>,
    mut log: ResMut<EventLog>,
    mut episodes: ResMut<Episodes>,
    mut regions: Query<(&Region, &mut Climate)>,
) {
    if !clock.tick.is_multiple_of(MONTHS_PER_YEAR)
        || economy.drought_probability_annual <= 0.0
        || settling.is_some()
    {
        return;
    }
    let worse = 1.0 + economy.drought_sensitivity * atmosphere.overshoot();
    let chance = (economy.drought_probability_annual * worse).min(1.0);
    let severity = (economy.drought_severity * worse).min(economy.drought_severity_max);
    for &entity in &index.regions {
        let Ok((region, mut climate)) = regions.get_mut(entity) else {
            faults.lost("climate_droughts", "regions");
            continue;
        };
        let draw: f64 = streams
            .rng(Stream::Weather, region.id.into(), clock.tick)
            .random();
        let hit = draw < chance;
        if hit && climate.drought.is_none_or(|d| d.severity <= severity) {
            climate.drought = Some(Drought {
                severity,
                months_left: economy.drought_months,
            });
            let shock = Shock::Drought {
                regions: Regions::Only(vec![region.id]),
                severity,
                months: economy.drought_months,
            };
            episodes.strike(region.id, shock.kind(), shock.months());
            log.note(
                clock.tick,
                Some(region.name.clone()),
                Happening::ShockStarted {
                    shock,
                    cause: Started::Weather,
                },
            );
        }
    }
}
