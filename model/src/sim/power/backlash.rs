//! Backlash (seed step 9: backlash when the system does not deliver;
//! MODEL.md's people: culture decides how strongly a region resists
//! institutions that do not fit it).
//!
//! - **Support** for a region's institutions moves each month a share
//!   `monthly(support_adjustment_annual)` of the way towards `1 −
//!   misfit_weight × misfit − loss_aversion × shortfall`. Institutions
//!   misfit a culture by the distance between its individualism and the
//!   share of its domains they leave to markets and private owners
//!   (`marketness`). A regime falls short by the share of what people
//!   expect that their average capability misses, `max(0, 1 − capability /
//!   expected)`; people expect what they have known: the expectation rises
//!   at once with capability and, when capability falls, settles towards
//!   it by `habituation_annual` a year. Losses weigh more than gains
//!   (Tversky and Kahneman 1992), and a poor region that is not getting
//!   poorer blames no one.
//! - **A populist reversal**: when support falls under `backlash_threshold`
//!   the region swings to the preset that fits its culture best among those
//!   it does not already follow (the first by name on a tie). A region
//!   follows the preset its levers match most often, so a regime loaded
//!   from the panel, or levers moved one by one, change what it follows;
//!   whenever that changes, by a swing or not, support starts again at 1
//!   and the new regime is judged from the capability it inherits. Levers the
//!   constitution locks keep their values; the swing goes to the event
//!   log. A threshold of 0 turns swings off.
//!
//! Support is judged over years, never in a month: at the shipped numbers
//! a region whose culture is 0.4 from its institutions swings about three
//! years after its capability falls a sixth below what it had known, and
//! never for a fall of a tenth.

use bevy::prelude::*;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::state::Constitution;
use crate::sim::base::params::{Economy, monthly};
use crate::sim::crisis::{EventLog, Happening};
use crate::sim::institutions::{
    BasicsAllocation, CommonsGovernance, EnterpriseForm, InvestmentAllocation, LEVERS,
    PersonalAllocation, Policy,
};
use crate::sim::people::{Cohort, Cohorts, Region, Society};
use crate::sim::{SimClock, WorldIndex};

/// The presets a region can swing to, by name, as the scenario's presets
/// folder holds them.
#[derive(Resource, Clone, Debug, Default)]
pub struct Regimes(pub Vec<(String, Policy)>);

/// A region's support for its institutions, and the regime it last chose.
#[derive(Component, Clone, Debug, Serialize, Deserialize)]
pub struct Support {
    /// 0..1; under `backlash_threshold` the region swings.
    pub level: f64,
    /// The preset the region follows: the one its levers match most often
    /// (`follows`), updated each month.
    pub regime: String,
    /// Swings so far.
    pub swings: u32,
    /// The capability its people expect, 0..1 (0 before the first month).
    pub expected: f64,
}

impl Support {
    pub fn new(regime: &str) -> Self {
        Support {
            level: 1.0,
            regime: regime.to_owned(),
            swings: 0,
            expected: 0.0,
        }
    }

    /// How far `capability` is below what people expect, as a share of
    /// it (0 at or above it, and before the first month): a visible
    /// failure of the region's own institutions.
    pub fn shortfall(&self, capability: f64) -> f64 {
        if self.expected > 0.0 {
            (1.0 - capability / self.expected).max(0.0)
        } else {
            0.0
        }
    }

    /// A new regime: support starts again whole, and it is judged from the
    /// capability it inherits.
    fn restart(&mut self, regime: &str, capability: f64) {
        self.regime = regime.to_owned();
        self.level = 1.0;
        self.expected = capability;
    }
}

/// The preset whose levers `policy` matches most often; `current` on a tie
/// that includes it, else the first by name.
fn follows<'a>(regimes: &'a Regimes, policy: &Policy, current: &'a str) -> &'a str {
    let matches = |preset: &Policy| {
        LEVERS
            .iter()
            .filter(|l| (l.get)(preset) == (l.get)(policy))
            .count()
    };
    let mut best = (
        current,
        regimes
            .0
            .iter()
            .find(|(n, _)| n == current)
            .map(|(_, p)| matches(p)),
    );
    for (name, preset) in &regimes.0 {
        let m = matches(preset);
        if best.1.is_none_or(|b| m > b) {
            best = (name.as_str(), Some(m));
        }
    }
    best.0
}

