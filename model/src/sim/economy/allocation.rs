//! Allocation: basics reach people by need-based provision or by market,
//! personal goods by market. The council keeps its public reserve first
//! (and hands it out under the emergency protocol), households their
//! pantries after buying basics (`reserves`). Prices then move with
//! excess demand and enterprises update their demand forecasts; unsold
//! stock spoils.

use bevy::ecs::query::QueryData;
use bevy::prelude::*;
use rayon::prelude::*;

use crate::sim::base::books::{Books, Flows, Money, transfer};
use crate::sim::base::calendar::MONTHS_PER_YEAR;
use crate::sim::base::goods::{Basic, PerBasic, PerSector, Sector};
use crate::sim::base::parallel::Faults;
use crate::sim::base::params::Economy;
use crate::sim::base::stats::gini;
use crate::sim::crisis::Emergency;
use crate::sim::economy::enterprise::Enterprise;
use crate::sim::economy::market::{Received, buy};
use crate::sim::economy::pay::pay_income;
use crate::sim::economy::reserves;
use crate::sim::institutions::{Boundaries, Council, EnterpriseForm, PersonalAllocation, Policy};
use crate::sim::people::{Climate, Cohort, Cohorts, PerCohort, Region, RegionStats, Society};
use crate::sim::{SimClock, WorldIndex};

/// What allocation reads and writes of each region.
#[derive(QueryData)]
#[query_data(mutable)]
pub(super) struct RegionData {
    region: &'static Region,
    cohorts: &'static mut Cohorts,
    society: &'static Society,
    policy: &'static Policy,
    stats: &'static mut RegionStats,
    boundaries: &'static Boundaries,
    climate: &'static Climate,
    emergency: &'static Emergency,
}

pub(crate) fn allocate(
    economy: Res<Economy>,
    index: Res<WorldIndex>,
    faults: Res<Faults>,
    mut books: ResMut<Books>,
    mut regions: Query<RegionData>,
    mut enterprises: Query<&mut Enterprise>,
    mut councils: Query<&mut Council>,
    clock: Res<SimClock>,
) {
    const PHASE: &str = "allocating";
    let (Some(regions), Some(mut firms), Some(councils)) = (
        faults.gather(&mut regions, &index.regions, PHASE, "regions"),
        faults.gather_by_sector(&mut enterprises, &index.enterprises, PHASE),
        faults.gather(&mut councils, &index.councils, PHASE, "councils"),
    ) else {
        return;
    };
    // Each region's people buy from their own enterprises and council, so
    // regions run side by side; their flows are added up in region order.
    let flows: Vec<Flows> = regions
        .into_par_iter()
        .zip(firms.par_iter_mut())
        .zip(councils)
        .map(|((region, sellers), mut council)| {
            allocate_region(&economy, clock.tick, region, sellers, &mut council)
        })
        .collect();
    for region in &flows {
        books.flows.add(region);
    }
}

