//! The labour market. Firms hire the workers their plan needs, but no more
//! than the wage they must pay lets them afford: a firm budgets
//! `wage_share` of what it can count on: what it took last month less any
//! wages it still owes or, when that is less, the credit its buyers' orders
//! earn it, `credit_share` of the revenue its expected demand would bring
//! at its price (a bank lends against orders, not against last month;
//! Petersen and Rajan 1997), while its arrears wait. So a firm that sold
//! nothing, whose goods are still wanted, can hire again and restart.
//! A state firm's budget is soft: it hoards every worker it can get, its
//! council pays the wages its sales do not, and it makes less per worker
//! (Kornai 1986; see `production`). A share `frictional_unemployment` of the
//! labour force is always between jobs. The wage is sticky: it moves each
//! month with the gap between the workers firms want and those available,
//! and falls more slowly than it rises, at the pace wage Phillips curves
//! show, and never faster in a year than the record's fastest fall, so
//! unemployment beyond the frictional is an outcome that lasts, for years
//! after a deep slump, while the wage finds its level. Staff paid from budgets fixed in money
//! (administration, research, abatement, building, training) are hired
//! at the going wage before firms; they absorb idle workers only as fast
//! as that wage falls, and are reported apart (`staff_share`). When what
//! firms can afford falls
//! short of the workers available, the rest are unemployed: they lose their
//! wage (pay follows employment) and live on what their regime gives
//! everyone; the least skilled lose their jobs first; and unemployment that
//! lasts erodes skills and health.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::sim::base::calendar::MONTHS_A_YEAR;
use crate::sim::base::goods::{PerSector, Sector};
use crate::sim::base::params::Economy;
use crate::sim::people::Cohort;

/// A region's labour market.
#[derive(Component, Clone, Debug, Default, Serialize, Deserialize)]
pub struct LabourMarket {
    /// Pay per worker per month (money units); 0 until the first month
    /// sets it where firms can just afford the workers available.
    pub wage: f64,
    /// Workers firms wanted last month at the wage (people).
    pub wanted: f64,
    /// Workers available to hire last month, after those between jobs and
    /// the council's and firms' own staff (people).
    pub available: f64,
    /// The wage at the close of each of the last twelve months, the oldest
    /// at `oldest` (0 before a month has closed).
    pub past: [f64; 12],
    /// Where in `past` the wage of twelve months ago is.
    pub oldest: usize,
}

impl LabourMarket {
    /// Workers a firm can afford at the wage: `wage_share × takings / wage`,
    /// where `takings` is what it can count on (last month's sales less the
    /// wages it owes, as revenue).
    pub fn affordable(&self, economy: &Economy, takings: f64) -> f64 {
        if self.wage <= 0.0 {
            f64::INFINITY
        } else {
            economy.wage_share * takings / self.wage
        }
    }

    /// Opens the month: a wage not yet set is put where firms' wage budget,
    /// `wage_share × takings`, pays for every available worker.
    pub fn open(&mut self, economy: &Economy, takings: f64, available: f64) {
        if self.wage <= 0.0 && available > 0.0 {
            self.wage = economy.wage_share * takings / available;
        }
        self.available = available;
    }

