//! The calendar: the model steps a month at a time and states its rates a
//! year at a time.

/// Months in a year: the model steps a month at a time and states its
/// rates a year at a time.
pub const MONTHS_PER_YEAR: u32 = 12;
/// [`MONTHS_PER_YEAR`] as a number, to turn an annual rate into a month's.
pub const MONTHS_A_YEAR: f64 = MONTHS_PER_YEAR as f64;
