//! A region's policy: the levers a user moves, and the registry that lists
//! them for the panel, the scenario overrides and the tests.
//!
//! A lever change reaches the model only through [`LeverChanges`], which the
//! first phase of the next tick applies; nothing else writes a [`Policy`].

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::sim::base::bounded;
use crate::sim::base::calendar::MONTHS_A_YEAR;
use crate::sim::base::goods::{BASICS, Basic, SECTORS, Sector};

/// An enum whose variants a lever offers, in declaration order, by the
/// names files use.
pub trait Choice: Copy + PartialEq + 'static {
    const ALL: &'static [Self];
    const NAMES: &'static [&'static str];

    /// The variant's position in [`Choice::ALL`].
    fn index(self) -> usize {
        Self::ALL.iter().position(|v| *v == self).unwrap_or(0)
    }
}

/// A lever's value as a change carries it, from the value a file writes,
/// and back.
trait Valued: Sized {
    fn lever_value(self) -> LeverValue;
    fn of_lever_value(value: LeverValue) -> Option<Self>;
}

impl Valued for f64 {
    fn lever_value(self) -> LeverValue {
        LeverValue::Number(self)
    }

    fn of_lever_value(value: LeverValue) -> Option<Self> {
        match value {
            LeverValue::Number(n) => Some(n),
            LeverValue::Choice(_) => None,
        }
    }
}

/// Declares a lever's choice enum with the derives every one needs, and its
/// [`Choice`] list from the same variants.
macro_rules! choices {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
        pub enum $name { $($(#[$vmeta])* $variant,)* }

        impl Choice for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),*];
            const NAMES: &'static [&'static str] = &[$(stringify!($variant)),*];
        }

        impl Valued for $name {
            fn lever_value(self) -> LeverValue {
                LeverValue::Choice(self.index())
            }

            fn of_lever_value(value: LeverValue) -> Option<Self> {
                match value {
                    LeverValue::Choice(i) => Self::ALL.get(i).copied(),
                    LeverValue::Number(_) => None,
                }
            }
        }
    };
}

choices! {
    /// How basics (food, housing, health, education, energy) reach people.
    pub enum BasicsAllocation {
        /// Households buy basics with their own money at market prices; the
        /// council pays its contributions back out as an equal cash transfer.
        Market,
        /// The council buys every person's measured need with the contributions
        /// and hands it out in kind; households top up at market prices.
        NeedBased,
        /// A central planner sets output from delayed, noisy demand figures;
        /// prices are administered and shortages are rationed evenly; the
        /// council pays contributions back as cash.
        CentralPlan,
    }
}

choices! {
    /// How personal goods reach people.
    pub enum PersonalAllocation {
        /// Prices move with excess demand; enterprises plan from their own sales.
        Market,
        /// A central planner sets output from delayed, noisy demand figures at
        /// administered prices.
        CentralPlan,
        /// The council spends what it does not need for basics on personal goods
        /// and hands them out equally; some go to people who did not want them.
        NeedBased,
    }
}

choices! {
    /// Who decides how much is taken from a region's commons.
    pub enum CommonsGovernance {
        /// Everyone takes what production demands until the stock runs out.
        OpenAccess,
        /// The community caps the harvest at a fraction of sustainable yield and
        /// pays monitors to enforce it; social norms do much of the enforcing.
        Community,
        /// The state sets the same cap and pays monitors, but compliance rests
        /// on enforcement alone: only reciprocators keep a rule nobody checks.
        State,
        /// The richest own the commons and charge producers a resource rent.
        /// They keep the stock at its sustainable yield while it regrows faster
        /// than their discount rate, and mine it when it does not (Clark 1973).
        Private,
    }
}

choices! {
    /// Who decides what the investment fund builds.
    pub enum InvestmentAllocation {
        /// Funds chase return at once, with a short horizon; a financialisation
        /// share leaks into the top cohort's financial wealth.
        CapitalMarkets,
        /// Communities rank projects with a long horizon; market feedback prunes
        /// what nobody buys; decisions take longer as more people take part.
        Participatory,
        /// A central planner ranks projects with a long horizon and decides at
        /// once, but from valuations whose error grows with the number of
        /// enterprises it tracks.
        CentralPlan,
    }
}

