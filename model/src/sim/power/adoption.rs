//! Adoption by demonstration (seed step 8: adoption spreads when outcomes
//! are visibly better; crises accelerate it; incumbents fight back; younger
//! generations are more willing to experiment). Backlash
//! (`power::backlash`) is the other half: a region swings away from
//! institutions that fail it.
//!
//! A region may run a pilot in three domains, each a lever that takes in
//! part of the domain (`institutions::Mix`): basic goods provided by need,
//! sectors run as worker cooperatives, commons held in a community trust.
//! In a scenario that lets regions adopt (`Adopting`), each month, for each
//! pilot:
//!
//! - **Demonstration.** The region looks at itself and the regions it is
//!   linked to. Where some of their people live under the pilot's
//!   institution and some do not, the advantage is how much higher mean
//!   capability is where it runs (people weighed by the share of their
//!   region's domain it takes in) than where it does not, over the
//!   region's own capability. With nothing to compare, views hold.
//! - **What people would settle at**: `1/2 + demonstration_weight ×
//!   advantage × (1 + crisis_opening × shortfall)`, where the shortfall is
//!   how far the region's capability is below what its people expect
//!   (`Support::expected`): a visible failure of its own makes people act
//!   on what they see. Less `misfit_weight` times how much further from
//!   the region's culture the whole domain under the pilot would be
//!   (`backlash::marketness`), less `resistance_weight` times the power
//!   the group a step would cost holds in the region's ledger (capital
//!   owners where firms are investors' or basics are on markets or commons
//!   are private; officials where the state runs them): cultural campaigns.
//!   Pilots defend each other: that power is spread over the region and
//!   each linked region that runs the same pilot (a federation of pilots
//!   shares its lawyers, lenders and voices), and `pilot_protection` takes
//!   its share of it away (at a cost, `voice::fund`).
//! - **Generations.** Grown adults' support closes `adult_learning_annual`
//!   of the gap to that a year; `adult_turnover_annual` of adults a year
//!   are replaced by those coming of age, who take it at once plus
//!   `youth_openness`. Support for something new therefore grows as
//!   generations change.
//! - **Steps.** Over `adoption_threshold`, the region extends the pilot by
//!   one good, sector or commons, at most once in `adoption_lag_months`,
//!   plus `legal_delay_months` times the power of the group it costs (legal
//!   delay); under `1 − adoption_threshold` it takes one back (a reversal;
//!   the last one ends the pilot, which was crushed if its institution
//!   still did at least as well as the alternative around it). A step is
//!   a lever change from the model itself, so a region that consults its
//!   people consults on it, and it goes to the event log.
//! - **Capital strike.** A step that takes a good or a sector from capital
//!   owners (basics off markets, a firm off investors) costs the firm it
//!   takes in `capital_flight` times their power of its capital: owners
//!   take it out of the region, and the books count it as capital lost.
//!
//! Only pilot levers move: a domain run wholly by the pilot's institution
//! (need-based basics, say) has nothing to extend, and leaving it is
//! backlash's work.
//!
//! **Sanctions** (`sanction`, in every scenario): a region stops
//! `sanctions_on_pilots` of its trade with a linked region that runs a
//! pilot it does not (more of some domain under a pilot's institution)
//! and whose capability is higher than its own: neighbours who follow
//! other institutions undermine a visibly successful alternative. Goods
//! stop; people, ideas and disease cross as before.
//!
//! **Recruiting** (`recruit`, in every scenario): a region takes, each
//! month, `monthly(poaching_annual) × recruiting_from_pilots` of the
//! best-paid cohort (the skilled) of each linked region that shows it up
//! in the same way; they bring their money into its own best-paid cohort.

use bevy::ecs::query::QueryItem;
use bevy::prelude::*;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::backlash::{Support, marketness};
use super::ledger::PowerLedger;
use crate::sim::base::books::{Books, transfer};
use crate::sim::base::goods::{BASICS, Good, SECTORS};
use crate::sim::base::params::{Economy, TYPES, monthly};
use crate::sim::crisis::{EventLog, Happening};
use crate::sim::economy::Enterprise;
use crate::sim::institutions::{
    BasicsAllocation, CommonsGovernance, EnterpriseForm, LeverChange, LeverChanges, LeverTarget,
    LeverValue, Link, LinkKind, Mix, PILOT_ORDER, Policy, lever,
};
use crate::sim::people::{Cohort, Cohorts, Region, Society};
use crate::sim::{SimClock, WorldIndex};

