//! Every mechanism has a cost, and the cost shows: need-based provision
//! costs contributions, overhead and effort, and over-use rises as trust
//! falls; a community cap harvests less than open access in good years;
//! more board seats cost more and decide more slowly; cooperatives with
//! short-horizon members invest less.

use bevy::prelude::*;
use mutualism_model::scenario::Scenario;
use mutualism_model::sim::base::goods::{Basic, Sector};
use mutualism_model::sim::ecology::Commons;
use mutualism_model::sim::economy::{Enterprise, InvestmentFund};
use mutualism_model::sim::institutions::{BasicsAllocation, CommonsGovernance, EnterpriseForm};
use mutualism_model::sim::people::{Cohorts, RegionStats};

use crate::support::{advance, app, listed, one_region, shipped};

/// Sums a figure over every entity with component `C` after each of
/// `months` months.
fn summed<C: Component>(scenario: &Scenario, months: u32, figure: impl Fn(&C) -> f64) -> f64 {
    let mut app = app(scenario);
    let mut total = 0.0;
    for _ in 0..months {
        advance(&mut app, 1);
        let world = app.world_mut();
        total += world.query::<&C>().iter(world).map(&figure).sum::<f64>();
    }
    total
}

#[test]
fn need_based_provision_costs_overhead_and_effort_and_over_use_rises_as_trust_falls() {
    let mut trusting = shipped("classroom.ron");
    trusting.policy.basics_allocation = BasicsAllocation::NeedBased;
    for region in &mut listed(&mut trusting).regions {
        region.trust = 0.9;
    }
    let mut wary = trusting.clone();
    for region in &mut listed(&mut wary).regions {
        region.trust = 0.1;
    }
    // Over-use: health care handed out per unit of its need met, in the
    // first months (before trust moves far). Free care is over-used; free
    // food, housing, schooling and fuel are not (see `provide_by_need`).
    let handed_out = |s: &Scenario| {
        summed::<Enterprise>(s, 6, |e| {
            if e.sector == Sector::Health {
                e.sold
            } else {
                0.0
            }
        })
    };
    let met = |s: &Scenario| {
        summed::<Cohorts>(s, 6, |c| {
            c.0.iter().map(|k| k.size * k.coverage[Basic::Health]).sum()
        })
    };
    let (per_need_trusting, per_need_wary) = (
        handed_out(&trusting) / met(&trusting),
        handed_out(&wary) / met(&wary),
    );
    println!(
        "health care per unit of its need met: trusting {per_need_trusting:.3}, wary {per_need_wary:.3}"
    );
    assert!(
        per_need_wary > per_need_trusting + 0.05,
        "over-use should rise as trust falls: {per_need_wary:.3} vs {per_need_trusting:.3}"
    );
    // Food handed out free is eaten, not over-used, whatever the trust.
    let food = |s: &Scenario| {
        summed::<Enterprise>(s, 6, |e| {
            if e.sector == Sector::Food {
                e.sold
            } else {
                0.0
            }
        }) / summed::<Cohorts>(s, 6, |c| {
            c.0.iter().map(|k| k.size * k.coverage[Basic::Food]).sum()
        })
    };
    let (food_trusting, food_wary) = (food(&trusting), food(&wary));
    println!("food per unit of its need met: trusting {food_trusting:.3}, wary {food_wary:.3}");
    assert!(
        (food_wary - food_trusting).abs() < 0.02,
        "no over-use of food: {food_wary:.3} vs {food_trusting:.3}"
    );

    // Overhead: administrators are paid and leave production; without the
    // overhead, the same provision leaves more workers making goods.
    let administrators = summed::<RegionStats>(&trusting, 12, |s| s.administrators);
    let mut unadministered = trusting.clone();
    unadministered.economy.admin_overhead = 0.0;
    let output = |s: &Scenario| summed::<RegionStats>(s, 12, |r| r.output_value);
    let (with, without) = (output(&trusting), output(&unadministered));
    println!(
        "administrators {administrators:.0} person-months; output with the overhead {with:.0}, without {without:.0}"
    );
    assert!(
        administrators > 0.0,
        "need-based provision should employ administrators"
    );
    assert!(
        with < without,
        "administration should cost output: {with:.0} vs {without:.0}"
    );

    // Effort: a higher contribution rate shrinks the labour offered.
    let mut taxed = trusting.clone();
    taxed.policy.contribution_rate = 0.5;
    let mut light = trusting.clone();
    light.policy.contribution_rate = 0.1;
    let labour = |s: &Scenario| summed::<RegionStats>(s, 1, |r| r.labour_force);
    assert!(
        labour(&taxed) < 0.95 * labour(&light),
        "contributions should lower work effort"
    );
}