choices! {
    /// Who may use what a region's enterprises find.
    pub enum InnovationMode {
        /// Findings are patented: firms research more because they keep the
        /// return, neighbours adopt slowly and pay royalties to the holder.
        Patents,
        /// Findings are open: firms research less, and neighbours adopt them
        /// quickly and free.
        Open,
    }
}

choices! {
    /// Whom an enterprise answers to, which decides where its profit goes.
    pub enum EnterpriseForm {
        /// Profit goes to shareholders, in proportion to each cohort's ownership.
        InvestorOwned,
        /// Profit goes to the local council.
        StateOwned,
        /// Profit goes to the enterprise's own workers, as a wage supplement.
        WorkerCooperative,
        /// Profit is split evenly between workers, the council (the community's
        /// seat) and shareholders.
        MultiStakeholder,
    }
}

impl EnterpriseForm {
    /// A short name for tables.
    pub fn label(self) -> &'static str {
        match self {
            EnterpriseForm::InvestorOwned => "investor-owned",
            EnterpriseForm::StateOwned => "state",
            EnterpriseForm::WorkerCooperative => "co-op",
            EnterpriseForm::MultiStakeholder => "stakeholder",
        }
    }
}

/// Declares every lever once: the [`Policy`] field with its doc and the
/// range a file may set, the optional field of [`PolicyOverrides`] with the
/// same check, and the [`LEVERS`] entry the panel and tests use. A lever is
/// a choice (`name: Enum in Domain`) or a number (`name: f64 in Domain,
/// checked by "bounded::fn" within RANGE`): RANGE is the lever's limits,
/// which the file's check, a sent change, `--equalise` and the panel all
/// keep to (the panel offers a part of it on its slider).
macro_rules! levers {
    ($(
        $(#[doc = $doc:literal])*
        $field:ident : $ty:ident in $domain:ident
        $(, checked by $check:literal within $bounds:expr)?;
    )*) => {
        /// The levers of one region.
        #[derive(Component, Clone, Debug, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct Policy {
            $(
                $(#[doc = $doc])*
                $(#[serde(deserialize_with = $check)])?
                pub $field: $ty,
            )*
        }

        /// Optional replacements for a preset's levers, written in a scenario.
        #[derive(Clone, Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields, default)]
        pub struct PolicyOverrides {
            $(
                $(#[serde(deserialize_with = $check)])?
                pub $field: Option<$ty>,
            )*
        }

        impl PolicyOverrides {
            /// Writes every override that is set over `policy`.
            pub fn apply(&self, policy: &mut Policy) {
                $(
                    if let Some(value) = self.$field {
                        policy.$field = value;
                    }
                )*
            }

            /// Sets the lever called `name` to `value` (already checked
            /// against its limits); false if no lever is called that or the
            /// value is not of its kind.
            pub fn set(&mut self, name: &str, value: LeverValue) -> bool {
                match name {
                    $(
                        stringify!($field) => match <$ty as Valued>::of_lever_value(value) {
                            Some(v) => {
                                self.$field = Some(v);
                                true
                            }
                            None => false,
                        },
                    )*
                    _ => false,
                }
            }

            /// Each lever that is set, by its name, with its value, in the
            /// order levers are declared.
            pub fn changes(&self) -> Vec<(&'static str, LeverValue)> {
                let mut changes = Vec::new();
                $(
                    if let Some(value) = self.$field {
                        changes.push((stringify!($field), value.lever_value()));
                    }
                )*
                changes
            }
        }

        /// Every lever the model has. A test moves each one and checks the
        /// run changes, so an entry here is a mechanism, never decoration.
        pub const LEVERS: &[Lever] = &[$(lever!($field, $ty, $domain $(, $bounds)?),)*];
    };
}

/// One [`LEVERS`] entry: a choice lever, or a number lever that keeps to
/// `$bounds` whatever is sent.
macro_rules! lever {
    ($field:ident, $ty:ident, $domain:ident) => {
        Lever {
            name: stringify!($field),
            domain: Domain::$domain,
            kind: LeverKind::Choice {
                options: <$ty as Choice>::NAMES,
            },
            get: |p| LeverValue::Choice(p.$field.index()),
            set: |p, v| {
                if let LeverValue::Choice(i) = v
                    && let Some(&c) = <$ty as Choice>::ALL.get(i)
                {
                    p.$field = c;
                }
            },
        }
    };
    ($field:ident, $ty:ident, $domain:ident, $bounds:expr) => {
        Lever {
            name: stringify!($field),
            domain: Domain::$domain,
            kind: LeverKind::Number { limits: $bounds },
            get: |p| LeverValue::Number(p.$field),
            set: |p, v| {
                if let LeverValue::Number(n) = v
                    && n.is_finite()
                {
                    p.$field = $bounds.clamp(n);
                }
            },
        }
    };
}

levers! {
    /// How basics are allocated.
    basics_allocation: BasicsAllocation in Basics;
    /// How personal goods are allocated.
    personal_allocation: PersonalAllocation in Basics;
    /// Share of every income withheld for the local council (0..1).
    contribution_rate: f64 in Basics,
        checked by "bounded::share" within bounded::SHARE;
    /// A pilot of need-based provision: the share of basic goods the council
    /// provides by need while the rest stay as `basics_allocation` says,
    /// whole goods in [`PILOT_ORDER`] (housing first); under need-based
    /// basics every good is (0..1).
    pilot_basics_by_need: f64 in Basics,
        checked by "bounded::share" within bounded::SHARE;
    /// How the region's commons are governed.
    commons_governance: CommonsGovernance in Commons;
    /// Under community governance, the harvest cap as a share of the
    /// sustainable yield (0..1).
    cap_fraction: f64 in Commons,
        checked by "bounded::share" within bounded::SHARE;
    /// Under community governance, the share of the labour force paid to
    /// monitor the commons (0..1).
    monitoring_share: f64 in Commons,
        checked by "bounded::share" within bounded::SHARE;
    /// A pilot of community trusts: the share of the region's commons
    /// governed by their community whatever `commons_governance` says,
    /// whole commons in the region's order (0..1).
    pilot_commons_trust: f64 in Commons,
        checked by "bounded::share" within bounded::SHARE;
    /// The governance form of the region's enterprises.
    enterprise_form: EnterpriseForm in Enterprises;
    /// Seats on the board of a multi-stakeholder enterprise (workers,
    /// community, customers, capital).
    board_seats: f64 in Enterprises,
        checked by "bounded::board_seats" within bounded::SEATS;
    /// A pilot of worker cooperatives: the share of sectors whose
    /// enterprise is a worker cooperative whatever `enterprise_form` says,
    /// whole sectors in [`PILOT_ORDER`] (0..1).
    pilot_cooperatives: f64 in Enterprises,
        checked by "bounded::share" within bounded::SHARE;
    /// Who decides what the investment fund builds.
    investment_allocation: InvestmentAllocation in Investment;
    /// Under capital markets, the share of the investment fund drained into
    /// financial wealth of the top cohort (0..1).
    financialisation_share: f64 in Investment,
        checked by "bounded::share" within bounded::SHARE;
    /// How hard the region defends the boundaries between its allocation
    /// logics against creep (0..1); defence costs administration.
    boundary_protection: f64 in Basics,
        checked by "bounded::share" within bounded::SHARE;
    /// Share of the council's funds offered each month to linked regions whose
    /// poorest go short of basics (0..1).
    mutual_aid_share: f64 in Federation,
        checked by "bounded::share" within bounded::SHARE;
    /// Share of each trade link's capacity the region lets its enterprises use
    /// (0..1).
    trade_openness: f64 in Federation,
        checked by "bounded::share" within bounded::SHARE;
    /// Share of its trade with a linked region that runs a pilot it does not
    /// and lives better for it that the region stops (sanctions; 0..1).
    sanctions_on_pilots: f64 in Federation,
        checked by "bounded::share" within bounded::SHARE;
    /// How hard the region recruits the skilled people of a linked region
    /// that runs a pilot it does not and lives better for it (0..1): each
    /// month it takes `poaching_annual` a year times this of that region's
    /// best-paid cohort.
    recruiting_from_pilots: f64 in Federation,
        checked by "bounded::share" within bounded::SHARE;
    /// Share of the resistance a pilot step meets (campaigns and legal
    /// delay) that legal frameworks, financing outside capital markets
    /// and cultural narratives take away, at a cost in administration
    /// (0..1).
    pilot_protection: f64 in Power,
        checked by "bounded::share" within bounded::SHARE;
    /// Share of travel across the region's links it stops (0..1): it slows
    /// an epidemic's spread along them and cuts their trade by the same.
    travel_restrictions: f64 in Federation,
        checked by "bounded::share" within bounded::SHARE;
    /// Charge per tonne of carbon an enterprise emits, paid to the council
    /// (money units per tonne; 0: carbon is unpriced).
    carbon_price: f64 in Commons,
        checked by "bounded::carbon_price" within bounded::CARBON_PRICE;
    /// The stress (share sick plus credit crunch) above which the region's
    /// circuit breaker shuts its links for the month (0: no breaker).
    circuit_breaker: f64 in Crisis,
        checked by "bounded::share" within bounded::SHARE;
    /// The poorest's basics coverage, as a share of its normal, under which
    /// the emergency protocol turns on (0..1; 0: never).
    emergency_threshold: f64 in Crisis,
        checked by "bounded::share" within bounded::SHARE;
    /// Months until the emergency protocol's sunset, when the oversight vote
    /// renews it only if the trigger still holds (0: no sunset clause, it
    /// never ends).
    emergency_sunset_months: f64 in Crisis,
        checked by "bounded::sunset" within bounded::SUNSET;
    /// Share of personal-goods output shed while the emergency protocol is
    /// on, freeing workers for basics (0..1).
    emergency_curtailment: f64 in Crisis,
        checked by "bounded::share" within bounded::SHARE;
    /// Share a month of a capped commons' stock above its emergency floor
    /// (`emergency_commons_floor` times the tipping threshold) that may be
    /// drawn beyond the cap while the emergency protocol is on (0..1; 0:
    /// the cap holds in an emergency).
    emergency_commons_draw: f64 in Crisis,
        checked by "bounded::share" within bounded::SHARE;
    /// Share of its people's need of food and energy a region makes at home
    /// however cheap imports are: its imports of each are capped at the
    /// rest (0: no cap).
    self_reliance: f64 in Crisis,
        checked by "bounded::share" within bounded::SHARE;
    /// Months of its people's need of the basics that keep (food, fuel) the
    /// council holds in its public reserve, drawn while the emergency
    /// protocol is on (0: none).
    reserve_months: f64 in Crisis,
        checked by "bounded::reserve" within bounded::RESERVE;
    /// Share of the way a region moves its public reserve towards the
    /// lesson of each crisis it recovers from (0: it keeps the reserve it
    /// was given; 1: the last crisis sets it).
    crisis_learning: f64 in Crisis,
        checked by "bounded::share" within bounded::SHARE;
    /// Maximum tenure in years in the bodies that hold power: each month a
    /// `1 / (12 × years)` share of the way back to the starting ledger
    /// (0: no rotation).
    rotation_years: f64 in Power,
        checked by "bounded::tenure" within bounded::TENURE;
    /// How far a group that leads one type of power is kept from gathering
    /// another: its rent-seeking in the others slows by this share (0..1).
    separation_of_powers: f64 in Power,
        checked by "bounded::share" within bounded::SHARE;
    /// How much of what the council and its bodies decide is published
    /// (0..1): it shrinks informal power and exposes capture, at a cost in
    /// administration.
    transparency: f64 in Power,
        checked by "bounded::share" within bounded::SHARE;
    /// Share of the people taught civic education each year, paid from the
    /// council's funds: it raises how many bodies people can take part in
    /// (0..1).
    civic_education: f64 in Power,
        checked by "bounded::share" within bounded::SHARE;
    /// Whether the region's enterprises patent what they find.
    innovation_mode: InnovationMode in Innovation;
    /// Share of the workers automation displaced that the council retrains
    /// each month, at `retraining_cost_months` of the wage each (0..1).
    retraining: f64 in Crisis,
        checked by "bounded::share" within bounded::SHARE;
    /// Share of the region's output value the council spends each month on
    /// mission research that cuts resource and emission intensity (0..1).
    mission_research_share: f64 in Innovation,
        checked by "bounded::share" within bounded::SHARE;
}

/// The area of the economy a lever belongs to; the panel groups by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Domain {
    Basics,
    Commons,
    Enterprises,
    Investment,
    Innovation,
    Federation,
    Crisis,
    Power,
}

impl Domain {
    /// The name the explanations file uses for the domain.
    pub fn name(self) -> &'static str {
        match self {
            Domain::Basics => "Basics",
            Domain::Commons => "Commons",
            Domain::Enterprises => "Enterprises",
            Domain::Investment => "Investment",
            Domain::Innovation => "Innovation",
            Domain::Federation => "Federation",
            Domain::Crisis => "Crisis",
            Domain::Power => "Power",
        }
    }
}

/// A lever's value: a number or the index of one of its choices.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum LeverValue {
    Number(f64),
    Choice(usize),
}

