//! Links a supply shock damaged, and their rebuilding by investment.
//!
//! A supply shock destroys a share of the capacity of every trade link of
//! the regions it strikes (`damage`): less can cross it, so a region that
//! imported its basics goes short, one that makes them at home does not
//! (redundancy). Each month each end's investment fund pays half of what is
//! left to rebuild, to its own builders, as far as the share of its fund it
//! spends in a month goes (its decision delay, and a credit crunch freezes
//! it as it freezes other investment); every `link_rebuild_cost` paid
//! brings back one unit of monthly capacity, and no more than a
//! `link_rebuild_months`-th of the link's whole capacity comes back in a
//! month, whatever the money: building takes time. Nothing else rebuilds
//! it.

use bevy::prelude::*;

use crate::sim::WorldIndex;
use crate::sim::base::params::Economy;
use crate::sim::economy::{InvestmentFund, pay_income};
use crate::sim::institutions::{Council, Link, LinkKind, Policy};
use crate::sim::people::{Climate, Cohort, Cohorts, Region, RegionStats};

/// Destroys `share` of the capacity of every trade link with an end among
/// `struck`.
pub(crate) fn damage(
    faults: &crate::sim::base::parallel::Faults,
    struck: &[Entity],
    share: f64,
    index: &WorldIndex,
    links: &mut Query<&mut Link>,
) {
    for &l in index.links() {
        let Ok(mut link) = links.get_mut(l) else {
            faults.lost("damage", "links");
            continue;
        };
        if link.kind == LinkKind::Trade
            && (struck.contains(&link.from) || struck.contains(&link.to))
        {
            let lost = link.capacity * share;
            link.capacity -= lost;
            link.damaged += lost;
        }
    }
}

type End<'a> = (
    &'a Region,
    &'a mut Cohorts,
    &'a Policy,
    &'a mut InvestmentFund,
    &'a mut RegionStats,
    &'a Climate,
);

/// After the month's investment: both ends of each damaged link pay
/// towards rebuilding it.
pub(crate) fn rebuild_links(
    faults: Res<crate::sim::base::parallel::Faults>,
    economy: Res<Economy>,
    index: Res<WorldIndex>,
    mut links: Query<&mut Link>,
    mut regions: Query<End>,
    mut councils: Query<&mut Council>,
) {
    for &l in index.links() {
        let Ok(mut link) = links.get_mut(l) else {
            faults.lost("rebuild_links", "links");
            continue;
        };
        if link.damaged <= 0.0 {
            continue;
        }
        let pace = (link.capacity + link.damaged) / economy.link_rebuild_months;
        let half = link.damaged.min(pace) * economy.link_rebuild_cost / 2.0;
        for end in [link.from, link.to] {
            let Ok((region, mut cohorts, policy, mut fund, mut stats, climate)) =
                regions.get_mut(end)
            else {
                faults.lost("rebuild_links", "regions");
                continue;
            };
            let Ok(mut council) = councils.get_mut(region.council) else {
                faults.lost("rebuild_links", "councils");
                continue;
            };
            let may = fund.funds.get() / fund.delay_months.max(1.0) * (1.0 - climate.crunch);
            let paid = pay_income(
                &mut fund.funds,
                &mut cohorts.0,
                Cohort::labour_weight,
                Some(&mut council.funds),
                policy.contribution_rate,
                half.min(may),
            );
            stats.building_spending += paid;
            let rebuilt = (paid / economy.link_rebuild_cost).min(link.damaged);
            link.damaged -= rebuilt;
            link.capacity += rebuilt;
        }
    }
}