#[test]
fn a_community_cap_harvests_less_than_open_access_in_good_years() {
    // A rich commons: open access does not yet run it down.
    let mut open = one_region(50_000.0, 200.0);
    open.policy.commons_governance = CommonsGovernance::OpenAccess;
    let mut capped = open.clone();
    capped.policy.commons_governance = CommonsGovernance::Community;
    capped.policy.cap_fraction = 0.5;
    capped.policy.monitoring_share = 0.03;
    let harvest = |s: &Scenario| summed::<Commons>(s, 36, |c| c.harvest);
    let (h_open, h_capped) = (harvest(&open), harvest(&capped));
    println!("harvest over three good years: open access {h_open:.0}, community cap {h_capped:.0}");
    assert!(
        h_capped < 0.95 * h_open,
        "the cap should cost harvest: {h_capped:.0} vs {h_open:.0}"
    );
}

#[test]
fn more_board_seats_cost_more_and_decide_more_slowly() {
    let mut few = shipped("classroom.ron");
    few.policy.enterprise_form = EnterpriseForm::MultiStakeholder;
    few.policy.basics_allocation = BasicsAllocation::Market;
    few.policy.board_seats = 4.0;
    let mut many = few.clone();
    many.policy.board_seats = 36.0;
    let overhead = |s: &Scenario| summed::<RegionStats>(s, 12, |r| r.admin_spending);
    assert!(
        overhead(&many) > 2.0 * overhead(&few),
        "36 seats should cost more than 4: {:.0} vs {:.0}",
        overhead(&many),
        overhead(&few)
    );
    // Slower decisions: after a drought, forecasts lag orders further.
    let lag = |s: &Scenario| {
        summed::<Enterprise>(s, 36, |e| {
            (e.orders - e.expected_demand).abs() / e.orders.max(1.0)
        })
    };
    assert!(
        lag(&many) > lag(&few),
        "more seats should revise forecasts more slowly"
    );
}

#[test]
fn cooperatives_with_short_horizon_members_invest_less() {
    let mut owned = shipped("classroom.ron");
    owned.policy.enterprise_form = EnterpriseForm::InvestorOwned;
    let mut coops = owned.clone();
    coops.policy.enterprise_form = EnterpriseForm::WorkerCooperative;
    let invested = |s: &Scenario| summed::<InvestmentFund>(s, 24, |f| f.capital + f.restoration);
    let (o, c) = (invested(&owned), invested(&coops));
    println!("investment over two years: investor-owned {o:.0}, cooperatives {c:.0}");
    assert!(
        c < 0.7 * o,
        "cooperatives should under-invest: {c:.0} vs {o:.0}"
    );
}

#[test]
fn boundary_protection_holds_back_market_creep_and_each_boundary_costs() {
    use mutualism_model::sim::institutions::Boundaries;
    use mutualism_model::sim::institutions::{InvestmentAllocation, PersonalAllocation};

    let mut open = shipped("classroom.ron");
    assert_eq!(open.policy.basics_allocation, BasicsAllocation::NeedBased);
    open.policy.boundary_protection = 0.0;
    let mut defended = open.clone();
    defended.policy.boundary_protection = 0.9;
    let creep = |s: &Scenario| summed::<Boundaries>(s, 240, |b| b.creep) / 240.0 / 12.0;
    let overhead = |s: &Scenario| summed::<Boundaries>(s, 24, |b| b.overhead);
    let (creep_open, creep_defended) = (creep(&open), creep(&defended));
    println!("mean creep over 20 years: undefended {creep_open:.3}, defended {creep_defended:.3}");
    assert!(
        creep_open > 0.2 && creep_defended < 0.5 * creep_open,
        "{creep_open:.3} vs {creep_defended:.3}"
    );
    assert_eq!(overhead(&open), 0.0, "an undefended boundary costs nothing");
    assert!(overhead(&defended) > 0.0, "defence costs administration");

    // Four logics (need, plan, markets, the state) keep three boundaries;
    // the mutualist preset's three logics keep two.
    let mut patchwork = defended.clone();
    patchwork.policy.personal_allocation = PersonalAllocation::CentralPlan;
    patchwork.policy.investment_allocation = InvestmentAllocation::CapitalMarkets;
    patchwork.policy.commons_governance = CommonsGovernance::State;
    let (two, three) = (overhead(&defended), overhead(&patchwork));
    println!("boundary overhead over two years: two boundaries {two:.0}, three {three:.0}");
    assert!(
        three > two,
        "more boundaries should cost more: {three:.0} vs {two:.0}"
    );
}

