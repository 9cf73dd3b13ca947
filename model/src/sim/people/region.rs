//! Regions and the people in them. A region holds its population as a few
//! income cohorts (numbers, not agents), so inequality and need coverage are
//! computable at any population size.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::sim::base::books::Money;
use crate::sim::base::goods::{BASICS, PerBasic, PerSector};
use crate::sim::base::hex::Hex;

/// A figure for each cohort of a region, worked out within a month. Kept
/// on the stack for up to ten cohorts (regions have five in the shipped
/// scenarios): a region's month makes some fifty such lists, and asking
/// the allocator for each one cost 3 % of the month's instructions.
pub type PerCohort<T> = smallvec::SmallVec<[T; 10]>;

/// A region: a hex tile of the map with its own policy and council.
#[derive(Component, Clone, Debug, Serialize, Deserialize)]
pub struct Region {
    /// Stable id: the region's position in the scenario's world, from 0.
    pub id: u32,
    pub name: String,
    pub hex: Hex,
    pub federation: u32,
    /// The region's enterprises, one per sector, in sector order.
    #[serde(with = "crate::sim::base::saved")]
    pub enterprises: PerSector<Entity>,
    /// The region's commons.
    #[serde(with = "crate::sim::base::saved")]
    pub commons: Vec<Entity>,
    /// The region's local council.
    #[serde(with = "crate::sim::base::saved")]
    pub council: Entity,
}

/// The names a scenario gives its federations, by index ("the east");
/// a federation it does not name (or one a split makes) is "federation N".
#[derive(Resource, Clone, Debug, Default, PartialEq)]
pub struct Federations(pub Vec<String>);

impl Federations {
    /// Federation `f` in words.
    pub fn name(&self, f: u32) -> String {
        self.0
            .get(f as usize)
            .cloned()
            .unwrap_or_else(|| format!("federation {f}"))
    }
}

/// One income cohort of a region.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Cohort {
    /// People.
    pub size: f64,
    /// Money held (money units).
    pub money: Money,
    /// Money received last month, before contributions (money units).
    pub income: f64,
    /// Relative pay of this cohort's work.
    pub earnings_weight: f64,
    /// Share of enterprise equity this cohort owns.
    pub ownership_share: f64,
    /// Share of its money spent each month.
    pub spend_propensity: f64,
    /// Left out of need-based provision and cash transfers (see
    /// `scenario::CohortSpec::excluded`).
    pub excluded: bool,
    /// Health, 0..1.
    pub health: f64,
    /// Skills, 0..1.
    pub skills: f64,
    /// Share of this cohort's labour force in work, 0..1.
    pub employment: f64,
    /// Unemployment beyond the frictional that has lasted: the past year's
    /// average, 0..1 (what scars skills and health).
    pub long_unemployment: f64,
    /// Share of need met last month, per basic good (food, housing, health,
    /// education, energy), 0..1.
    pub coverage: PerBasic<f64>,
    /// Consumption per person last month, valued at the prices paid, with
    /// in-kind basics at their cost (money units).
    pub consumption: f64,
    /// The households' own stock of each basic good, held against a bad
    /// month (units; see `economy::reserves`).
    pub pantry: PerBasic<f64>,
}

impl Cohort {
    /// Weight of this cohort in the region's pay: people in work, their
    /// health, skills and skill premium (the unemployed earn nothing).
    pub fn labour_weight(&self) -> f64 {
        self.size * self.employment * self.health * self.skills * self.earnings_weight
    }

    /// A person's capability in this cohort, 0..1: the mean of basics
    /// coverage, health, skills and employment (the capability measure's
    /// formula, written once).
    pub fn capability(&self) -> f64 {
        (self.basics_coverage() + self.health + self.skills + self.employment) / 4.0
    }

    /// Mean share of basic needs met, 0..1.
    pub fn basics_coverage(&self) -> f64 {
        self.coverage.sum() / BASICS as f64
    }

    /// [`Cohort::capability`] split into what each part adds to it (they
    /// sum to it, up to rounding): each basic good's coverage a fifth of a
    /// quarter, health, skills and employment a quarter each.
    pub fn capability_parts(&self) -> CapabilityParts {
        CapabilityParts {
            basics: self.coverage.map(|_, c| c / BASICS as f64 / 4.0),
            health: self.health / 4.0,
            skills: self.skills / 4.0,
            employment: self.employment / 4.0,
        }
    }
}

/// What each part adds to a person's capability, 0..1 in all (see
/// [`Cohort::capability_parts`]); people-weighted means of it add up.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CapabilityParts {
    /// Each basic good's coverage.
    pub basics: PerBasic<f64>,
    pub health: f64,
    pub skills: f64,
    pub employment: f64,
}

impl CapabilityParts {
    /// Each part with its name for people, basics first.
    pub fn named(&self) -> Vec<(String, f64)> {
        let mut parts: Vec<(String, f64)> = self
            .basics
            .iter()
            .map(|(b, v)| (format!("{} coverage", b.label()), *v))
            .collect();
        parts.push(("health".into(), self.health));
        parts.push(("skills".into(), self.skills));
        parts.push(("employment".into(), self.employment));
        parts
    }

