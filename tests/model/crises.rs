//! Crises: each kind of shock engages its channel (capital destroyed,
//! commons that carry less, more people), goes to the event log with its
//! month and place, and opens a resilience episode that scores deeper and
//! longer drops lower. A shock sent live at a month reproduces the same shock
//! written in the timeline, bit for bit.

use bevy::prelude::*;
use mutualism_model::scenario::{Event, Regions, Scenario, Shock};
use mutualism_model::sim::base::goods::Sector;
use mutualism_model::sim::crisis::{Emergency, Episodes, EventLog, ShockQueue};
use mutualism_model::sim::ecology::{Commons, CommonsKind};
use mutualism_model::sim::economy::Enterprise;
use mutualism_model::sim::institutions::BasicsAllocation;
use mutualism_model::sim::people::{Cohorts, Region};
use mutualism_model::sim::world::hash::state_hash;

use crate::support::{advance, app, calm_classroom};

fn with_shock(tick: u32, shock: Shock) -> Scenario {
    let mut scenario = calm_classroom();
    scenario.timeline.push(Event { tick, shock });
    scenario
}

/// Region 0's figure, read from the world.
fn region_0<T>(app: &mut App, read: impl Fn(&mut World, &Region) -> T) -> T {
    let world = app.world_mut();
    let region = world
        .query::<&Region>()
        .iter(world)
        .find(|r| r.id == 0)
        .expect("region 0")
        .clone();
    read(world, &region)
}

fn capital(app: &mut App) -> f64 {
    region_0(app, |world, region| {
        region
            .enterprises
            .values()
            .map(|&e| world.get::<Enterprise>(e).unwrap().capital)
            .sum()
    })
}

fn output(app: &mut App) -> f64 {
    region_0(app, |world, region| {
        region
            .enterprises
            .values()
            .map(|&e| world.get::<Enterprise>(e).unwrap().output)
            .sum()
    })
}

fn log_lines(app: &App) -> Vec<String> {
    app.world()
        .resource::<EventLog>()
        .0
        .iter()
        .map(|e| e.to_string())
        .collect()
}

#[test]
fn a_supply_shock_destroys_capital_cuts_output_and_investment_rebuilds_it() {
    let shock = Shock::SupplyShock {
        regions: Regions::Only(vec![0]),
        share: 0.5,
        links: 0.0,
    };
    let mut struck = app(&with_shock(12, shock));
    let mut calm = app(&calm_classroom());
    advance(&mut struck, 12);
    advance(&mut calm, 12);
    let before = capital(&mut struck);
    advance(&mut struck, 1);
    advance(&mut calm, 1);
    let after = capital(&mut struck);
    assert!(
        after < 0.55 * before,
        "half the capital is gone at once: {before:.0} → {after:.0}"
    );
    advance(&mut struck, 5);
    advance(&mut calm, 5);
    let (hit, control) = (output(&mut struck), output(&mut calm));
    assert!(
        hit < 0.97 * control,
        "output falls with capital: {hit:.0} against {control:.0} without the shock"
    );
    // Slowly, with wages that fall no faster than the record: ten years
    // on, +8%; with no bound on pay cuts, as before stop 32, over +10%.
    advance(&mut struck, 120);
    let rebuilt = capital(&mut struck);
    assert!(
        rebuilt > after * 1.05,
        "investment rebuilds capital over ten years: {after:.0} → {rebuilt:.0}"
    );
    let lines = log_lines(&struck);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Month 12, ") && l.contains("supply shock: 50%")),
        "the log names month, place and shock: {lines:?}"
    );
}

#[test]
fn a_scarcity_shrinks_the_commons_while_it_lasts_and_they_regrow_after() {
    let shock = Shock::Scarcity {
        regions: Regions::Only(vec![0]),
        share: 0.5,
        months: 48,
    };
    let stock = |app: &mut App| {
        region_0(app, |world, region| {
            region
                .commons
                .iter()
                .map(|&c| world.get::<Commons>(c).unwrap().stock)
                .sum::<f64>()
        })
    };
    // The price of food, what the commons feed, over the scarcity.
    let food = |app: &mut App| {
        region_0(app, |world, region| {
            world
                .get::<Enterprise>(region.enterprises[Sector::Food])
                .map_or(0.0, |e| e.price)
        })
    };
    let mut struck = app(&with_shock(12, shock));
    let mut calm = app(&calm_classroom());
    advance(&mut struck, 12);
    advance(&mut calm, 12);
    let start = stock(&mut struck);
    let (mut dear, mut dear_calm) = (0.0, 0.0);
    for _ in 0..48 {
        advance(&mut struck, 1);
        advance(&mut calm, 1);
        dear += food(&mut struck) / 48.0;
        dear_calm += food(&mut calm) / 48.0;
    }
    let (low, control) = (stock(&mut struck), stock(&mut calm));
    assert!(
        low < 0.75 * control,
        "the stock dies back towards what the commons can carry: {start:.0} → {low:.0}, {control:.0} without"
    );
    assert!(
        dear > dear_calm,
        "food is dearer while it lasts: {dear:.3} against {dear_calm:.3}"
    );
    advance(&mut struck, 60);
    let regrown = stock(&mut struck);
    assert!(
        regrown > 1.2 * low,
        "the stock regrows once the scarcity ends: {low:.0} → {regrown:.0}"
    );
    let lines = log_lines(&struck);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Month 60, ") && l.contains("scarcity over")),
        "the end is logged: {lines:?}"
    );
}

