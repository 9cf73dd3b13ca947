//! Learning: health, skills and trust move towards what the month's
//! provision supports, and population follows health.

use bevy::prelude::*;
use rayon::prelude::*;

use crate::sim::WorldIndex;
use crate::sim::base::books::transfer;
use crate::sim::base::calendar::MONTHS_A_YEAR;
use crate::sim::base::goods::Basic;
use crate::sim::base::params::{Economy, monthly};
use crate::sim::institutions::{Channels, Link, LinkKind};
use crate::sim::people::lives::{Deaths, Lives};
use crate::sim::people::region::{Cohort, Cohorts, Region, RegionStats, Society};

/// Health moves a share of the way towards
/// `floor + (1 − floor) × (food + health coverage)/2`; skills towards
/// `floor + (1 − floor) × education`, where education is the cohort's own
/// coverage blended with the region's mean by `education_spillover` (people
/// learn from the schooling around them); both targets are lowered by
/// lasting unemployment (the past year's unemployment beyond the frictional,
/// times `unemployment_health_scarring` or `unemployment_skill_scarring`); trust towards
/// `basics coverage × (1 − inequality_aversion × Gini) × (1 − unemployment)`:
/// people trust more when needs are met, less when the gains are unequal or
/// work is scarce; and `plenty`, how far the month kept the region from
/// real scarcity: the coverage per person of the basic good it is shortest
/// of (what there is to go round, not who gets it), over
/// `scarcity_threshold`, at most 1
/// (`Society::zero_sum`). Births and deaths change each cohort's size
/// (`Mortality`); money stays with the cohort, and the deaths beyond the
/// healthy rate are recorded by cause (`Lives`).
pub(crate) fn learn(
    economy: Res<Economy>,
    mut regions: Query<(&mut Cohorts, &mut Society, &RegionStats, &mut Lives)>,
) {
    let health_rate = monthly(economy.health_adjustment_annual);
    let skills_rate = monthly(economy.skills_adjustment_annual);
    let trust_rate = monthly(economy.trust_adjustment_annual);
    let healthy_growth = monthly(economy.birth_rate_annual) - monthly(economy.death_rate_annual);
    let mortality = Mortality::of(&economy);
    // Each region learns from its own month alone, so regions run in
    // parallel and the result cannot depend on the order or the threads.
    let items: Vec<_> = regions.iter_mut().collect();
    items
        .into_par_iter()
        .for_each(|(mut cohorts, mut society, stats, mut lives)| {
            lives.carry(healthy_growth);
            // Education spills over: a cohort learns from the schooling around
            // it as well as its own.
            let schooled = cohorts.mean(|c| c.coverage[Basic::Education]);
            for cohort in &mut cohorts.0 {
                let (food, health, own_education) = (
                    cohort.coverage[Basic::Food],
                    cohort.coverage[Basic::Health],
                    cohort.coverage[Basic::Education],
                );
                let education = (1.0 - economy.education_spillover) * own_education
                    + economy.education_spillover * schooled;
                let beyond_frictional =
                    (1.0 - economy.frictional_unemployment - cohort.employment).max(0.0);
                cohort.long_unemployment +=
                    (beyond_frictional - cohort.long_unemployment) / MONTHS_A_YEAR;
                let scar = cohort.long_unemployment;
                let health_target = (economy.health_floor
                    + (1.0 - economy.health_floor) * (food + health) / 2.0)
                    * (1.0 - economy.unemployment_health_scarring * scar);
                cohort.health += health_rate * (health_target - cohort.health);
                let skills_target = (economy.skills_floor
                    + (1.0 - economy.skills_floor) * education)
                    * (1.0 - economy.unemployment_skill_scarring * scar);
                cohort.skills += skills_rate * (skills_target - cohort.skills);
                let (hunger, ill_health) = mortality.rates(food, cohort.health);
                let before = cohort.size;
                cohort.size = (before * (1.0 + healthy_growth - hunger - ill_health)).max(0.0);
                // What the healthy rate would have left, less what is left,
                // split between the causes in proportion.
                let dead = (before * (1.0 + healthy_growth) - cohort.size).max(0.0);
                let excess = hunger + ill_health;
                if excess > 0.0 {
                    lives.record(Deaths {
                        hunger: dead * hunger / excess,
                        ill_health: dead * ill_health / excess,
                        epidemic: 0.0,
                    });
                }
            }
            if cohorts.population() > 0.0 {
                let met = cohorts.mean(|c| c.basics_coverage());
                let target = met
                    * (1.0 - economy.inequality_aversion * stats.gini).max(0.0)
                    * (1.0 - stats.unemployment());
                society.trust += trust_rate * (target - society.trust);
                let shortest = Basic::ALL
                    .into_iter()
                    .map(|good| cohorts.mean(|c| c.coverage[good]))
                    .fold(1.0, f64::min);
                society.plenty = if economy.scarcity_threshold > 0.0 {
                    (shortest / economy.scarcity_threshold).clamp(0.0, 1.0)
                } else {
                    1.0
                };
            }
        });
}

