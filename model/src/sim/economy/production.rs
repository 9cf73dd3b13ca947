//! Production: each region's enterprises plan from expected demand, hire
//! from the labour force left after monitors, administrators and
//! researchers, and produce; food and energy also need resource from the
//! region's commons, taken under the region's commons governance.

use bevy::ecs::query::QueryData;
use bevy::prelude::*;
use rayon::prelude::*;

use crate::sim::base::books::{Books, Flows};
use crate::sim::base::calendar::MONTHS_PER_YEAR;
use crate::sim::base::goods::{Good, PerSector, Sector};
use crate::sim::base::parallel::{Faults, split_runs};
use crate::sim::base::params::{Economy, monthly};
use crate::sim::base::streams::{Stream, Streams, standard_normal};
use crate::sim::crisis::Emergency;
use crate::sim::ecology::{Atmosphere, Commons};
use crate::sim::economy::enterprise::Enterprise;
use crate::sim::economy::labour::{LabourMarket, hire, hire_basics_first, share_out_employment};
use crate::sim::economy::plan::Planner;
use crate::sim::institutions::{CommonsGovernance, EnterpriseForm, Policy};
use crate::sim::people::{Climate, Cohorts, PerCohort, Region, RegionStats, Society};
use crate::sim::{Settling, SimClock, WorldIndex};

/// Share of the contribution-free effort people give: a higher contribution
/// rate lowers work effort a little (`1 − effort_elasticity × rate`), the
/// cost the literature on taxable income finds (Saez, Slemrod and Giertz
/// 2012).
pub fn effort(economy: &Economy, policy: &Policy) -> f64 {
    (1.0 - economy.effort_elasticity * policy.contribution_rate).max(0.0)
}

/// Share of its carbon a firm abates under a carbon price: with marginal
/// abatement cost rising linearly from 0 to `abatement_cost_full` per tonne,
/// it abates until the next tonne would cost more than the price,
/// `price / abatement_cost_full`, and never below the intensity floor (some
/// emissions have no substitute yet).
pub fn abated_share(economy: &Economy, policy: &Policy) -> f64 {
    (policy.carbon_price / economy.abatement_cost_full).min(1.0 - economy.intensity_floor)
}

/// Chance that a violator of a cap is caught:
/// `1 − exp(−monitoring / monitoring_scale)`; more monitors catch more,
/// with diminishing returns. Monitoring is the paid monitors' share of the
/// labour force; under community governance, users watch each other as
/// they work (Ostrom 1990), so strong reciprocators add `peer_monitoring`
/// each, unpaid.
pub fn detection(
    economy: &Economy,
    policy: &Policy,
    governance: CommonsGovernance,
    society: &Society,
) -> f64 {
    let peers = if governance == CommonsGovernance::Community {
        economy.peer_monitoring * society.strong_reciprocators
    } else {
        0.0
    };
    1.0 - (-(policy.monitoring_share + peers) / economy.monitoring_scale).exp()
}

/// What production reads and writes of each region.
#[derive(QueryData)]
#[query_data(mutable)]
pub(super) struct RegionData {
    region: &'static Region,
    cohorts: &'static mut Cohorts,
    society: &'static Society,
    policy: &'static Policy,
    stats: &'static mut RegionStats,
    climate: &'static Climate,
    labour: &'static mut LabourMarket,
    emergency: &'static Emergency,
}

/// What every region's production reads alike this month.
struct Month<'a> {
    economy: &'a Economy,
    planner: &'a Planner,
    streams: &'a Streams,
    tick: u32,
    settling: bool,
    depreciation: f64,
}

