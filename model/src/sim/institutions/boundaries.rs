//! Boundaries between allocation logics. Where basics are provided by need
//! and markets run in another domain, market logic creeps into basics: each
//! year a share of what the council provided is left to households to buy
//! (user charges, private top-up tiers). Defending the boundary slows the
//! creep and wins ground back, and costs administration for every boundary
//! the region keeps (one fewer than the distinct logics it runs).

use bevy::prelude::*;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::sim::WorldIndex;
use crate::sim::base::params::{Economy, monthly};
use crate::sim::economy::pay_income;
use crate::sim::institutions::council::Council;
use crate::sim::institutions::policy::{
    BasicsAllocation, CommonsGovernance, InvestmentAllocation, PersonalAllocation, Policy,
};
use crate::sim::people::{Cohort, Cohorts, Region, RegionStats};

/// The state of a region's boundaries between allocation logics.
#[derive(Component, Clone, Debug, Default, Serialize, Deserialize)]
pub struct Boundaries {
    /// Share of need-based provision that market logic has taken over
    /// (0..1): the council provides the rest.
    pub creep: f64,
    /// Boundaries between the distinct logics the region runs.
    pub count: u32,
    /// Money spent defending them last month (money units).
    pub overhead: f64,
}

/// The kinds of allocation logic, for counting boundaries.
#[derive(Clone, Copy)]
enum Logic {
    Market,
    Need,
    Plan,
    Community,
    State,
}

impl Logic {
    fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// Distinct logics in a policy, one bit each (open access is the absence of
/// one).
fn logics(policy: &Policy) -> u8 {
    let kinds = [
        match policy.basics_allocation {
            BasicsAllocation::Market => Logic::Market,
            BasicsAllocation::NeedBased => Logic::Need,
            BasicsAllocation::CentralPlan => Logic::Plan,
        },
        match policy.personal_allocation {
            PersonalAllocation::Market => Logic::Market,
            PersonalAllocation::CentralPlan => Logic::Plan,
            PersonalAllocation::NeedBased => Logic::Need,
        },
        match policy.investment_allocation {
            InvestmentAllocation::CapitalMarkets => Logic::Market,
            InvestmentAllocation::Participatory => Logic::Community,
            InvestmentAllocation::CentralPlan => Logic::Plan,
        },
    ];
    let commons = match policy.commons_governance {
        CommonsGovernance::OpenAccess => None,
        CommonsGovernance::Community => Some(Logic::Community),
        CommonsGovernance::State => Some(Logic::State),
        CommonsGovernance::Private => Some(Logic::Market),
    };
    kinds
        .into_iter()
        .chain(commons)
        .fold(0, |bits, logic| bits | logic.bit())
}

/// Boundaries a policy keeps: one fewer than its distinct logics.
pub fn boundary_count(policy: &Policy) -> u32 {
    logics(policy).count_ones().saturating_sub(1)
}

/// Pays for the month's defence of the boundaries
/// (`boundary_protection × boundaries × boundary_cost_share` of the
/// council's funds, as administrators' pay) and moves the creep: up by
/// `creep_rate` × (1 − protection) of what is left, down by `reclaim_rate` ×
/// protection of what was taken.
pub(crate) fn defend(
    faults: Res<crate::sim::base::parallel::Faults>,
    economy: Res<Economy>,
    index: Res<WorldIndex>,
    mut regions: Query<(
        &Region,
        &mut Cohorts,
        &Policy,
        &mut Boundaries,
        &mut RegionStats,
    )>,
    mut councils: Query<&mut Council>,
) {
    let creep_rate = monthly(economy.creep_rate_annual);
    let reclaim_rate = monthly(economy.reclaim_rate_annual);
    let (Some(regions), Some(councils)) = (
        faults.gather(&mut regions, &index.regions, "defending", "regions"),
        faults.gather(&mut councils, &index.councils, "defending", "councils"),
    ) else {
        return;
    };
    // Each region defends its own boundaries from its own council's funds,
    // so regions run side by side.
    regions.into_par_iter().zip(councils).for_each(
        |((_, mut cohorts, policy, mut boundaries, mut stats), mut council)| {
            let protection = policy.boundary_protection;
            boundaries.count = boundary_count(policy);
            let cost = protection
                * boundaries.count as f64
                * economy.boundary_cost_share
                * council.funds.get();
            boundaries.overhead = pay_income(
                &mut council.funds,
                &mut cohorts.0,
                Cohort::labour_weight,
                None,
                policy.contribution_rate,
                cost,
            );
            stats.admin_spending += boundaries.overhead;
            let markets_elsewhere = logics(policy) & Logic::Market.bit() != 0;
            if policy.basics_allocation == BasicsAllocation::NeedBased && markets_elsewhere {
                let creep = boundaries.creep;
                boundaries.creep += creep_rate * (1.0 - protection) * (1.0 - creep)
                    - reclaim_rate * protection * creep;
            } else {
                boundaries.creep -= reclaim_rate * boundaries.creep;
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::preset;

    #[test]
    fn boundaries_are_one_fewer_than_the_distinct_logics() {
        let mutualism = preset("adaptive_mutualism");
        // Need (basics), market (personal goods), community (commons and
        // investment): three logics, two boundaries.
        assert_eq!(boundary_count(&mutualism), 2);
        let plan = preset("central_plan");
        // Plan everywhere, the state's commons: two logics, one boundary.
        assert_eq!(boundary_count(&plan), 1);
    }
}