/// A region's figures, by id.
#[test]
fn a_wildfire_burns_the_forests_alone_and_they_regrow() {
    let shock = Shock::Wildfire {
        regions: Regions::All,
        share: 0.6,
    };
    // The forests' stock and the other commons' stock, world-wide.
    let stocks = |app: &mut App| {
        let world = app.world_mut();
        let (mut forest, mut other) = (0.0, 0.0);
        for commons in world.query::<&Commons>().iter(world) {
            match commons.kind {
                CommonsKind::Forest => forest += commons.stock,
                _ => other += commons.stock,
            }
        }
        (forest, other)
    };
    let mut struck = app(&with_shock(12, shock));
    let mut calm = app(&calm_classroom());
    advance(&mut struck, 13);
    advance(&mut calm, 13);
    let ((forest, other), (forest_calm, other_calm)) = (stocks(&mut struck), stocks(&mut calm));
    println!("forest {forest:.0} vs {forest_calm:.0}, other commons {other:.0} vs {other_calm:.0}");
    assert!(
        forest < 0.5 * forest_calm,
        "the forests burn: {forest:.0} against {forest_calm:.0}"
    );
    assert!(
        other > 0.0 && (other - other_calm).abs() < 0.01 * other_calm,
        "other commons do not burn: {other:.0} against {other_calm:.0}"
    );
    advance(&mut struck, 60);
    let (regrown, _) = stocks(&mut struck);
    assert!(
        regrown > 1.2 * forest,
        "the forests regrow: {forest:.0} → {regrown:.0}"
    );
    let lines = log_lines(&struck);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("wildfire: 60% of the forests burn")),
        "it is logged: {lines:?}"
    );
}

fn stats_of(app: &mut App, id: u32) -> mutualism_model::sim::people::RegionStats {
    let world = app.world_mut();
    world
        .query::<(&Region, &mutualism_model::sim::people::RegionStats)>()
        .iter(world)
        .find(|(r, _)| r.id == id)
        .expect("the region")
        .1
        .clone()
}

/// Region 0's cohorts.
fn cohorts_0(app: &mut App) -> Cohorts {
    cohorts_of(app, 0)
}

/// A region's cohorts, by id.
fn cohorts_of(app: &mut App, id: u32) -> Cohorts {
    let world = app.world_mut();
    world
        .query::<(&Region, &Cohorts)>()
        .iter(world)
        .find(|(r, _)| r.id == id)
        .expect("the region")
        .1
        .clone()
}

#[test]
fn a_migration_wave_adds_people_without_money_and_strains_the_region() {
    let shock = Shock::MigrationWave {
        regions: Regions::Only(vec![0]),
        growth: 0.5,
    };
    let people_and_money = |app: &mut App| {
        let cohorts = cohorts_0(app);
        let money: f64 = cohorts.0.iter().map(|c| c.money.get()).sum();
        (cohorts.population(), money / cohorts.population())
    };
    let mut struck = app(&with_shock(12, shock));
    let mut calm = app(&calm_classroom());
    advance(&mut struck, 12);
    advance(&mut calm, 12);
    let (before, money_before) = people_and_money(&mut struck);
    advance(&mut struck, 1);
    advance(&mut calm, 1);
    let (after, money_after) = people_and_money(&mut struck);
    // Less the month's deaths among the poorest the newcomers join.
    assert!(
        (after / before - 1.5).abs() < 0.03,
        "half as many people again: {before:.0} → {after:.0}"
    );
    assert!(
        money_after < 0.75 * money_before,
        "newcomers bring no money: {money_before:.1} → {money_after:.1} a head"
    );
    advance(&mut struck, 11);
    advance(&mut calm, 11);
    let capability = |app: &mut App| cohorts_0(app).mean(|c| c.capability());
    let (hit, control) = (capability(&mut struck), capability(&mut calm));
    assert!(
        hit < control,
        "the same firms and commons serve more people: capability {hit:.3} against {control:.3}"
    );
}

#[test]
fn resilience_scores_a_deeper_shock_lower_and_counts_its_episodes() {
    let run = |severity: f64| {
        let shock = Shock::Drought {
            regions: Regions::All,
            severity,
            months: 24,
        };
        let mut app = app(&with_shock(12, shock));
        advance(&mut app, 96);
        let row = *crate::support::rows(&app).last().unwrap();
        let episodes = app.world().resource::<Episodes>().list.clone();
        (row, episodes)
    };
    let (calm_row, _) = {
        let mut app = app(&calm_classroom());
        advance(&mut app, 96);
        (*crate::support::rows(&app).last().unwrap(), ())
    };
    assert_eq!(
        (calm_row.resilience, calm_row.episodes),
        (100.0, 0.0),
        "no shock, no episode"
    );
    let (mild, _) = run(0.3);
    let (harsh, episodes) = run(1.0);
    println!(
        "resilience {:.1} (mild) / {:.1} (harsh); depth {:.2} / {:.2} points; months below {:.1} / {:.1}",
        mild.resilience,
        harsh.resilience,
        mild.episode_depth,
        harsh.episode_depth,
        mild.episode_months,
        harsh.episode_months
    );
    let regions = calm_classroom().world.region_count() as f64;
    assert_eq!(harsh.episodes, regions, "one episode per region struck");
    assert!(
        harsh.episode_depth > mild.episode_depth,
        "a harsher drought cuts deeper: {:.2} vs {:.2}",
        harsh.episode_depth,
        mild.episode_depth
    );
    assert!(
        harsh.resilience < mild.resilience && harsh.resilience < 100.0,
        "and scores lower: {:.1} vs {:.1}",
        harsh.resilience,
        mild.resilience
    );
    assert!(
        episodes.iter().all(|e| e.start == 12 && e.before > 0.0),
        "episodes open at the strike, from the month before: {episodes:?}"
    );
}

