//! Innovation: enterprises raise their technology with R&D, neighbours adopt
//! it along trade links (slowly and for royalties when it is patented,
//! quickly and free when it is open), and councils fund mission research
//! that cuts the resource and carbon each unit of output needs.
//!
//! R&D and mission research are paid as wages to researchers, who leave
//! production the next month (see `production::produce`): research is never
//! free.

use bevy::prelude::*;
use rayon::prelude::*;

use crate::sim::WorldIndex;
use crate::sim::base::books::transfer;
use crate::sim::base::calendar::MONTHS_A_YEAR;
use crate::sim::base::goods::{PerSector, Sector};
use crate::sim::base::parallel::Faults;
use crate::sim::base::params::{Economy, monthly};
use crate::sim::economy::enterprise::{Enterprise, horizon_factor};
use crate::sim::institutions::{EnterpriseForm, InnovationMode, Link, LinkKind, Policy};
use crate::sim::people::{Cohorts, Region, RegionStats};

/// Share of revenue an enterprise spends on R&D: `rd_share`, times
/// `open_appropriability` when its results are open (it keeps less of the
/// return, so it researches less), times the form's horizon factor (a
/// cooperative's members fund research only for the years they stay). A
/// state enterprise does no R&D of its own: the state researches through the
/// council's mission budget, and plan targets reward output, not change
/// (Berliner 1976 on Soviet industry).
pub fn research_share(economy: &Economy, form: EnterpriseForm, mode: InnovationMode) -> f64 {
    let appropriability = match mode {
        InnovationMode::Patents => 1.0,
        InnovationMode::Open => economy.open_appropriability,
    };
    match form {
        EnterpriseForm::StateOwned => 0.0,
        _ => economy.rd_share * appropriability * horizon_factor(economy, form),
    }
}

/// Share of an enterprise's revenue that `licensed` log technology brings
/// (what it would lose without the licence): `1 − e^(−licensed)`.
fn licensed_revenue_share(licensed: f64) -> f64 {
    1.0 - (-licensed.max(0.0)).exp()
}

/// Royalties: an enterprise using patented technology pays its holder
/// `royalty_share` of the revenue that technology brings, each month until the
/// patents lapse. The holder's owners get the rent through its profit.
pub(crate) fn pay_royalties(
    faults: Res<crate::sim::base::parallel::Faults>,
    economy: Res<Economy>,
    index: Res<WorldIndex>,
    mut enterprises: Query<&mut Enterprise>,
) {
    const PHASE: &str = "pay_royalties";
    let Some(mut firms) = faults.gather(&mut enterprises, &index.enterprises, PHASE, "enterprises")
    else {
        return;
    };
    // In the world's order, which is each region's enterprises in sector
    // order, region by region.
    for payer in 0..firms.len() {
        let Some(holder) = firms[payer].licensor else {
            continue;
        };
        let Some(payee) = index.enterprises.get_index_of(&holder) else {
            faults.lost(PHASE, "enterprises");
            continue;
        };
        let Ok([payer, payee]) = firms.get_disjoint_mut([payer, payee]) else {
            faults.lost(PHASE, "enterprises");
            continue;
        };
        let due = economy.royalty_share * licensed_revenue_share(payer.licensed) * payer.cash.get();
        transfer(&mut payer.cash, &mut payee.cash, due);
    }
}

/// What a region's enterprise in one sector offers its neighbours: the logs
/// of its technology and of its resource and emission intensity.
#[derive(Clone, Copy)]
struct Know {
    enterprise: Entity,
    log_technology: f64,
    log_resource: f64,
    log_emission: f64,
}

impl Know {
    fn of(enterprise: Entity, x: &Enterprise) -> Know {
        Know {
            enterprise,
            log_technology: x.technology.ln(),
            log_resource: x.resource_intensity.ln(),
            log_emission: x.emission_intensity.ln(),
        }
    }
}

/// The best a target enterprise can learn this month from one neighbour.
#[derive(Clone, Copy, Default)]
struct Learned {
    /// Gain in log technology, and the enterprise it comes from.
    technology: f64,
    source: Option<Entity>,
    patented: bool,
    /// Fall in log resource and emission intensity.
    resource: f64,
    emission: f64,
}