// Over 100 lines: one region's month of allocation in the order its module's
// doc states (the public reserve, need-based provision, transfers, purchases,
// pantries); the steps share the cohorts' running budgets.
/// One region's month of allocation; returns the goods flows it recorded.
fn allocate_region(
    economy: &Economy,
    tick: u32,
    RegionDataItem {
        region: _,
        mut cohorts,
        society,
        policy,
        mut stats,
        boundaries,
        climate,
        emergency,
    }: RegionDataItem<'_, '_>,
    sellers: &mut PerSector<Mut<Enterprise>>,
    council: &mut Council,
) -> Flows {
    let mut flows = Flows::default();
    let population = cohorts.population();
    let need = need_per_person(economy, climate);
    let cohorts = &mut cohorts.0;
    for cohort in cohorts.iter_mut() {
        cohort.income = 0.0;
    }
    for seller in sellers.values_mut() {
        seller.sold = 0.0;
    }
    let supply = sellers.map(|_, seller| seller.inventory);
    let mut orders = PerSector::default();
    let mut received: PerCohort<Received> = smallvec::smallvec![Received::default(); cohorts.len()];

    // The council keeps its reserve, paying its storage as
    // administration, and out of an emergency buys towards its target
    // before anything else is bought.
    let target = if emergency.on {
        0.0
    } else {
        policy.reserve_months
    };
    stats.admin_spending = reserves::keep_public(
        economy,
        target,
        &need,
        population,
        policy.contribution_rate,
        &mut council.reserve,
        &mut council.funds,
        cohorts,
        sellers,
        &mut orders,
        &mut flows,
    );
    // The emergency protocol rations basics by need, whatever the
    // region's own allocation; out of one, the council provides by need
    // the goods its policy names (all of them, or a pilot's).
    let by_need = need.map(|g, need| {
        if emergency.on || policy.by_need(g) {
            *need
        } else {
            0.0
        }
    });
    let cash = policy.personal_allocation != PersonalAllocation::NeedBased;
    if by_need.values().any(|n| *n > 0.0) {
        let before = council.funds.get();
        stats.admin_spending += provide_by_need(
            economy,
            &by_need,
            society.trust,
            1.0 - boundaries.creep,
            policy.contribution_rate,
            cohorts,
            &mut council.funds,
            sellers,
            &mut orders,
            &mut received,
            &mut flows,
        );
        // A council keeps `council_reserve_months` of this month's
        // provision in hand and pays what it did not spend beyond
        // that back as an equal amount per person, so money does not
        // pile up unspent in councils (unless spare funds go to
        // personal goods).
        if cash {
            let reserve = economy.council_reserve_months * (before - council.funds.get());
            let spare = (council.funds.get() - reserve).max(0.0);
            pay_equally(&mut council.funds, cohorts, spare);
        }
    } else if cash {
        // The council pays its funds back out as an equal amount per
        // person: a cash transfer, not taxed again.
        let funds = council.funds.get();
        pay_equally(&mut council.funds, cohorts, funds);
    }
    if policy.personal_allocation == PersonalAllocation::NeedBased {
        hand_out_personal_goods(
            economy,
            population,
            cohorts,
            &mut council.funds,
            &mut sellers[Sector::Personal],
            &mut orders,
            &mut received,
            &mut flows,
        );
    }

    // While on, the protocol hands out the reserve, poorest first.
    stats.reserve_drawn = 0.0;
    if emergency.on {
        let prices = sellers.map(|_, seller| seller.price);
        stats.reserve_drawn = reserves::hand_out(
            economy,
            &need,
            &mut council.reserve,
            &prices,
            cohorts,
            &mut received,
            &mut flows,
        );
    }

    // Households spend a share of their money, on basics first.
    let mut budgets: PerCohort<f64> = cohorts
        .iter()
        .map(|c| c.spend_propensity * c.money.get())
        .collect();
    for g in Basic::ALL {
        let price = sellers[g].price;
        let wants: PerCohort<f64> = cohorts
            .iter()
            .zip(&received)
            .zip(&budgets)
            .map(|((c, r), budget)| (c.size * need[g] - r.met[g]).max(0.0).min(budget / price))
            .collect();
        let wanted: f64 = wants.iter().sum();
        orders[g] += wanted;

        // When stock is short, every buyer gets the same share of what it
        // asked for at the posted price, under a plan (rationing) and a
        // market alike (a shop that runs out serves whoever came first,
        // whatever their income). A market prices the poorest out as its
        // price rises over the months of a shortage (Sen 1981, Poverty and
        // Famines), through what their budgets pay, not by serving them
        // last.
        let stock = sellers[g].inventory.max(0.0);
        let rationed = if wanted > stock { stock / wanted } else { 1.0 };
        let mut left = stock;
        for c in (0..cohorts.len()).rev() {
            let units = (wants[c] * rationed).min(left);
            left -= units;
            let (_, paid) = sell(&mut cohorts[c].money, &mut sellers[g], units, &mut flows);
            budgets[c] -= paid;
            received[c].met[g] += units;
            received[c].value += paid;
        }
    }
    // Households eat from their pantries what they could not buy, and
    // stock them from what is left.
    reserves::keep_pantries(
        economy,
        economy.pantry_months * society.individualism,
        &need,
        cohorts,
        &mut budgets,
        sellers,
        &mut orders,
        &mut received,
        &mut flows,
    );
    // Personal goods: what is left of the budget, rationed evenly if short.
    let personal = Sector::Personal;
    let price = sellers[personal].price;
    let wants: PerCohort<f64> = budgets.iter().map(|b| b.max(0.0) / price).collect();
    let wanted: f64 = wants.iter().sum();
    orders[personal] += wanted;
    let filled = if wanted > sellers[personal].inventory {
        sellers[personal].inventory / wanted
    } else {
        1.0
    };
    for (c, want) in wants.iter().enumerate() {
        let (_, paid) = sell(
            &mut cohorts[c].money,
            &mut sellers[personal],
            want * filled,
            &mut flows,
        );
        received[c].value += paid;
    }

    for (s, seller) in sellers.iter_mut() {
        let planned = policy.plans(s);
        // A stakeholder board revises its forecast more slowly the more
        // seats it has.
        let smoothing = if seller.form == EnterpriseForm::MultiStakeholder {
            economy.demand_smoothing / (1.0 + policy.board_seats / economy.board_reference_seats)
        } else {
            economy.demand_smoothing
        };
        settle_market(
            economy, seller, supply[s], orders[s], planned, smoothing, &mut flows,
        );
        seller.order_history[(tick % MONTHS_PER_YEAR) as usize] = orders[s];
    }
    for (cohort, r) in cohorts.iter_mut().zip(&received) {
        let per_person = |x: f64| {
            if cohort.size > 0.0 {
                x / cohort.size
            } else {
                0.0
            }
        };
        cohort.coverage = PerBasic::from_fn(|g| (per_person(r.met[g]) / need[g]).min(1.0));
        cohort.consumption = per_person(r.value);
    }
    stats.gini = gini(cohorts.iter().map(|c| (c.consumption, c.size)));
    flows
}