    /// Closes the month: the wage moves by a twelfth of
    /// `wage_adjustment_annual` times the tightness `(wanted − available) /
    /// available` (cut to ±1), so a gap held for a year moves it by the
    /// annual rate times the gap (a speed, not a share of something lost
    /// each year, so it is divided by twelve rather than converted as
    /// annual rates are: that conversion makes 1.0 a whole move a month),
    /// and by `wage_downward_rigidity` of that when it falls (pay cuts are
    /// resisted, Bewley 1999), and never to below `1 −
    /// wage_cut_max_annual` of what it was twelve months before (the
    /// Depression's pace, the fastest fall on record, so a deep slump is not
    /// cleared by pay cuts within a year or two). While the world settles
    /// before month 0 the
    /// wage moves by the whole tightness each month instead, so that the
    /// run opens with the wage the stated world would settle at, not with
    /// years of adjustment still to come.
    pub fn close(&mut self, economy: &Economy, wanted: f64, settling: bool) {
        self.wanted = wanted;
        if self.available <= 0.0 || self.wage <= 0.0 {
            return;
        }
        let tightness = ((wanted - self.available) / self.available).clamp(-1.0, 1.0);
        if settling {
            self.wage *= 1.0 + tightness / 2.0;
        } else {
            let speed = economy.wage_adjustment_annual / MONTHS_A_YEAR;
            let change = if tightness >= 0.0 {
                speed * tightness
            } else {
                speed * economy.wage_downward_rigidity * tightness
            };
            let floor = (1.0 - economy.wage_cut_max_annual) * self.past[self.oldest];
            self.wage = (self.wage * (1.0 + change)).max(floor.min(self.wage));
        }
        self.past[self.oldest] = self.wage;
        self.oldest = (self.oldest + 1) % self.past.len();
    }
}

/// Shares out the available workers when enterprises want more than there
/// are: each gets a share in proportion to the revenue its plan would bring
/// (labour goes where it earns most), never more than it wants, and what one
/// cannot use goes round again to the others.
pub(crate) fn hire(
    available: f64,
    wanted: &PerSector<f64>,
    revenue: &PerSector<f64>,
) -> PerSector<f64> {
    let mut hired = PerSector::default();
    let mut left = available;
    for _ in Sector::ALL {
        let open = PerSector::from_fn(|i| wanted[i] - hired[i] > 0.0 && revenue[i] > 0.0);
        let total: f64 = Sector::ALL
            .into_iter()
            .filter(|&i| open[i])
            .map(|i| revenue[i])
            .sum();
        if left <= 0.0 || total <= 0.0 {
            break;
        }
        let mut given = 0.0;
        for i in Sector::ALL.into_iter().filter(|&i| open[i]) {
            let give = (left * revenue[i] / total).min(wanted[i] - hired[i]);
            hired[i] += give;
            given += give;
        }
        left -= given;
    }
    hired
}

/// Graceful degradation under the emergency protocol: basics are
/// protected. The basic sectors' plans (`planned` workers, no more than they
/// may hire) are filled first, shared as [`hire`] shares; the workers left
/// then go round every firm's remaining demand as usual, so personal goods
/// get only what basics do not need.
pub(crate) fn hire_basics_first(
    available: f64,
    wanted: &PerSector<f64>,
    planned: &PerSector<f64>,
    revenue: &PerSector<f64>,
) -> PerSector<f64> {
    let basics = PerSector::from_fn(|s| match s.basic() {
        Some(_) => wanted[s].min(planned[s]),
        None => 0.0,
    });
    let first = hire(available, &basics, revenue);
    let left = available - first.sum();
    let rest = PerSector::from_fn(|s| wanted[s] - first[s]);
    let second = hire(left, &rest, revenue);
    PerSector::from_fn(|s| first[s] + second[s])
}

/// Each cohort's employment given the region's: everyone spends
/// `frictional_unemployment` between jobs, and the unemployment beyond that
/// falls on cohorts in proportion to their labour force times their lack of
/// skill (`1 − skills`), so the least skilled are laid off first.
/// `labour` is each cohort's labour force (people).
pub(crate) fn share_out_employment(
    economy: &Economy,
    cohorts: &mut [Cohort],
    labour: &[f64],
    employed: f64,
) {
    let at_work = 1.0 - economy.frictional_unemployment;
    let total: f64 = labour.iter().sum();
    let beyond = (total * at_work - employed).max(0.0);
    let exposure: f64 = cohorts
        .iter()
        .zip(labour)
        .map(|(c, l)| l * (1.0 - c.skills))
        .sum();
    for (cohort, &l) in cohorts.iter_mut().zip(labour) {
        let laid_off = if exposure > 0.0 {
            beyond * (1.0 - cohort.skills) / exposure
        } else if total > 0.0 {
            beyond / total
        } else {
            0.0
        };
        cohort.employment = if l > 0.0 {
            (at_work - laid_off).clamp(0.0, at_work)
        } else {
            0.0
        };
    }
}