pub(crate) fn produce(
    economy: Res<Economy>,
    index: Res<WorldIndex>,
    faults: Res<Faults>,
    mut books: ResMut<Books>,
    mut regions: Query<RegionData>,
    mut enterprises: Query<&mut Enterprise>,
    mut commons: Query<&mut Commons>,
    clock: Res<SimClock>,
    planner: Res<Planner>,
    streams: Res<Streams>,
    settling: Option<Res<Settling>>,
    mut atmosphere: ResMut<Atmosphere>,
) {
    const PHASE: &str = "producing";
    atmosphere.last_month = 0.0;
    let (Some(regions), Some(mut firms), Some(mut commons)) = (
        faults.gather(&mut regions, &index.regions, PHASE, "regions"),
        faults.gather_by_sector(&mut enterprises, &index.enterprises, PHASE),
        faults.gather(&mut commons, &index.commons, PHASE, "commons"),
    ) else {
        return;
    };
    let month = Month {
        economy: &economy,
        planner: &planner,
        streams: &streams,
        tick: clock.tick,
        settling: settling.is_some(),
        depreciation: monthly(economy.depreciation_annual),
    };
    // A region's enterprises hire its own people and draw on its own
    // commons, so regions run side by side; their flows and emissions are
    // added up in region order.
    let commons = split_runs(&mut commons, &index.commons_per_region);
    let made: Vec<(Flows, PerSector<f64>)> = regions
        .into_par_iter()
        .zip(firms.par_iter_mut())
        .zip(commons)
        .map(|((region, firms), commons)| produce_region(&month, region, firms, commons))
        .collect();
    for (flows, tonnes) in &made {
        books.flows.add(flows);
        for &t in tonnes.values() {
            atmosphere.emit(t);
        }
    }
    atmosphere.close_month();
}

