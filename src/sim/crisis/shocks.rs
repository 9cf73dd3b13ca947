//! The first phase of a tick: lever changes sent since the last tick take
//! effect, and shocks from the timeline and the panel start or run out.

use bevy::prelude::*;

use serde::Deserialize;

use super::emergency::Emergency;
use super::episodes::Episodes;
use super::log::{EventLog, Happening, Started};
use crate::sim::base::bounded;
use crate::sim::base::goods::Good;
use crate::sim::books::Books;
use crate::sim::commons::{Commons, CommonsKind};
use crate::sim::enterprise::Enterprise;
use crate::sim::interventions::{Intervention, Interventions};
use crate::sim::investment::participatory_delay;
use crate::sim::link::{Link, LinkKind};
use crate::sim::params::Economy;
use crate::sim::policy::{Consultation, InvestmentAllocation, LeverChanges, LeverTarget, Policy};
use crate::sim::power::capture::Capture;
use crate::sim::power::capture::{Attempts, Group};
use crate::sim::power::voice::Participation;
use crate::sim::region::{Climate, Cohorts, Drought, Region, Scarcity};
use crate::sim::{SimClock, Timeline, WorldIndex};

/// A shock on the timeline.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// The month (tick) the shock starts, counted from 0.
    #[serde(deserialize_with = "bounded::month")]
    pub tick: u32,
    pub shock: Shock,
}

/// Which regions a shock hits.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub enum Regions {
    All,
    /// Region ids (their position in the world's list, from 0).
    Only(Vec<u32>),
    /// Every region of one federation (its index, from 0).
    Federation(u32),
}

impl Regions {
    /// Whether the target holds this region.
    pub fn holds(&self, region: &Region) -> bool {
        match self {
            Regions::All => true,
            Regions::Only(ids) => ids.contains(&region.id),
            Regions::Federation(f) => region.federation == *f,
        }
    }
}

crate::sim::base::goods::named! {
    /// The kinds of shock, as timelines write them (the key) and in plain
    /// words (the label).
    ShockKind, SHOCK_KINDS, PerShockKind, ValuePerShockKind {
        Drought = Drought: "drought",
        SupplyShock = SupplyShock: "supply shock",
        Scarcity = Scarcity: "scarcity",
        MigrationWave = MigrationWave: "migration wave",
        Pandemic = Pandemic: "pandemic",
        FinancialCrash = FinancialCrash: "financial crash",
        Sabotage = Sabotage: "sabotage",
        Fragmentation = Fragmentation: "fragmentation",
        Automation = Automation: "automation",
        CaptureAttempt = CaptureAttempt: "capture attempt",
        Wildfire = Wildfire: "wildfire",
    }
}

impl ShockKind {
    /// Whether a shock of this kind runs for months (else it strikes at
    /// once).
    pub fn lasts(self) -> bool {
        matches!(
            self,
            ShockKind::Drought | ShockKind::Scarcity | ShockKind::Sabotage
        )
    }
}

