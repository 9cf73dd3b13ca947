//! Innovation: enterprises raise their technology with R&D, neighbours adopt
//! it along trade links (slowly and for royalties when it is patented,
//! quickly and free when it is open), and councils fund mission research
//! that cuts the resource and carbon each unit of output needs.
//!
//! R&D and mission research are paid as wages to researchers, who leave
//! production the next month (see `production::produce`): research is never
//! free.

use bevy::prelude::*;

use super::WorldIndex;
use super::books::transfer;
use super::enterprise::{Enterprise, Sector};
use super::link::{Link, LinkKind};
use super::params::{Economy, monthly};
use super::policy::{EnterpriseForm, InnovationMode, Policy};
use super::region::{Cohorts, Region, RegionStats};
use super::transfers::horizon_factor;

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
pub(super) fn pay_royalties(
    economy: Res<Economy>,
    index: Res<WorldIndex>,
    regions: Query<&Region>,
    mut enterprises: Query<&mut Enterprise>,
) {
    for &entity in &index.regions {
        let Ok(region) = regions.get(entity) else {
            continue;
        };
        for &e in &region.enterprises {
            let Some(holder) = enterprises.get(e).ok().and_then(|x| x.licensor) else {
                continue;
            };
            let Ok([mut payer, mut payee]) = enterprises.get_many_mut([e, holder]) else {
                continue;
            };
            let due = economy.royalty_share * licensed_revenue_share(payer.licensed) * payer.cash;
            transfer(&mut payer.cash, &mut payee.cash, due);
        }
    }
}

/// What a region offers its neighbours, per sector: log technology, resource
/// and emission intensity, and whether its findings are patented.
#[derive(Clone, Copy)]
struct Know {
    enterprise: Entity,
    log_technology: f64,
    resource_intensity: f64,
    emission_intensity: f64,
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
pub(super) fn innovate(
    economy: Res<Economy>,
    index: Res<WorldIndex>,
    regions: Query<(&Region, &Cohorts, &Policy, &RegionStats)>,
    links: Query<&Link>,
    mut enterprises: Query<&mut Enterprise>,
) {
    let floor = economy.intensity_floor;
    let lapse = (-1.0 / (12.0 * economy.patent_life_years)).exp();
    for &entity in &index.regions {
        let Ok((region, cohorts, _, stats)) = regions.get(entity) else {
            continue;
        };
        let skills = cohorts.mean(|c| c.skills);
        let mission = if stats.output_value > 0.0 {
            economy.mission_return * stats.mission_research / stats.output_value * skills / 12.0
        } else {
            0.0
        };
        for &e in &region.enterprises {
            let Ok(mut enterprise) = enterprises.get_mut(e) else {
                continue;
            };
            enterprise.technology *=
                (economy.rd_return * enterprise.research_intensity * skills / 12.0).exp();
            let cut = (-mission).exp();
            enterprise.resource_intensity = floor + (enterprise.resource_intensity - floor) * cut;
            enterprise.emission_intensity = floor + (enterprise.emission_intensity - floor) * cut;
            enterprise.licensed *= lapse;
        }
    }

    let know = |region: &Region, s: usize| -> Option<Know> {
        let e = region.enterprises[s];
        enterprises.get(e).ok().map(|x| Know {
            enterprise: e,
            log_technology: x.technology.ln(),
            resource_intensity: x.resource_intensity.ln(),
            emission_intensity: x.emission_intensity.ln(),
        })
    };
    let open_rate = monthly(economy.open_diffusion_annual);
    let patent_rate = monthly(economy.patent_diffusion_annual);
    let mut learned: Vec<(Entity, Learned)> = Vec::new();
    for &l in &index.links {
        let Ok(link) = links.get(l) else {
            continue;
        };
        if link.kind != LinkKind::Trade {
            continue;
        }
        let (Ok((a, _, pa, _)), Ok((b, _, pb, _))) = (regions.get(link.from), regions.get(link.to))
        else {
            continue;
        };
        let openness = pa.trade_openness.min(pb.trade_openness);
        for s in 0..Sector::ALL.len() {
            let (Some(ka), Some(kb)) = (know(a, s), know(b, s)) else {
                continue;
            };
            for (learner, teacher, teacher_policy) in [(ka, kb, pb), (kb, ka, pa)] {
                let patented = teacher_policy.innovation_mode == InnovationMode::Patents;
                let rate = if patented { patent_rate } else { open_rate } * openness;
                let gap = (teacher.log_technology - learner.log_technology).max(0.0);
                learned.push((
                    learner.enterprise,
                    Learned {
                        technology: rate * gap,
                        source: (gap > 0.0).then_some(teacher.enterprise),
                        patented,
                        resource: open_rate
                            * openness
                            * (learner.resource_intensity - teacher.resource_intensity).max(0.0),
                        emission: open_rate
                            * openness
                            * (learner.emission_intensity - teacher.emission_intensity).max(0.0),
                    },
                ));
            }
        }
    }
    // Each enterprise takes the best of what its neighbours offer: learning
    // from several leaders at once does not add up.
    learned.sort_by_key(|(e, _)| *e);
    for group in learned.chunk_by(|x, y| x.0 == y.0) {
        let Ok(mut enterprise) = enterprises.get_mut(group[0].0) else {
            continue;
        };
        let mut best = Learned::default();
        for (_, l) in group {
            if l.technology > best.technology {
                (best.technology, best.source, best.patented) =
                    (l.technology, l.source, l.patented);
            }
            best.resource = best.resource.max(l.resource);
            best.emission = best.emission.max(l.emission);
        }
        enterprise.technology *= best.technology.exp();
        if best.patented && best.technology > 0.0 {
            enterprise.licensed += best.technology;
            enterprise.licensor = best.source;
        }
        enterprise.resource_intensity *= (-best.resource).exp();
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