/// Need-based personal goods: the council spends its funds (what basics left)
/// on personal goods and hands them out equally per person. A
/// `preference_mismatch` share goes to people who did not want what they
/// got: used up, but nobody's consumption; markets avoid that waste.
fn hand_out_personal_goods(
    economy: &Economy,
    population: f64,
    cohorts: &[Cohort],
    funds: &mut Money,
    seller: &mut Enterprise,
    orders: &mut PerSector<f64>,
    received: &mut [Received],
    flows: &mut Flows,
) {
    if population <= 0.0 || seller.price <= 0.0 {
        return;
    }
    let wanted = funds.get() / seller.price;
    orders[Sector::Personal] += wanted;
    let (_, paid) = sell(funds, seller, wanted, flows);
    for (cohort, r) in cohorts.iter().zip(received.iter_mut()) {
        r.value += paid * cohort.size / population * (1.0 - economy.preference_mismatch);
    }
}

/// A purchase for use this month: [`buy`], and what was bought is consumed.
fn sell(purse: &mut Money, seller: &mut Enterprise, units: f64, flows: &mut Flows) -> (f64, f64) {
    let (units, paid) = buy(purse, seller, units);
    flows.consume(seller.sector, units);
    (units, paid)
}

/// Pays `amount` from `funds` to every person alike, as cash not taxed
/// again.
fn pay_equally(funds: &mut Money, cohorts: &mut [Cohort], amount: f64) {
    let members = members(cohorts);
    if members <= 0.0 {
        return;
    }
    for cohort in cohorts.iter_mut().filter(|c| !c.excluded) {
        cohort.income += transfer(funds, &mut cohort.money, amount * cohort.size / members);
    }
}

/// The people the region's institutions count as members: all but the
/// cohorts they leave out.
fn members(cohorts: &[Cohort]) -> f64 {
    cohorts.iter().filter(|c| !c.excluded).map(|c| c.size).sum()
}

/// Units of each basic good a person needs this month: one of each, and
/// during an epidemic `pandemic_care` more health care for each person sick
/// (the share `infected`), so the sick need more care and a health sector
/// that cannot make it leaves health coverage short.
fn need_per_person(economy: &Economy, climate: &Climate) -> PerBasic<f64> {
    let mut need = PerBasic::splat(1.0);
    need[Basic::Health] += economy.pandemic_care * climate.infected;
    need
}