/// Capital owners' and officials' places in the ledger's groups.
const CAPITAL_OWNERS: usize = 0;
const OFFICIALS: usize = 1;

/// The domains a pilot can run in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pilot {
    BasicsByNeed,
    Cooperatives,
    CommonsTrust,
}

impl Pilot {
    pub const ALL: [Pilot; 3] = [
        Pilot::BasicsByNeed,
        Pilot::Cooperatives,
        Pilot::CommonsTrust,
    ];

    /// The lever that sets it.
    pub fn lever(self) -> &'static str {
        match self {
            Pilot::BasicsByNeed => "pilot_basics_by_need",
            Pilot::Cooperatives => "pilot_cooperatives",
            Pilot::CommonsTrust => "pilot_commons_trust",
        }
    }

    /// The share of the region's domain under the pilot's institution.
    pub fn share(self, mix: &Mix) -> f64 {
        match self {
            Pilot::BasicsByNeed => mix.basics_by_need,
            Pilot::Cooperatives => mix.cooperatives,
            Pilot::CommonsTrust => mix.commons_trust,
        }
    }

    /// How many steps take in the whole domain, in a region with `commons`
    /// commons.
    fn units(self, commons: usize) -> usize {
        match self {
            Pilot::BasicsByNeed => BASICS,
            Pilot::Cooperatives => SECTORS,
            Pilot::CommonsTrust => commons,
        }
    }

    fn value(self, policy: &Policy) -> f64 {
        match self {
            Pilot::BasicsByNeed => policy.pilot_basics_by_need,
            Pilot::Cooperatives => policy.pilot_cooperatives,
            Pilot::CommonsTrust => policy.pilot_commons_trust,
        }
    }

    fn set(self, policy: &mut Policy, value: f64) {
        match self {
            Pilot::BasicsByNeed => policy.pilot_basics_by_need = value,
            Pilot::Cooperatives => policy.pilot_cooperatives = value,
            Pilot::CommonsTrust => policy.pilot_commons_trust = value,
        }
    }

    /// The group whose power a step would cost: capital owners where the
    /// domain is on markets, with investors or in private hands, officials
    /// where the state runs it; none where no one holds it.
    fn loser(self, policy: &Policy) -> Option<usize> {
        match self {
            Pilot::BasicsByNeed => match policy.basics_allocation {
                BasicsAllocation::Market => Some(CAPITAL_OWNERS),
                BasicsAllocation::CentralPlan => Some(OFFICIALS),
                BasicsAllocation::NeedBased => None,
            },
            Pilot::Cooperatives => match policy.enterprise_form {
                EnterpriseForm::InvestorOwned | EnterpriseForm::MultiStakeholder => {
                    Some(CAPITAL_OWNERS)
                }
                EnterpriseForm::StateOwned => Some(OFFICIALS),
                EnterpriseForm::WorkerCooperative => None,
            },
            Pilot::CommonsTrust => match policy.commons_governance {
                CommonsGovernance::Private => Some(CAPITAL_OWNERS),
                CommonsGovernance::State => Some(OFFICIALS),
                CommonsGovernance::OpenAccess | CommonsGovernance::Community => None,
            },
        }
    }
}

/// Present while regions adopt by demonstration (a transition scenario
/// turns it on).
#[derive(Resource, Clone, Copy, Debug)]
pub struct Adopting;

/// A region's views of its pilots' institutions, and the steps it took.
#[derive(Component, Clone, Debug, Serialize, Deserialize)]
pub struct Adoption {
    /// Support for each pilot's institution ([`Pilot::ALL`] order), 0..1:
    /// one half before anything is seen.
    pub support: [f64; 3],
    /// Months since each pilot's last step.
    pub waited: [u32; 3],
    /// Steps that extended a pilot, so far.
    pub extended: u32,
    /// Steps back, so far.
    pub reversed: u32,
    /// Pilots taken back to nothing, so far.
    pub ended: u32,
    /// Of them, those crushed: ended while the pilot's institution still
    /// did at least as well as the alternative around it (resistance,
    /// culture or outside pressure ended it, not its outcomes).
    pub crushed: u32,
}

