//! Displaced workers and their retraining (MODEL.md's innovation part).
//! Automation leaves some workers with skills no firm wants: they are in
//! the labour force but no firm can hire them (`production`) until they are
//! retrained. Each month a share `retraining_natural_annual` (monthly) of
//! them find their own way back, and the council retrains a further share
//! `retraining` of them, paying `retraining_cost_months` of the wage for
//! each to the people who train them, who leave production next month as
//! builders and researchers do.

use bevy::prelude::*;

use crate::sim::WorldIndex;
use crate::sim::base::books::transfer;
use crate::sim::base::params::{Economy, monthly};
use crate::sim::economy::LabourMarket;
use crate::sim::institutions::{Council, Policy};
use crate::sim::people::{Climate, Cohorts, Region, RegionStats};

/// A month of retraining in every region with displaced workers.
pub(crate) fn retrain(
    faults: Res<crate::sim::base::parallel::Faults>,
    economy: Res<Economy>,
    index: Res<WorldIndex>,
    mut regions: Query<(
        &Region,
        &Policy,
        &LabourMarket,
        &mut Climate,
        &mut Cohorts,
        &mut RegionStats,
    )>,
    mut councils: Query<&mut Council>,
) {
    let natural = monthly(economy.retraining_natural_annual);
    for &entity in &index.regions {
        let Ok((region, policy, labour, mut climate, mut cohorts, mut stats)) =
            regions.get_mut(entity)
        else {
            faults.lost("retrain", "regions");
            continue;
        };
        stats.training_spending = 0.0;
        if climate.displaced <= 0.0 {
            continue;
        }
        let Ok(mut council) = councils.get_mut(region.council) else {
            faults.lost("retrain", "councils");
            continue;
        };
        let on_their_own = natural * climate.displaced;
        let wanted = policy.retraining * climate.displaced;
        let cost = economy.retraining_cost_months * labour.wage;
        let population = cohorts.population();
        let mut paid = 0.0;
        if cost > 0.0 && population > 0.0 {
            let budget = (wanted * cost).min(council.funds.get());
            for cohort in &mut cohorts.0 {
                paid += transfer(
                    &mut council.funds,
                    &mut cohort.money,
                    budget * cohort.size / population,
                );
            }
        }
        stats.training_spending = paid;
        let retrained = if cost > 0.0 { paid / cost } else { wanted };
        let left = climate.displaced - on_their_own - retrained;
        climate.displaced = if left > 1.0 { left } else { 0.0 };
    }
}