/// What values a lever takes.
#[derive(Clone, Copy, Debug)]
pub enum LeverKind {
    /// A number within `limits`, whoever sets it.
    Number { limits: bounded::Range },
    /// One of several options, by the names files use.
    Choice { options: &'static [&'static str] },
}

/// One entry in the lever registry. What the panel calls a lever and how it
/// explains it are the window's words, in `assets/explain.ron`.
#[derive(Clone, Copy)]
pub struct Lever {
    /// The field name, as written in preset files.
    pub name: &'static str,
    pub domain: Domain,
    pub kind: LeverKind,
    pub get: fn(&Policy) -> LeverValue,
    pub set: fn(&mut Policy, LeverValue),
}

impl Lever {
    /// `value` as a scenario file writes it: a number in full (it reads
    /// back the same, bit for bit), a choice by its option's name.
    pub fn written(&self, value: LeverValue) -> String {
        match (value, self.kind) {
            (LeverValue::Number(n), _) => format!("{n:?}"),
            (LeverValue::Choice(i), LeverKind::Choice { options }) => options
                .get(i)
                .map_or_else(|| i.to_string(), |o| (*o).to_string()),
            (LeverValue::Choice(i), LeverKind::Number { .. }) => i.to_string(),
        }
    }
}

impl Policy {
    /// Whether a central planner sets this sector's output and price.
    pub fn plans(&self, sector: Sector) -> bool {
        if sector == Sector::Personal {
            self.personal_allocation == PersonalAllocation::CentralPlan
        } else {
            self.basics_allocation == BasicsAllocation::CentralPlan
        }
    }
}

