//! Measures: the criteria (0..100) and raw figures computed from state at
//! the end of every tick, the history of them, and the books' closing.
//!
//! Lives count first. Every criterion is a mean over the people who would
//! be alive, the living and those missing because of excess deaths
//! (`people::Lives`), and the missing count as having none of what it
//! measures: no capability, consumption, output, trust, power, voice or
//! living world. A famine that kills the poorest therefore lowers every
//! criterion instead of raising the mean of those left (or easing the
//! pressure on the commons and the sky), and the deaths themselves are
//! counted beside the criteria (`excess_deaths` and its causes).
//!
//! Formulas, written once (the README repeats them):
//! - capability = 100 × mean over people who would be alive of (basics
//!   coverage + health + skills + employment) / 4;
//! - ecology = 100 × the share of the people who would be alive who are,
//!   × the mean of the commons (stock / capacity, summed over
//!   all commons; 1 in a world without commons) and the share of the
//!   starting world's rate of emissions that this year's rate avoids
//!   (`Atmosphere::avoided`: 1 at net zero, 0 at the starting rate, below 0
//!   above it), a rate, not a clock, so a world that stops emitting
//!   recovers on it;
//! - equity = 100 × (1 − Gini of consumption per person), in-kind basics
//!   counted at their cost, the missing counted as consuming nothing;
//! - cohesion = 100 × mean over people who would be alive of (trust +
//!   cooperation) / 2, where
//!   cooperation is the share who would cooperate unenforced: strong
//!   reciprocators, and conditional cooperators as far as their trust and
//!   culture carry them (`Society::voluntary_cooperation`). It is not a
//!   regime's institution: no rule, monitor or provision enters it;
//! - prosperity = 100 × the share of the people who would be alive who
//!   are × r / (1 + r), where r is output per living person over the
//!   economy's reference output per person (50 at the reference, 67 at
//!   twice it, 33 at half, with no one missing); technology counts through
//!   the output it makes possible, not a second time;
//! - resilience = the mean over shock episodes so far, weighed by the
//!   people each struck, of `100 × (1 − depth / before) × (1 − died /
//!   people) × 12 / (12 + months)` (`crisis::episodes`); 100 with no
//!   episode;
//! - power dispersion = 100 × the mean over people who would be alive of
//!   their region's mean
//!   over the four types of power of `(1 − HHI) / (1 − 1/n)` over the n
//!   groups of the region's power ledger (`power::ledger`): 100 when every
//!   group holds as much, 0 when one holds all; informal power counts with
//!   the group that leads its type;
//! - voice = 100 × the mean over people who would be alive of the bodies
//!   that govern their
//!   work and commons (council, board, commons, investment) they take part
//!   in, out of the four: a body counts where it is open to them and they
//!   have the capacity to follow it; a captured council, and the commons
//!   and investment bodies it runs, count for no one (`power::voice`).
//!
//! Raw figures beside them include the excess deaths since month 0 by
//! cause, a price index (this month's sales at
//! current prices over the same sales at base prices), inflation over the
//! last twelve months, read as price stability (the closer to 0, the more
//! stable), the technology level (mean over enterprises weighted by
//! output at base prices; 1 at the start) and the month's emissions over
//! the starting world's. Raw figures per person are per living person.
//!
//! Nothing is clamped: a value out of 0..100 is a bug to find, not hide.

use bevy::prelude::*;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::base::books::{Books, Holdings};
use super::base::goods::{Good, PerGood};
use super::base::parallel::{Diverged, Faults};
use super::base::params::Economy;
use super::base::stats::{gini_of_sorted, median_of_sorted, sorted};
use super::crisis::Episodes;
use super::ecology::{Atmosphere, Commons};
use super::economy::{Enterprise, InvestmentFund};
use super::institutions::{Council, Policy};
use super::people::{Cohorts, Deaths, Lives, Region, RegionStats, Society};
use super::power::{Adoption, Participation, PowerLedger};
use super::{SimClock, WorldIndex};
use crate::sim::base::calendar::MONTHS_PER_YEAR;