impl Default for Adoption {
    fn default() -> Self {
        Adoption {
            support: [0.5; 3],
            waited: [0; 3],
            extended: 0,
            reversed: 0,
            ended: 0,
            crushed: 0,
        }
    }
}

/// What a region shows its neighbours: its people, their capability and
/// its mix.
#[derive(Clone, Copy)]
struct Shown {
    people: f64,
    capability: f64,
    mix: Mix,
}

impl Shown {
    fn of(index: &WorldIndex, region: &Region, cohorts: &Cohorts, policy: &Policy) -> Shown {
        Shown {
            people: cohorts.population(),
            capability: cohorts.mean(Cohort::capability),
            mix: policy.mix(commons_of(index, region)),
        }
    }
}

/// The advantage of the pilot's institution among `seen` (see the module's
/// documentation), if some of their people live under it and some do not.
fn advantage(pilot: Pilot, seen: &[Shown], own: f64) -> Option<f64> {
    let (mut with, mut with_people, mut without, mut without_people) = (0.0, 0.0, 0.0, 0.0);
    for s in seen {
        let share = pilot.share(&s.mix);
        with += share * s.people * s.capability;
        with_people += share * s.people;
        without += (1.0 - share) * s.people * s.capability;
        without_people += (1.0 - share) * s.people;
    }
    (with_people > 0.0 && without_people > 0.0 && own > 0.0)
        .then(|| (with / with_people - without / without_people) / own)
}

/// A step a region takes: the pilot's lever to `to`.
struct Step {
    region: u32,
    place: String,
    pilot: Pilot,
    from: f64,
    to: f64,
    support: f64,
    /// The firm a step takes from capital owners, and the share of its
    /// capital they take out.
    strike: Option<(Entity, f64)>,
}

/// What adoption reads of each region, and writes (its `Adoption`).
type Judged = (
    &'static Region,
    &'static Cohorts,
    &'static Society,
    &'static Policy,
    &'static Support,
    &'static PowerLedger,
    &'static mut Adoption,
);

/// A month of adoption in every region (see the module's documentation).
pub(crate) fn adopt(
    faults: Res<crate::sim::base::parallel::Faults>,
    economy: Res<Economy>,
    clock: Res<SimClock>,
    index: Res<WorldIndex>,
    mut changes: ResMut<LeverChanges>,
    mut log: ResMut<EventLog>,
    mut books: ResMut<Books>,
    mut firms: Query<&mut Enterprise>,
    mut regions: Query<Judged>,
) {
    let Some(items) = faults.gather(&mut regions, &index.regions, "adopting", "regions") else {
        return;
    };
    let shown: Vec<Shown> = items
        .iter()
        .map(|(region, cohorts, _, policy, ..)| Shown::of(&index, region, cohorts, policy))
        .collect();
    let (economy, index, shown) = (&*economy, &*index, &shown);
    let steps: Vec<Step> = items
        .into_par_iter()
        .filter_map(|item| judge_region(economy, index, shown, item))
        .collect();
    // The steps go to the lever queue and the log in region order.
    for step in steps {
        let Some(lever) = lever(step.pilot.lever()) else {
            faults.lost("adopt", "levers");
            return;
        };
        changes.send_own(LeverChange {
            target: LeverTarget::Region(step.region),
            lever,
            value: LeverValue::Number(step.to),
        });
        if let Some((firm, share)) = step.strike {
            let Ok(mut firm) = firms.get_mut(firm) else {
                faults.lost("adopt", "enterprises");
                return;
            };
            let taken = firm.capital * share;
            firm.capital -= taken;
            books.flows.depreciate(Good::Capital, taken);
        }
        log.note(
            clock.tick,
            Some(step.place),
            Happening::PilotMoved {
                lever: lever.name,
                from: step.from,
                to: step.to,
                support: step.support,
            },
        );
    }
}

/// The regions linked to region `id`, each once, by id.
fn linked(index: &WorldIndex, id: usize) -> Vec<usize> {
    let mut linked: Vec<usize> = index
        .links_of(id)
        .iter()
        .map(|&l| {
            let [a, b] = index.link_ends()[l];
            if a == id { b } else { a }
        })
        .filter(|&r| r != id)
        .collect();
    linked.sort_unstable();
    linked.dedup();
    linked
}