/// The order in which a pilot takes in sectors, and basic goods: housing
/// and health care first, the pilots the design's transition names (seed
/// step 8), then education, food, energy and personal goods (a modelling
/// choice).
pub const PILOT_ORDER: [Sector; SECTORS] = [
    Sector::Housing,
    Sector::Health,
    Sector::Education,
    Sector::Food,
    Sector::Energy,
    Sector::Personal,
];

/// The sector's place in [`PILOT_ORDER`] (the basics' places come first).
fn pilot_rank(sector: Sector) -> usize {
    PILOT_ORDER
        .iter()
        .position(|s| *s == sector)
        .unwrap_or(SECTORS)
}

/// Whether the item at `rank` of `count` is in a pilot that takes in
/// `share` of them: the first `round(share × count)` are.
fn piloted(share: f64, rank: usize, count: usize) -> bool {
    (rank as f64) < (share * count as f64).round()
}

/// How much of a region's economy runs under each pilot's institution, 0..1
/// a domain: what adoption extends and reverses, and what the transition
/// measures count.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Mix {
    /// The share of basic goods provided by need.
    pub basics_by_need: f64,
    /// The share of sectors whose enterprise is a worker cooperative.
    pub cooperatives: f64,
    /// The share of the commons governed by their community.
    pub commons_trust: f64,
}

