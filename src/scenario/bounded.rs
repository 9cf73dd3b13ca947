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