/// The share of a policy's five allocation domains left to markets and
/// private owners, 0..1: basics and personal goods on markets, commons open
/// or private, firms owned by investors (half for multi-stakeholder boards,
/// where investors hold some seats), investment on capital markets. A pilot
/// takes its part of its domain off markets: the goods a council provides
/// by need, the sectors run as cooperatives, the commons in trust.
pub fn marketness(policy: &Policy) -> f64 {
    let yes = |b: bool| f64::from(u8::from(b));
    // Commons count by the pilot's share of them, whatever their number.
    let mix = policy.mix(0);
    let firms = match policy.enterprise_form {
        EnterpriseForm::InvestorOwned => 1.0,
        EnterpriseForm::MultiStakeholder => 0.5,
        EnterpriseForm::StateOwned | EnterpriseForm::WorkerCooperative => 0.0,
    };
    (yes(policy.basics_allocation == BasicsAllocation::Market) * (1.0 - mix.basics_by_need)
        + yes(policy.personal_allocation == PersonalAllocation::Market)
        + yes(matches!(
            policy.commons_governance,
            CommonsGovernance::OpenAccess | CommonsGovernance::Private
        )) * (1.0 - policy.pilot_commons_trust)
        + firms * (1.0 - mix.cooperatives)
        + yes(policy.investment_allocation == InvestmentAllocation::CapitalMarkets))
        / 5.0
}

/// How well a policy's institutions fit a culture: `1 − misfit_weight ×
/// |individualism − marketness|` (see the module's documentation).
pub fn fit(economy: &Economy, policy: &Policy, individualism: f64) -> f64 {
    1.0 - economy.misfit_weight * (individualism - marketness(policy)).abs()
}

/// A month of support in every region, and the swings it brings (see the
/// module's documentation).
pub(crate) fn judge(
    faults: Res<crate::sim::base::parallel::Faults>,
    economy: Res<Economy>,
    clock: Res<SimClock>,
    index: Res<WorldIndex>,
    regimes: Res<Regimes>,
    constitution: Res<Constitution>,
    mut log: ResMut<EventLog>,
    mut regions: Query<(&Region, &Cohorts, &Society, &mut Policy, &mut Support)>,
) {
    let rate = monthly(economy.support_adjustment_annual);
    let habituation = monthly(economy.habituation_annual);
    let Some(items) = faults.gather(&mut regions, &index.regions, "judging", "regions") else {
        return;
    };
    // Each region judges its own institutions, side by side; the swings go
    // to the log in region order.
    let swings: Vec<(String, Happening)> = items
        .into_par_iter()
        .filter_map(|(region, cohorts, society, mut policy, mut support)| {
            if cohorts.population() <= 0.0 {
                return None;
            }
            let capability = cohorts.mean(Cohort::capability);
            // Only a lever that moved can change the preset a region follows.
            if policy.is_changed() {
                let now = follows(&regimes, &policy, &support.regime).to_owned();
                if now != support.regime {
                    support.restart(&now, capability);
                }
            }
            if capability >= support.expected {
                support.expected = capability;
            } else {
                support.expected += habituation * (capability - support.expected);
            }
            let shortfall = if support.expected > 0.0 {
                1.0 - capability / support.expected
            } else {
                0.0
            };
            let target =
                fit(&economy, &policy, society.individualism) - economy.loss_aversion * shortfall;
            support.level += rate * (target - support.level);
            if support.level >= economy.backlash_threshold {
                return None;
            }
            let best = regimes
                .0
                .iter()
                .filter(|(name, _)| *name != support.regime)
                .map(|(name, next)| (name, next, fit(&economy, next, society.individualism)))
                .fold(
                    None,
                    |best: Option<(&String, &Policy, f64)>, candidate| match best {
                        Some(b) if b.2 >= candidate.2 => Some(b),
                        _ => Some(candidate),
                    },
                );
            let (name, next, _) = best?;
            let mut swung = next.clone();
            for lever in LEVERS.iter().filter(|l| constitution.locks(l.name)) {
                (lever.set)(&mut swung, (lever.get)(&policy));
            }
            let happening = Happening::Swung {
                from: support.regime.clone(),
                to: name.clone(),
                support: support.level,
            };
            *policy = swung;
            support.restart(name, capability);
            support.swings += 1;
            Some((region.name.clone(), happening))
        })
        .collect();
    for (place, happening) in swings {
        log.note(clock.tick, Some(place), happening);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marketness_counts_the_domains_left_to_markets_and_owners() {
        let mut policy = crate::sim::preset("liberal_market");
        assert_eq!(marketness(&policy), 1.0, "every domain on markets");
        policy.enterprise_form = EnterpriseForm::MultiStakeholder;
        policy.commons_governance = CommonsGovernance::Community;
        policy.basics_allocation = BasicsAllocation::NeedBased;
        let half = marketness(&policy);
        assert!(
            (half - 0.5).abs() < 1e-12,
            "personal goods, investment and half the firms: {half}"
        );
    }
}