/// Technology and intensities move once a month, in three rules:
/// - own R&D raises log technology by `rd_return × R&D / revenue × skills`
///   a year (skilled researchers find more; Cohen and Levinthal 1990);
/// - mission research closes the log gap of resource and emission intensity
///   to `intensity_floor` by `mission_return × mission spending / output
///   value × skills` a year, with diminishing returns as the floor nears;
/// - along each trade link, an enterprise closes a share of its log gap to
///   the same sector across the link when that is ahead: `open_diffusion`
///   a year if the leader's region publishes, `patent_diffusion` if it
///   patents (then the gain is licensed and owes royalties), both scaled by
///   the lower trade openness (know-how travels with trade; Coe and Helpman
///   1995). It learns from its best neighbour only. Mission results are
///   public and always diffuse at the open rate. Licences lapse at one over
///   `patent_life_years` a year.
pub(crate) fn innovate(
    economy: Res<Economy>,
    index: Res<WorldIndex>,
    faults: Res<Faults>,
    mut regions: Query<(&Region, &Cohorts, &Policy, &RegionStats)>,
    mut links: Query<&Link>,
    mut enterprises: Query<(Entity, &mut Enterprise)>,
) {
    const PHASE: &str = "innovating";
    let (Some(places), Some(mut firms), Some(links)) = (
        faults.gather(&mut regions, &index.regions, PHASE, "regions"),
        faults.gather_by_sector(&mut enterprises, &index.enterprises, PHASE),
        faults.gather(&mut links, index.links(), PHASE, "links"),
    ) else {
        return;
    };
    let economy = &*economy;
    // A region's own research moves only its own enterprises, so regions
    // run side by side; then each offers what it knows, by region id (its
    // place in the index).
    let offers: Vec<(PerSector<Know>, &Policy)> = places
        .par_iter()
        .zip(firms.par_iter_mut())
        .map(|(&(_, cohorts, policy, stats), firms)| {
            research(economy, cohorts, stats, firms);
            (firms.map(|_, (e, x)| Know::of(*e, x)), policy)
        })
        .collect();
    // Each enterprise takes the best of what its neighbours offer: learning
    // from several leaders at once does not add up.
    let rates = (
        monthly(economy.open_diffusion_annual),
        monthly(economy.patent_diffusion_annual),
    );
    // How open each trade link is this month, by place (`None` for aid).
    let openness: Vec<Option<f64>> = links
        .par_iter()
        .zip(index.link_ends())
        .map(|(link, &[i, j])| {
            if link.kind != LinkKind::Trade {
                return None;
            }
            let (Some((_, pa)), Some((_, pb))) = (offers.get(i), offers.get(j)) else {
                faults.lost("innovate", "regions");
                return None;
            };
            Some(link.in_use(pa, pb))
        })
        .collect();
    // A region's enterprises learn over its own links, so regions run side
    // by side, each walking its links in the world's order (the first of
    // equal offers wins, whatever the number of threads).
    let best: Vec<PerSector<Learned>> = (0..offers.len())
        .into_par_iter()
        .map(|at| {
            let mut best = PerSector::<Learned>::default();
            let (mine, _) = &offers[at];
            for &slot in index.links_of(at) {
                let (Some(openness), [i, j]) = (openness[slot], index.link_ends()[slot]) else {
                    continue;
                };
                // Both ends are this region's on a link to itself.
                let teachers = [(i == at).then_some(j), (j == at).then_some(i)];
                for (theirs, policy) in teachers.into_iter().flatten().map(|t| &offers[t]) {
                    for s in Sector::ALL {
                        learn_from(rates, mine[s], theirs[s], policy, openness, &mut best[s]);
                    }
                }
            }
            best
        })
        .collect();
    firms.par_iter_mut().zip(&best).for_each(|(firms, best)| {
        for ((_, enterprise), best) in firms.values_mut().zip(best.values()) {
            adopt(enterprise, best);
        }
    });
}

/// One region's own research: R&D raises each enterprise's technology,
/// mission research cuts its intensities towards the floor, and licences
/// lapse.
fn research(
    economy: &Economy,
    cohorts: &Cohorts,
    stats: &RegionStats,
    firms: &mut PerSector<(Entity, Mut<Enterprise>)>,
) {
    let floor = economy.intensity_floor;
    let lapse = (-1.0 / (MONTHS_A_YEAR * economy.patent_life_years)).exp();
    let skills = cohorts.mean(|c| c.skills);
    let mission = if stats.output_value > 0.0 {
        economy.mission_return * stats.mission_research / stats.output_value * skills
            / MONTHS_A_YEAR
    } else {
        0.0
    };
    let cut = (-mission).exp();
    for (_, enterprise) in firms.values_mut() {
        if enterprise.research_intensity > 0.0 {
            enterprise.technology *=
                (economy.rd_return * enterprise.research_intensity * skills / MONTHS_A_YEAR).exp();
        }
        if mission > 0.0 {
            enterprise.resource_intensity = floor + (enterprise.resource_intensity - floor) * cut;
            enterprise.emission_intensity = floor + (enterprise.emission_intensity - floor) * cut;
        }
        enterprise.licensed *= lapse;
    }
}

/// Keeps in `best` what `learner` could learn from `teacher` across a link
/// of the given openness, if it beats what it could learn elsewhere; the
/// rates are monthly, for open and for patented know-how.
fn learn_from(
    (open_rate, patent_rate): (f64, f64),
    learner: Know,
    teacher: Know,
    teacher_policy: &Policy,
    openness: f64,
    best: &mut Learned,
) {
    let patented = teacher_policy.innovation_mode == InnovationMode::Patents;
    let rate = if patented { patent_rate } else { open_rate } * openness;
    let gain = rate * (teacher.log_technology - learner.log_technology);
    if gain > best.technology {
        *best = Learned {
            technology: gain,
            source: Some(teacher.enterprise),
            patented,
            ..*best
        };
    }
    let public = open_rate * openness;
    best.resource = best
        .resource
        .max(public * (learner.log_resource - teacher.log_resource));
    best.emission = best
        .emission
        .max(public * (learner.log_emission - teacher.log_emission));
}

/// An enterprise takes up the best it could learn this month.
fn adopt(enterprise: &mut Enterprise, best: &Learned) {
    if best.technology > 0.0 {
        enterprise.technology *= best.technology.exp();
        if best.patented {
            enterprise.licensed += best.technology;
            enterprise.licensor = best.source;
        }
    }
    if best.resource > 0.0 {
        enterprise.resource_intensity *= (-best.resource).exp();
    }
    if best.emission > 0.0 {
        enterprise.emission_intensity *= (-best.emission).exp();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licensed_share_is_zero_without_a_licence_and_below_one() {
        assert_eq!(licensed_revenue_share(0.0), 0.0);
        let share = licensed_revenue_share(0.1);
        assert!(share > 0.09 && share < 0.1, "{share}");
        assert!(licensed_revenue_share(50.0) <= 1.0);
    }
}