#[test]
fn a_shock_sent_live_reproduces_the_same_shock_in_the_timeline() {
    let shock = Shock::SupplyShock {
        regions: Regions::Federation(0),
        share: 0.3,
        links: 0.3,
    };
    let mut written = app(&with_shock(10, shock.clone()));
    advance(&mut written, 30);
    let mut live = app(&calm_classroom());
    advance(&mut live, 10);
    live.world_mut().resource_mut::<ShockQueue>().send(shock);
    advance(&mut live, 20);
    assert_eq!(
        state_hash(written.world_mut()),
        state_hash(live.world_mut()),
        "the same shock at the same month, bit for bit"
    );
    assert_eq!(log_lines(&written), log_lines(&live));
}

/// Goods that crossed trade links last month.
fn goods_traded(world: &mut World) -> f64 {
    world
        .query::<&mutualism_model::sim::institutions::Link>()
        .iter(world)
        .filter(|l| l.kind == mutualism_model::sim::institutions::LinkKind::Trade)
        .map(|l| l.flow.abs())
        .sum()
}

/// Region ids with anyone sick, and the goods that crossed trade links, over
/// the first months of a pandemic that starts in region 0, its peak there,
/// and the most exposure any link carried (the disease channel).
fn pandemic(restrictions: f64) -> (Vec<u32>, f64, f64, f64) {
    let mut scenario = with_shock(
        12,
        Shock::Pandemic {
            regions: Regions::Only(vec![0]),
            infected: 0.01,
        },
    );
    scenario.policy.travel_restrictions = restrictions;
    let mut app = app(&scenario);
    advance(&mut app, 12);
    let mut traded = 0.0;
    let mut reached = Vec::new();
    let mut sick_peak: f64 = 0.0;
    let mut carried: f64 = 0.0;
    for _ in 0..6 {
        advance(&mut app, 1);
        let world = app.world_mut();
        traded += goods_traded(world);
        for channels in world
            .query::<&mutualism_model::sim::institutions::Channels>()
            .iter(world)
        {
            carried = carried.max(channels.disease.abs());
        }
        for (region, climate) in world
            .query::<(&Region, &mutualism_model::sim::people::Climate)>()
            .iter(world)
        {
            if climate.infected > 1e-3 && !reached.contains(&region.id) {
                reached.push(region.id);
            }
            if region.id == 0 {
                sick_peak = sick_peak.max(climate.infected);
            }
        }
    }
    (reached, traded, sick_peak, carried)
}

#[test]
fn a_pandemic_spreads_along_links_and_travel_restrictions_slow_it_at_a_cost_in_trade() {
    let (open_reach, open_trade, peak, carried) = pandemic(0.0);
    let (shut_reach, shut_trade, _, carried_shut) = pandemic(0.9);
    println!(
        "in six months: {} regions reached with open borders, {} with 90% restrictions; trade {open_trade:.0} vs {shut_trade:.0}; region 0's peak {peak:.3} sick",
        open_reach.len(),
        shut_reach.len()
    );
    assert!(
        peak > 0.1,
        "it takes hold at home: {peak:.3} sick at the peak"
    );
    assert!(
        open_reach.len() > 1,
        "it crosses links to neighbours: {open_reach:?}"
    );
    assert!(
        shut_reach.len() < open_reach.len(),
        "restrictions keep it from some regions: {shut_reach:?} vs {open_reach:?}"
    );
    assert!(
        shut_trade < 0.5 * open_trade,
        "at a cost in trade: {shut_trade:.0} vs {open_trade:.0}"
    );
    assert!(
        carried > 0.0 && carried_shut < carried,
        "the links' disease channel carries it, less when restricted: {carried:.5} vs {carried_shut:.5}"
    );
}

#[test]
fn the_sick_cannot_work_and_some_die() {
    let shock = Shock::Pandemic {
        regions: Regions::All,
        infected: 0.01,
    };
    let mut struck = app(&with_shock(12, shock));
    let mut calm = app(&calm_classroom());
    advance(&mut struck, 16);
    advance(&mut calm, 16);
    let (hit, control) = (output(&mut struck), output(&mut calm));
    let (people, people_calm) = (
        crate::support::latest(&struck).population,
        crate::support::latest(&calm).population,
    );
    assert!(
        hit < 0.97 * control,
        "output falls while people are sick: {hit:.0} vs {control:.0}"
    );
    assert!(
        people < people_calm,
        "and some die: {people:.0} vs {people_calm:.0}"
    );
}

/// The classroom with an emergency protocol, its basics allocated as
/// `basics`, a drought from month 12 and a run of 120 months: the log lines
/// on the protocol in region `id`, its months of powers held, and its
/// personal goods, its poorest's basics and what its council spent
/// administering provision by need over the drought's first two years.
fn emergency_run(
    id: u32,
    drought: Shock,
    basics: BasicsAllocation,
    (threshold, sunset, curtailment): (f64, f64, f64),
) -> (Vec<String>, u32, f64, f64, f64) {
    let mut scenario = with_shock(12, drought);
    scenario.policy.basics_allocation = basics;
    scenario.policy.emergency_threshold = threshold;
    scenario.policy.emergency_sunset_months = sunset;
    scenario.policy.emergency_curtailment = curtailment;
    let mut app = app(&scenario);
    advance(&mut app, 12);
    let (mut personal, mut poorest, mut provided) = (0.0, 0.0, 0.0);
    for _ in 0..24 {
        advance(&mut app, 1);
        let world = app.world_mut();
        let (region, cohorts) = world
            .query::<(&Region, &Cohorts)>()
            .iter(world)
            .find(|(r, _)| r.id == id)
            .map(|(r, c)| (r.clone(), c.clone()))
            .unwrap();
        personal += world
            .get::<Enterprise>(region.enterprises[Sector::Personal])
            .unwrap()
            .output;
        poorest += cohorts.0[0].basics_coverage() / 24.0;
        let entity = world_entity(world, id);
        provided += world
            .get::<mutualism_model::sim::people::RegionStats>(entity)
            .unwrap()
            .admin_spending;
    }
    advance(&mut app, 84);
    let world = app.world_mut();
    let (name, held) = world
        .query::<(&Region, &Emergency)>()
        .iter(world)
        .find(|(r, _)| r.id == id)
        .map(|(r, e)| (format!(", {}: emergency", r.name), e.months_held))
        .unwrap();
    let lines = log_lines(&app)
        .into_iter()
        .filter(|l| l.contains(&name))
        .collect();
    (lines, held, personal, poorest, provided)
}

