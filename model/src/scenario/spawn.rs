//! Turns a scenario's world into the model's entities, in a fixed order,
//! records the starting holdings in the books and settles the world before
//! month 0. The model itself never reads a scenario: this is where a file's
//! world becomes its state.

use bevy::prelude::*;

use crate::scenario::{CommonsSpec, LinkSpec, RegionSpec, Scenario};
use crate::sim::base::books::{Books, Money};
use crate::sim::base::calendar::{MONTHS_A_YEAR, MONTHS_PER_YEAR};
use crate::sim::base::goods::{Basic, PerBasic, PerSector, Sector};
use crate::sim::base::params::{Economy, monthly};
use crate::sim::base::streams;
use crate::sim::ecology::{Atmosphere, Commons};
use crate::sim::economy::{Enterprise, InvestmentFund};
use crate::sim::institutions::{Boundaries, Channels, Council, Link, LinkKind};
use crate::sim::people::{Climate, Cohort, Cohorts, Region, RegionStats, Society};
use crate::sim::{SimClock, SimEntity, Timeline, WorldIndex, measures};

/// The run's scenario and seed, kept for reset and display.
#[derive(Resource, Clone)]
pub struct Run {
    pub scenario: Scenario,
    pub seed: u64,
}

/// Removes any previous world and spawns the scenario's world for `seed`,
/// resetting the clock, books, history and random stream, then settles it
/// before month 0. Entities are spawned region by region (the region, its
/// council, its enterprises in sector order, its commons), then the links:
/// the world index keeps that order, which every order-dependent sum and
/// random draw of the model follows.
pub fn spawn_world(world: &mut World, scenario: &Scenario, seed: u64) {
    let old: Vec<Entity> = world
        .query_filtered::<Entity, With<SimEntity>>()
        .iter(world)
        .collect();
    for entity in old {
        world.despawn(entity);
    }
    let spec = scenario.world(seed);
    let economy = scenario.economy.clone();
    let mut index = WorldIndex::default();
    for region in &spec.regions {
        spawn_region(world, &mut index, &economy, &scenario.regime, region);
    }
    for link in &spec.links {
        let larger = spec.regions[link.from as usize]
            .population
            .max(spec.regions[link.to as usize].population);
        let entity = world
            .spawn((
                SimEntity,
                starting_link(&economy, &index, link, larger),
                Channels::default(),
            ))
            .id();
        index.add_link(entity, [link.from as usize, link.to as usize]);
    }
    world.insert_resource(index);
    start_resources(world, scenario, economy, seed);
    let months = world.resource::<Economy>().burn_in_months;
    crate::sim::world::settle::settle(world, months);
}

/// Spawns one region with its council, enterprises and commons, and adds
/// them to the index.
fn spawn_region(
    world: &mut World,
    index: &mut WorldIndex,
    economy: &Economy,
    regime: &str,
    region: &RegionSpec,
) {
    let behaviour = region.people.behaviour;
    let entity = world
        .spawn((
            SimEntity,
            Cohorts(starting_cohorts(region)),
            Society {
                individualism: region.individualism,
                trust: region.trust,
                conditional_cooperators: behaviour.conditional_cooperators,
                free_riders: behaviour.free_riders,
                strong_reciprocators: behaviour.strong_reciprocators,
                plenty: 1.0,
            },
            region.policy.clone(),
            RegionStats::default(),
            InvestmentFund::default(),
            Boundaries::default(),
            Climate::default(),
            crate::sim::people::Lives::default(),
            crate::sim::crisis::Emergency::default(),
            crate::sim::economy::LabourMarket::default(),
            (
                crate::sim::power::PowerLedger::new(
                    &economy.power_by_form,
                    region.policy.enterprise_form,
                ),
                crate::sim::power::Participation::default(),
                crate::sim::power::Capture::default(),
                crate::sim::power::Support::new(regime),
                crate::sim::power::Adoption::default(),
            ),
        ))
        .id();
    let council = world
        .spawn((
            SimEntity,
            Council {
                funds: Money::default(),
                reserve: PerBasic::default(),
            },
        ))
        .id();
    let enterprises = PerSector::from_fn(|sector| {
        let demand = starting_demand(economy, world.get::<Cohorts>(entity), sector);
        let firm = starting_enterprise(economy, entity, region, sector, demand);
        world.spawn((SimEntity, firm)).id()
    });
    let commons: Vec<Entity> = region
        .commons
        .iter()
        .map(|c| {
            let id = world.spawn((SimEntity, starting_commons(entity, c))).id();
            index.commons.insert(id);
            id
        })
        .collect();
    index.regions.insert(entity);
    index.enterprises.extend(enterprises.values().copied());
    index.councils.insert(council);
    index.commons_per_region.push(commons.len());
    world.entity_mut(entity).insert(Region {
        id: region.id,
        name: region.name.clone(),
        hex: region.hex,
        federation: region.federation,
        enterprises,
        commons,
        council,
    });
}

/// A region's cohorts as the scenario states them, everyone employed and
/// covered.
fn starting_cohorts(region: &RegionSpec) -> Vec<Cohort> {
    region
        .people
        .cohorts
        .iter()
        .map(|c| {
            let size = region.population * c.population_share;
            Cohort {
                size,
                money: Money::endow(size * c.wealth_per_person),
                earnings_weight: c.earnings_weight,
                ownership_share: c.ownership_share,
                spend_propensity: c.spend_propensity,
                excluded: c.excluded,
                health: c.health,
                skills: c.skills,
                employment: 1.0,
                coverage: PerBasic::splat(1.0),
                ..default()
            }
        })
        .collect()
}