impl Policy {
    /// Whether the council provides basic good `good` by need: every good
    /// under need-based basics, else those `pilot_basics_by_need` takes in.
    pub fn by_need(&self, good: Basic) -> bool {
        self.basics_allocation == BasicsAllocation::NeedBased
            || piloted(self.pilot_basics_by_need, pilot_rank(good.sector()), BASICS)
    }

    /// The form sector `sector`'s enterprise takes: a worker cooperative if
    /// `pilot_cooperatives` takes the sector in, else `enterprise_form`.
    pub fn form_of(&self, sector: Sector) -> EnterpriseForm {
        if piloted(self.pilot_cooperatives, pilot_rank(sector), SECTORS) {
            EnterpriseForm::WorkerCooperative
        } else {
            self.enterprise_form
        }
    }

    /// How the region's commons at place `place` of `count` is governed: by
    /// its community if `pilot_commons_trust` takes it in, else as
    /// `commons_governance` says.
    pub fn governance_of(&self, place: usize, count: usize) -> CommonsGovernance {
        if piloted(self.pilot_commons_trust, place, count) {
            CommonsGovernance::Community
        } else {
            self.commons_governance
        }
    }

    /// The region's mix, for a region with `commons` commons (a region
    /// without commons has none in trust).
    pub fn mix(&self, commons: usize) -> Mix {
        let share = |n: usize, of: usize| n as f64 / of.max(1) as f64;
        Mix {
            basics_by_need: share(
                Basic::ALL.iter().filter(|g| self.by_need(**g)).count(),
                BASICS,
            ),
            cooperatives: share(
                Sector::ALL
                    .iter()
                    .filter(|s| self.form_of(**s) == EnterpriseForm::WorkerCooperative)
                    .count(),
                SECTORS,
            ),
            commons_trust: share(
                (0..commons)
                    .filter(|c| self.governance_of(*c, commons) == CommonsGovernance::Community)
                    .count(),
                commons,
            ),
        }
    }
}