/// The measures of one tick.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MeasureRow {
    /// Months completed.
    pub tick: u32,
    pub capability: f64,
    pub ecology: f64,
    pub equity: f64,
    pub cohesion: f64,
    pub prosperity: f64,
    /// Resilience over every shock episode so far (`crisis::episodes`):
    /// 100 with none.
    pub resilience: f64,
    /// Power dispersion over the regions' power ledgers
    /// (`power::ledger`), weighted by people.
    pub power_dispersion: f64,
    /// Voice: the share of the bodies governing their work and commons
    /// people take part in (`power::voice`), weighted by people.
    pub voice: f64,
    /// People.
    pub population: f64,
    /// Monthly output per person: goods sold at base prices plus investment
    /// built (money units).
    pub output_per_person: f64,
    /// Share of basic needs met for the poorest cohort, 0..1.
    pub poorest_basics_coverage: f64,
    /// Monthly consumption of the median person (money units).
    pub median_consumption: f64,
    /// Share of the labour force without work, 0..1.
    pub unemployment: f64,
    /// Share of the labour force paid from budgets fixed in money (monitors,
    /// administrators, researchers and abaters, builders, trainers) rather
    /// than hired by firms for what they sell, 0..1. Counted as employed.
    pub staff_share: f64,
    /// Consumer prices relative to base prices (1 at the start).
    pub price_index: f64,
    /// Change of the price index over the last twelve months (over the months
    /// run, from 1, in the first year), as a share.
    pub inflation: f64,
    /// Mean technology of enterprises weighted by output at base prices (1
    /// at the start).
    pub technology: f64,
    /// Shock episodes so far, open and closed.
    pub episodes: f64,
    /// Mean capability points an episode lost at worst.
    pub episode_depth: f64,
    /// Mean months an episode spent more than a point below where it began.
    pub episode_months: f64,
    /// Mean capability points the cohort hurt most in an episode lost at
    /// worst (the region's mean hides who bore it).
    pub hurt_cohort_depth: f64,
    /// Share of episodes in which the poorest cohort was the one hurt most,
    /// 0..1.
    pub poorest_hurt_most: f64,
    /// Deaths beyond those of a healthy, fed population since month 0
    /// (people): of hunger, ill health and epidemics.
    pub excess_deaths: f64,
    /// Of them, of hunger.
    pub deaths_hunger: f64,
    /// Of them, of ill health.
    pub deaths_ill_health: f64,
    /// Of them, in epidemics.
    pub deaths_epidemic: f64,
    /// People missing: those who would be alive now without the excess
    /// deaths (the dead and the children they would have had, less those
    /// who would have died anyway). A criterion over the living is the
    /// criterion times `(population + missing) / population`.
    pub missing: f64,
    /// This month's emissions over the starting world's monthly rate.
    pub emissions: f64,
    /// The share of people whose region provides basic goods by need,
    /// each region counted by the share of its basic goods so provided.
    pub basics_by_need: f64,
    /// The share of people whose region's sectors are worker
    /// cooperatives, each counted by the share of its sectors that are.
    pub cooperatives: f64,
    /// The share of people whose region's commons are governed by their
    /// community, each counted by the share of its commons that are.
    pub commons_trust: f64,
    /// Steps regions took to extend a pilot, since month 0
    /// (`power::adoption`).
    pub pilots_extended: f64,
    /// Steps regions took back, since month 0.
    pub pilots_reversed: f64,
    /// Pilots taken back to nothing, since month 0.
    pub pilots_ended: f64,
    /// Of them, those crushed: ended while their institution still did at
    /// least as well as the alternative around them.
    pub pilots_crushed: f64,
}