/// Over-use of free provision, per basic good, at a region's trust: free
/// health care is used more the less people trust each other (moral
/// hazard: the RAND Health Insurance Experiment found about 30% more use of
/// free care); food, housing, schooling and fuel handed out are used as
/// bought ones are (in-kind food transfers are spent like cash, Hoynes and
/// Schanzenbach 2009), so they have none.
fn overuse(economy: &Economy, trust: f64) -> PerBasic<f64> {
    PerBasic::from_fn(|g| {
        if g == Basic::Health {
            economy.overuse_at_zero_trust * (1.0 - trust)
        } else {
            0.0
        }
    })
}

/// What a council providing by need spends on each basic good when its
/// money does not reach every request: each good's share of the money is
/// its share of what the requests cost at today's prices, so every good
/// meets the same share of its request. A good grown dear (food in a
/// drought) gets more money rather than less of its need, as households,
/// who buy food first, would have it.
fn budgets(money: f64, request: &PerBasic<f64>, prices: &PerBasic<f64>) -> PerBasic<f64> {
    let cost: f64 = request.iter().map(|(g, units)| units * prices[g]).sum();
    PerBasic::from_fn(|g| {
        if cost > 0.0 {
            money.min(cost) * request[g] * prices[g] / cost
        } else {
            0.0
        }
    })
}

/// Need-based provision: the council orders every person's need of each basic
/// good (less the share market creep has taken), plus the over-use of free
/// health care that low trust brings ([`overuse`]), pays an administrative
/// overhead on top, buys what its funds and the stock allow (shared among
/// the goods by [`budgets`]), and hands it out equally per person. Returns
/// the overhead spent.
fn provide_by_need(
    economy: &Economy,
    need: &PerBasic<f64>,
    trust: f64,
    provided_share: f64,
    contribution_rate: f64,
    cohorts: &mut [Cohort],
    funds: &mut Money,
    sellers: &mut PerSector<Mut<Enterprise>>,
    orders: &mut PerSector<f64>,
    received: &mut [Received],
    flows: &mut Flows,
) -> f64 {
    // Free provision invites over-use, more the less people trust each other.
    // It is for members only: a cohort left out gets no share.
    let overuse = overuse(economy, trust);
    let members = members(cohorts);
    let request = need.map(|g, need| members * need * provided_share * (1.0 + overuse[g]));
    let cost: f64 = request
        .iter()
        .map(|(g, units)| units * sellers[g].price)
        .sum();
    if cost <= 0.0 {
        return 0.0;
    }
    let goods_money = cost.min(funds.get() / (1.0 + economy.admin_overhead));
    let overhead = goods_money * economy.admin_overhead;
    // Administrators are paid like any worker, from the council's funds.
    let overhead = pay_income(
        funds,
        cohorts,
        Cohort::labour_weight,
        None,
        contribution_rate,
        overhead,
    );
    let prices = PerBasic::from_fn(|g| sellers[g].price);
    let budgets = budgets(goods_money, &request, &prices);
    for g in Basic::ALL {
        let wanted = request[g].min(budgets[g] / prices[g].max(f64::MIN_POSITIVE));
        orders[g] += wanted;
        let (units, paid) = sell(funds, &mut sellers[g], wanted, flows);
        for (cohort, r) in cohorts.iter().zip(received.iter_mut()) {
            let share = if members > 0.0 && !cohort.excluded {
                cohort.size / members
            } else {
                0.0
            };
            r.met[g] += units * share / (1.0 + overuse[g]);
            r.value += paid * share;
        }
    }
    overhead
}