/// The monthly death rates beyond the healthy one for a cohort with food
/// coverage `food` and health `health` (both 0..1): of hunger and of ill
/// health.
///
/// Hunger kills only below subsistence: with `shortfall` the share of the
/// way from `subsistence_food` down to no food at all, the rate is
/// `starvation_mortality_annual × shortfall²`, nothing at subsistence and
/// the whole rate with no food, rising steeply as the ration falls
/// (mortality rises more than in proportion with the severity of
/// malnutrition: Pelletier et al. 1995). Short of subsistence, hunger
/// still kills slowly through health, whose target falls with food.
/// Ill health kills `excess_mortality_annual × (1 − health)`.
#[derive(Clone, Copy, Debug)]
pub struct Mortality {
    subsistence: f64,
    /// Monthly rates of the economy's annual ones.
    starvation: f64,
    excess: f64,
}

impl Mortality {
    /// The economy's rates, turned monthly once.
    pub fn of(economy: &Economy) -> Mortality {
        Mortality {
            subsistence: economy.subsistence_food,
            starvation: monthly(economy.starvation_mortality_annual),
            excess: monthly(economy.excess_mortality_annual),
        }
    }

    /// Of hunger and of ill health, for food coverage `food` and health
    /// `health`.
    pub fn rates(&self, food: f64, health: f64) -> (f64, f64) {
        let shortfall = if self.subsistence > 0.0 {
            ((self.subsistence - food) / self.subsistence).clamp(0.0, 1.0)
        } else {
            0.0
        };
        (
            self.starvation * shortfall * shortfall,
            self.excess * (1.0 - health).max(0.0),
        )
    }
}

/// A region's wellbeing for migration: the capability of its average
/// person, 0..1.
fn wellbeing(cohorts: &Cohorts) -> f64 {
    cohorts.mean(Cohort::capability)
}

/// Migration along trade links (between neighbours): each month a share
/// `monthly(migration_rate_annual) × gap / distance / links` of the
/// worse-off region's people moves to the better-off one, where `gap` is
/// the difference in wellbeing and `links` the worse-off region's trade
/// links: the rate is a region's, shared among its neighbours, so a region
/// with six neighbours loses no more people than one with two at the same
/// gaps. Movers come from every cohort alike and take their money with
/// them into the same cohort of their new region.
pub(crate) fn migrate(
    faults: Res<crate::sim::base::parallel::Faults>,
    economy: Res<Economy>,
    index: Res<WorldIndex>,
    mut links: Query<(&Link, &mut Channels)>,
    mut regions: Query<(&Region, &mut Cohorts)>,
) {
    const PHASE: &str = "migrating";
    let rate = monthly(economy.migration_rate_annual);
    if rate <= 0.0 {
        return;
    }
    let (Some(mut regions), Some(links)) = (
        faults.gather(&mut regions, &index.regions, PHASE, "regions"),
        faults.gather(&mut links, index.links(), PHASE, "links"),
    ) else {
        return;
    };
    // Wellbeing as the month left it, before anyone moves, by region id
    // (a region's id is its position in the world's order).
    let before: Vec<f64> = regions.par_iter().map(|(_, c)| wellbeing(c)).collect();
    let mut neighbours = vec![0.0_f64; before.len()];
    for ((link, _), &[a, b]) in links.iter().zip(index.link_ends()) {
        if link.kind == LinkKind::Trade {
            for end in [a, b] {
                if let Some(n) = neighbours.get_mut(end) {
                    *n += 1.0;
                }
            }
        }
    }
    for ((link, mut carried), &[a, b]) in links.into_iter().zip(index.link_ends()) {
        if link.kind != LinkKind::Trade {
            continue;
        }
        let (Some(&wa), Some(&wb)) = (before.get(a), before.get(b)) else {
            faults.lost("migrate", "regions");
            continue;
        };
        let (from, to, gap) = if wa < wb {
            (a, b, wb - wa)
        } else {
            (b, a, wa - wb)
        };
        let Ok([(origin, leaving), (destination, arriving)]) = regions.get_disjoint_mut([from, to])
        else {
            faults.lost("migrate", "regions");
            continue;
        };
        let distance = origin.hex.distance(destination.hex).max(1) as f64;
        let share = (rate * gap / distance / neighbours[from].max(1.0)).min(1.0);
        let mut moved = 0.0;
        for (out, into) in leaving.0.iter_mut().zip(arriving.0.iter_mut()) {
            let movers = out.size * share;
            let money = out.money.get() * share;
            transfer(&mut out.money, &mut into.money, money);
            out.size -= movers;
            into.size += movers;
            moved += movers;
        }
        carried.people = if from == a { moved } else { -moved };
    }
}
