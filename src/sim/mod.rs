//! The model: regions, enterprises, commons, councils and links as ECS
//! entities, advanced one month per fixed step. It runs under
//! `MinimalPlugins` with no window, assets or egui, and knows nothing of
//! being drawn: the view and the panel read its components and send lever
//! changes through [`policy::LeverChanges`].

pub mod base;
pub mod crisis;
pub mod ecology;
pub mod economy;
pub mod institutions;
pub mod interventions;
pub mod measures;
pub mod people;
pub mod power;
pub mod spawn;

// Each mechanism by its own name as well as by its room, so that
// `sim::region` and `sim::people::region` are the same module.
use base::settle;
pub use base::{books, hash, parallel, params, streams};
pub use crisis::shocks;
pub use ecology::{climate, commons};
use economy::transfers;
pub use economy::{enterprise, innovation, investment, labour, plan};
pub use institutions::{boundaries, council, link, policy};
pub use people::region;

use bevy::ecs::entity::EntityIndexSet;
use bevy::prelude::*;

use crate::scenario::Scenario;
use crisis::shocks::Event;

pub use spawn::spawn_world;

/// The phases of one tick, in the order MODEL.md fixes, chained once in
/// `FixedUpdate`. Each phase writes only what its line says; a new mechanism
/// goes in the phase whose state it writes. Circuit breakers and contagion
/// (MODEL.md's second and third phases) run at the end of `Shocks`, from
/// last month's figures. Each room of the model (`base`,
/// `crisis`, `ecology`, `economy`, `institutions`, `people`) registers its
/// own systems into these phases from its `plugin`, ordered within a phase
/// by `.after`: shocks are lever changes → learning from crises → the
/// timeline's and the queue's shocks → climate droughts → circuit breakers → disease → credit → the
/// emergency protocol (and the planner's survey); transfers are trade →
/// royalties → pay → investment → rebuilding links → boundaries → mutual
/// aid; learning is
/// health, skills and trust → innovation → migration → power (compounding →
/// taking part → capture → backlash). A test runs Bevy's
/// ambiguity detection over the month: no two systems touching the same
/// state run in an order left to chance.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SimSystems {
    /// Lever changes, learning from crises, the timeline's and the queue's
    /// shocks, climate droughts, circuit breakers, contagion (disease and
    /// credit), the emergency protocol's review and the planner's survey:
    /// writes `Policy` (levers, learned reserves), enterprise forms and
    /// capital (shocks), `Region` federations (a split), `Climate`, cohort
    /// sizes (migration waves, deaths), link state (shut, friction,
    /// severed, capacity damaged), link `Channels` (disease, credit),
    /// `Emergency`, `ShockQueue`, `EventLog`, `Episodes` (strikes,
    /// lessons), `Books` (capital destroyed), `Planner`.
    Shocks,
    /// The wage and hiring, the harvest and production: writes `LabourMarket`,
    /// cohort employment, enterprise capital (wear), workforce, output,
    /// inventory and charges due, commons stock, harvest and cap,
    /// `RegionStats` labour figures and compliance, `Atmosphere` emissions,
    /// `Books` flows.
    Production,
    /// The public reserve, need-based provision, cash transfers, market
    /// purchases and households' pantries: writes cohort money, income,
    /// coverage, consumption and pantries, enterprise sales, orders, prices,
    /// forecasts, cash and stock (spoilage), council funds and reserves,
    /// `RegionStats` administration, reserve drawn and Gini, `Books` flows.
    Allocation,
    /// Trade, royalties, pay, investment, rebuilding damaged links, the
    /// defence of boundaries and mutual aid: writes money holders,
    /// inventories, capital, arrears, restoration projects on commons,
    /// `InvestmentFund`, `Boundaries`, `RegionStats` spending, staff and aid
    /// figures, link flows, capacity rebuilt and aid commitments, `Books`
    /// flows.
    Transfers,
    /// Restoration coming due and commons regrowth: writes commons stock,
    /// capacity, tipping threshold, restoration and year quality, `Books`
    /// flows.
    Regrowth,
    /// Health, skills, trust and population follow what the month brought,
    /// technology grows and diffuses, then people migrate: writes cohorts,
    /// `Society`, enterprise technology, intensities and licences, link
    /// `Channels` (people); power compounds, people take part, councils are
    /// contested and regions judge their institutions: `PowerLedger`,
    /// `Participation`, `Capture`, `LeverChanges` (a captured council's),
    /// `EventLog`, `Support` and `Policy` (a swing).
    Learning,
    /// Shock episodes followed, then measures, history and the
    /// conservation check: writes `Episodes`, `EventLog` (recoveries),
    /// `History`, `Books`, the clock.
    Measures,
}

