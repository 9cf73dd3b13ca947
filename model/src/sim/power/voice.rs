//! Voice: who takes part in the decisions that govern their work and
//! commons, and what it costs them (seed steps 5 and 9, MODEL.md's people
//! part).
//!
//! Four bodies decide things that govern a person's life: the council, the
//! boards of the enterprises they work for, whoever governs the commons and
//! whoever decides investment. A body is **open** to a person by the
//! region's institutions, never by regime name:
//! - the council is open to everyone;
//! - a board is open to everyone where it is multi-stakeholder (workers',
//!   community's and customers' seats), to those in work in a cooperative,
//!   to owners in an investor-owned firm, and to no one in a state firm;
//! - commons are governed by everyone under community governance, by their
//!   owners when private, by officials under the state and by no one under
//!   open access;
//! - investment is decided by everyone where it is participatory, by
//!   owners on capital markets and by the planner under a central plan.
//!
//! Owners are a cohort as far as it owns: its access is its share of
//! equity over its share of people, at most 1.
//!
//! **Cognitive load.** A person's load is the bodies open to them plus
//! `logic_load` for every distinct allocation logic (market, state, plan,
//! community) the region runs: each is a set of rules to know. Their
//! capacity is `participation_capacity × skills × health × (income / the
//! region's mean income)^participation_income_elasticity × (1 +
//! literacy_gain × literacy)`: people with time and skills can follow more
//! (Verba, Schlozman and Brady 1995), and people in poor health take part
//! less (Mattila et al. 2013, European Journal of Political Research 52,
//! Healthy voting). They take part in `capacity / load` of what is open to
//! them, at most all of it; past their capacity they disengage. So voice is
//! the participation people take, which hunger, illness, poverty and a
//! tangle of rules all lower, not the bodies a regime opens.
//!
//! **Civic education** (lever `civic_education`) teaches that share of the
//! people a year, paying `civic_course_cost_months` of the wage for each
//! person taught from the council's funds, to teachers who leave production
//! the next month; it raises literacy by the share of those taught who were
//! not literate yet. Literacy fades by `literacy_decay_annual` a year.
//!
//! **Voice**, a measure, is the mean over people of the bodies they take
//! part in out of the four. A captured council (`capture`) gives no one
//! voice, nor do the commons and investment bodies it runs.

use bevy::prelude::*;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::sim::WorldIndex;
use crate::sim::base::books::transfer;
use crate::sim::base::params::{Economy, monthly};
use crate::sim::economy::LabourMarket;
use crate::sim::institutions::{
    BasicsAllocation, CommonsGovernance, Council, EnterpriseForm, InvestmentAllocation,
    PersonalAllocation, Policy,
};
use crate::sim::people::{Cohort, Cohorts, Region, RegionStats};

use super::state::Capture;
use crate::sim::base::calendar::MONTHS_A_YEAR;

/// The bodies that govern a person's work and commons.
pub const BODIES: usize = 4;

/// A region's participation: literacy, and who takes part.
#[derive(Component, Clone, Debug, Default, Serialize, Deserialize)]
pub struct Participation {
    /// Share of people who have had civic education, 0..1.
    pub literacy: f64,
    /// Mean over people of the bodies they take part in out of `BODIES`,
    /// 0..1.
    pub voice: f64,
    /// Of the seats open to people, the share they leave empty because
    /// the load is past their capacity, 0..1.
    pub disengaged: f64,
    /// People taking part in the council.
    pub council_participants: f64,
    /// Their share of the people, 0..1.
    pub council_turnout: f64,
    /// Each cohort's voice, poorest first, 0..1.
    pub by_cohort: Vec<f64>,
}