crate::sim::base::goods::named! {
    /// A figure recorded every month, by name: the eight criteria (on a
    /// 0..100 scale) first, then the raw figures. Its key is its CSV column;
    /// the window's words for it are in `assets/explain.ron`.
    Measure, MEASURES, PerMeasure, ValuePerMeasure {
        Capability = capability: "capability",
        Ecology = ecology: "ecology",
        Equity = equity: "equity",
        Cohesion = cohesion: "cohesion",
        Prosperity = prosperity: "prosperity",
        Resilience = resilience: "resilience",
        PowerDispersion = power_dispersion: "power_dispersion",
        Voice = voice: "voice",
        Population = population: "population",
        OutputPerPerson = output_per_person: "output_per_person",
        PoorestBasicsCoverage = poorest_basics_coverage: "poorest_basics_coverage",
        MedianConsumption = median_consumption: "median_consumption",
        Unemployment = unemployment: "unemployment",
        StaffShare = staff_share: "staff_share",
        PriceIndex = price_index: "price_index",
        Inflation = inflation: "inflation",
        Technology = technology: "technology",
        Episodes = episodes: "episodes",
        EpisodeDepth = episode_depth: "episode_depth",
        EpisodeMonths = episode_months: "episode_months",
        HurtCohortDepth = hurt_cohort_depth: "hurt_cohort_depth",
        PoorestHurtMost = poorest_hurt_most: "poorest_hurt_most",
        ExcessDeaths = excess_deaths: "excess_deaths",
        DeathsHunger = deaths_hunger: "deaths_hunger",
        DeathsIllHealth = deaths_ill_health: "deaths_ill_health",
        DeathsEpidemic = deaths_epidemic: "deaths_epidemic",
        Missing = missing: "missing",
        Emissions = emissions: "emissions",
        BasicsByNeed = basics_by_need: "basics_by_need",
        Cooperatives = cooperatives: "cooperatives",
        CommonsTrust = commons_trust: "commons_trust",
        PilotsExtended = pilots_extended: "pilots_extended",
        PilotsReversed = pilots_reversed: "pilots_reversed",
        PilotsEnded = pilots_ended: "pilots_ended",
        PilotsCrushed = pilots_crushed: "pilots_crushed",
    }
}

/// Criteria by CSV column (`capability`, `power_dispersion`), for a
/// scenario's list; any other name is refused, naming the criteria.
pub(crate) fn criteria_names<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Vec<Measure>, D::Error> {
    use serde::Deserialize;
    use serde::de::Error;
    Vec::<String>::deserialize(d)?
        .iter()
        .map(|name| {
            Measure::CRITERIA
                .into_iter()
                .find(|m| m.key() == name)
                .ok_or_else(|| {
                    D::Error::custom(format!(
                        "expected the name of a criterion (one of {}), found `{name}`",
                        Measure::CRITERIA.map(Measure::key).join(", ")
                    ))
                })
        })
        .collect()
}

impl Measure {
    /// The criteria, on a 0..100 scale: the first eight measures.
    pub const CRITERIA: [Measure; 8] = [
        Measure::Capability,
        Measure::Ecology,
        Measure::Equity,
        Measure::Cohesion,
        Measure::Prosperity,
        Measure::Resilience,
        Measure::PowerDispersion,
        Measure::Voice,
    ];

    /// The shares of people under each pilot's institution
    /// (`power::adoption`): what a transition moves.
    pub const TRANSITION: [Measure; 3] = [
        Measure::BasicsByNeed,
        Measure::Cooperatives,
        Measure::CommonsTrust,
    ];

    /// Whether it is one of the criteria.
    pub fn is_criterion(self) -> bool {
        Self::CRITERIA.contains(&self)
    }

    /// The values it can take, as documented: the criteria 0 to 100
    /// (ecology below 0 too, when emissions exceed the starting rate),
    /// shares 0 to 1, inflation no lower than −1 (prices at nothing), and
    /// every other figure a count, an amount or an index, never negative.
    pub fn range(self) -> std::ops::RangeInclusive<f64> {
        match self {
            Measure::Ecology => f64::NEG_INFINITY..=100.0,
            m if m.is_criterion() => 0.0..=100.0,
            Measure::PoorestBasicsCoverage
            | Measure::Unemployment
            | Measure::StaffShare
            | Measure::PoorestHurtMost
            | Measure::BasicsByNeed
            | Measure::Cooperatives
            | Measure::CommonsTrust => 0.0..=1.0,
            Measure::Inflation => -1.0..=f64::INFINITY,
            _ => 0.0..=f64::INFINITY,
        }
    }

    /// Whether `value` is a number within its range, give or take the
    /// rounding of sums and means (a billionth of the bound).
    pub fn admits(self, value: f64) -> bool {
        let range = self.range();
        let slack = |bound: f64| 1e-9 * bound.abs().max(1.0);
        value.is_finite()
            && value >= range.start() - slack(*range.start())
            && value <= range.end() + slack(*range.end())
    }
}