impl SimSystems {
    /// The phases in the tick's order.
    pub const ALL: [SimSystems; 7] = [
        SimSystems::Shocks,
        SimSystems::Production,
        SimSystems::Allocation,
        SimSystems::Transfers,
        SimSystems::Regrowth,
        SimSystems::Learning,
        SimSystems::Measures,
    ];
}

/// The model's clock and run state.
#[derive(Resource, Debug, Default)]
pub struct SimClock {
    /// Months completed.
    pub tick: u32,
    /// While paused, fixed steps do not advance the model.
    pub paused: bool,
}

/// The scenario's shocks, by start tick.
#[derive(Resource, Default, Clone)]
pub struct Timeline(pub Vec<Event>);

/// The run's scenario and seed, kept for reset and display.
#[derive(Resource, Clone)]
pub struct Run {
    pub scenario: Scenario,
    pub seed: u64,
}

/// Entities in their stable order (by id, then by kind), so that random
/// draws and order-dependent sums never depend on query order. Each set
/// holds every entity once, so Bevy can fetch all of its items mutably at
/// once (see `parallel`).
#[derive(Resource, Default, Debug)]
pub struct WorldIndex {
    /// The regions, by id (a region's id is its place here).
    pub regions: EntityIndexSet,
    /// Their enterprises, `SECTORS` a region in sector order.
    pub enterprises: EntityIndexSet,
    /// Their councils, one a region.
    pub councils: EntityIndexSet,
    /// Their commons, region by region (a commons' place here keys its
    /// random draws).
    pub commons: EntityIndexSet,
    /// How many commons each region has.
    pub commons_per_region: Vec<usize>,
    /// The links (a link's place keys the per-link arrays of a phase).
    links: EntityIndexSet,
    /// The region ids at each link's ends (`from`, `to`), link by link:
    /// links keep their ends for the whole run, so the link passes find a
    /// region's items by position instead of looking its entity up.
    link_ends: Vec<[usize; 2]>,
    /// Each region's links (their places), in the world's order, by region
    /// id: a pass that gathers what a region learns or owes over its own
    /// links walks them region by region, side by side, in the order a walk
    /// over all links would meet them.
    region_links: Vec<Vec<usize>>,
}

impl WorldIndex {
    /// Adds a link between the regions with ids `from` and `to`.
    pub fn add_link(&mut self, link: Entity, [from, to]: [usize; 2]) {
        let slot = self.links.len();
        self.links.insert(link);
        self.link_ends.push([from, to]);
        let last = from.max(to);
        if self.region_links.len() <= last {
            self.region_links.resize_with(last + 1, Vec::new);
        }
        self.region_links[from].push(slot);
        if to != from {
            self.region_links[to].push(slot);
        }
    }

    /// The region ids at each link's ends (`from`, `to`), by link place.
    pub fn link_ends(&self) -> &[[usize; 2]] {
        &self.link_ends
    }

    /// The places of the links with an end in the region with id `region`,
    /// in the world's order.
    pub fn links_of(&self, region: usize) -> &[usize] {
        self.region_links.get(region).map_or(&[], Vec::as_slice)
    }

    /// The links, in the world's order.
    pub fn links(&self) -> &EntityIndexSet {
        &self.links
    }
}

fn running(clock: Res<SimClock>, books: Res<books::Books>, faults: Res<parallel::Faults>) -> bool {
    !clock.paused && books.violation.is_none() && faults.first().is_none()
}

/// The model's plugin: resources and the tick, the same headless and
/// windowed.
pub fn plugin(app: &mut App) {
    app.init_resource::<SimClock>()
        .init_resource::<measures::History>()
        .init_resource::<WorldIndex>()
        .init_resource::<Timeline>()
        .configure_sets(
            FixedUpdate,
            (
                SimSystems::Shocks,
                SimSystems::Production,
                SimSystems::Allocation,
                SimSystems::Transfers,
                SimSystems::Regrowth,
                SimSystems::Learning,
                SimSystems::Measures,
            )
                .chain()
                .run_if(running.and_then(resource_exists::<params::Economy>)),
        )
        // While the world settles before month 0, people stay as stated.
        .configure_sets(
            FixedUpdate,
            SimSystems::Learning.run_if(not(resource_exists::<settle::Settling>)),
        )
        .add_plugins((
            base::plugin,
            crisis::plugin,
            ecology::plugin,
            economy::plugin,
            institutions::plugin,
            people::plugin,
            power::plugin,
        ))
        .add_systems(FixedUpdate, measures::measure.in_set(SimSystems::Measures));
}