/// Kinds of shock the model knows. Each says what it destroys or cuts; how
/// far that reaches people is the model's business.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub enum Shock {
    /// For `months`, commons regrowth in the regions (and with it any
    /// community cap) falls by `severity`, and what is made from the commons
    /// by `severity × drought_yield_loss`.
    Drought {
        regions: Regions,
        #[serde(deserialize_with = "bounded::share")]
        severity: f64,
        #[serde(deserialize_with = "bounded::shock_months")]
        months: u32,
    },
    /// At once, `share` of every enterprise's capital in the regions is
    /// destroyed (a flood, a fire, a war's damage), and `links` of the
    /// capacity of every trade link they have (a bridge, a port, a
    /// pipeline; none unless written). Nothing brings either back but
    /// investment (`crisis::rebuilding`).
    SupplyShock {
        regions: Regions,
        #[serde(deserialize_with = "bounded::share")]
        share: f64,
        #[serde(default, deserialize_with = "bounded::share")]
        links: f64,
    },
    /// For `months`, the regions' commons can carry only `1 − share` of
    /// their capacity (the seed's "when basic materials become genuinely
    /// scarce"): stock above what they can carry dies back through the
    /// ordinary regrowth rule, and regrows once the scarcity ends.
    Scarcity {
        regions: Regions,
        #[serde(deserialize_with = "bounded::share")]
        share: f64,
        #[serde(deserialize_with = "bounded::shock_months")]
        months: u32,
    },
    /// At once, each region's population grows by `growth` times itself
    /// (refugees, a boom town; the seed's "what works in a city of 100,000
    /// might collapse at 10 million"). Newcomers join the poorest cohort
    /// with no money, and its health and skills.
    MigrationWave {
        regions: Regions,
        #[serde(deserialize_with = "bounded::growth")]
        growth: f64,
    },
    /// An epidemic: at once, `infected` of each struck region's people fall
    /// sick; it spreads within regions and along links as `contagion` says.
    Pandemic {
        regions: Regions,
        #[serde(deserialize_with = "bounded::share")]
        infected: f64,
    },
    /// A financial crash: at once, credit dries up by `severity` in the
    /// struck regions. Investment freezes and firms lose borrowed wage
    /// budgets; the crunch eases over the years and spreads to neighbours
    /// exposed through links, as `contagion` says.
    FinancialCrash {
        regions: Regions,
        #[serde(deserialize_with = "bounded::share")]
        severity: f64,
    },
    /// External sabotage: an outside power destroys `share` of every
    /// enterprise's capital in the regions at once and cuts their links for
    /// `months` (nothing crosses them, aid excepted).
    Sabotage {
        regions: Regions,
        #[serde(deserialize_with = "bounded::share")]
        share: f64,
        #[serde(deserialize_with = "bounded::shock_months")]
        months: u32,
    },
    /// Technology disruption: at once, every enterprise in the regions needs
    /// `share` less labour per unit (its technology rises by `1/(1 −
    /// share)`), and `share` of its workers are displaced: their skills no
    /// longer fit, and no firm hires them until they are retrained
    /// (`retraining`).
    Automation {
        regions: Regions,
        #[serde(deserialize_with = "bounded::share")]
        share: f64,
    },
    /// Fragmentation: the regions break away into a federation of their own.
    /// Shipping across the split costs `friction` times the usual transport
    /// cost (incompatible rules and protocols), and the aid links across it
    /// are cut for good.
    Fragmentation {
        regions: Regions,
        #[serde(deserialize_with = "bounded::friction")]
        friction: f64,
    },
    /// A wildfire: at once, `share` of the standing stock of the regions'
    /// forests burns. What is left regrows by the ordinary rule, so a forest
    /// burnt below its tipping threshold may not come back.
    Wildfire {
        regions: Regions,
        #[serde(deserialize_with = "bounded::share")]
        share: f64,
    },
    /// A capture attempt on the regions' councils by `group` (drawn by
    /// power held when not named), succeeding with each council's
    /// vulnerability (`power::capture`).
    CaptureAttempt {
        regions: Regions,
        #[serde(default)]
        group: Option<Group>,
    },
}

impl Shock {
    /// This shock's kind.
    pub fn kind(&self) -> ShockKind {
        match self {
            Shock::Drought { .. } => ShockKind::Drought,
            Shock::SupplyShock { .. } => ShockKind::SupplyShock,
            Shock::Scarcity { .. } => ShockKind::Scarcity,
            Shock::MigrationWave { .. } => ShockKind::MigrationWave,
            Shock::Pandemic { .. } => ShockKind::Pandemic,
            Shock::FinancialCrash { .. } => ShockKind::FinancialCrash,
            Shock::Sabotage { .. } => ShockKind::Sabotage,
            Shock::Fragmentation { .. } => ShockKind::Fragmentation,
            Shock::Automation { .. } => ShockKind::Automation,
            Shock::CaptureAttempt { .. } => ShockKind::CaptureAttempt,
            Shock::Wildfire { .. } => ShockKind::Wildfire,
        }
    }

    /// A shock of `kind` on `regions`, of `size` (a drought's severity, a
    /// share destroyed or lost, a growth) and `months` where the kind lasts:
    /// what the panel's crisis menu sends. Sizes are kept to what files
    /// accept.
    pub fn new(kind: ShockKind, regions: Regions, size: f64, months: u32) -> Shock {
        let share = bounded::SHARE.clamp(size);
        let months = months.max(1);
        match kind {
            ShockKind::Drought => Shock::Drought {
                regions,
                severity: share,
                months,
            },
            ShockKind::SupplyShock => Shock::SupplyShock {
                regions,
                share,
                links: share,
            },
            ShockKind::Scarcity => Shock::Scarcity {
                regions,
                share,
                months,
            },
            ShockKind::MigrationWave => Shock::MigrationWave {
                regions,
                growth: bounded::GROWTH.clamp(size),
            },
            ShockKind::Pandemic => Shock::Pandemic {
                regions,
                infected: share,
            },
            ShockKind::FinancialCrash => Shock::FinancialCrash {
                regions,
                severity: share,
            },
            ShockKind::Sabotage => Shock::Sabotage {
                regions,
                share,
                months,
            },
            ShockKind::Automation => Shock::Automation { regions, share },
            ShockKind::Fragmentation => Shock::Fragmentation {
                regions,
                friction: bounded::FRICTION.clamp(size),
            },
            ShockKind::CaptureAttempt => Shock::CaptureAttempt {
                regions,
                group: None,
            },
            ShockKind::Wildfire => Shock::Wildfire { regions, share },
        }
    }