/// Closes one enterprise's month in the market: the price moves with excess
/// demand (`exp(price_adjustment × clamp((orders − supply)/supply, −1, 1))`),
/// administered prices of planned sectors more slowly,
/// the forecast moves towards orders, and a share of unsold stock spoils.
/// With nothing on offer the price rises the full step while the firm has
/// workers (a shortage: its next output is dear), and holds once it has
/// none: a firm that has stopped has no sale to say what the good is worth
/// (else its price would rise every month without end, and the little its
/// region still eats from pantries would be valued at it).
///
/// A firm on a hard budget does not sell below its unit cost for long:
/// while it sells at a price under what a unit cost it to make, the price
/// does not fall and rises by up to the full step a month towards the
/// cost, so wages, a carbon charge and abatement reach buyers. Most firms
/// set prices as a markup on cost (Blinder et al. 1998, Asking About
/// Prices; the markup rule of the Keynes+Schumpeter models, Dosi, Fagiolo
/// and Roventini 2010). With no orders the glut lowers the price as
/// usual, so a good nobody buys at its cost is not held there. Planned
/// prices are administered, and a state firm's soft budget covers its
/// losses, so neither has the floor.
fn settle_market(
    economy: &Economy,
    seller: &mut Enterprise,
    supply: f64,
    orders: f64,
    planned: bool,
    smoothing: f64,
    flows: &mut Flows,
) {
    let excess = if supply > 0.0 {
        ((orders - supply) / supply).clamp(-1.0, 1.0)
    } else if orders > 0.0 && seller.workforce > 0.0 {
        1.0
    } else {
        0.0
    };
    let speed = if planned {
        economy.plan_price_adjustment
    } else {
        economy.price_adjustment
    };
    let before = seller.price;
    seller.price *= (speed * excess).exp();
    let hard = !planned && seller.form != EnterpriseForm::StateOwned;
    if hard && orders > 0.0 {
        seller.price = cost_floor(before, seller.price, seller.unit_cost, speed);
    }
    // What it shipped to other regions this month is demand too: a region
    // that feeds a city plans to go on feeding it.
    seller.expected_demand += smoothing * (orders + seller.exported - seller.expected_demand);
    seller.orders = orders;
    let s = seller.sector;
    let spoiled = seller.inventory * economy.spoilage_monthly[s];
    seller.inventory -= spoiled;
    flows.depreciate(s, spoiled);
}

/// A price that excess demand moved from `before` to `moved`, held by a
/// unit cost of `cost`: below the cost it does not fall, and rises by up to
/// `step` (in logs) towards the cost; at or above the cost it is as moved.
fn cost_floor(before: f64, moved: f64, cost: f64, step: f64) -> f64 {
    if moved < cost {
        cost.min(before * step.exp()).max(moved)
    } else {
        moved
    }
}

#[cfg(test)]
mod tests {
    use super::{budgets, cost_floor};
    use crate::sim::base::goods::{Basic, PerBasic};

    #[test]
    fn short_of_money_every_basic_good_meets_the_same_share_of_its_request() {
        let request = PerBasic::splat(10.0);
        // Food twice as dear as the rest; money for four fifths of it all.
        let prices = PerBasic::from_fn(|g| if g == Basic::Food { 2.0 } else { 1.0 });
        let cost: f64 = request.iter().map(|(g, units)| units * prices[g]).sum();
        let spent = budgets(0.8 * cost, &request, &prices);
        for g in Basic::ALL {
            let met = spent[g] / prices[g] / request[g];
            assert!((met - 0.8).abs() < 1e-12, "{g:?} meets {met}");
        }
        let enough = budgets(2.0 * cost, &request, &prices);
        assert!(
            Basic::ALL
                .iter()
                .all(|&g| (enough[g] - request[g] * prices[g]).abs() < 1e-12),
            "with money to spare, each request is bought whole"
        );
    }

    #[test]
    fn a_price_below_cost_does_not_fall_and_climbs_a_step_a_month_towards_it() {
        let step = 0.1;
        assert_eq!(
            cost_floor(1.0, 1.2, 1.0, step),
            1.2,
            "above cost: as demand moved it"
        );
        assert_eq!(
            cost_floor(1.0, 0.9, 0.5, step),
            0.9,
            "a fall that stays above cost stands"
        );
        let climbed = cost_floor(1.0, 0.9, 2.0, step);
        assert!(
            (climbed - step.exp()).abs() < 1e-12,
            "a glut below cost does not lower it; it climbs a step: {climbed}"
        );
        assert_eq!(
            cost_floor(1.0, 1.0, 1.05, step),
            1.05,
            "and stops at the cost"
        );
    }
}