#[test]
fn the_emergency_protocol_ends_at_its_sunset_unless_renewed_and_without_one_stays() {
    // A two-year drought takes Greystone's poorest a fifth and more under
    // their normal; they are back above it within a few years.
    let drought = Shock::Drought {
        regions: Regions::Federation(1),
        severity: 0.9,
        months: 24,
    };
    let need = BasicsAllocation::NeedBased;
    let (lines, held, ..) = emergency_run(6, drought.clone(), need, (0.9, 6.0, 0.5));
    let (_, held_forever, ..) = emergency_run(6, drought, need, (0.9, 0.0, 0.5));
    println!("{lines:#?}\nheld {held} months with a six-month sunset, {held_forever} without one");
    assert!(
        lines.iter().any(|l| l.contains("emergency protocol on")),
        "the drought trips it: {lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.contains("ended at its sunset")),
        "it ends at a sunset once the poorest are not short: {lines:?}"
    );
    assert!(
        held_forever > held,
        "without a sunset clause the powers stay: {held_forever} months against {held}"
    );
}

#[test]
fn the_emergency_protocol_rations_by_need_and_sheds_personal_goods() {
    let drought = Shock::Drought {
        regions: Regions::Federation(1),
        severity: 0.9,
        months: 48,
    };
    let market = BasicsAllocation::Market;
    let (on, _, personal, poorest, provided) =
        emergency_run(6, drought.clone(), market, (0.9, 12.0, 0.5));
    let (_, _, personal_none, poorest_none, provided_none) =
        emergency_run(6, drought, market, (0.0, 12.0, 0.5));
    println!(
        "under markets: the poorest's basics {poorest:.3} with the protocol, {poorest_none:.3} without; personal goods {personal:.0} vs {personal_none:.0}; administration of provision by need {provided:.0} vs {provided_none:.0}"
    );
    assert!(!on.is_empty(), "it turns on");
    // A market council pays its funds back as cash every month, so what it
    // rations by need is this month's contributions: the same money in
    // kind. The poorest gain because basics hire first and personal goods
    // shed work (graceful degradation).
    assert!(
        provided > provided_none,
        "while on, the council provides basics by need under markets: {provided:.0} vs {provided_none:.0}"
    );
    assert!(
        poorest > poorest_none,
        "the poorest get more of their basics: {poorest:.3} vs {poorest_none:.3}"
    );
    assert!(
        personal < personal_none,
        "at the cost of personal goods: {personal:.0} vs {personal_none:.0}"
    );
}

/// A financial crash in region 0 at month 12: unemployment there over the
/// next year, the regions the crunch reached (past 5%) by month 36, and the
/// goods that crossed trade links over those two years.
fn crash(breaker: f64) -> (f64, Vec<u32>, f64) {
    let mut scenario = with_shock(
        12,
        Shock::FinancialCrash {
            regions: Regions::Only(vec![0]),
            severity: 0.8,
        },
    );
    scenario.policy.circuit_breaker = breaker;
    let mut app = app(&scenario);
    advance(&mut app, 12);
    let (mut unemployment, mut traded, mut reached) = (0.0, 0.0, Vec::new());
    for month in 0..24 {
        advance(&mut app, 1);
        let world = app.world_mut();
        traded += goods_traded(world);
        for (region, climate, stats) in world
            .query::<(
                &Region,
                &mutualism_model::sim::people::Climate,
                &mutualism_model::sim::people::RegionStats,
            )>()
            .iter(world)
        {
            if climate.crunch >= 0.05 && !reached.contains(&region.id) {
                reached.push(region.id);
            }
            if region.id == 0 && month < 12 {
                unemployment += stats.unemployment() / 12.0;
            }
        }
    }
    (unemployment, reached, traded)
}

#[test]
fn a_crash_costs_jobs_spreads_to_neighbours_and_breakers_contain_it_at_a_cost_in_trade() {
    let calm_unemployment = {
        let mut app = app(&calm_classroom());
        advance(&mut app, 12);
        let mut sum = 0.0;
        for _ in 0..12 {
            advance(&mut app, 1);
            sum += stats_of(&mut app, 0).unemployment() / 12.0;
        }
        sum
    };
    let (unemployment, open_reach, open_trade) = crash(0.0);
    let (_, shut_reach, shut_trade) = crash(0.1);
    println!(
        "unemployment in the struck region {unemployment:.3} vs {calm_unemployment:.3} calm; reached {open_reach:?} without breakers, {shut_reach:?} with; trade {open_trade:.0} vs {shut_trade:.0}"
    );
    assert!(
        unemployment > calm_unemployment + 0.01,
        "credit withdrawn costs jobs: {unemployment:.3} vs {calm_unemployment:.3}"
    );
    assert!(
        open_reach.len() > 1,
        "the crunch spreads to exposed neighbours: {open_reach:?}"
    );
    assert!(
        shut_reach.len() < open_reach.len(),
        "breakers contain it: {shut_reach:?} vs {open_reach:?}"
    );
    assert!(
        shut_trade < open_trade,
        "at a cost in trade: {shut_trade:.0} vs {open_trade:.0}"
    );
}

