//! Range checks that run while a file is read, so that an out-of-range number
//! is refused with the line and column where it stands (the parser reports the
//! position of any error a field's deserializer returns).
//!
//! Use them with `#[serde(deserialize_with = "bounded::share")]` on plain `f64`
//! fields: the model then works with ordinary numbers.

use serde::{Deserialize, Deserializer, de::Error};

use crate::sim::base::calendar::MONTHS_PER_YEAR;
use crate::sim::base::goods::PerSector;

/// A number read from a file and checked as it is read: a plain number for a
/// field every file must set, or an optional one for an override. One
/// checker (`share`, `board_seats`, …) serves both; the field's type picks.
pub(crate) trait Checked<'de>: Sized {
    fn read<D: Deserializer<'de>>(d: D, range: &Range) -> Result<Self, D::Error>;
}

fn refuse<E: Error>(range: &Range, value: f64) -> E {
    E::custom(format!("expected {}, found {value}", range.what))
}

impl<'de> Checked<'de> for f64 {
    fn read<D: Deserializer<'de>>(d: D, range: &Range) -> Result<Self, D::Error> {
        let value = f64::deserialize(d)?;
        if range.holds(value) {
            Ok(value)
        } else {
            Err(refuse(range, value))
        }
    }
}

impl<'de> Checked<'de> for Option<f64> {
    fn read<D: Deserializer<'de>>(d: D, range: &Range) -> Result<Self, D::Error> {
        match Option::<f64>::deserialize(d)? {
            Some(value) if !range.holds(value) => Err(refuse(range, value)),
            other => Ok(other),
        }
    }
}

/// The numbers a field accepts, with the words that name them in an error.
#[derive(Clone, Copy, Debug)]
pub struct Range {
    pub min: f64,
    pub max: f64,
    pub what: &'static str,
}

impl Range {
    pub fn holds(&self, value: f64) -> bool {
        value.is_finite() && value >= self.min && value <= self.max
    }

    /// The nearest number the range holds (its lower end for NaN).
    pub fn clamp(&self, value: f64) -> f64 {
        if value.is_nan() {
            self.min
        } else {
            value.clamp(self.min, self.max)
        }
    }
}

/// A share, 0..=1.
pub const SHARE: Range = Range {
    min: 0.0,
    max: 1.0,
    what: "a share between 0 and 1",
};
/// Board seats, 1..=100.
pub const SEATS: Range = Range {
    min: 1.0,
    max: 100.0,
    what: "a number of board seats from 1 to 100",
};
/// A carbon price, 0..=10 money units per tonne.
pub const CARBON_PRICE: Range = Range {
    min: 0.0,
    max: 10.0,
    what: "a carbon price from 0 to 10 money units per tonne",
};
const NON_NEGATIVE: Range = Range {
    min: 0.0,
    max: f64::MAX,
    what: "a number of 0 or more",
};
const POSITIVE: Range = Range {
    min: f64::MIN_POSITIVE,
    max: f64::MAX,
    what: "a number above 0",
};
const BELOW_HALF: Range = Range {
    min: 0.0,
    max: 0.5 - f64::EPSILON / 2.0,
    what: "a share of at least 0 and under 0.5",
};
const POPULATION: Range = Range {
    min: 0.0,
    max: MAX_POPULATION,
    what: "a number of people from 0 to 10,000,000,000 (1e10)",
};

fn is_share(v: f64) -> bool {
    SHARE.holds(v)
}

/// A share, 0..=1.
pub(crate) fn share<'de, D: Deserializer<'de>, T: Checked<'de>>(d: D) -> Result<T, D::Error> {
    T::read(d, &SHARE)
}

/// A number ≥ 0 (people, money, stock).
pub(crate) fn non_negative<'de, D: Deserializer<'de>, T: Checked<'de>>(
    d: D,
) -> Result<T, D::Error> {
    T::read(d, &NON_NEGATIVE)
}