    /// The regions it hits.
    pub fn regions(&self) -> &Regions {
        match self {
            Shock::Drought { regions, .. }
            | Shock::SupplyShock { regions, .. }
            | Shock::Scarcity { regions, .. }
            | Shock::MigrationWave { regions, .. }
            | Shock::Pandemic { regions, .. }
            | Shock::FinancialCrash { regions, .. }
            | Shock::Sabotage { regions, .. }
            | Shock::Fragmentation { regions, .. }
            | Shock::Automation { regions, .. }
            | Shock::CaptureAttempt { regions, .. }
            | Shock::Wildfire { regions, .. } => regions,
        }
    }

    /// Months it runs (1 for a shock that strikes at once).
    pub fn months(&self) -> u32 {
        match self {
            Shock::Drought { months, .. }
            | Shock::Scarcity { months, .. }
            | Shock::Sabotage { months, .. } => *months,
            Shock::SupplyShock { .. }
            | Shock::MigrationWave { .. }
            | Shock::Pandemic { .. }
            | Shock::FinancialCrash { .. }
            | Shock::Fragmentation { .. }
            | Shock::Automation { .. }
            | Shock::CaptureAttempt { .. }
            | Shock::Wildfire { .. } => 1,
        }
    }
}

/// Applies pending lever changes to the regions they target. A region
/// whose council decides with its people (participatory investment)
/// consults them first: the change takes effect after
/// `participatory_delay` of the people taking part in its council
/// (paralysis by consultation, seed step 9), unless the council is
/// captured (a captor consults no one) or the emergency protocol is on
/// (the protocol decides at once). An enterprise takes its region's
/// governance form when the policy changes it (a conversion the new form's
/// rules govern from this month on).
#[allow(clippy::type_complexity)]
pub(crate) fn apply_lever_changes(
    faults: Res<crate::sim::parallel::Faults>,
    clock: Res<SimClock>,
    economy: Res<Economy>,
    index: Res<WorldIndex>,
    mut changes: ResMut<LeverChanges>,
    mut interventions: ResMut<Interventions>,
    mut log: ResMut<EventLog>,
    mut regions: Query<(&Region, &mut Policy, &Participation, &Capture, &Emergency)>,
) {
    let pending = changes.take();
    if pending.is_empty() && changes.consulting.is_empty() {
        return;
    }
    let tick = clock.tick;
    for &(change, from_outside) in &pending {
        if from_outside {
            interventions.note(tick, Intervention::Lever(change));
        }
    }
    let pending: Vec<_> = pending.into_iter().map(|(change, _)| change).collect();
    let mut moved = Vec::new();
    for change in &pending {
        let mut applied = false;
        // A change to one region looks up that region alone.
        let targets: Vec<Entity> = match change.target {
            LeverTarget::All => index.regions.iter().copied().collect(),
            LeverTarget::Region(id) => index
                .regions
                .get_index(id as usize)
                .into_iter()
                .copied()
                .collect(),
        };
        for entity in targets {
            let Ok((region, mut policy, participation, capture, emergency)) =
                regions.get_mut(entity)
            else {
                faults.lost("apply_lever_changes", "regions");
                continue;
            };
            let consults = policy.investment_allocation == InvestmentAllocation::Participatory
                && capture.by.is_none()
                && !emergency.on;
            if consults {
                let months = participatory_delay(&economy, participation.council_participants);
                changes.consulting.push(Consultation {
                    region: region.id,
                    lever: change.lever,
                    value: change.value,
                    due: tick + months.round() as u32,
                });
            } else {
                (change.lever.set)(&mut policy, change.value);
                applied = true;
            }
        }
        if applied {
            let place = match change.target {
                LeverTarget::All => None,
                LeverTarget::Region(id) => Some(id),
            };
            moved.push((place, change.lever.name));
        }
    }
    let (due, waiting) = std::mem::take(&mut changes.consulting)
        .into_iter()
        .partition(|c| c.due <= tick);
    changes.consulting = waiting;
    for consultation in due {
        let Some(&entity) = index.regions.get_index(consultation.region as usize) else {
            faults.lost("apply_lever_changes", "regions");
            continue;
        };
        if let Ok((_, mut policy, ..)) = regions.get_mut(entity) {
            (consultation.lever.set)(&mut policy, consultation.value);
            moved.push((Some(consultation.region), consultation.lever.name));
        }
    }
    for (place, lever) in moved {
        let mark = (tick, lever);
        if !changes.applied.contains(&mark) {
            changes.applied.push(mark);
        }
        let place = place
            .and_then(|id| index.regions.get_index(id as usize))
            .and_then(|&e| regions.get(e).ok())
            .map(|(r, ..)| r.name.clone());
        log.note(tick, place, Happening::LeverMoved { lever });
    }
}

