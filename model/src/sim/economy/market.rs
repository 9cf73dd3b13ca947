//! A purchase: a buyer pays for what an enterprise has in stock at its
//! price, and what each cohort received in a month. Allocation and the
//! reserves both buy through here.

use crate::sim::base::books::{Money, transfer};
use crate::sim::base::goods::PerBasic;
use crate::sim::economy::enterprise::Enterprise;

/// What one cohort received this month.
#[derive(Clone, Copy, Default)]
pub(crate) struct Received {
    /// Units of each basic good that met need.
    pub met: PerBasic<f64>,
    /// Value consumed, at the prices paid (money units).
    pub value: f64,
}

/// A buyer pays from `purse` for up to `units` of the enterprise's stock at
/// its price, no more than the purse holds, and takes them; returns the
/// units bought and the money paid. Nothing is used up yet.
pub(crate) fn buy(purse: &mut Money, seller: &mut Enterprise, units: f64) -> (f64, f64) {
    let units = units.min(seller.inventory).max(0.0);
    let paid = transfer(purse, &mut seller.cash, units * seller.price);
    let units = if seller.price > 0.0 {
        paid / seller.price
    } else {
        units
    };
    seller.inventory -= units;
    seller.sold += units;
    (units, paid)
}
