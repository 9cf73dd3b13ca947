//! The model: regions, enterprises, commons, councils and links as ECS
//! entities, advanced one month per fixed step. It runs under
//! `MinimalPlugins` with no window, assets or egui, and knows nothing of
//! being drawn: the view and the panel read its components and send lever
//! changes through [`institutions::LeverChanges`].

pub mod base;
pub mod crisis;
pub mod doughnut;
pub mod ecology;
pub mod economy;
pub mod institutions;
pub mod interventions;
pub mod measures;
pub mod people;
pub mod power;
pub mod world;

use bevy::ecs::entity::EntityIndexSet;
use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crisis::Event;

/// The phases of one tick, in the order MODEL.md fixes, chained once in
/// `FixedUpdate`. Each phase writes only what its line says; a new mechanism
/// goes in the phase whose state it writes. Circuit breakers and contagion
/// (MODEL.md's second and third phases) run at the end of `Shocks`, from
/// last month's figures. Within a phase the order is written once, as the
/// named [`Step`]s below; each room of the model registers its own systems
/// into a step from its `plugin` and never names another room's system. A
/// test runs Bevy's ambiguity detection over the month: no two systems
/// touching the same state run in an order left to chance.
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

/// The named steps within a phase, each in its phase in this order
/// (`plugin` chains them; a phase with one mechanism has no steps). A mechanism joins the step whose line names it;
/// two systems in one step run in an order left to the scheduler, which
/// the ambiguity test allows only when they share no state.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// `Shocks`: lever changes (and consultations coming due) are applied.
    Levers,
    /// `Shocks`: enterprises take the form their region's policy now names.
    Forms,
    /// `Shocks`: councils learn from the crises that ended.
    Lessons,
    /// `Shocks`: the timeline's and the queue's shocks start and end.
    Strike,
    /// `Shocks`: climate droughts.
    Weather,
    /// `Shocks`: what answers last month's figures: circuit breakers,
    /// contagion (disease, credit), retraining, the emergency protocol's
    /// review, and the planner's survey.
    Response,
    /// `Transfers`: trade paid for, royalties and pay.
    Trade,
    /// `Transfers`: councils fund civic education and transparency, and a
    /// captured council diverts its funds.
    Civic,
    /// `Transfers`: investment.
    Invest,
    /// `Transfers`: damaged links are rebuilt.
    Rebuild,
    /// `Transfers`: boundaries are defended.
    Defend,
    /// `Transfers`: mutual aid.
    Aid,
    /// `Learning`: health, skills and trust follow the month.
    Learn,
    /// `Learning`: technology grows and diffuses.
    Innovate,
    /// `Learning`: people migrate.
    Migrate,
    /// `Learning`: power compounds, people take part, councils are
    /// contested and regions judge their institutions.
    Power,
    /// `Measures`: shock episodes are followed.
    Episodes,
    /// `Measures`: the criteria and the history, and the books' closing.
    Measure,
}

/// While present, the world is settling before month 0 (`world::settle`):
/// timeline shocks and climate droughts do not start, and the learning
/// phase does not run.
#[derive(Resource, Debug)]
pub struct Settling;

/// The model's clock and run state.
#[derive(Resource, Clone, Debug, Default, Serialize, Deserialize)]
pub struct SimClock {
    /// Months completed.
    pub tick: u32,
    /// While paused, fixed steps do not advance the model.
    pub paused: bool,
}

/// The scenario's shocks, by start tick.
#[derive(Resource, Default, Clone)]
pub struct Timeline(pub Vec<Event>);

/// Marks every entity of the model's world, so a reset can remove them.
#[derive(Component)]
pub struct SimEntity;

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

/// A shipped regime preset, for the model's unit tests: the model reads no
/// scenario files, so its tests read a preset as plain data.
#[cfg(test)]
pub(crate) fn preset(name: &str) -> institutions::Policy {
    let path = format!(
        "{}/../scenarios/presets/{name}.ron",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("a shipped preset");
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(&text)
        .expect("the preset reads")
}

fn running(
    clock: Res<SimClock>,
    books: Res<base::books::Books>,
    faults: Res<base::parallel::Faults>,
) -> bool {
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
                .run_if(running.and_then(resource_exists::<base::params::Economy>)),
        )
        // While the world settles before month 0, people stay as stated.
        .configure_sets(
            FixedUpdate,
            SimSystems::Learning.run_if(not(resource_exists::<Settling>)),
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
        .configure_sets(
            FixedUpdate,
            (
                (
                    Step::Levers,
                    Step::Forms,
                    Step::Lessons,
                    Step::Strike,
                    Step::Weather,
                    Step::Response,
                )
                    .chain()
                    .in_set(SimSystems::Shocks),
                (
                    Step::Trade,
                    Step::Civic,
                    Step::Invest,
                    Step::Rebuild,
                    Step::Defend,
                    Step::Aid,
                )
                    .chain()
                    .in_set(SimSystems::Transfers),
                (Step::Learn, Step::Innovate, Step::Migrate, Step::Power)
                    .chain()
                    .in_set(SimSystems::Learning),
                (Step::Episodes, Step::Measure)
                    .chain()
                    .in_set(SimSystems::Measures),
            ),
        )
        .add_systems(FixedUpdate, measures::measure.in_set(Step::Measure));
}