/// Counts down running droughts, scarcities and sabotage, then starts the timeline's
/// shocks for this month and those sent since the last, in that order. A
/// new drought or scarcity replaces a weaker one. Each start goes to the
/// event log (once per target) and opens a resilience episode in every
/// region it strikes.
#[allow(clippy::too_many_arguments)]
pub(crate) fn start_and_end_shocks(
    faults: Res<crate::sim::parallel::Faults>,
    clock: Res<SimClock>,
    timeline: Res<Timeline>,
    index: Res<WorldIndex>,
    mut queue: ResMut<ShockQueue>,
    mut interventions: ResMut<Interventions>,
    mut attempts: ResMut<Attempts>,
    mut log: ResMut<EventLog>,
    mut episodes: ResMut<Episodes>,
    mut books: ResMut<Books>,
    settling: Option<Res<crate::sim::settle::Settling>>,
    mut regions: Query<(&mut Region, &mut Climate, &mut Cohorts)>,
    mut enterprises: Query<&mut Enterprise>,
    mut commons: Query<&mut Commons>,
    mut links: Query<&mut Link>,
) {
    for &entity in &index.regions {
        let Ok((region, mut climate, _)) = regions.get_mut(entity) else {
            faults.lost("start_and_end_shocks", "regions");
            continue;
        };
        let mut ended = Vec::new();
        if climate.cut_off_months > 0 {
            climate.cut_off_months -= 1;
            if climate.cut_off_months == 0 {
                ended.push(ShockKind::Sabotage);
            }
        }
        if let Some(drought) = &mut climate.drought {
            drought.months_left = drought.months_left.saturating_sub(1);
            if drought.months_left == 0 {
                climate.drought = None;
                ended.push(ShockKind::Drought);
            }
        }
        if let Some(scarcity) = &mut climate.scarcity {
            scarcity.months_left = scarcity.months_left.saturating_sub(1);
            if scarcity.months_left == 0 {
                climate.scarcity = None;
                ended.push(ShockKind::Scarcity);
            }
        }
        if settling.is_none() {
            for kind in ended {
                log.note(
                    clock.tick,
                    Some(region.name.clone()),
                    Happening::ShockEnded { kind },
                );
            }
        }
    }
    if settling.is_some() {
        return;
    }
    let sent = std::mem::take(&mut queue.0);
    for shock in &sent {
        interventions.note(clock.tick, Intervention::Shock(shock.clone()));
    }
    let due = timeline
        .0
        .iter()
        .filter(|e| e.tick == clock.tick)
        .map(|e| &e.shock);
    for shock in due.chain(&sent) {
        let target = shock.regions();
        let mut struck = Vec::new();
        let mut struck_entities = Vec::new();
        for &entity in &index.regions {
            let Ok((region, mut climate, mut cohorts)) = regions.get_mut(entity) else {
                faults.lost("start_and_end_shocks", "regions");
                continue;
            };
            if !target.holds(&region) {
                continue;
            }
            strike(
                shock,
                &region,
                &mut climate,
                &mut cohorts,
                &mut enterprises,
                &mut commons,
                &mut books,
            );
            episodes.strike(region.id, shock.kind(), shock.months());
            struck.push(region.name.clone());
            struck_entities.push(entity);
        }
        match *shock {
            Shock::Fragmentation { friction, .. } => {
                split(&struck_entities, friction, &mut regions, &mut links);
            }
            Shock::SupplyShock { links: share, .. } if share > 0.0 => {
                super::rebuilding::damage(&faults, &struck_entities, share, &index, &mut links);
            }
            Shock::CaptureAttempt { group, .. } => {
                attempts
                    .0
                    .extend(struck_entities.iter().map(|&e| (e, group)));
            }
            _ => {}
        }
        let what = Happening::ShockStarted {
            shock: shock.clone(),
            cause: Started::Sent,
        };
        match target {
            Regions::All => log.note(clock.tick, None, what),
            Regions::Federation(f) => log.note(clock.tick, Some(format!("federation {f}")), what),
            Regions::Only(_) => {
                for name in struck {
                    log.note(clock.tick, Some(name), what.clone());
                }
            }
        }
    }
}