/// Eastmarch (region 4), which buys food from its neighbours in calm
/// times: the region whose links a cut costs trade.
const IMPORTER: u32 = 4;

#[test]
fn sabotage_cuts_links_for_its_months_and_fragmentation_makes_trade_across_the_split_dear() {
    let food_across = |shock: Option<Shock>| {
        let mut scenario = calm_classroom();
        if let Some(shock) = shock {
            scenario.timeline.push(Event { tick: 12, shock });
        }
        let mut app = app(&scenario);
        advance(&mut app, 12);
        let (mut traded, mut while_cut) = (0.0, 0.0);
        let mut shut_months = 0;
        for month in 0..24 {
            advance(&mut app, 1);
            let world = app.world_mut();
            let goods = goods_traded(world);
            traded += goods;
            if month < 6 {
                while_cut += goods;
            }
            let importer = world_entity(world, IMPORTER);
            let shut = world
                .query::<&mutualism_model::sim::institutions::Link>()
                .iter(world)
                .any(|l| l.shut && (l.from == importer || l.to == importer));
            shut_months += u32::from(shut);
        }
        (traded, while_cut, shut_months, log_lines(&app))
    };
    let (calm, calm_first, calm_shut, _) = food_across(None);
    let (_, sabotaged, shut, lines) = food_across(Some(Shock::Sabotage {
        regions: Regions::Only(vec![IMPORTER]),
        share: 0.3,
        months: 6,
    }));
    let (split, _, _, split_lines) = food_across(Some(Shock::Fragmentation {
        regions: Regions::Federation(1),
        friction: 5.0,
    }));
    println!(
        "food traded over two years: {calm:.0} calm, {split:.0} with the eastern federation split off; over six months {calm_first:.0} calm, {sabotaged:.0} with Eastmarch cut off"
    );
    assert_eq!(calm_shut, 0, "calm links stay open");
    assert_eq!(
        shut, 6,
        "Eastmarch's links are shut for the sabotage's months"
    );
    assert!(
        lines.iter().any(|l| l.contains("sabotage over")),
        "its end is logged: {lines:?}"
    );
    assert!(
        sabotaged < calm_first,
        "trade falls while the links are cut: {sabotaged:.0} vs {calm_first:.0}"
    );
    assert!(
        split < calm,
        "trade across the split costs more and falls: {split:.0} vs {calm:.0}"
    );
    assert!(
        split_lines
            .iter()
            .any(|l| l.contains("breaks away into a federation of its own")),
        "{split_lines:?}"
    );
}

fn world_entity(world: &mut World, id: u32) -> Entity {
    world
        .query::<(Entity, &Region)>()
        .iter(world)
        .find(|(_, r)| r.id == id)
        .expect("region")
        .0
}

/// Unemployment in region 0 over the two years after automation displaces
/// a fifth of its workers at month 12, with the council retraining
/// `retraining` of the displaced a month; and what its council paid
/// trainers over those years.
fn automation(retraining: f64) -> (f64, f64) {
    let mut scenario = with_shock(
        12,
        Shock::Automation {
            regions: Regions::Only(vec![0]),
            share: 0.2,
        },
    );
    scenario.policy.retraining = retraining;
    let mut app = app(&scenario);
    advance(&mut app, 12);
    let (mut unemployment, mut paid) = (0.0, 0.0);
    for _ in 0..24 {
        advance(&mut app, 1);
        let stats = stats_of(&mut app, 0);
        unemployment += stats.unemployment() / 24.0;
        paid += stats.training_spending;
    }
    (unemployment, paid)
}

#[test]
fn automation_raises_unemployment_and_retraining_shortens_it_at_a_cost() {
    let calm = {
        let mut app = app(&calm_classroom());
        advance(&mut app, 36);
        crate::support::recent_mean(&app, 24, |r| r.unemployment)
    };
    let (left, unpaid) = automation(0.0);
    let (retrained, paid) = automation(0.3);
    println!(
        "unemployment in the struck region over two years: {left:.3} left to themselves, {retrained:.3} retrained (world calm {calm:.3}); paid to trainers {paid:.0}"
    );
    assert!(
        left > retrained + 0.01,
        "retraining shortens it: {left:.3} vs {retrained:.3}"
    );
    assert!(
        retrained > 0.04,
        "automation leaves people out of work even with retraining: {retrained:.3}"
    );
    assert_eq!(unpaid, 0.0, "nobody is paid to train when nobody retrains");
    assert!(
        paid > 0.0,
        "trainers are paid from the council's funds, and leave production: {paid:.0}"
    );
}

/// The classroom under need-based basics with a public reserve of `months`
/// and a protocol that opens it, a two-year drought on federation 1 from
/// month 36: the world's output per person over the three calm years, and
/// then, from the drought's start to month 108, the mean resilience
/// episode's depth and months below.
fn reserve_run(months: f64) -> (f64, f64, f64) {
    let drought = Shock::Drought {
        regions: Regions::Federation(1),
        severity: 0.9,
        months: 24,
    };
    let mut scenario = with_shock(36, drought);
    scenario.policy.basics_allocation = BasicsAllocation::NeedBased;
    scenario.policy.reserve_months = months;
    scenario.policy.emergency_threshold = 0.9;
    let mut app = app(&scenario);
    advance(&mut app, 36);
    let calm = crate::support::recent_mean(&app, 36, |r| r.output_per_person);
    advance(&mut app, 72);
    let row = crate::support::latest(&app);
    (calm, row.episode_depth, row.episode_months)
}

