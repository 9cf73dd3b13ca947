//! The central planner: one office for the whole world, which sets output
//! for every planned enterprise and ranks investment projects in planned
//! regions. It works from demand figures that are months old, and its
//! figures are wrong by a relative error that grows with the square root of
//! how much it must track: small worlds plan well, large ones badly (the
//! seed's "planners couldn't process the millions of daily decisions").

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::sim::WorldIndex;
use crate::sim::base::goods::Sector;
use crate::sim::base::params::Economy;
use crate::sim::institutions::{InvestmentAllocation, Policy};
use crate::sim::people::Region;

/// What the planner tracks this month, and how wrong that makes it.
#[derive(Resource, Clone, Debug, Default, Serialize, Deserialize)]
pub struct Planner {
    /// Planned enterprises, world-wide.
    pub enterprises: usize,
    /// Standard deviation of its relative error in an enterprise's demand.
    pub production_error: f64,
    /// Investment projects it ranks (the enterprises and commons of regions
    /// whose investment is planned).
    pub projects: usize,
    /// Standard deviation of its relative error in a project's value.
    pub investment_error: f64,
}

/// Relative error of a planner tracking `tracked` items:
/// `plan_error × √(tracked / plan_reference_enterprises)`.
pub fn planning_error(economy: &Economy, tracked: usize) -> f64 {
    economy.plan_error * (tracked as f64 / economy.plan_reference_enterprises).sqrt()
}

/// Counts what the planner must track under this month's policies.
pub(crate) fn survey(
    faults: Res<crate::sim::base::parallel::Faults>,
    economy: Res<Economy>,
    index: Res<WorldIndex>,
    regions: Query<(&Region, &Policy)>,
    mut planner: ResMut<Planner>,
) {
    let (mut enterprises, mut projects) = (0, 0);
    for &entity in &index.regions {
        let Ok((region, policy)) = regions.get(entity) else {
            faults.lost("survey", "regions");
            continue;
        };
        enterprises += Sector::ALL.iter().filter(|&&s| policy.plans(s)).count();
        if policy.investment_allocation == InvestmentAllocation::CentralPlan {
            projects += Sector::ALL.len() + region.commons.len();
        }
    }
    *planner = Planner {
        enterprises,
        production_error: planning_error(&economy, enterprises),
        projects,
        investment_error: planning_error(&economy, projects),
    };
}
