//! The power ledger: for each of the four types of power (investment,
//! information, operations, regulation), the share each group holds in a
//! region (capital owners, state officials, workers, communities, technical
//! elites). A region starts from the table its enterprises' form gives
//! (`power_by_form` in the economy file).
//!
//! Each month, in each type:
//! - **Power compounds.** A group's share grows by `rent_seeking_annual ×
//!   its share` a year (rent-seeking pays more the more one already holds),
//!   and the shares are then scaled back to sum to one, so the largest
//!   holder gains at the others' expense.
//! - **Separation of powers** checks it: a group that leads another type
//!   of power compounds this one `1 − separation_of_powers` as fast (no
//!   body may gather several types).
//! - **Rotation** checks it: with a maximum tenure of `rotation_years`,
//!   a `1 / (12 × rotation_years)` share of the way back to the starting
//!   table is made each month, as incumbents leave and their advantage
//!   with them (0: no rotation; at most all the way in a month,
//!   `Policy::rotation_monthly`).
//! - **Emergency powers** are regulation power for officials: while the
//!   emergency protocol is on, officials take `emergency_power_grab` of the
//!   regulation power they do not hold each month. Once it ends only
//!   rotation gives it back; without a sunset clause it never ends.
//! - **Knowledge hoarding**: where enterprises patent what they find,
//!   technical elites take `knowledge_hoarding_annual` a year of the
//!   information power they lack (expertise that is not shared turns into
//!   permanent power); where knowledge is open, they do not.
//! - **Informal power**: a share of each type sits with informal networks
//!   (relationships, access to information) that formal rules do not see;
//!   it moves `informal_adjustment_annual` a year of the way towards
//!   `informal_power_max × (1 − transparency)`. Informal networks form
//!   around whoever leads the type, so that share is held by the leader.
//!   Transparency costs `transparency_cost` of the region's output value
//!   a month at full strength, paid as administration
//!   (`voice::fund`).
//!
//! Power dispersion, a measure, is `(1 − HHI) / (1 − 1/n)` over the n
//! groups of the power each group holds formally and informally, the mean
//! over the four types: 1 when every group holds as much, 0 when one holds
//! all.

use bevy::prelude::*;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::sim::base::params::{Economy, GROUPS, PowerByForm, Shares, Split, TYPES, monthly};
use crate::sim::crisis::Emergency;
use crate::sim::institutions::{EnterpriseForm, InnovationMode, Policy};

/// Officials' place in `GROUPS`.
const OFFICIALS: usize = 1;
/// Technical elites' place in `GROUPS`.
const ELITES: usize = 4;
/// Information's place in `TYPES`.
const INFORMATION: usize = 1;
/// Investment's place in `TYPES`.
pub const INVESTMENT: usize = 0;
/// Regulation's place in `TYPES`.
pub const REGULATION: usize = 3;

impl PowerByForm {
    fn of(&self, form: EnterpriseForm) -> &Shares {
        match form {
            EnterpriseForm::InvestorOwned => &self.investor_owned,
            EnterpriseForm::StateOwned => &self.state_owned,
            EnterpriseForm::WorkerCooperative => &self.worker_cooperative,
            EnterpriseForm::MultiStakeholder => &self.multi_stakeholder,
        }
    }
}

/// A region's power ledger.
#[derive(Component, Clone, Debug, Default, Serialize, Deserialize)]
pub struct PowerLedger {
    /// The enterprise form whose table it started from: a conversion to
    /// another form redistributes power to that form's table.
    pub form: Option<EnterpriseForm>,
    /// Each type's split now.
    pub shares: [Split; TYPES.len()],
    /// Each type's split at the start, where rotation returns it.
    pub start: [Split; TYPES.len()],
    /// The share of each type held informally, by its leader, 0..1.
    pub informal: [f64; TYPES.len()],
}

impl PowerLedger {
    /// The ledger a region with enterprises of `form` starts with.
    pub fn new(table: &PowerByForm, form: EnterpriseForm) -> PowerLedger {
        let shares = table.of(form).by_type();
        PowerLedger {
            form: Some(form),
            shares,
            start: shares,
            informal: [0.0; TYPES.len()],
        }
    }