/// A number > 0 (a price, a capacity, a rate that must not vanish).
pub(crate) fn positive<'de, D: Deserializer<'de>, T: Checked<'de>>(d: D) -> Result<T, D::Error> {
    T::read(d, &POSITIVE)
}

/// A share under one half (a tipping threshold relative to capacity).
pub(crate) fn below_half<'de, D: Deserializer<'de>, T: Checked<'de>>(d: D) -> Result<T, D::Error> {
    T::read(d, &BELOW_HALF)
}

/// Months of delay in a planner's figures: a whole number from 1 to 11.
pub(crate) fn plan_delay<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let months = u32::deserialize(d)?;
    if (1..=11).contains(&months) {
        Ok(months)
    } else {
        Err(D::Error::custom(format!(
            "expected a whole number of months from 1 to 11, found {months}"
        )))
    }
}

/// A population's growth at once, 0..=10 times itself.
pub(crate) fn growth<'de, D: Deserializer<'de>, T: Checked<'de>>(d: D) -> Result<T, D::Error> {
    T::read(d, &GROWTH)
}

pub const GROWTH: Range = Range {
    min: 0.0,
    max: 10.0,
    what: "a growth from 0 to 10 (0.5 adds half as many people again)",
};

/// Months to an emergency protocol's sunset, 0..=120 (0: none).
pub(crate) fn sunset<'de, D: Deserializer<'de>, T: Checked<'de>>(d: D) -> Result<T, D::Error> {
    T::read(d, &SUNSET)
}

pub const SUNSET: Range = Range {
    min: 0.0,
    max: 120.0,
    what: "a number of months from 0 (no sunset clause) to 120",
};

/// Months of need held in a reserve, 0..=24.
pub(crate) fn reserve<'de, D: Deserializer<'de>, T: Checked<'de>>(d: D) -> Result<T, D::Error> {
    T::read(d, &RESERVE)
}

pub const RESERVE: Range = Range {
    min: 0.0,
    max: 24.0,
    what: "a number of months of need from 0 to 24",
};

/// Months over which a stock is filled, 1..=120.
pub(crate) fn fill_months<'de, D: Deserializer<'de>, T: Checked<'de>>(d: D) -> Result<T, D::Error> {
    T::read(d, &FILL)
}

const FILL: Range = Range {
    min: 1.0,
    max: 120.0,
    what: "a number of months from 1 to 120",
};

/// How many times the usual transport cost a split costs, 1..=10.
pub(crate) fn friction<'de, D: Deserializer<'de>, T: Checked<'de>>(d: D) -> Result<T, D::Error> {
    T::read(d, &FRICTION)
}

pub const FRICTION: Range = Range {
    min: 1.0,
    max: 10.0,
    what: "a friction from 1 (no extra cost) to 10 times the transport cost",
};

/// Board seats, 1..=100.
pub(crate) fn board_seats<'de, D: Deserializer<'de>, T: Checked<'de>>(d: D) -> Result<T, D::Error> {
    T::read(d, &SEATS)
}

/// A carbon price, 0..=10 money units per tonne.
pub(crate) fn carbon_price<'de, D: Deserializer<'de>, T: Checked<'de>>(
    d: D,
) -> Result<T, D::Error> {
    T::read(d, &CARBON_PRICE)
}

fn per_sector<'de, D: Deserializer<'de>>(
    deserializer: D,
    ok: impl Fn(f64) -> bool,
    expected: &str,
) -> Result<PerSector<f64>, D::Error> {
    let values = PerSector::<f64>::deserialize(deserializer)?;
    if let Some((sector, bad)) = values.iter().find(|(_, v)| !(v.is_finite() && ok(**v))) {
        return Err(D::Error::custom(format!(
            "expected {expected}, found {bad} for {}",
            sector.key()
        )));
    }
    Ok(values)
}