/// What a public reserve costs in calm years is certain; what it buys in a
/// drought is not shown. It used to be asserted that the reserve shortens
/// the fall, on one seed. On six seeds (1 to 6, stop 32) six months in
/// reserve made the fall longer on all six and the excess deaths higher on
/// five (with the economy of stop 31: longer on five, deaths higher on all
/// six); that is left to trace, so only the cost is asserted.
#[test]
fn buffer_stocks_lower_calm_time_output() {
    let (calm_none, depth_none, months_none) = reserve_run(0.0);
    let (calm, depth, months) = reserve_run(6.0);
    println!(
        "output per person in calm years {calm:.3} with six months in reserve, {calm_none:.3} with none; after the drought: {depth:.1} points lost at worst vs {depth_none:.1}, {months:.0} months below vs {months_none:.0}"
    );
    assert!(
        calm < calm_none,
        "storage and stock cost output in calm years: {calm:.3} vs {calm_none:.3}"
    );
}

/// The classroom with a pandemic everywhere from month 12 and an emergency
/// protocol that turns on, shedding `curtailment` of personal goods: over
/// its first year, the poorest's mean basics coverage across regions, the
/// personal goods made, and the world's mean unemployment.
fn degradation_run(curtailment: f64) -> (f64, f64, f64) {
    let shock = Shock::Pandemic {
        regions: Regions::All,
        infected: 0.02,
    };
    let mut scenario = with_shock(12, shock);
    scenario.policy.basics_allocation = BasicsAllocation::NeedBased;
    scenario.policy.emergency_threshold = 0.95;
    scenario.policy.emergency_curtailment = curtailment;
    let mut app = app(&scenario);
    advance(&mut app, 12);
    let (mut poorest, mut personal, mut unemployment) = (0.0, 0.0, 0.0);
    for _ in 0..12 {
        advance(&mut app, 1);
        unemployment += crate::support::latest(&app).unemployment / 12.0;
        let world = app.world_mut();
        let regions: Vec<(Region, Cohorts)> = world
            .query::<(&Region, &Cohorts)>()
            .iter(world)
            .map(|(r, c)| (r.clone(), c.clone()))
            .collect();
        let n = (12 * regions.len()) as f64;
        for (region, cohorts) in regions {
            poorest += cohorts.0[0].basics_coverage() / n;
            personal += world
                .get::<Enterprise>(region.enterprises[Sector::Personal])
                .unwrap()
                .output;
        }
    }
    (poorest, personal, unemployment)
}

#[test]
fn graceful_degradation_keeps_the_poorests_basics_higher_at_the_cost_of_personal_goods() {
    let (poorest_kept, personal_kept, jobless_kept) = degradation_run(0.0);
    let (poorest, personal, jobless) = degradation_run(0.5);
    let (poorest_all, _, jobless_all) = degradation_run(0.9);
    println!(
        "the poorest's basics {poorest:.3} shedding half of personal goods, {poorest_kept:.3} shedding none, {poorest_all:.3} shedding nine tenths; personal goods {personal:.0} vs {personal_kept:.0}; unemployment {jobless:.3}, {jobless_kept:.3}, {jobless_all:.3}"
    );
    assert!(
        poorest > poorest_kept,
        "workers freed from personal goods make basics: {poorest:.3} vs {poorest_kept:.3}"
    );
    assert!(
        personal < 0.9 * personal_kept,
        "at the cost of personal goods: {personal:.0} vs {personal_kept:.0}"
    );
    // Shedding more than basics can absorb leaves the freed workers
    // without pay, and they buy less.
    assert!(
        jobless_all > jobless && poorest_all < poorest,
        "shedding nearly all of it costs jobs and the poorest: unemployment {jobless_all:.3} vs {jobless:.3}, basics {poorest_all:.3} vs {poorest:.3}"
    );
}

/// The classroom under need-based basics with no public reserve to start
/// with and a protocol that opens one, learning from crises at `rate`: a
/// severe two-year drought on federation 1 from month 36, a mild one-year
/// drought from month 180, to month 300. Greystone's (region 6) public
/// reserve at its highest and at the end, the world's output per person
/// over the run, and the mean resilience episode's depth.
fn learning_run(rate: f64) -> (f64, f64, f64, f64) {
    let mut scenario = with_shock(
        36,
        Shock::Drought {
            regions: Regions::Federation(1),
            severity: 0.9,
            months: 24,
        },
    );
    scenario.timeline.push(Event {
        tick: 180,
        shock: Shock::Drought {
            regions: Regions::Federation(1),
            severity: 0.5,
            months: 12,
        },
    });
    scenario.policy.basics_allocation = BasicsAllocation::NeedBased;
    scenario.policy.reserve_months = 0.0;
    scenario.policy.emergency_threshold = 0.9;
    scenario.policy.crisis_learning = rate;
    let mut app = app(&scenario);
    let mut peak: f64 = 0.0;
    for _ in 0..300 {
        advance(&mut app, 1);
        peak = peak.max(region_policy(&mut app, 6).reserve_months);
    }
    let end = region_policy(&mut app, 6).reserve_months;
    let output = crate::support::recent_mean(&app, 300, |r| r.output_per_person);
    (
        peak,
        end,
        output,
        crate::support::latest(&app).episode_depth,
    )
}

fn region_policy(app: &mut App, id: u32) -> mutualism_model::sim::institutions::Policy {
    let world = app.world_mut();
    world
        .query::<(&Region, &mutualism_model::sim::institutions::Policy)>()
        .iter(world)
        .find(|(r, _)| r.id == id)
        .expect("the region")
        .1
        .clone()
}