/// What a region's people make of each pilot this month, and the step it
/// takes, if any (see the module's documentation).
fn judge_region(
    economy: &Economy,
    index: &WorldIndex,
    shown: &[Shown],
    (region, _, society, policy, support, ledger, mut adoption): QueryItem<'_, '_, Judged>,
) -> Option<Step> {
    let id = region.id as usize;
    let own = shown[id];
    if own.people <= 0.0 {
        return None;
    }
    let linked = linked(index, id);
    let seen: Vec<Shown> = std::iter::once(own)
        .chain(linked.iter().map(|&r| shown[r]))
        .collect();
    let shortfall = support.shortfall(own.capability);
    let units_of = |pilot: Pilot| pilot.units(commons_of(index, region));
    let mut step = None;
    for (p, pilot) in Pilot::ALL.into_iter().enumerate() {
        adoption.waited[p] = adoption.waited[p].saturating_add(1);
        let units = units_of(pilot);
        let Some(advantage) = advantage(pilot, &seen, own.capability).filter(|_| units > 0) else {
            continue;
        };
        let mut whole = policy.clone();
        pilot.set(&mut whole, 1.0);
        let misfit = (society.individualism - marketness(&whole)).abs()
            - (society.individualism - marketness(policy)).abs();
        let allies = linked
            .iter()
            .filter(|&&r| pilot.share(&shown[r].mix) > 0.0)
            .count();
        let power = pilot.loser(policy).map_or(0.0, |g| {
            (0..TYPES.len()).map(|k| ledger.held(k)[g]).sum::<f64>() / TYPES.len() as f64
        }) * (1.0 - policy.pilot_protection)
            / (1 + allies) as f64;
        let settle = 0.5
            + economy.demonstration_weight * advantage * (1.0 + economy.crisis_opening * shortfall)
            - economy.misfit_weight * misfit
            - economy.resistance_weight * power;
        let s = &mut adoption.support[p];
        *s += monthly(economy.adult_learning_annual) * (settle - *s)
            + monthly(economy.adult_turnover_annual) * (settle + economy.youth_openness - *s);
        *s = s.clamp(0.0, 1.0);
        let support = *s;
        // One step a month at most, the first pilot that is due.
        if step.is_some() {
            continue;
        }
        let count = (pilot.value(policy) * units as f64).round();
        let waited = f64::from(adoption.waited[p]);
        let to = if support > economy.adoption_threshold
            && pilot.share(&own.mix) < 1.0
            && waited >= economy.adoption_lag_months + economy.legal_delay_months * power
        {
            (count + 1.0) / units as f64
        } else if support < 1.0 - economy.adoption_threshold
            && count > 0.0
            && waited >= economy.adoption_lag_months
        {
            (count - 1.0) / units as f64
        } else {
            continue;
        };
        adoption.waited[p] = 0;
        let from = pilot.value(policy);
        let mut strike = None;
        if to > from {
            adoption.extended += 1;
            // The firm the step takes in, if it is taken from owners.
            let taken_in = PILOT_ORDER.get(count as usize).copied();
            if pilot != Pilot::CommonsTrust && pilot.loser(policy) == Some(CAPITAL_OWNERS) {
                strike = taken_in.map(|s| (region.enterprises[s], economy.capital_flight * power));
            }
        } else {
            adoption.reversed += 1;
            if to <= 0.0 {
                adoption.ended += 1;
                if advantage >= 0.0 {
                    adoption.crushed += 1;
                }
            }
        }
        step = Some(Step {
            region: region.id,
            place: region.name.clone(),
            pilot,
            from,
            to,
            support,
            strike,
        });
    }
    step
}

/// How many commons the region has.
fn commons_of(index: &WorldIndex, region: &Region) -> usize {
    index
        .commons_per_region
        .get(region.id as usize)
        .copied()
        .unwrap_or(0)
}

/// Whether a region running `pilot` shows up a region running `own`:
/// more of some domain under a pilot's institution, and a higher
/// capability.
fn shows_up(pilot: &Shown, own: &Shown) -> bool {
    pilot.capability > own.capability
        && Pilot::ALL
            .iter()
            .any(|p| p.share(&pilot.mix) > p.share(&own.mix))
}