/// The allocation logics a region runs: market, state, plan, community.
fn logics(policy: &Policy) -> usize {
    const MARKET: u8 = 1;
    const STATE: u8 = 2;
    const PLAN: u8 = 4;
    const COMMUNITY: u8 = 8;
    let basics = match policy.basics_allocation {
        BasicsAllocation::Market => MARKET,
        BasicsAllocation::NeedBased => COMMUNITY,
        BasicsAllocation::CentralPlan => PLAN,
    };
    let personal = match policy.personal_allocation {
        PersonalAllocation::Market => MARKET,
        PersonalAllocation::NeedBased => COMMUNITY,
        PersonalAllocation::CentralPlan => PLAN,
    };
    let commons = match policy.commons_governance {
        CommonsGovernance::OpenAccess | CommonsGovernance::Private => MARKET,
        CommonsGovernance::Community => COMMUNITY,
        CommonsGovernance::State => STATE,
    };
    let investment = match policy.investment_allocation {
        InvestmentAllocation::CapitalMarkets => MARKET,
        InvestmentAllocation::Participatory => COMMUNITY,
        InvestmentAllocation::CentralPlan => PLAN,
    };
    let enterprises = match policy.enterprise_form {
        EnterpriseForm::InvestorOwned => MARKET,
        EnterpriseForm::StateOwned => STATE,
        EnterpriseForm::WorkerCooperative | EnterpriseForm::MultiStakeholder => COMMUNITY,
    };
    (basics | personal | commons | investment | enterprises).count_ones() as usize
}

/// How far each body is open to a cohort, 0..1 each: council, board,
/// commons, investment. `owns` is the cohort's access as owners.
fn open(policy: &Policy, cohort: &Cohort, owns: f64, captured: bool) -> [f64; BODIES] {
    let public = if captured { 0.0 } else { 1.0 };
    let board = match policy.enterprise_form {
        EnterpriseForm::InvestorOwned => owns,
        EnterpriseForm::StateOwned => 0.0,
        EnterpriseForm::WorkerCooperative => cohort.employment,
        EnterpriseForm::MultiStakeholder => 1.0,
    };
    let commons = match policy.commons_governance {
        CommonsGovernance::Community => public,
        CommonsGovernance::Private => owns,
        CommonsGovernance::State | CommonsGovernance::OpenAccess => 0.0,
    };
    let investment = match policy.investment_allocation {
        InvestmentAllocation::Participatory => public,
        InvestmentAllocation::CapitalMarkets => owns,
        InvestmentAllocation::CentralPlan => 0.0,
    };
    [public, board, commons, investment]
}

/// A month of participation in every region (see the module's
/// documentation).
pub(crate) fn take_part(
    economy: Res<Economy>,
    mut regions: Query<(&Policy, &Cohorts, &Capture, &mut Participation)>,
) {
    let fade = monthly(economy.literacy_decay_annual);
    let items: Vec<_> = regions.iter_mut().collect();
    items
        .into_par_iter()
        .for_each(|(policy, cohorts, capture, mut participation)| {
            let participation = &mut *participation;
            participation.literacy -= fade * participation.literacy;
            let population = cohorts.population();
            let mean_income = cohorts.mean(|c| c.income);
            let rules = economy.logic_load * logics(policy) as f64;
            let boost = 1.0 + economy.literacy_gain * participation.literacy;
            let (mut voice, mut open_seats, mut empty, mut council) = (0.0, 0.0, 0.0, 0.0);
            participation.by_cohort.clear();
            for cohort in &cohorts.0 {
                let owns = if population > 0.0 && cohort.size > 0.0 {
                    (cohort.ownership_share * population / cohort.size).min(1.0)
                } else {
                    0.0
                };
                let bodies = open(policy, cohort, owns, capture.by.is_some());
                let seats: f64 = bodies.iter().sum();
                let time = if mean_income > 0.0 {
                    (cohort.income.max(0.0) / mean_income)
                        .powf(economy.participation_income_elasticity)
                } else {
                    1.0
                };
                let capacity =
                    economy.participation_capacity * cohort.skills * cohort.health * time * boost;
                let load = seats + rules;
                let share = if load > 0.0 {
                    (capacity / load).min(1.0)
                } else {
                    0.0
                };
                let own = share * seats / BODIES as f64;
                participation.by_cohort.push(own);
                voice += cohort.size * own;
                open_seats += cohort.size * seats;
                empty += cohort.size * seats * (1.0 - share);
                council += cohort.size * share;
            }
            participation.voice = if population > 0.0 {
                voice / population
            } else {
                0.0
            };
            participation.disengaged = if open_seats > 0.0 {
                empty / open_seats
            } else {
                0.0
            };
            participation.council_participants = council;
            participation.council_turnout = if population > 0.0 {
                council / population
            } else {
                0.0
            };
        });
}

