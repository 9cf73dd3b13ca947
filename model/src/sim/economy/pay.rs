//! Paying people: an amount shared among a region's cohorts by a weight
//! (wages by labour, dividends by ownership, a project's pay), with the
//! council's contribution withheld from each payment. Every payment to
//! households goes through here.

use crate::sim::base::books::{Money, transfer};
use crate::sim::people::{Cohort, PerCohort};

/// Pays `amount` from `payer` to cohorts in proportion to `weight`, and
/// withholds `contribution_rate` of each payment for the council (`None`:
/// the payer is the council and keeps it). With nobody to pay, nothing
/// moves. Returns the gross amount paid.
pub(crate) fn pay_income(
    payer: &mut Money,
    cohorts: &mut [Cohort],
    weight: fn(&Cohort) -> f64,
    council: Option<&mut Money>,
    contribution_rate: f64,
    amount: f64,
) -> f64 {
    if amount <= 0.0 {
        return 0.0;
    }
    let weights = Weights::of(cohorts, weight);
    weights.pay(payer, cohorts, council, contribution_rate, amount)
}

/// Each cohort's weight in one kind of payment, and their total, worked
/// out once for a run of payments that leave the weights as they are (an
/// enterprise's wages and profit, a fund's projects).
pub(crate) struct Weights {
    each: PerCohort<f64>,
    total: f64,
}

impl Weights {
    pub(crate) fn of(cohorts: &[Cohort], weight: fn(&Cohort) -> f64) -> Weights {
        let each: PerCohort<f64> = cohorts.iter().map(weight).collect();
        let total = each.iter().sum();
        Weights { each, total }
    }

    /// [`pay_income`] with these weights, which must be `cohorts`' own.
    pub(crate) fn pay(
        &self,
        payer: &mut Money,
        cohorts: &mut [Cohort],
        mut council: Option<&mut Money>,
        contribution_rate: f64,
        amount: f64,
    ) -> f64 {
        if self.total <= 0.0 || amount <= 0.0 {
            return 0.0;
        }
        let amount = amount.min(payer.get());
        let mut paid = 0.0;
        for (cohort, weight) in cohorts.iter_mut().zip(&self.each) {
            let gross = amount * weight / self.total;
            let contribution = gross * contribution_rate;
            transfer(payer, &mut cohort.money, gross - contribution);
            if let Some(council) = council.as_deref_mut() {
                transfer(payer, council, contribution);
            }
            cohort.income += gross;
            paid += gross;
        }
        paid
    }
}
