//! Range checks that run while a file is read, so that an out-of-range number
//! is refused with the line and column where it stands (the parser reports the
//! position of any error a field's deserializer returns).
//!
//! Use them with `#[serde(deserialize_with = "bounded::share")]` on plain `f64`
//! fields: the model then works with ordinary numbers.

use serde::{Deserialize, Deserializer, de::Error};

use crate::sim::enterprise::SECTORS;

fn checked<'de, D: Deserializer<'de>>(
    deserializer: D,
    ok: impl Fn(f64) -> bool,
    expected: &str,
) -> Result<f64, D::Error> {
    let value = f64::deserialize(deserializer)?;
    if value.is_finite() && ok(value) {
        Ok(value)
    } else {
        Err(D::Error::custom(format!(
            "expected {expected}, found {value}"
        )))
    }
}

fn checked_option<'de, D: Deserializer<'de>>(
    deserializer: D,
    ok: impl Fn(f64) -> bool,
    expected: &str,
) -> Result<Option<f64>, D::Error> {
    match Option::<f64>::deserialize(deserializer)? {
        Some(value) if !(value.is_finite() && ok(value)) => Err(D::Error::custom(format!(
            "expected {expected}, found {value}"
        ))),
        other => Ok(other),
    }
}

const SHARE: &str = "a share between 0 and 1";
const NON_NEGATIVE: &str = "a number of 0 or more";
const POSITIVE: &str = "a number above 0";

fn is_share(v: f64) -> bool {
    (0.0..=1.0).contains(&v)
}

/// A share, 0..=1.
pub(crate) fn share<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    checked(d, is_share, SHARE)
}

/// A number ≥ 0 (people, money, stock).
pub(crate) fn non_negative<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    checked(d, |v| v >= 0.0, NON_NEGATIVE)
}

/// A number > 0 (a price, a capacity, a rate that must not vanish).
pub(crate) fn positive<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    checked(d, |v| v > 0.0, POSITIVE)
}

/// A share under one half (a tipping threshold relative to capacity).
pub(crate) fn below_half<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    checked(
        d,
        |v| (0.0..0.5).contains(&v),
        "a share of at least 0 and under 0.5",
    )
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

fn is_seats(v: f64) -> bool {
    (1.0..=100.0).contains(&v)
}
const SEATS: &str = "a number of board seats from 1 to 100";

/// Board seats, 1..=100.
pub(crate) fn board_seats<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    checked(d, is_seats, SEATS)
}

/// Optional board seats, for overrides.
pub(crate) fn option_board_seats<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    checked_option(d, is_seats, SEATS)
}

fn is_carbon_price(v: f64) -> bool {
    (0.0..=10.0).contains(&v)
}
const CARBON_PRICE: &str = "a carbon price from 0 to 10 money units per tonne";

/// A carbon price, 0..=10 money units per tonne.
pub(crate) fn carbon_price<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    checked(d, is_carbon_price, CARBON_PRICE)
}

/// An optional carbon price, for overrides.
pub(crate) fn option_carbon_price<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<f64>, D::Error> {
    checked_option(d, is_carbon_price, CARBON_PRICE)
}

/// An optional share, for overrides.
pub(crate) fn option_share<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    checked_option(d, is_share, SHARE)
}

fn per_sector<'de, D: Deserializer<'de>>(
    deserializer: D,
    ok: impl Fn(f64) -> bool,
    expected: &str,
) -> Result<[f64; SECTORS], D::Error> {
    let values = Vec::<f64>::deserialize(deserializer)?;
    if let Some(bad) = values.iter().find(|v| !(v.is_finite() && ok(**v))) {
        return Err(D::Error::custom(format!(
            "expected {expected}, found {bad}"
        )));
    }
    values.try_into().map_err(|v: Vec<f64>| {
        D::Error::custom(format!("expected {expected}, found {} numbers", v.len()))
    })
}

/// Three shares that sum to 1 (a profit split).
pub(crate) fn three_shares<'de, D: Deserializer<'de>>(d: D) -> Result<[f64; 3], D::Error> {
    let expected = "three shares between 0 and 1 that sum to 1 (workers, owners, community)";
    let values = Vec::<f64>::deserialize(d)?;
    let ok = values.len() == 3
        && values.iter().all(|v| v.is_finite() && is_share(*v))
        && (values.iter().sum::<f64>() - 1.0).abs() < 1e-6;
    if !ok {
        return Err(D::Error::custom(format!(
            "expected {expected}, found {values:?}"
        )));
    }
    Ok([values[0], values[1], values[2]])
}

/// Six numbers > 0, one per sector.
pub(crate) fn per_sector_positive<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<[f64; SECTORS], D::Error> {
    per_sector(
        d,
        |v| v > 0.0,
        "six numbers above 0 (food, housing, health, education, energy, personal)",
    )
}

/// Six shares, one per sector.
pub(crate) fn per_sector_share<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<[f64; SECTORS], D::Error> {
    per_sector(
        d,
        is_share,
        "six shares between 0 and 1 (food, housing, health, education, energy, personal)",
    )
}

/// Six numbers of 0 or more, one per sector.
pub(crate) fn per_sector_non_negative<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<[f64; SECTORS], D::Error> {
    per_sector(
        d,
        |v| v >= 0.0,
        "six numbers of 0 or more (food, housing, health, education, energy, personal)",
    )
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
    whole(d, 1..=MAX_YEARS * 12, "a number of months")
}

/// The month a shock starts.
pub(crate) fn month<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    whole(d, 0..=MAX_YEARS * 12, "a month")
}

/// People in one region.
pub(crate) fn population<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    checked(
        d,
        |v| (0.0..=MAX_POPULATION).contains(&v),
        "a number of people from 0 to 10,000,000,000 (1e10)",
    )
}

/// A listed region's commons, at most `MAX_COMMONS_PER_REGION`.
pub(crate) fn commons_list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    at_most(d, MAX_COMMONS_PER_REGION)
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