    /// `self + weight × other`, for people-weighted sums.
    pub fn add(&mut self, other: &CapabilityParts, weight: f64) {
        for (b, v) in self.basics.iter_mut() {
            *v += weight * other.basics[b];
        }
        self.health += weight * other.health;
        self.skills += weight * other.skills;
        self.employment += weight * other.employment;
    }

    /// Every part times `factor`.
    pub fn scaled(&self, factor: f64) -> CapabilityParts {
        let mut out = CapabilityParts::default();
        out.add(self, factor);
        out
    }
}

/// A region's cohorts, poorest first.
#[derive(Component, Clone, Debug, Default, Serialize, Deserialize)]
pub struct Cohorts(pub Vec<Cohort>);

impl Cohorts {
    pub fn population(&self) -> f64 {
        self.0.iter().map(|c| c.size).sum()
    }

    /// Population-weighted mean of a cohort figure; 0 with no people.
    pub fn mean(&self, figure: impl Fn(&Cohort) -> f64) -> f64 {
        let population = self.population();
        if population > 0.0 {
            self.0.iter().map(|c| c.size * figure(c)).sum::<f64>() / population
        } else {
            0.0
        }
    }
}

/// Culture, behaviour and trust: what decides whether people cooperate.
#[derive(Component, Clone, Debug, Serialize, Deserialize)]
pub struct Society {
    /// 0 communal, 1 individualist. Weighs against conditional cooperation in
    /// community domains.
    pub individualism: f64,
    /// Trust, 0..1.
    pub trust: f64,
    /// Share of people who cooperate when they trust others will.
    pub conditional_cooperators: f64,
    /// Share of people who take what they can unless caught.
    pub free_riders: f64,
    /// Share who cooperate and report free riders at their own cost.
    pub strong_reciprocators: f64,
    /// How far last month kept the region out of real scarcity, 0..1: the
    /// coverage per person of the basic good it is shortest of, over
    /// `scarcity_threshold`, at most 1 (see `Society::zero_sum`).
    pub plenty: f64,
}

impl Society {
    /// Share of people who keep a community rule, given the chance that a
    /// violator is caught: reciprocators always do; conditional cooperators
    /// keep it as far as they trust others to, less the more individualist
    /// their culture (`trust × (1 − individualism_weight × individualism)`),
    /// and the rest of them are deterred when caught; free riders keep it
    /// only when caught. Under scarcity the shares are those of
    /// `Society::zero_sum`.
    pub fn compliance(&self, detection: f64, individualism_weight: f64) -> f64 {
        let (reciprocators, conditional) = self.zero_sum();
        let norm = self.norm(individualism_weight);
        reciprocators
            + conditional * (norm + (1.0 - norm) * detection)
            + self.free_riders * detection
    }

    /// Share of people who would cooperate with no one enforcing it:
    /// reciprocators, and conditional cooperators as far as their norm
    /// (trust, weakened by an individualist culture) carries them.
    pub fn voluntary_cooperation(&self, individualism_weight: f64) -> f64 {
        let (reciprocators, conditional) = self.zero_sum();
        reciprocators + conditional * self.norm(individualism_weight)
    }

    /// The cohesion measure's parts for this region, each what it adds to a
    /// person's cohesion (0..1 in all): trust and voluntary cooperation, a
    /// half each (the cohesion measure's formula, written once).
    pub fn cohesion_parts(&self, individualism_weight: f64) -> (f64, f64) {
        (
            self.trust / 2.0,
            self.voluntary_cooperation(individualism_weight) / 2.0,
        )
    }

    /// Reciprocators and conditional cooperators as scarcity leaves them:
    /// below the scarcity threshold a share `1 − plenty` of reciprocators
    /// stops holding out and acts as a conditional cooperator, whose norm
    /// shrinks by `plenty` too, so with nothing to go round only what
    /// enforcement catches is kept, whatever the institutions (MODEL.md's
    /// people; Prediger, Vollan and Herrmann 2014 find more antisocial
    /// behaviour where resources are scarcer).
    fn zero_sum(&self) -> (f64, f64) {
        let holding = self.strong_reciprocators * self.plenty;
        (
            holding,
            self.conditional_cooperators + self.strong_reciprocators - holding,
        )
    }

    /// Conditional cooperators' norm: `trust × (1 − individualism_weight ×
    /// individualism) × plenty`, 0..1.
    fn norm(&self, individualism_weight: f64) -> f64 {
        (self.trust * (1.0 - individualism_weight * self.individualism) * self.plenty)
            .clamp(0.0, 1.0)
    }

    /// Share of people who keep a rule imposed from outside: reciprocators
    /// (as many as scarcity leaves), and whoever is caught. External
    /// enforcement crowds out the norm conditional cooperators keep among
    /// themselves (Frey and Jegen 2001; Cardenas, Stranlund and Willis 2000
    /// find external regulation of a commons lowers cooperation in field
    /// experiments).
    pub fn imposed_compliance(&self, detection: f64) -> f64 {
        let (reciprocators, _) = self.zero_sum();
        reciprocators + (1.0 - reciprocators) * detection
    }
}