/// Finds a lever by its field name.
pub fn lever(name: &str) -> Option<&'static Lever> {
    LEVERS.iter().find(|l| l.name == name)
}

/// A lever written by its name in a state file (`sim::world::snapshot`):
/// `#[serde(with = "by_name")]`.
pub(crate) mod by_name {
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serializer};

    use super::{Lever, lever};

    pub fn serialize<S: Serializer>(value: &&'static Lever, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(value.name)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<&'static Lever, D::Error> {
        let name = String::deserialize(d)?;
        lever(&name).ok_or_else(|| D::Error::custom(format!("no lever is named {name:?}")))
    }
}

/// A list of lever names, each checked as it is read.
pub(crate) fn lever_names<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    use serde::de::Error;
    let names = Vec::<String>::deserialize(d)?;
    for name in &names {
        if lever(name).is_none() {
            return Err(D::Error::custom(format!(
                "expected the name of a lever (one of {}), found `{name}`",
                LEVERS.iter().map(|l| l.name).collect::<Vec<_>>().join(", ")
            )));
        }
    }
    Ok(names)
}

impl Policy {
    /// The share of office-holders a maximum tenure of `rotation_years`
    /// turns over each month, `1 / (12 × rotation_years)`, and with them the
    /// power they gathered (`power::ledger`) or a captor's hold
    /// (`power::capture`): 0 without rotation, and never more than all of
    /// them, however short the tenure.
    pub fn rotation_monthly(&self) -> f64 {
        if self.rotation_years > 0.0 {
            (1.0 / (MONTHS_A_YEAR * self.rotation_years)).min(1.0)
        } else {
            0.0
        }
    }
}

/// Which regions a lever change applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LeverTarget {
    All,
    /// The region with this id.
    Region(u32),
}

/// A lever change waiting for the next tick.
#[derive(Clone, Copy, Serialize, Deserialize)]
pub struct LeverChange {
    pub target: LeverTarget,
    #[serde(with = "by_name")]
    pub lever: &'static Lever,
    pub value: LeverValue,
}