impl MeasureRow {
    /// The value of one measure.
    pub fn get(&self, measure: Measure) -> f64 {
        match measure {
            Measure::Capability => self.capability,
            Measure::Ecology => self.ecology,
            Measure::Equity => self.equity,
            Measure::Cohesion => self.cohesion,
            Measure::Prosperity => self.prosperity,
            Measure::Resilience => self.resilience,
            Measure::PowerDispersion => self.power_dispersion,
            Measure::Voice => self.voice,
            Measure::Population => self.population,
            Measure::OutputPerPerson => self.output_per_person,
            Measure::PoorestBasicsCoverage => self.poorest_basics_coverage,
            Measure::MedianConsumption => self.median_consumption,
            Measure::Unemployment => self.unemployment,
            Measure::StaffShare => self.staff_share,
            Measure::PriceIndex => self.price_index,
            Measure::Inflation => self.inflation,
            Measure::Technology => self.technology,
            Measure::Episodes => self.episodes,
            Measure::EpisodeDepth => self.episode_depth,
            Measure::EpisodeMonths => self.episode_months,
            Measure::HurtCohortDepth => self.hurt_cohort_depth,
            Measure::PoorestHurtMost => self.poorest_hurt_most,
            Measure::ExcessDeaths => self.excess_deaths,
            Measure::DeathsHunger => self.deaths_hunger,
            Measure::DeathsIllHealth => self.deaths_ill_health,
            Measure::DeathsEpidemic => self.deaths_epidemic,
            Measure::Missing => self.missing,
            Measure::Emissions => self.emissions,
            Measure::BasicsByNeed => self.basics_by_need,
            Measure::Cooperatives => self.cooperatives,
            Measure::CommonsTrust => self.commons_trust,
            Measure::PilotsExtended => self.pilots_extended,
            Measure::PilotsReversed => self.pilots_reversed,
            Measure::PilotsEnded => self.pilots_ended,
            Measure::PilotsCrushed => self.pilots_crushed,
        }
    }

    /// Every measure's value.
    pub fn values(&self) -> PerMeasure<f64> {
        PerMeasure::from_fn(|m| self.get(m))
    }
}

/// Every tick's measures, oldest first.
#[derive(Resource, Clone, Default, Debug, Serialize, Deserialize)]
pub struct History {
    pub rows: Vec<MeasureRow>,
    /// The price index of the settling months before month 0, the last
    /// twelve, so that the first year's inflation has a year-ago base.
    pub prices_before: Vec<f64>,
}

impl History {
    pub fn latest(&self) -> Option<&MeasureRow> {
        self.rows.last()
    }
}

/// The month `measure` first reached `level`, if it did: with a share of
/// people and one half, the years a transition took to reach half.
pub fn first_reaching(rows: &[MeasureRow], measure: Measure, level: f64) -> Option<u32> {
    rows.iter()
        .find(|r| r.get(measure) >= level)
        .map(|r| r.tick)
}

/// Ecology, 100 at its best: the mean of commons stock over capacity (all
/// commons together; 1 with none) and the share of the starting rate of
/// emissions this year's avoids, for the share `alive` of the people who
/// would be alive who are.
fn ecology(stock: f64, capacity: f64, atmosphere: &Atmosphere, alive: f64) -> f64 {
    let (commons, carbon) = ecology_parts(stock, capacity, atmosphere, alive);
    100.0 * (commons + carbon) / 2.0
}

/// The two halves of ecology, each 0..1 (carbon below 0 above the starting
/// rate): commons stock over capacity (all commons together; 1 with none)
/// and the share of the starting rate of emissions this year's avoids
/// (`Atmosphere::avoided`), each for the share `alive` of the people who
/// would be alive who are (the missing have no living world).
pub fn ecology_parts(stock: f64, capacity: f64, atmosphere: &Atmosphere, alive: f64) -> (f64, f64) {
    let commons = if capacity > 0.0 {
        stock / capacity
    } else {
        1.0
    };
    (alive * commons, alive * atmosphere.avoided())
}