/// What councils pay each month for open government and checks on power:
/// civic education (see the module's documentation); transparency,
/// `transparency × transparency_cost` of the region's output value, paid
/// to the people who publish the records (`ledger` says what it buys);
/// rotation, `rotation_cost / rotation_years` of output value, the
/// training of successors at each turnover (a body that rotates every year
/// pays four times what one with four-year terms does); and separation of
/// powers, `separation_of_powers × separation_cost` of output value, the
/// separate audit, courts and regulators it takes; and the protection of
/// its pilots, `pilot_protection × protection_cost` of output value, the
/// lawyers, lending and campaigns that shield them (`adoption`). All four
/// are paid as administration.
pub(crate) fn fund(
    faults: Res<crate::sim::base::parallel::Faults>,
    economy: Res<Economy>,
    index: Res<WorldIndex>,
    mut regions: Query<(
        &Region,
        &Policy,
        &LabourMarket,
        &mut Cohorts,
        &mut Participation,
        &mut RegionStats,
    )>,
    mut councils: Query<&mut Council>,
) {
    let (Some(regions), Some(councils)) = (
        faults.gather(&mut regions, &index.regions, "funding voice", "regions"),
        faults.gather(&mut councils, &index.councils, "funding voice", "councils"),
    ) else {
        return;
    };
    // Each council pays for its own region's courses and checks, so regions
    // run side by side.
    regions.into_par_iter().zip(councils).for_each(
        |((_, policy, labour, mut cohorts, mut participation, mut stats), mut council)| {
            let population = cohorts.population();
            let course = economy.civic_course_cost_months * labour.wage;
            let taught = policy.civic_education / MONTHS_A_YEAR * population;
            stats.civic_spending = pay_evenly(&mut council.funds, &mut cohorts, taught * course);
            if course > 0.0 && population > 0.0 {
                let literate = stats.civic_spending / course / population;
                participation.literacy += literate * (1.0 - participation.literacy);
            }
            let publishing = policy.transparency * economy.transparency_cost;
            let turnover = if policy.rotation_years > 0.0 {
                economy.rotation_cost / policy.rotation_years
            } else {
                0.0
            };
            let separate = policy.separation_of_powers * economy.separation_cost;
            let protecting = policy.pilot_protection * economy.protection_cost;
            let checks = (publishing + turnover + separate + protecting) * stats.output_value;
            stats.admin_spending += pay_evenly(&mut council.funds, &mut cohorts, checks);
        },
    );
}

/// Pays up to `amount` of `funds` to a region's people, each cohort by its
/// size; returns what was paid.
fn pay_evenly(
    funds: &mut crate::sim::base::books::Money,
    cohorts: &mut Cohorts,
    amount: f64,
) -> f64 {
    let population = cohorts.population();
    if amount <= 0.0 || population <= 0.0 {
        return 0.0;
    }
    let budget = amount.min(funds.get());
    cohorts
        .0
        .iter_mut()
        .map(|c| transfer(funds, &mut c.money, budget * c.size / population))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_region_of_markets_runs_one_logic_and_a_mixed_one_more() {
        let mut policy = crate::sim::preset("liberal_market");
        policy.basics_allocation = BasicsAllocation::Market;
        policy.personal_allocation = PersonalAllocation::Market;
        policy.commons_governance = CommonsGovernance::Private;
        policy.investment_allocation = InvestmentAllocation::CapitalMarkets;
        policy.enterprise_form = EnterpriseForm::InvestorOwned;
        assert_eq!(logics(&policy), 1);
        policy.basics_allocation = BasicsAllocation::NeedBased;
        policy.commons_governance = CommonsGovernance::State;
        assert_eq!(logics(&policy), 3);
    }
}