/// Written with the lever's name.
impl std::fmt::Debug for LeverChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LeverChange")
            .field("target", &self.target)
            .field("lever", &self.lever.name)
            .field("value", &self.value)
            .finish()
    }
}

/// A lever put into the constitution or taken out of it, waiting for the
/// next tick.
#[derive(Clone, Copy, Serialize, Deserialize)]
pub struct LockChange {
    #[serde(with = "by_name")]
    pub lever: &'static Lever,
    pub locked: bool,
}

/// Written with the lever's name.
impl std::fmt::Debug for LockChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LockChange")
            .field("lever", &self.lever.name)
            .field("locked", &self.locked)
            .finish()
    }
}

/// A lever change a participatory region is still consulting on.
#[derive(Clone, Copy, Serialize, Deserialize)]
pub struct Consultation {
    /// The region's id.
    pub region: u32,
    #[serde(with = "by_name")]
    pub lever: &'static Lever,
    pub value: LeverValue,
    /// The month it takes effect in.
    pub due: u32,
}

/// Lever changes sent by the panel, a test or a preset load, and by the
/// model itself (a captor switching a check off); the next tick's first
/// phase applies them in the order they were sent, or, in a region that
/// consults its people, puts them to consultation
/// (`institutions::levers::apply_lever_changes`). Locks sent by the panel wait
/// here too, so that the constitution changes only when the model takes a
/// change in and records it, as a lever change is.
#[derive(Resource, Clone, Default, Serialize, Deserialize)]
pub struct LeverChanges {
    /// Each change, and whether it came from outside the model (what
    /// `interventions` records and a replay sends again).
    pending: Vec<(LeverChange, bool)>,
    /// Locks sent, in order, and whether each came from outside the model.
    locks: Vec<(LockChange, bool)>,
    /// Changes under consultation, in the order they were sent.
    pub consulting: Vec<Consultation>,
}

impl LeverChanges {
    /// Sends a change from outside the model.
    pub fn send(&mut self, change: LeverChange) {
        self.pending.push((change, true));
    }

    /// Sends a change the model makes itself: a replay makes it again, so
    /// it is not recorded as an intervention.
    pub(crate) fn send_own(&mut self, change: LeverChange) {
        self.pending.push((change, false));
    }

    /// Whether a change or lock from outside is waiting for the next tick.
    pub fn sent_from_outside(&self) -> bool {
        self.pending.iter().any(|p| p.1) || self.locks.iter().any(|l| l.1)
    }

    /// Takes back the changes and locks sent from outside since the last
    /// month, before the model takes them in (the model's own stay);
    /// whether there were any.
    pub fn withdraw(&mut self) -> bool {
        let before = self.pending.len() + self.locks.len();
        self.pending.retain(|(_, outside)| !outside);
        self.locks.retain(|(_, outside)| !outside);
        self.pending.len() + self.locks.len() < before
    }

    /// Sends every lever of `policy` to `target` (loading a preset).
    pub fn send_policy(&mut self, target: LeverTarget, policy: &Policy) {
        for lever in LEVERS {
            self.send(LeverChange {
                target,
                lever,
                value: (lever.get)(policy),
            });
        }
    }

    /// Sends a lock or an unlock from outside the model.
    pub fn send_lock(&mut self, lock: LockChange) {
        self.locks.push((lock, true));
    }

    /// Sends a lock or an unlock the model makes itself (a scenario's
    /// move), which a replay makes again.
    pub(crate) fn send_own_lock(&mut self, lock: LockChange) {
        self.locks.push((lock, false));
    }

    /// Whether the lever is to be locked (`Some(true)`) or unlocked by a
    /// lock still waiting, the last sent.
    pub fn lock_waiting(&self, lever: &str) -> Option<bool> {
        self.locks
            .iter()
            .rev()
            .find(|(l, _)| l.lever.name == lever)
            .map(|(l, _)| l.locked)
    }

    pub(crate) fn take(&mut self) -> Vec<(LeverChange, bool)> {
        std::mem::take(&mut self.pending)
    }

    pub(crate) fn take_locks(&mut self) -> Vec<(LockChange, bool)> {
        std::mem::take(&mut self.locks)
    }
}