/// Money and goods held across the world.
fn sum_holdings<'a>(
    regions: impl Iterator<Item = (&'a Cohorts, &'a InvestmentFund)>,
    enterprises: impl Iterator<Item = &'a Enterprise>,
    councils: impl Iterator<Item = &'a Council>,
    commons: impl Iterator<Item = &'a Commons>,
) -> Holdings {
    let mut held = Holdings {
        money: 0.0,
        goods: PerGood::default(),
    };
    for (c, fund) in regions {
        held.money += c.0.iter().map(|c| c.money.get()).sum::<f64>() + fund.funds.get();
        for cohort in &c.0 {
            for (b, units) in cohort.pantry.iter() {
                held.goods[b.into()] += units;
            }
        }
    }
    for e in enterprises {
        held.money += e.cash.get();
        held.goods[e.sector.into()] += e.inventory;
        held.goods[Good::Capital] += e.capital;
    }
    for c in councils {
        held.money += c.funds.get();
        for (b, units) in c.reserve.iter() {
            held.goods[b.into()] += units;
        }
    }
    for c in commons {
        held.goods[Good::Resource] += c.stock;
    }
    held
}

/// Holdings of a world, for the books at spawn.
pub fn holdings(world: &mut World) -> Holdings {
    let mut regions = world.query::<(&Cohorts, &InvestmentFund)>();
    let mut enterprises = world.query::<&Enterprise>();
    let mut councils = world.query::<&Council>();
    let mut commons = world.query::<&Commons>();
    sum_holdings(
        regions.iter(world),
        enterprises.iter(world),
        councils.iter(world),
        commons.iter(world),
    )
}

/// One region's part of the world's sums.
#[derive(Clone, Copy, Default)]
struct Share {
    people: f64,
    /// The people missing because of excess deaths.
    missing: f64,
    died: Deaths,
    capability: f64,
    dispersion: f64,
    voice: f64,
    poorest_people: f64,
    poorest_coverage: f64,
    trust: f64,
    built: f64,
    labour_force: f64,
    employed: f64,
    staff: f64,
    /// People weighed by their region's mix (`institutions::Mix`).
    mix: [f64; 3],
    /// Pilot steps: extended, reversed, ended, crushed.
    steps: [u32; 4],
}

impl Share {
    /// The first of a region's figures that is not a number or is below
    /// zero, with the mechanism that writes it and its value.
    fn fault(&self) -> Option<(&'static str, &'static str, f64)> {
        [
            (
                self.people,
                "people",
                "births, deaths and migration: people::learning",
            ),
            (self.missing, "the missing", "excess deaths: people::lives"),
            (
                self.died.total(),
                "excess deaths",
                "people::learning and crisis::contagion",
            ),
            (
                self.capability,
                "capability",
                "coverage, health and skills: economy::allocation and people::learning",
            ),
            (
                self.dispersion,
                "power dispersion",
                "the power ledger: power::ledger",
            ),
            (self.voice, "voice", "taking part: power::voice"),
            (
                self.poorest_coverage,
                "the poorest's coverage",
                "economy::allocation",
            ),
            (self.trust, "trust and cooperation", "people::learning"),
            (self.built, "capital built", "economy::investment"),
            (self.labour_force, "the labour force", "economy::production"),
            (self.employed, "employment", "economy::production"),
            (self.staff, "staff", "economy::production"),
        ]
        .into_iter()
        .find(|&(value, ..)| !value.is_finite() || value < 0.0)
        .map(|(value, quantity, mechanism)| (quantity, mechanism, value))
    }

    fn add(self, o: &Share) -> Share {
        Share {
            people: self.people + o.people,
            missing: self.missing + o.missing,
            died: self.died.plus(&o.died),
            capability: self.capability + o.capability,
            dispersion: self.dispersion + o.dispersion,
            voice: self.voice + o.voice,
            poorest_people: self.poorest_people + o.poorest_people,
            poorest_coverage: self.poorest_coverage + o.poorest_coverage,
            trust: self.trust + o.trust,
            built: self.built + o.built,
            labour_force: self.labour_force + o.labour_force,
            employed: self.employed + o.employed,
            staff: self.staff + o.staff,
            mix: std::array::from_fn(|i| self.mix[i] + o.mix[i]),
            steps: std::array::from_fn(|i| self.steps[i] + o.steps[i]),
        }
    }
}