#[test]
fn undamped_learning_over_reacts_to_the_last_crisis_and_damped_does_not() {
    let (peak, end, output, depth) = learning_run(1.0);
    let (peak_damped, end_damped, output_damped, depth_damped) = learning_run(0.3);
    let (peak_none, _, output_none, _) = learning_run(0.0);
    println!(
        "Greystone's reserve at its highest {peak:.1} months undamped, {peak_damped:.1} damped, {peak_none:.1} not learning; at the end {end:.1} vs {end_damped:.1}; output per person {output:.3}, {output_damped:.3}, {output_none:.3}; mean depth {depth:.1} vs {depth_damped:.1}"
    );
    assert_eq!(
        peak_none, 0.0,
        "a region that does not learn keeps its reserve"
    );
    assert!(
        peak_damped > 0.0,
        "a damped region learns from the drought: {peak_damped:.1} months"
    );
    assert!(
        peak > peak_damped && peak - end > 2.0 * (peak_damped - end_damped),
        "undamped, the severe crisis sets the reserve high and the mild one sets it low: {peak:.1}, then {end:.1} months (damped {peak_damped:.1}, then {end_damped:.1})"
    );
    // The falls' depths and output are printed, not asserted: with the
    // undamped reserve high after the severe drought, its fall in the mild
    // one is a little shallower (6.7 against 7.3 points) and output per
    // person about the same (7.052 against 7.047), so over-reacting costs
    // little here; what the test holds is the over-reaction itself.
}

/// The capacity of Eastmarch's trade links, what is left to rebuild on
/// them, and the goods that crossed them last month.
fn importer_links(app: &mut App) -> (f64, f64, f64) {
    let world = app.world_mut();
    let entity = world_entity(world, IMPORTER);
    world
        .query::<&mutualism_model::sim::institutions::Link>()
        .iter(world)
        .filter(|l| {
            l.kind == mutualism_model::sim::institutions::LinkKind::Trade
                && (l.from == entity || l.to == entity)
        })
        .fold((0.0, 0.0, 0.0), |(c, d, f), l| {
            (c + l.capacity, d + l.damaged, f + l.flow.abs())
        })
}

#[test]
fn a_supply_shock_on_links_cuts_trade_until_investment_rebuilds_them() {
    let shock = Shock::SupplyShock {
        regions: Regions::Only(vec![IMPORTER]),
        share: 0.0,
        links: 1.0,
    };
    let mut struck = app(&with_shock(12, shock));
    let mut calm = app(&calm_classroom());
    advance(&mut struck, 12);
    advance(&mut calm, 12);
    let (capacity, ..) = importer_links(&mut struck);
    // Trade uses a small part of a link's capacity, so the cut binds
    // while the links are rebuilt up to what trade needs: the first
    // quarter.
    let (mut traded, mut traded_calm) = (0.0, 0.0);
    for _ in 0..3 {
        advance(&mut struck, 1);
        advance(&mut calm, 1);
        traded += importer_links(&mut struck).2;
        traded_calm += importer_links(&mut calm).2;
    }
    advance(&mut struck, 9);
    let (after_a_year, damaged, _) = importer_links(&mut struck);
    advance(&mut struck, 108);
    let (later, damaged_later, _) = importer_links(&mut struck);
    println!(
        "Eastmarch's links carry {capacity:.0} a month before, {after_a_year:.0} a year after ({damaged:.0} still to rebuild), {later:.0} ten years after ({damaged_later:.0}); goods across them in the first quarter {traded:.0} vs {traded_calm:.0} calm"
    );
    assert!(
        traded_calm > 0.0,
        "food crosses Eastmarch's links in calm times"
    );
    assert!(
        traded < 0.6 * traded_calm,
        "less crosses the damaged links: {traded:.0} vs {traded_calm:.0}"
    );
    assert!(
        damaged > 0.0 && after_a_year > 0.2 * capacity,
        "investment rebuilds them over time: {after_a_year:.0} of {capacity:.0} after a year"
    );
    assert!(
        damaged_later < damaged && later > after_a_year,
        "and goes on until they carry what they did: {later:.0} of {capacity:.0}, {damaged_later:.0} left"
    );
}

/// The classroom with no emergency protocol (so redundancy acts alone) and
/// `self_reliance`, and, if `broken`, every trade link of Eastmarch (region
/// 4, the city, which imports about a quarter of its food) destroyed at
/// month 24: Eastmarch's mean food coverage and capability over the next
/// year.
fn redundancy_run(self_reliance: f64, broken: bool) -> (f64, f64) {
    let mut scenario = calm_classroom();
    scenario.policy.self_reliance = self_reliance;
    scenario.policy.emergency_threshold = 0.0;
    if broken {
        scenario.timeline.push(Event {
            tick: 24,
            shock: Shock::SupplyShock {
                regions: Regions::Only(vec![4]),
                share: 0.0,
                links: 1.0,
            },
        });
    }
    let mut app = app(&scenario);
    advance(&mut app, 24);
    let (mut food, mut capability) = (0.0, 0.0);
    let months = 12;
    for _ in 0..months {
        advance(&mut app, 1);
        let cohorts = cohorts_of(&mut app, 4);
        food += cohorts.mean(|c| c.coverage[mutualism_model::sim::base::goods::Basic::Food])
            / f64::from(months);
        capability += 100.0 * cohorts.mean(|c| c.capability()) / f64::from(months);
    }
    (food, capability)
}