/// `values` if each is a share and together they sum to 1.
fn shares_summing_to_one<E: serde::de::Error, const N: usize>(
    values: [f64; N],
    expected: &str,
) -> Result<[f64; N], E> {
    let ok = values.iter().all(|v| v.is_finite() && is_share(*v))
        && (values.iter().sum::<f64>() - 1.0).abs() < 1e-6;
    if ok {
        Ok(values)
    } else {
        Err(E::custom(format!("expected {expected}, found {values:?}")))
    }
}

/// A multi-stakeholder firm's profit split as files write it: one field
/// per party, so that no share can be read as another's.
#[derive(serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
struct ProfitSplit {
    workers: f64,
    owners: f64,
    community: f64,
}

/// Three shares that sum to 1 (a profit split), read by name: `workers`,
/// `owners`, `community`, in that order.
pub(crate) fn three_shares<'de, D: Deserializer<'de>>(d: D) -> Result<[f64; 3], D::Error> {
    let split = ProfitSplit::deserialize(d)?;
    shares_summing_to_one(
        [split.workers, split.owners, split.community],
        "three shares between 0 and 1 that sum to 1 (workers, owners, community)",
    )
}

/// Writes a profit split as [`three_shares`] reads it.
pub(crate) fn write_three_shares<S: serde::Serializer>(
    [workers, owners, community]: &[f64; 3],
    s: S,
) -> Result<S::Ok, S::Error> {
    serde::Serialize::serialize(
        &ProfitSplit {
            workers: *workers,
            owners: *owners,
            community: *community,
        },
        s,
    )
}

/// One type of power split among a ledger's groups as files write it: one
/// field per group, in `params::GROUPS` order.
#[derive(serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
struct GroupSplit {
    capital_owners: f64,
    officials: f64,
    workers: f64,
    communities: f64,
    technical_elites: f64,
}

/// Five shares that sum to 1, one per group of a power ledger, read by
/// name.
pub(crate) fn group_shares<'de, D: Deserializer<'de>>(d: D) -> Result<[f64; 5], D::Error> {
    let s = GroupSplit::deserialize(d)?;
    shares_summing_to_one(
        [
            s.capital_owners,
            s.officials,
            s.workers,
            s.communities,
            s.technical_elites,
        ],
        "five shares between 0 and 1 that sum to 1 (capital_owners, officials, workers, communities, technical_elites)",
    )
}

/// Writes a group split as [`group_shares`] reads it.
pub(crate) fn write_group_shares<S: serde::Serializer>(
    [
        capital_owners,
        officials,
        workers,
        communities,
        technical_elites,
    ]: &[f64; 5],
    s: S,
) -> Result<S::Ok, S::Error> {
    serde::Serialize::serialize(
        &GroupSplit {
            capital_owners: *capital_owners,
            officials: *officials,
            workers: *workers,
            communities: *communities,
            technical_elites: *technical_elites,
        },
        s,
    )
}

/// Years of a maximum tenure, 0..=50 (0: no rotation).
pub(crate) fn tenure<'de, D: Deserializer<'de>, T: Checked<'de>>(d: D) -> Result<T, D::Error> {
    T::read(d, &TENURE)
}

pub const TENURE: Range = Range {
    min: 0.0,
    max: 50.0,
    what: "a number of years from 0 (no rotation) to 50",
};

/// A number above 0 for each sector, by name.
pub(crate) fn per_sector_positive<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<PerSector<f64>, D::Error> {
    per_sector(d, |v| v > 0.0, "a number above 0 for each sector")
}

/// A share for each sector, by name.
pub(crate) fn per_sector_share<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<PerSector<f64>, D::Error> {
    per_sector(d, is_share, "a share between 0 and 1 for each sector")
}

/// A number of 0 or more for each sector, by name.
pub(crate) fn per_sector_non_negative<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<PerSector<f64>, D::Error> {
    per_sector(d, |v| v >= 0.0, "a number of 0 or more for each sector")
}