/// What the measures read of each region.
type Measured = (
    &'static Cohorts,
    &'static Society,
    &'static RegionStats,
    &'static InvestmentFund,
    &'static PowerLedger,
    &'static Participation,
    &'static Lives,
    &'static Region,
    &'static Policy,
    &'static Adoption,
);

// Over 100 lines: every measure of the month in one pass over the world, each
// formula once, in the order the module's doc lists them.
pub(super) fn measure(
    mut clock: ResMut<SimClock>,
    index: Res<WorldIndex>,
    economy: Res<Economy>,
    atmosphere: Res<Atmosphere>,
    mut history: ResMut<History>,
    mut books: ResMut<Books>,
    episodes: Res<Episodes>,
    faults: Res<Faults>,
    mut regions: Query<Measured>,
    enterprises: Query<&Enterprise>,
    councils: Query<&Council>,
    commons: Query<&Commons>,
) {
    clock.tick += 1;
    let Some(items) = faults.gather(&mut regions, &index.regions, "measuring", "regions") else {
        return;
    };
    // Each region's share of the sums, worked out side by side, then added
    // up in region order.
    let shares: Vec<Share> = items
        .par_iter()
        .map(
            |&(
                cohorts,
                society,
                stats,
                fund,
                ledger,
                participation,
                lives,
                region,
                policy,
                adoption,
            )| {
                let population = cohorts.population();
                let poorest = cohorts.0.first();
                Share {
                    people: population,
                    missing: lives.missing,
                    died: lives.died,
                    capability: cohorts.0.iter().map(|c| c.size * c.capability()).sum(),
                    dispersion: ledger.dispersion() * population,
                    voice: participation.voice * population,
                    poorest_people: poorest.map_or(0.0, |p| p.size),
                    poorest_coverage: poorest.map_or(0.0, |p| p.size * p.basics_coverage()),
                    trust: {
                        let (trust, cooperation) =
                            society.cohesion_parts(economy.individualism_weight);
                        (trust + cooperation) * population
                    },
                    // Output that reached someone: investment built this month
                    // (one unit of capital per unit of money) …
                    built: fund.capital + fund.restoration,
                    labour_force: stats.labour_force,
                    employed: stats.employed,
                    staff: stats.staff,
                    mix: {
                        let commons = index.commons_per_region.get(region.id as usize);
                        let mix = policy.mix(commons.copied().unwrap_or(0));
                        [mix.basics_by_need, mix.cooperatives, mix.commons_trust]
                            .map(|share| share * population)
                    },
                    steps: [
                        adoption.extended,
                        adoption.reversed,
                        adoption.ended,
                        adoption.crushed,
                    ],
                }
            },
        )
        .collect();
    let total = shares.iter().fold(Share::default(), |sum, s| sum.add(s));
    let Share {
        people,
        missing,
        died,
        capability,
        dispersion,
        voice,
        poorest_people,
        poorest_coverage,
        trust,
        built: mut output,
        labour_force,
        employed,
        staff,
        mix,
        steps,
    } = total;
    // Collected on one thread: stitched together from pieces collected
    // side by side, the list took four times as long on two threads.
    let consumption: Vec<(f64, f64)> = items
        .iter()
        .flat_map(|r| r.0.0.iter().map(|c| (c.consumption, c.size)))
        .collect();
    // One pass over enterprises: goods sold at base and at current prices,
    // and technology weighted by output at base prices.
    let (at_base, at_prices, weighted_technology, weights) =
        enterprises
            .iter()
            .fold((0.0, 0.0, 0.0, 0.0), |(b, p, t, w), e| {
                let base = economy.base_price[e.sector];
                let made = e.output * base;
                (
                    b + e.sold * base,
                    p + e.sold * e.price,
                    t + e.technology * made,
                    w + made,
                )
            });
    // … and goods sold, at base prices (what spoiled unsold is not output).
    output += at_base;
    let per = |x: f64, n: f64| if n > 0.0 { x / n } else { 0.0 };
    // The people who would be alive, over whom per-person criteria are read.
    let would_be = people + missing;
    let alive = if would_be > 0.0 {
        people / would_be
    } else {
        1.0
    };
    // A Paasche index of what sold this month; unchanged in a month when
    // nothing sold.
    let price_index = if at_base > 0.0 {
        at_prices / at_base
    } else {
        history.latest().map_or(1.0, |r| r.price_index)
    };
    let (stock, capacity) = index
        .commons
        .iter()
        .filter_map(|&c| commons.get(c).ok())
        .fold((0.0, 0.0), |(s, k), c| (s + c.stock, k + c.capacity));
    let consumption = sorted(consumption);
    let shocks = episodes.summary();
    let row = MeasureRow {
        resilience: shocks.resilience,
        power_dispersion: 100.0 * per(dispersion, would_be),
        voice: 100.0 * per(voice, would_be),
        episodes: shocks.episodes as f64,
        episode_depth: shocks.mean_depth,
        episode_months: shocks.mean_months,
        hurt_cohort_depth: shocks.cohort_depth,
        poorest_hurt_most: shocks.poorest_share,
        tick: clock.tick,
        capability: 100.0 * per(capability, would_be),
        ecology: ecology(stock, capacity, &atmosphere, alive),
        // The missing consume nothing, so they come first. A world where
        // nobody consumes anything (nobody alive, or nothing to be had) is
        // destitute, not equal: no equity.
        equity: if consumption
            .iter()
            .any(|&(value, people)| value * people > 0.0)
        {
            100.0
                * (1.0
                    - gini_of_sorted(
                        std::iter::once((0.0, missing)).chain(consumption.iter().copied()),
                    ))
        } else {
            0.0
        },
        cohesion: 100.0 * per(trust, would_be),
        population: people,
        output_per_person: per(output, people),
        poorest_basics_coverage: per(poorest_coverage, poorest_people),
        median_consumption: median_of_sorted(&consumption),
        prosperity: {
            let r = per(output, people) / economy.reference_output_per_person;
            100.0 * alive * r / (1.0 + r)
        },
        excess_deaths: died.total(),
        deaths_hunger: died.hunger,
        deaths_ill_health: died.ill_health,
        deaths_epidemic: died.epidemic,
        missing,
        emissions: per(atmosphere.last_month, atmosphere.reference),
        price_index,
        inflation: {
            let (shown, year) = (history.rows.len(), MONTHS_PER_YEAR as usize);
            let year_ago = match shown.checked_sub(year) {
                Some(i) => history.rows[i].price_index,
                None => {
                    let before = &history.prices_before;
                    before
                        .len()
                        .checked_sub(year - shown)
                        .map_or(1.0, |i| before[i])
                }
            };
            if year_ago > 0.0 {
                price_index / year_ago - 1.0
            } else {
                0.0
            }
        },
        technology: if weights > 0.0 {
            weighted_technology / weights
        } else {
            history.latest().map_or(1.0, |r| r.technology)
        },
        unemployment: if labour_force > 0.0 {
            (1.0 - employed / labour_force).max(0.0)
        } else {
            0.0
        },
        staff_share: per(staff, labour_force),
        basics_by_need: per(mix[0], people),
        cooperatives: per(mix[1], people),
        commons_trust: per(mix[2], people),
        pilots_extended: f64::from(steps[0]),
        pilots_reversed: f64::from(steps[1]),
        pilots_ended: f64::from(steps[2]),
        pilots_crushed: f64::from(steps[3]),
    };
    // No output may show a measure that is not a number or is out of its
    // range: a month that makes one stops the run, as a fault of the
    // model, and is left out.
    if let Some(measure) = Measure::ALL.into_iter().find(|&m| !m.admits(row.get(m))) {
        // The first region whose own figures left their domain, if one
        // did, names where the fault began and which mechanism wrote it.
        let found = items.iter().zip(&shares).find_map(|(item, share)| {
            share.fault().map(|(quantity, mechanism, value)| {
                format!("in {}, {quantity} ({mechanism}) is {value}", item.7.name)
            })
        });
        faults.report(Diverged {
            tick: clock.tick,
            measure: measure.key(),
            value: row.get(measure),
            found,
        });
        return;
    }
    history.rows.push(row);
    if books.check {
        let now = sum_holdings(
            regions.iter().map(|r| (r.0, r.3)),
            enterprises.iter(),
            councils.iter(),
            commons.iter(),
        );
        books.close(clock.tick, now);
    } else {
        books.flows = default();
    }
}