/// A month of sanctions on every trade link (see the module's
/// documentation): the share of trade the link's stricter sanctioning end
/// stops, if the other end shows it up; none otherwise.
pub(crate) fn sanction(
    faults: Res<crate::sim::base::parallel::Faults>,
    index: Res<WorldIndex>,
    regions: Query<(&Region, &Cohorts, &Policy)>,
    mut links: Query<&mut Link>,
) {
    // A world where no one sanctions and no link is sanctioned (every
    // shipped preset) has nothing to do, month after month.
    if regions.iter().all(|(_, _, p)| p.sanctions_on_pilots <= 0.0)
        && links.iter().all(|l| l.sanctioned == 0.0)
    {
        return;
    }
    let mut shown = Vec::with_capacity(index.regions.len());
    for &r in &index.regions {
        let Ok((region, cohorts, policy)) = regions.get(r) else {
            faults.lost("sanction", "regions");
            return;
        };
        shown.push((
            Shown::of(&index, region, cohorts, policy),
            policy.sanctions_on_pilots,
        ));
    }
    for (place, &l) in index.links().iter().enumerate() {
        let Ok(mut link) = links.get_mut(l) else {
            faults.lost("sanction", "links");
            return;
        };
        if link.kind != LinkKind::Trade {
            continue;
        }
        let [a, b] = index.link_ends()[place];
        let (Some(&(sa, xa)), Some(&(sb, xb))) = (shown.get(a), shown.get(b)) else {
            faults.lost("sanction", "regions");
            return;
        };
        let by_a = if xa > 0.0 && shows_up(&sb, &sa) {
            xa
        } else {
            0.0
        };
        let by_b = if xb > 0.0 && shows_up(&sa, &sb) {
            xb
        } else {
            0.0
        };
        let sanctioned = by_a.max(by_b);
        if link.sanctioned != sanctioned {
            link.sanctioned = sanctioned;
        }
    }
}

/// A month of recruiting along every trade link (see the module's
/// documentation): the region at each end that recruits takes its share
/// of the other's best-paid cohort, if the other shows it up.
pub(crate) fn recruit(
    faults: Res<crate::sim::base::parallel::Faults>,
    economy: Res<Economy>,
    index: Res<WorldIndex>,
    links: Query<&Link>,
    mut regions: Query<(&Region, &Policy, &mut Cohorts)>,
) {
    const PHASE: &str = "recruiting";
    let rate = monthly(economy.poaching_annual);
    if rate <= 0.0
        || regions
            .iter()
            .all(|(_, p, _)| p.recruiting_from_pilots <= 0.0)
    {
        return;
    }
    let Some(mut items) = faults.gather(&mut regions, &index.regions, PHASE, "regions") else {
        return;
    };
    // What each region shows, as the month left it, before anyone moves.
    let shown: Vec<(Shown, f64)> = items
        .iter()
        .map(|(region, policy, cohorts)| {
            (
                Shown::of(&index, region, cohorts, policy),
                policy.recruiting_from_pilots,
            )
        })
        .collect();
    for (place, &l) in index.links().iter().enumerate() {
        let Ok(link) = links.get(l) else {
            faults.lost(PHASE, "links");
            return;
        };
        if link.kind != LinkKind::Trade {
            continue;
        }
        let [a, b] = index.link_ends()[place];
        for (to, from) in [(a, b), (b, a)] {
            let (Some(&(recruiter, strength)), Some(&(pilot, _))) =
                (shown.get(to), shown.get(from))
            else {
                faults.lost(PHASE, "regions");
                return;
            };
            if strength <= 0.0 || !shows_up(&pilot, &recruiter) {
                continue;
            }
            let Ok([(_, _, leaving), (_, _, arriving)]) = items.get_disjoint_mut([from, to]) else {
                faults.lost(PHASE, "regions");
                return;
            };
            let (Some(out), Some(into)) = (leaving.0.last_mut(), arriving.0.last_mut()) else {
                continue;
            };
            let share = rate * strength;
            let (movers, money) = (out.size * share, out.money.get() * share);
            transfer(&mut out.money, &mut into.money, money);
            out.size -= movers;
            into.size += movers;
        }
    }
}