/// A region's enterprise in one sector, expecting `demand` a month, with
/// the capital the starting investment flow holds and a buffer of stock.
fn starting_enterprise(
    economy: &Economy,
    region: Entity,
    spec: &RegionSpec,
    sector: Sector,
    demand: f64,
) -> Enterprise {
    let price = economy.base_price[sector];
    let capital = economy.investment_share * demand * price / monthly(economy.depreciation_annual);
    Enterprise {
        region,
        sector,
        form: spec.policy.form_of(sector),
        capital,
        reference_capital: capital,
        technology: 1.0,
        workforce: 0.0,
        price,
        inventory: demand * economy.buffer_months,
        expected_demand: demand,
        cash: Money::default(),
        reserve: 0.0,
        arrears: 0.0,
        output: 0.0,
        orders: demand,
        // As if the last month had sold what it expects.
        sold: demand,
        exported: 0.0,
        payable: 0.0,
        wage: 0.0,
        unit_cost: 0.0,
        order_history: [demand; MONTHS_PER_YEAR as usize],
        rent_due: 0.0,
        carbon_due: 0.0,
        human_share: 1.0,
        abatement_due: 0.0,
        research_intensity: 0.0,
        licensed: 0.0,
        licensor: None,
        resource_intensity: 1.0,
        emission_intensity: 1.0,
    }
}

/// A commons as the scenario states it, in an average year.
fn starting_commons(region: Entity, spec: &CommonsSpec) -> Commons {
    Commons::stated(
        region,
        spec.kind,
        spec.stock,
        spec.capacity,
        spec.regeneration_rate,
        spec.tipping_threshold,
    )
}

/// A link as the scenario states it: a trade link carries up to
/// `trade_capacity_per_person` of the larger side's people (the roads and
/// markets a city builds to its hinterland are a city's); an aid link
/// carries money only.
fn starting_link(economy: &Economy, index: &WorldIndex, link: &LinkSpec, larger: f64) -> Link {
    let capacity = match link.kind {
        LinkKind::Trade => economy.trade_capacity_per_person * larger,
        LinkKind::Aid => 0.0,
    };
    Link {
        from: index.regions[link.from as usize],
        to: index.regions[link.to as usize],
        kind: link.kind,
        capacity,
        flow: 0.0,
        owed: [0.0; 3],
        aid_commitment: 0.0,
        shut: false,
        friction: 1.0,
        severed: false,
        practice: 0.0,
        damaged: 0.0,
        sanctioned: 0.0,
    }
}

/// The model's resources for a new world: the carbon budget, the
/// economy, the timeline, empty queues, the constitution, the random
/// streams, the clock, the run, the history and the books with their
/// opening holdings.
fn start_resources(world: &mut World, scenario: &Scenario, economy: Economy, seed: u64) {
    // The carbon budget: years of what the starting world would emit a year.
    let starting_emissions: f64 = world
        .query::<&Enterprise>()
        .iter(world)
        .map(|e| {
            let s = e.sector;
            e.expected_demand * economy.base_price[s] * economy.emission_intensity[s]
        })
        .sum();
    world.insert_resource(Atmosphere {
        budget: economy.carbon_budget_years * MONTHS_A_YEAR * starting_emissions,
        rate: starting_emissions,
        reference: starting_emissions,
        ..default()
    });
    world.insert_resource(economy);
    world.insert_resource(Timeline(scenario.timeline.clone()));
    world.insert_resource(crate::sim::institutions::Moves(scenario.moves.clone()));
    world.insert_resource(crate::sim::people::Federations(
        scenario.federation_names.clone(),
    ));
    world.insert_resource(crate::sim::crisis::ShockQueue::default());
    // A new world starts with nothing sent to it: changes still waiting or
    // under consultation belonged to the old one.
    world.insert_resource(crate::sim::institutions::LeverChanges::default());
    world.insert_resource(crate::sim::interventions::Interventions::default());
    world.insert_resource(crate::sim::power::Constitution {
        locked: scenario.locked.clone(),
    });
    world.insert_resource(crate::sim::power::Attempts::default());
    world.insert_resource(crate::sim::power::Regimes(scenario.regimes.clone()));
    if scenario.adoption {
        world.insert_resource(crate::sim::power::Adopting);
    } else {
        world.remove_resource::<crate::sim::power::Adopting>();
    }
    world.insert_resource(streams::Streams::new(seed));
    world.insert_resource(SimClock::default());
    world.insert_resource(Run {
        scenario: scenario.clone(),
        seed,
    });
    world.resource_mut::<measures::History>().rows.clear();
    // The old run's shock episodes and events go with it, burn-in or none
    // (an episode left open would read the new regions' deaths against
    // the old ones').
    world.insert_resource(crate::sim::crisis::Episodes::default());
    world.insert_resource(crate::sim::crisis::EventLog::default());
    let check = world.get_resource::<Books>().is_some_and(|b| b.check);
    let mut books = Books { check, ..default() };
    books.last = Some(measures::holdings(world));
    world.insert_resource(books);
    world.insert_resource(crate::sim::base::parallel::Faults::default());
}

/// Monthly orders an enterprise expects at the start: one unit per person
/// for a basic good; for personal goods, what households would spend after
/// buying their basics at base prices.
fn starting_demand(economy: &Economy, cohorts: Option<&Cohorts>, sector: Sector) -> f64 {
    let Some(cohorts) = cohorts else { return 0.0 };
    let population = cohorts.population();
    if sector != Sector::Personal {
        return population;
    }
    let budget: f64 = cohorts
        .0
        .iter()
        .map(|c| c.spend_propensity * c.money.get())
        .sum();
    let basics_cost: f64 = Basic::ALL
        .map(|b| economy.base_price[b])
        .iter()
        .sum::<f64>()
        * population;
    (budget - basics_cost).max(0.0) / economy.base_price[Sector::Personal]
}