/// Figures of one region computed during a tick, for measures and display.
#[derive(Component, Clone, Debug, Default, Serialize, Deserialize)]
pub struct RegionStats {
    /// People offering work, after effort and health (people).
    pub labour_force: f64,
    /// People in work, including monitors and administrators (people).
    pub employed: f64,
    /// People paid to monitor the commons.
    pub monitors: f64,
    /// People paid from budgets fixed in money rather than hired by firms
    /// for their sales: monitors, administrators, researchers and abaters,
    /// builders and trainers (people).
    pub staff: f64,
    /// People paid to administer need-based provision.
    pub administrators: f64,
    /// Output last month valued at base prices (money units).
    pub output_value: f64,
    /// Share of people keeping the commons cap last month, 0..1.
    pub compliance: f64,
    /// Gini coefficient of consumption within the region, 0..1.
    pub gini: f64,
    /// Money spent on administration last month (money units).
    pub admin_spending: f64,
    /// Mutual aid received last month (money units).
    pub aid_received: f64,
    /// The poorest cohort's normal basics coverage: a moving average over
    /// about two years, against which mutual aid judges need (0..1).
    pub normal_poorest_coverage: f64,
    /// The same over about three months: what need is judged on.
    pub recent_poorest_coverage: f64,
    /// Money paid to researchers last month, by enterprises and the council
    /// (money units).
    pub research_spending: f64,
    /// Of that, the council's mission research (money units).
    pub mission_research: f64,
    /// Units of basics the public reserve handed out last month.
    pub reserve_drawn: f64,
    /// Money the council paid last month to retrain displaced workers
    /// (money units).
    pub training_spending: f64,
    /// Money the council paid last month to teach civic education (money
    /// units).
    pub civic_spending: f64,
    /// People paid to do research or to abate carbon.
    pub researchers: f64,
    /// Money paid last month to the workers who build capital and restore
    /// commons (money units).
    pub building_spending: f64,
    /// People building capital and restoring commons.
    pub builders: f64,
    /// Money paid last month to the workers who abate carbon (money units).
    pub abatement_spending: f64,
}

impl RegionStats {
    /// The poorest cohort's recent basics coverage as a share of its normal:
    /// what mutual aid judges need on and the emergency protocol's trigger
    /// reads (0 where the poorest have had nothing for years).
    pub fn poorest_standing(&self) -> f64 {
        self.recent_poorest_coverage / self.normal_poorest_coverage.max(f64::MIN_POSITIVE)
    }

    pub fn unemployment(&self) -> f64 {
        if self.labour_force > 0.0 {
            (1.0 - self.employed / self.labour_force).max(0.0)
        } else {
            0.0
        }
    }
}

/// Weather and other shocks acting on a region.
#[derive(Component, Clone, Copy, Debug, Default, Serialize, Deserialize)]
pub struct Climate {
    pub drought: Option<Drought>,
    pub scarcity: Option<Scarcity>,
    /// Share of the region's people sick with an epidemic this month.
    pub infected: f64,
    /// Share a pandemic shock infected this month, who fall sick this
    /// month (`crisis::contagion`).
    pub seeded: f64,
    /// Share who have had it and are immune.
    pub immune: f64,
    /// How far credit has dried up, 0..1: investment freezes by this share
    /// and firms lose this share of their borrowed wage budget.
    pub crunch: f64,
    /// Whether the region's circuit breaker has shut its links.
    pub breaker: bool,
    /// Months its links stay cut by sabotage.
    pub cut_off_months: u32,
    /// Workers automation left with skills no firm wants, who cannot be
    /// hired until retrained (people).
    pub displaced: f64,
}

impl Climate {
    /// The running drought's severity, 0 without one.
    pub fn severity(&self) -> f64 {
        self.drought.map_or(0.0, |d| d.severity)
    }

    /// Whether any shock still acts on the region: a drought, a scarcity,
    /// links cut by sabotage, or stress past one per cent (the sick, a
    /// credit crunch).
    pub fn troubled(&self) -> bool {
        self.drought.is_some()
            || self.scarcity.is_some()
            || self.cut_off_months > 0
            || self.displaced > 0.0
            || self.stress() > 1e-2
    }

    /// The stress a circuit breaker reads: the share of people sick plus
    /// how far credit has dried up.
    pub fn stress(&self) -> f64 {
        self.infected + self.crunch
    }

    /// The share of their capacity the region's commons can carry now: 1
    /// unless a scarcity runs.
    pub fn carried(&self) -> f64 {
        1.0 - self.scarcity.map_or(0.0, |s| s.share)
    }
}

/// A running scarcity: until it ends, the region's commons carry only
/// `1 − share` of their capacity.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct Scarcity {
    pub share: f64,
    /// Months left.
    pub months_left: u32,
}

/// An active drought: until it ends, commons regrowth (and with it the
/// community cap) is cut by `severity`, and what is made from the commons by
/// `severity × drought_yield_loss`.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct Drought {
    pub severity: f64,
    /// Months left.
    pub months_left: u32,
}