    /// What each group holds of a type, formally and informally.
    pub fn held(&self, kind: usize) -> Split {
        let leader = self.leader(kind);
        let informal = self.informal[kind];
        std::array::from_fn(|g| {
            let formal = (1.0 - informal) * self.shares[kind][g];
            if g == leader {
                formal + informal
            } else {
                formal
            }
        })
    }

    /// The mean share of power held informally, 0..1.
    pub fn informal_share(&self) -> f64 {
        self.informal.iter().sum::<f64>() / TYPES.len() as f64
    }

    /// Group `g` takes `share` of what it lacks of type `kind`; the others
    /// lose in proportion.
    pub fn grab(&mut self, kind: usize, g: usize, share: f64) {
        let split = &mut self.shares[kind];
        split[g] += share * (1.0 - split[g]);
        normalise(split);
    }

    /// Power dispersion, 0..1: the mean over types of `(1 − HHI) / (1 −
    /// 1/n)`.
    pub fn dispersion(&self) -> f64 {
        let n = GROUPS.len() as f64;
        (0..TYPES.len())
            .map(|k| (1.0 - self.held(k).iter().map(|s| s * s).sum::<f64>()) / (1.0 - 1.0 / n))
            .sum::<f64>()
            / TYPES.len() as f64
    }

    /// The group holding the most of a type (the first, in a tie).
    fn leader(&self, kind: usize) -> usize {
        let split = &self.shares[kind];
        (0..GROUPS.len()).fold(0, |best, g| if split[g] > split[best] { g } else { best })
    }
}

/// One month of the ledger's rules (see the module's documentation).
pub(crate) fn compound(
    economy: Res<Economy>,
    mut regions: Query<(&Policy, &Emergency, &mut PowerLedger)>,
) {
    let rent = monthly(economy.rent_seeking_annual);
    let grab = economy.emergency_power_grab;
    let hoarding = monthly(economy.knowledge_hoarding_annual);
    let networks = monthly(economy.informal_adjustment_annual);
    // Each region's ledger moves by its own rules alone, so regions run
    // side by side.
    let items: Vec<_> = regions.iter_mut().collect();
    items
        .into_par_iter()
        .for_each(|(policy, emergency, mut ledger)| {
            if ledger.form != Some(policy.enterprise_form) {
                *ledger = PowerLedger::new(&economy.power_by_form, policy.enterprise_form);
            }
            let leaders: [usize; TYPES.len()] = std::array::from_fn(|k| ledger.leader(k));
            let back = policy.rotation_monthly();
            let ledger = &mut *ledger;
            for k in 0..TYPES.len() {
                let split = &mut ledger.shares[k];
                for (g, share) in split.iter_mut().enumerate() {
                    let leads_another = (0..TYPES.len()).any(|j| j != k && leaders[j] == g);
                    let checked = if leads_another {
                        1.0 - policy.separation_of_powers
                    } else {
                        1.0
                    };
                    *share *= 1.0 + rent * *share * checked;
                }
                if k == REGULATION && emergency.on {
                    split[OFFICIALS] += grab * (1.0 - split[OFFICIALS]);
                }
                if k == INFORMATION && policy.innovation_mode == InnovationMode::Patents {
                    split[ELITES] += hoarding * (1.0 - split[ELITES]);
                }
                normalise(split);
                for (share, start) in split.iter_mut().zip(&ledger.start[k]) {
                    *share += back * (start - *share);
                }
                let unseen = economy.informal_power_max * (1.0 - policy.transparency);
                ledger.informal[k] += networks * (unseen - ledger.informal[k]);
            }
        });
}

/// Scales a split to sum to one.
fn normalise(split: &mut Split) {
    let total: f64 = split.iter().sum();
    if total > 0.0 {
        for share in split.iter_mut() {
            *share /= total;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dispersion_is_one_when_all_hold_alike_and_zero_when_one_holds_all() {
        let even = [0.2; 5];
        let one = [1.0, 0.0, 0.0, 0.0, 0.0];
        let ledger = |split: Split| PowerLedger {
            form: None,
            shares: [split; 4],
            start: [split; 4],
            informal: [0.0; 4],
        };
        assert!((ledger(even).dispersion() - 1.0).abs() < 1e-12);
        assert_eq!(ledger(one).dispersion(), 0.0);
    }
}