#[test]
fn markets_match_personal_goods_to_what_people_want_with_less_waste() {
    use mutualism_model::sim::base::goods::Sector;
    use mutualism_model::sim::institutions::PersonalAllocation;

    let mut market = shipped("classroom.ron");
    market.policy.basics_allocation = BasicsAllocation::Market;
    market.policy.personal_allocation = PersonalAllocation::Market;
    // Without stocks, what is sold each month is what is consumed.
    market.policy.reserve_months = 0.0;
    market.economy.pantry_months = 0.0;
    let mut handed_out = market.clone();
    handed_out.policy.personal_allocation = PersonalAllocation::NeedBased;
    // Consumption people valued, per unit of personal goods used up, over two
    // years (basics are bought by households in both runs).
    let valued_per_unit = |s: &Scenario| {
        let personal = |e: &Enterprise| {
            if e.sector == Sector::Personal {
                e.sold * e.price
            } else {
                0.0
            }
        };
        let consumed =
            summed::<Cohorts>(s, 24, |c| c.0.iter().map(|k| k.size * k.consumption).sum());
        let basics = summed::<Enterprise>(s, 24, |e| {
            if e.sector == Sector::Personal {
                0.0
            } else {
                e.sold * e.price
            }
        });
        (consumed - basics) / summed::<Enterprise>(s, 24, personal)
    };
    let (m, n) = (valued_per_unit(&market), valued_per_unit(&handed_out));
    println!(
        "value people got per unit of money spent on personal goods: market {m:.3}, need-based {n:.3}"
    );
    assert!(
        n < m - 0.05,
        "handing out personal goods should waste some on people who did not want them: {n:.3} vs {m:.3}"
    );
}

/// Over months 13 to 48 of the calm classroom under `preset` with the
/// carbon price at `carbon`: the mean energy price, energy sold a month,
/// and the fewest units any region's energy firm made in the last month.
fn energy(preset: &str, carbon: f64) -> [f64; 3] {
    let mut scenario = crate::support::calm_classroom();
    scenario.policy = crate::support::presets()
        .into_iter()
        .find(|(name, _)| name == preset)
        .unwrap()
        .1;
    scenario.policy.carbon_price = carbon;
    let mut app = app(&scenario);
    advance(&mut app, 12);
    let (mut price, mut sold, mut fewest) = (0.0, 0.0, f64::INFINITY);
    for _ in 0..36 {
        advance(&mut app, 1);
        let world = app.world_mut();
        let firms: Vec<(f64, f64, f64)> = world
            .query::<&Enterprise>()
            .iter(world)
            .filter(|e| e.sector == mutualism_model::sim::base::goods::Sector::Energy)
            .map(|e| (e.price, e.sold, e.output))
            .collect();

        price += firms.iter().map(|f| f.0).sum::<f64>() / firms.len() as f64 / 36.0;
        sold += firms.iter().map(|f| f.1).sum::<f64>() / 36.0;
        fewest = firms.iter().map(|f| f.2).fold(f64::INFINITY, f64::min);
    }
    [price, sold, fewest]
}

/// A carbon price reaches buyers: under markets a firm's price does not
/// stay below its unit cost, so charging for carbon raises the price of
/// energy, people buy less of it, and the energy firms keep working.
#[test]
fn a_carbon_price_raises_the_price_of_energy_and_lowers_its_use_without_killing_its_firms() {
    for preset in ["liberal_market", "social_market"] {
        let [free_price, free_sold, _] = energy(preset, 0.0);
        let [price, sold, fewest] = energy(preset, 0.45);
        println!(
            "{preset}: energy price {free_price:.3} without a carbon price, {price:.3} at 0.45; sold {free_sold:.0} vs {sold:.0}; the smallest energy firm made {fewest:.0} in the last month"
        );
        assert!(
            price > 1.2 * free_price,
            "{preset}: the charge should reach the price: {price:.3} vs {free_price:.3}"
        );
        assert!(
            sold < free_sold,
            "{preset}: dearer energy should sell less: {sold:.0} vs {free_sold:.0}"
        );
        assert!(
            fewest > 0.0,
            "{preset}: every energy firm still makes energy"
        );
    }
}