/// What one shock does to one region at its start.
fn strike(
    shock: &Shock,
    region: &Region,
    climate: &mut Climate,
    cohorts: &mut Cohorts,
    enterprises: &mut Query<&mut Enterprise>,
    commons: &mut Query<&mut Commons>,
    books: &mut Books,
) {
    match *shock {
        Shock::Drought {
            severity, months, ..
        } => {
            if climate.drought.is_none_or(|d| d.severity <= severity) {
                climate.drought = Some(Drought {
                    severity,
                    months_left: months,
                });
            }
        }
        Shock::Scarcity { share, months, .. } => {
            if climate.scarcity.is_none_or(|s| s.share <= share) {
                climate.scarcity = Some(Scarcity {
                    share,
                    months_left: months,
                });
            }
        }
        Shock::SupplyShock { share, .. } => destroy_capital(region, share, enterprises, books),
        Shock::Sabotage { share, months, .. } => {
            destroy_capital(region, share, enterprises, books);
            climate.cut_off_months = climate.cut_off_months.max(months);
        }
        Shock::Automation { share, .. } => {
            for &e in &region.enterprises {
                if let Ok(mut enterprise) = enterprises.get_mut(e) {
                    enterprise.technology /= (1.0 - share).max(0.05);
                    climate.displaced += share * enterprise.workforce;
                }
            }
        }
        // The split itself is made for all the struck regions at once, and
        // councils are contested at the end of the month.
        Shock::Fragmentation { .. } | Shock::CaptureAttempt { .. } => {}
        Shock::FinancialCrash { severity, .. } => {
            climate.crunch = climate.crunch.max(severity);
        }
        Shock::Pandemic { infected, .. } => {
            let susceptible = (1.0 - climate.infected - climate.immune).max(0.0);
            climate.infected += infected.min(susceptible);
        }
        Shock::Wildfire { share, .. } => {
            for &c in &region.commons {
                if let Ok(mut forest) = commons.get_mut(c)
                    && forest.kind == CommonsKind::Forest
                {
                    let burnt = forest.stock * share;
                    forest.stock -= burnt;
                    books.flows.depreciate(Good::Resource, burnt);
                }
            }
        }
        Shock::MigrationWave { growth, .. } => {
            let newcomers = cohorts.population() * growth;
            if let Some(poorest) = cohorts.0.first_mut() {
                poorest.size += newcomers;
            }
        }
    }
}

/// Destroys `share` of every enterprise's capital in a region, recorded in
/// the books as capital lost.
fn destroy_capital(
    region: &Region,
    share: f64,
    enterprises: &mut Query<&mut Enterprise>,
    books: &mut Books,
) {
    for &e in &region.enterprises {
        if let Ok(mut enterprise) = enterprises.get_mut(e) {
            let lost = enterprise.capital * share;
            enterprise.capital -= lost;
            books.flows.depreciate(Good::Capital, lost);
        }
    }
}

/// Makes the `struck` regions a federation of their own, numbered after
/// the highest there is: links between them and the rest cost `friction`
/// times as much to ship across, and aid links across the split are cut.
fn split(
    struck: &[Entity],
    friction: f64,
    regions: &mut Query<(&mut Region, &mut Climate, &mut Cohorts)>,
    links: &mut Query<&mut Link>,
) {
    let new = regions
        .iter()
        .map(|r| r.0.federation + 1)
        .max()
        .unwrap_or(0);
    for &entity in struck {
        if let Ok((mut region, ..)) = regions.get_mut(entity) {
            region.federation = new;
        }
    }
    for mut link in links.iter_mut() {
        if struck.contains(&link.from) != struck.contains(&link.to) {
            link.friction *= friction;
            if link.kind == LinkKind::Aid {
                link.severed = true;
            }
        }
    }
}

/// Shocks sent from outside the timeline (the panel's button, a test):
/// the next tick's first phase starts them, as lever changes are applied,
/// and the scenario's timeline stays as the file wrote it.
#[derive(Resource, Default, Debug)]
pub struct ShockQueue(Vec<Shock>);

impl ShockQueue {
    pub fn send(&mut self, shock: Shock) {
        self.0.push(shock);
    }
}