/// The most regions a world may have: five times the planet benchmark
/// (10,000 regions, about 160,000 entities), well within this machine's
/// memory.
pub const MAX_REGIONS: u32 = 50_000;
/// The most federations a world may have.
pub const MAX_FEDERATIONS: u32 = 1_000;
/// The most commons one region may have.
pub const MAX_COMMONS_PER_REGION: u32 = 8;
/// The longest run a scenario may ask for, in years.
pub const MAX_YEARS: u32 = 500;
/// The most people one region may hold (more than any country).
pub const MAX_POPULATION: f64 = 1.0e10;

/// A whole number within `range`; a number too large for the type, or a
/// fraction, is refused in the same words.
fn whole<'de, D: Deserializer<'de>>(
    d: D,
    range: std::ops::RangeInclusive<u32>,
    what: &str,
) -> Result<u32, D::Error> {
    let value = f64::deserialize(d)?;
    if value.fract() == 0.0
        && value >= f64::from(*range.start())
        && value <= f64::from(*range.end())
    {
        Ok(value as u32)
    } else {
        Err(D::Error::custom(format!(
            "expected {what}, a whole number from {} to {}, found {value}",
            range.start(),
            range.end()
        )))
    }
}

/// Regions in a generated world.
pub(crate) fn region_count<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    whole(d, 1..=MAX_REGIONS, "a number of regions")
}

/// Federations in a generated world.
pub(crate) fn federation_count<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    whole(d, 1..=MAX_FEDERATIONS, "a number of federations")
}

/// The federation a listed region belongs to (its index, from 0).
pub(crate) fn federation_index<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    whole(d, 0..=MAX_FEDERATIONS - 1, "a federation index")
}

/// Commons per region in a generated world.
pub(crate) fn commons_count<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    whole(
        d,
        0..=MAX_COMMONS_PER_REGION,
        "a number of commons per region",
    )
}

/// A run's length in years.
pub(crate) fn years<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    whole(d, 1..=MAX_YEARS, "a number of years")
}

/// How long a shock lasts, in months.
pub(crate) fn shock_months<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    whole(d, 1..=MAX_YEARS * MONTHS_PER_YEAR, "a number of months")
}

/// The month a shock starts.
pub(crate) fn month<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    whole(d, 0..=MAX_YEARS * MONTHS_PER_YEAR, "a month")
}

/// The distance over which a generated world's land stays alike, in hexes.
pub(crate) fn landscape_scale<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    f64::read(
        d,
        &Range {
            min: 1.0,
            max: 1000.0,
            what: "a distance from 1 to 1000 hexes",
        },
    )
}

/// The most cities a generated world may have.
pub const MAX_CITIES: u32 = 100;

/// Cities in a generated world.
pub(crate) fn city_count<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    whole(d, 0..=MAX_CITIES, "a number of cities")
}

/// How many times its settled people a city's centre holds.
pub(crate) fn city_size<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    f64::read(
        d,
        &Range {
            min: 1.0,
            max: 100.0,
            what: "a multiple from 1 to 100",
        },
    )
}

/// People in one region.
pub(crate) fn population<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    f64::read(d, &POPULATION)
}

/// A listed region's commons, at most `MAX_COMMONS_PER_REGION`.
pub(crate) fn commons_list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    at_most(d, MAX_COMMONS_PER_REGION)
}

/// A scenario's prepared crises: at most nine, one per number key.
pub(crate) fn cues<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    at_most(d, 9)
}

/// A listed world's regions, at most `MAX_REGIONS`.
pub(crate) fn region_list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    at_most(d, MAX_REGIONS)
}

/// A list of at most `max` entries.
fn at_most<'de, D, T>(d: D, max: u32) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let list = Vec::<T>::deserialize(d)?;
    if list.len() <= max as usize {
        Ok(list)
    } else {
        Err(D::Error::custom(format!(
            "expected at most {max} entries, found {}",
            list.len()
        )))
    }
}