// Over 100 lines: one region's month of production, step by step as the
// module's doc states; its steps share a dozen running figures, which split
// functions would pass back and forth.
/// One region's month of production; returns its goods flows and each
/// enterprise's emissions (tonnes), in sector order.
fn produce_region(
    month: &Month,
    RegionDataItem {
        region,
        mut cohorts,
        society,
        policy,
        mut stats,
        climate,
        mut labour,
        emergency,
    }: RegionDataItem<'_, '_>,
    firms: &mut PerSector<Mut<Enterprise>>,
    commons: &mut [Mut<Commons>],
) -> (Flows, PerSector<f64>) {
    let Month {
        economy,
        planner,
        streams,
        tick,
        settling,
        depreciation,
    } = *month;
    let mut flows = Flows::default();
    let mut tonnes_emitted = PerSector::default();
    let effort = effort(economy, policy);
    let population = cohorts.population();
    let weights: PerCohort<f64> = cohorts
        .0
        .iter()
        .map(|c| {
            // The sick cannot work.
            c.size * economy.labour_participation * c.health * effort * (1.0 - climate.infected)
        })
        .collect();
    let labour_force: f64 = weights.iter().sum();
    let skills = if labour_force > 0.0 {
        cohorts
            .0
            .iter()
            .zip(&weights)
            .map(|(c, w)| c.skills * w)
            .sum::<f64>()
            / labour_force
    } else {
        0.0
    };
    // Monitors are paid for the share of the commons under a cap (the
    // region's governance's, or a community trust's).
    let count = commons.len();
    let capped = |g| matches!(g, CommonsGovernance::Community | CommonsGovernance::State);
    let monitored = if count == 0 || policy.pilot_commons_trust == 0.0 {
        f64::from(u8::from(capped(policy.commons_governance)))
    } else {
        (0..count)
            .filter(|c| capped(policy.governance_of(*c, count)))
            .count() as f64
            / count as f64
    };
    let monitors = monitored * policy.monitoring_share * labour_force;
    // Administrators, researchers with the workers who abate carbon, and
    // builders are paid from last month's overhead, research, abatement
    // and investment budgets at the going wage (what was actually paid
    // per worker would count a firm's arrears as cheap labour).
    let wage = labour.wage;
    let paid_staff = |spending: f64, room: f64| {
        if wage > 0.0 {
            (spending / wage).min(room).max(0.0)
        } else {
            0.0
        }
    };
    let administrators = paid_staff(stats.admin_spending, labour_force - monitors);
    let researchers = paid_staff(
        stats.research_spending + stats.abatement_spending,
        labour_force - monitors - administrators,
    );
    // Investment and restoration are built by workers, paid last month
    // from the investment fund, who are not in production this month.
    let builders = paid_staff(
        stats.building_spending,
        labour_force - monitors - administrators - researchers,
    );
    // So are the trainers who retrain displaced workers and teach
    // civic education.
    let trainers = paid_staff(
        stats.training_spending + stats.civic_spending,
        labour_force - monitors - administrators - researchers - builders,
    );
    // Firms hire from those not between jobs and not on the staff.
    let available = (labour_force * (1.0 - economy.frictional_unemployment)
        - monitors
        - administrators
        - researchers
        - builders
        - trainers
        - climate.displaced)
        .max(0.0);

    // Plans: expected demand plus the gap to the buffer stock; the buffer
    // shrinks with perishability (services cannot be stocked).
    // The planner's error on each sector this month: one draw per
    // sector, planned or not, so that planning one more sector shifts
    // no other sector's error.
    let plan_errors = if Sector::ALL.iter().any(|&s| policy.plans(s)) {
        let mut rng = streams.rng(Stream::PlanError, region.id.into(), tick);
        PerSector::from_fn(|_| standard_normal(&mut rng))
    } else {
        PerSector::default()
    };
    // Per sector: workers the plan needs, output per worker, and the
    // revenue the firm can count on.
    let mut plans = PerSector::splat((0.0, 0.0, 0.0));
    for (s, enterprise) in firms.iter_mut() {
        let enterprise = &mut **enterprise;
        let worn = enterprise.capital * depreciation;
        enterprise.capital -= worn;
        flows.depreciate(Good::Capital, worn);
        // A planned enterprise produces to the planner's figure: its
        // orders of `plan_delay_months` ago, off by the planner's error.
        let expected = if policy.plans(enterprise.sector) {
            let month = (tick + MONTHS_PER_YEAR - economy.plan_delay_months) % MONTHS_PER_YEAR;
            let seen = enterprise.order_history[month as usize];
            seen * (1.0 + planner.production_error * plan_errors[s]).max(0.0)
        } else {
            enterprise.expected_demand
        };
        // A state enterprise in a basic sector works to an output target:
        // at least the region's need as its owner sees it, sold or not. A
        // planner sees need as it sees demand, off by its error, so a plan
        // can fall short of need as well as overshoot it.
        let expected = if enterprise.form == EnterpriseForm::StateOwned && s.basic().is_some() {
            let need = if policy.plans(enterprise.sector) {
                population * (1.0 + planner.production_error * plan_errors[s]).max(0.0)
            } else {
                population
            };
            expected.max(need)
        } else {
            expected
        };
        let target = expected * (1.0 + economy.buffer_months * (1.0 - economy.spoilage_monthly[s]));
        let mut plan = (target - enterprise.inventory).max(0.0);
        // Under the emergency protocol, personal goods shed output so
        // their workers are free for basics.
        if emergency.on && enterprise.sector == Sector::Personal {
            plan *= 1.0 - policy.emergency_curtailment;
        }
        // A firm on a soft budget makes less per worker: nothing it
        // does badly is ever made to end it (Kornai 1986).
        let soft = if enterprise.form == EnterpriseForm::StateOwned {
            1.0 - economy.soft_budget_inefficiency
        } else {
            1.0
        };
        let productivity = soft
            * enterprise.productivity(
                skills,
                economy.capital_elasticity,
                economy.labour_per_unit[s],
            );
        let wanted = if productivity > 0.0 {
            plan / productivity
        } else {
            0.0
        };
        // What it may spend on wages follows what it took last month, less
        // any wages it still owes, or the credit its expected orders earn
        // when that is more (the arrears wait while it works again, so a
        // firm that stopped can restart). A credit crunch withdraws the
        // borrowed part of it.
        let credit = economy.credit_share * enterprise.expected_demand * enterprise.price;
        let sales = (enterprise.sold + enterprise.exported) * enterprise.price
            - enterprise.arrears / economy.wage_share;
        let takings = sales.max(credit).max(0.0) * (1.0 - economy.credit_share * climate.crunch);
        plans[s] = (wanted, productivity, takings);
    }
    let revenue = PerSector::from_fn(|s| plans[s].0 * plans[s].1 * firms[s].price);
    // Labour demand: the plan's workers, as many as the wage lets each
    // firm afford, and the wage moves with it. State firms, on soft
    // budgets, hoard labour: they take every available worker, shared by
    // what their plans would earn (Kornai's unemployment on the job), and
    // the wage moves with what their sales can pay, so it settles where
    // the wage share of revenue pays the whole workforce.
    labour.open(economy, plans.values().map(|p| p.2).sum(), available);
    let affordable = plans.map(|_, p| labour.affordable(economy, p.2));
    let (demand, pressure) = if policy.enterprise_form == EnterpriseForm::StateOwned {
        (PerSector::splat(available), affordable.sum())
    } else {
        let paid_for = PerSector::from_fn(|s| plans[s].0.min(affordable[s]));
        (paid_for, paid_for.sum())
    };
    let hired = if emergency.on {
        hire_basics_first(available, &demand, &plans.map(|_, p| p.0), &revenue)
    } else {
        hire(available, &demand, &revenue)
    };
    labour.close(economy, pressure, settling);

    // What each enterprise could make with its workers, and the commons
    // resource that would take: the commons-made share of its output
    // times its resource intensity. Food and energy draw on the commons,
    // harvested once for both under the region's governance; each loses
    // the commons-made share of its output in proportion to what was not
    // supplied.
    let possible = PerSector::from_fn(|s| hired[s] * plans[s].1);
    let need: f64 = Sector::ALL
        .into_iter()
        .map(|s| possible[s] * economy.commons_share[s] * firms[s].resource_intensity)
        .sum();
    stats.compliance = 1.0;
    let drought = climate.severity();
    let supplied = if need > 0.0 {
        let (taken, compliance) = harvest(
            economy,
            society,
            policy,
            commons,
            need,
            drought,
            emergency.on,
        );
        flows.consume(Good::Resource, taken);
        stats.compliance = compliance;
        taken / need
    } else {
        1.0
    };
    // A drought cuts what each unit taken from the commons yields (dry
    // fields, low rivers), under every governance.
    let supplied = supplied * (1.0 - drought * economy.drought_yield_loss);

    let staff = monitors + administrators + researchers + builders + trainers;
    let mut employed = staff;
    let mut output_value = 0.0;
    let abated = abated_share(economy, policy);
    // The share of the commons private owners hold (a trust takes theirs).
    let owned = if policy.commons_governance != CommonsGovernance::Private {
        0.0
    } else if count == 0 || policy.pilot_commons_trust == 0.0 {
        1.0
    } else {
        (0..count)
            .filter(|c| policy.governance_of(*c, count) == CommonsGovernance::Private)
            .count() as f64
            / count as f64
    };
    for (s, enterprise) in firms.iter_mut() {
        let enterprise = &mut **enterprise;
        let workforce = hired[s];
        let share = economy.commons_share[s];
        let output = possible[s] * (1.0 - share * (1.0 - supplied));
        if owned > 0.0 {
            // Rent on what was made from the owners' commons.
            enterprise.rent_due +=
                owned * output * share * enterprise.price * economy.private_rent_share;
        }
        enterprise.workforce = workforce;
        enterprise.output = output;
        enterprise.inventory += output;
        flows.employ(s, possible[s]);
        flows.produce(s, output);
        employed += workforce;
        output_value += output * economy.base_price[s];
        // Carbon: what the output would emit, less what the firm abates;
        // it pays the charge on the rest and the abatement's cost, the
        // area under the marginal cost line, at month end.
        let unabated = output
            * economy.base_price[s]
            * economy.emission_intensity[s]
            * enterprise.emission_intensity;
        let tonnes = unabated * (1.0 - abated);
        tonnes_emitted[s] = tonnes;
        let carbon = policy.carbon_price * tonnes;
        let abatement = economy.abatement_cost_full * abated * abated / 2.0 * unabated;
        enterprise.carbon_due += carbon;
        enterprise.abatement_due += abatement;
        // A unit's cost: the wage over output per worker, with the carbon
        // charge and abatement per unit made. Output per worker is the
        // plan's, before a drought or a short commons cuts what each worker
        // makes: scarcity reaches the price through excess demand instead.
        let productivity = plans[s].1;
        if productivity > 0.0 && output > 0.0 {
            enterprise.unit_cost = labour.wage / productivity + (carbon + abatement) / output;
        }
    }

    share_out_employment(economy, &mut cohorts.0, &weights, employed);
    *stats = RegionStats {
        labour_force,
        employed,
        monitors,
        staff,
        administrators,
        researchers,
        builders,
        output_value,
        ..stats.clone()
    };
    (flows, tonnes_emitted)
}