#[cfg(test)]
mod tests {
    use super::{LabourMarket, hire, hire_basics_first};
    use crate::sim::base::goods::{PerSector, SECTORS, Sector};
    use crate::sim::base::params::Economy;

    /// However slack the market, the wage falls no more than
    /// `wage_cut_max_annual` over any twelve months; without the bound, the
    /// same slack takes more than twice that off in a year.
    #[test]
    fn the_wage_falls_no_faster_than_the_record() {
        let economy: Economy = ron::from_str(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../scenarios/economy/standard.ron"
        )))
        .expect("the standard economy reads");
        let unbounded = Economy {
            wage_cut_max_annual: 1.0,
            ..economy.clone()
        };
        let year_of_slack = |economy: &Economy| {
            let mut market = LabourMarket {
                wage: 1.0,
                ..Default::default()
            };
            for month in 0..36 {
                market.open(economy, 100.0, 100.0);
                // Two years at the wage firms can pay, then firms want a
                // half of the workers available.
                market.close(economy, if month < 24 { 100.0 } else { 50.0 }, false);
            }
            market.wage
        };
        let bounded = year_of_slack(&economy);
        let free = year_of_slack(&unbounded);
        assert!(
            (bounded - (1.0 - economy.wage_cut_max_annual)).abs() < 1e-12,
            "{bounded}"
        );
        assert!(1.0 - free > 2.0 * economy.wage_cut_max_annual, "{free}");
    }

    /// A map from values listed food, housing, health, education, energy,
    /// personal.
    fn sectors(values: [f64; SECTORS]) -> PerSector<f64> {
        PerSector::from_fn(|s| values[s.index()])
    }

    #[test]
    fn hiring_follows_revenue_and_gives_spare_workers_to_the_rest() {
        let hired = hire(
            100.0,
            &sectors([10.0, 200.0, 0.0, 50.0, 50.0, 5.0]),
            &sectors([10.0, 30.0, 10.0, 10.0, 0.0, 10.0]),
        );
        assert!(
            (hired[Sector::Food] - 10.0).abs() < 1e-9,
            "a small plan is met in full: {hired:?}"
        );
        assert!(
            (hired.sum() - 100.0).abs() < 1e-9,
            "every worker is placed: {hired:?}"
        );
        assert!(
            hired[Sector::Housing] > hired[Sector::Education],
            "the plan that earns more gets more of the rest: {hired:?}"
        );
        assert_eq!(
            hired[Sector::Energy],
            0.0,
            "no revenue, no hiring: {hired:?}"
        );
        let plans = sectors([10.0, 20.0, 30.0, 40.0, 50.0, 60.0]);
        let plenty = hire(1000.0, &plans, &PerSector::splat(1.0));
        assert_eq!(plenty, plans, "with workers to spare every plan is met");
    }

    #[test]
    fn under_the_protocol_basics_hire_first_and_personal_goods_get_the_rest() {
        let wanted = sectors([20.0, 20.0, 20.0, 20.0, 20.0, 100.0]);
        let revenue = sectors([1.0, 1.0, 1.0, 1.0, 1.0, 10.0]);
        let usual = hire(110.0, &wanted, &revenue);
        let protected = hire_basics_first(110.0, &wanted, &wanted, &revenue);
        assert!(
            usual[Sector::Food] < 20.0,
            "as usual, the dearer personal goods draw workers first: {usual:?}"
        );
        assert_eq!(
            protected,
            sectors([20.0, 20.0, 20.0, 20.0, 20.0, 10.0]),
            "basics' plans are met, personal goods get what is left"
        );
    }
}