/// Self-reliance costs in calm times. It used to soften a broken link too
/// (Eastmarch lost less capability in the year after its links broke
/// making 80% of its food at home); since firms restart on credit against
/// their orders, the open region's own food firms take up the slack as
/// fast, and the year's loss is 1.63 points at home against 1.30 importing
/// (1.92 and 1.91 over three months), so that claim is no longer made.
#[test]
fn making_basics_at_home_costs_in_calm_times() {
    let (food_open, calm_open) = redundancy_run(0.0, false);
    let (_, broken_open) = redundancy_run(0.0, true);
    let (food_home, calm_home) = redundancy_run(0.8, false);
    let (_, broken_home) = redundancy_run(0.8, true);
    println!(
        "Eastmarch's food coverage in calm years {food_home:.3} making 80% at home, {food_open:.3} importing freely; capability when its links break {calm_home:.2} → {broken_home:.2} vs {calm_open:.2} → {broken_open:.2}"
    );
    assert!(
        food_home < food_open,
        "imports are cheaper in calm times: food coverage {food_home:.3} vs {food_open:.3}"
    );
}

#[test]
fn responses_with_a_standing_price_cost_something_in_a_run_without_shocks() {
    // Over three calm years: world output per person and the goods traded.
    let calm = |set: &dyn Fn(&mut mutualism_model::sim::institutions::Policy)| {
        let mut scenario = calm_classroom();
        scenario.policy.reserve_months = 0.0;
        scenario.policy.self_reliance = 0.0;
        scenario.policy.travel_restrictions = 0.0;
        set(&mut scenario.policy);
        let mut app = app(&scenario);
        let mut traded = 0.0;
        for _ in 0..36 {
            advance(&mut app, 1);
            traded += goods_traded(app.world_mut());
        }
        let output = crate::support::recent_mean(&app, 36, |r| r.output_per_person);
        (output, traded)
    };
    let (output, traded) = calm(&|_| ());
    let (stocked, _) = calm(&|p| p.reserve_months = 6.0);
    let (at_home, traded_at_home) = calm(&|p| p.self_reliance = 0.9);
    let (_, traded_restricted) = calm(&|p| p.travel_restrictions = 0.5);
    println!(
        "output per person {output:.3} with no standing response, {stocked:.3} with six months in reserve, {at_home:.3} making 90% of basics at home; goods traded {traded:.0}, {traded_at_home:.0} at home, {traded_restricted:.0} with travel half restricted"
    );
    assert!(
        stocked < output,
        "a reserve costs output: {stocked:.3} vs {output:.3}"
    );
    assert!(
        traded_at_home < traded,
        "self-reliance forgoes trade: {traded_at_home:.0} vs {traded:.0}"
    );
    assert!(
        traded_restricted < traded,
        "travel restrictions cost trade: {traded_restricted:.0} vs {traded:.0}"
    );
}

/// Firms restart: after any shock in the catalogue, struck hard on region
/// 0 of the calm classroom at month 12, every enterprise whose goods are
/// still wanted makes something again within three years of the shock's
/// end, whatever the regime, unless an emergency protocol still holds its
/// region's workers for basics (a policy, not a stopped firm).
#[test]
fn after_any_shock_every_sector_with_demand_makes_something_again() {
    use mutualism_model::sim::crisis::ShockKind;
    let mut stopped = Vec::new();
    for (regime, policy) in crate::support::presets() {
        for kind in ShockKind::ALL {
            if kind == ShockKind::CaptureAttempt {
                continue;
            }
            let size = kind.size().map_or(0.0, |s| s.limits.max.min(0.9));
            let months = if kind.lasts() { 12 } else { 1 };
            let mut scenario = calm_classroom();
            scenario.policy = policy.clone();
            scenario.timeline.push(Event {
                tick: 12,
                shock: Shock::new(kind, Regions::Only(vec![0]), size, months),
            });
            let mut app = app(&scenario);
            advance(&mut app, 12 + months + 36);
            let world = app.world_mut();
            let held: Vec<Entity> = world
                .query::<(Entity, &Emergency)>()
                .iter(world)
                .filter(|(_, e)| e.on)
                .map(|(r, _)| r)
                .collect();
            for e in world.query::<&Enterprise>().iter(world) {
                if held.contains(&e.region) {
                    continue;
                }
                if e.expected_demand > 1.0 && e.output <= 0.0 && e.workforce <= 0.0 && e.sold <= 0.0
                {
                    stopped.push(format!(
                        "{regime}, {}: {:?} stopped (price {:.3}, expected {:.0}, arrears {:.0}, capital {:.0}, cash {:.0}, carbon due {:.0})",
                        kind.label(),
                        e.sector,
                        e.price,
                        e.expected_demand,
                        e.arrears,
                        e.capital,
                        e.cash.get(),
                        e.carbon_due
                    ));
                }
            }
        }
    }
    assert!(
        stopped.is_empty(),
        "{} firms with demand make nothing three years on: {stopped:?}",
        stopped.len()
    );
}

/// A shock on a federation the scenario names is logged under its name
/// ("the east"); an unnamed one (a split makes new federations) as
/// "federation N".
#[test]
fn a_shock_on_a_named_federation_is_logged_by_its_name() {
    let drought = |f| Shock::Drought {
        regions: Regions::Federation(f),
        severity: 0.5,
        months: 6,
    };
    for (names, place) in [(true, "the east"), (false, "federation 1")] {
        let mut scenario = with_shock(2, drought(1));
        if !names {
            scenario.federation_names.clear();
        }
        let mut run = app(&scenario);
        advance(&mut run, 3);
        let lines = log_lines(&run);
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(&format!("Month 2, {place}: drought"))),
            "{lines:?}"
        );
    }
}