/// Takes `need` resource units from the region's commons, in proportion to
/// their stocks, and returns what was taken and the share of people who kept
/// the cap (0 under open access). Open access takes all that is needed while
/// stock lasts. Under a cap, those who comply take no more than their share
/// of it; the rest take what production asks. Who complies depends on the
/// form: under community governance, reciprocators, trusting conditional
/// cooperators and caught free riders; under the state, reciprocators and
/// whoever is caught; under private ownership, everyone (the owner excludes).
///
/// In an emergency a community or state cap is relaxed: it allows
/// `emergency_commons_draw` a month of the stock above a floor of
/// `emergency_commons_floor` times the tipping threshold beyond the usual
/// cap. The commons is the largest buffer a region has; drawing on it
/// feeds people now and costs regrowth later, while the floor keeps the
/// stock where regrowth is at its full rate, well short of collapse.
fn harvest(
    economy: &Economy,
    society: &Society,
    policy: &Policy,
    commons: &mut [Mut<Commons>],
    need: f64,
    drought: f64,
    emergency: bool,
) -> (f64, f64) {
    let total: f64 = commons.iter().map(|c| c.stock).sum();
    let count = commons.len();
    let compliance_under = |governance| {
        let caught = detection(economy, policy, governance, society);
        match governance {
            CommonsGovernance::OpenAccess => 0.0,
            CommonsGovernance::Community => {
                society.compliance(caught, economy.individualism_weight)
            }
            CommonsGovernance::State => society.imposed_compliance(caught),
            CommonsGovernance::Private => 1.0,
        }
    };
    let compliance = compliance_under(policy.commons_governance);
    // A community trust keeps its own cap: its users comply as a
    // community's do (the region reports the harvest-weighted mean).
    let mixed = (0..count).any(|c| policy.governance_of(c, count) != policy.commons_governance);
    let trusted = compliance_under(CommonsGovernance::Community);
    let mut taken = 0.0;
    let mut kept = 0.0;
    for (place, commons) in commons.iter_mut().enumerate() {
        let governance = policy.governance_of(place, count);
        let compliance = if governance == policy.commons_governance {
            compliance
        } else {
            trusted
        };
        let demand = if total > 0.0 {
            need * commons.stock / total
        } else {
            0.0
        };
        commons.cap = match governance {
            CommonsGovernance::OpenAccess => None,
            CommonsGovernance::Community | CommonsGovernance::State => {
                let cap = commons.monthly_cap(policy.cap_fraction, commons.quality(drought));
                let floor = economy.emergency_commons_floor * commons.tipping_threshold;
                let draw = if emergency {
                    policy.emergency_commons_draw * (commons.stock - floor).max(0.0)
                } else {
                    0.0
                };
                Some(cap + draw)
            }
            // An owner conserves a stock that regrows faster than money in
            // the bank, and mines one that does not.
            CommonsGovernance::Private => (commons.regeneration_rate
                > economy.capital_market_discount)
                .then(|| commons.monthly_cap(1.0, commons.quality(drought))),
        };
        let take = match commons.cap {
            Some(cap) => compliance * demand.min(cap) + (1.0 - compliance) * demand,
            None => demand,
        }
        .min(commons.stock);
        commons.stock -= take;
        commons.harvest = take;
        taken += take;
        kept += take * compliance;
    }
    if mixed && taken > 0.0 {
        (taken, kept / taken)
    } else {
        (taken, compliance)
    }
}
