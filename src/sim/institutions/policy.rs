//! A region's policy: the levers a user moves, and the registry that lists
//! them for the panel, the scenario overrides and the tests.
//!
//! A lever change reaches the model only through [`LeverChanges`], which the
//! first phase of the next tick applies; nothing else writes a [`Policy`].

use bevy::prelude::*;
use serde::Deserialize;

use crate::sim::base::bounded;

/// How basics (food, housing, health, education, energy) reach people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
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

/// How personal goods reach people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
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

/// Who decides how much is taken from a region's commons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
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

/// Who decides what the investment fund builds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
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

/// Who may use what a region's enterprises find.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum InnovationMode {
    /// Findings are patented: firms research more because they keep the
    /// return, neighbours adopt slowly and pay royalties to the holder.
    Patents,
    /// Findings are open: firms research less, and neighbours adopt them
    /// quickly and free.
    Open,
}

/// Whom an enterprise answers to, which decides where its profit goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
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

/// The levers of one region.
#[derive(Component, Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// How basics are allocated.
    pub basics_allocation: BasicsAllocation,
    /// How personal goods are allocated.
    pub personal_allocation: PersonalAllocation,
    /// Share of every income withheld for the local council (0..1).
    #[serde(deserialize_with = "bounded::share")]
    pub contribution_rate: f64,
    /// How the region's commons are governed.
    pub commons_governance: CommonsGovernance,
    /// Under community governance, the harvest cap as a share of the
    /// sustainable yield (0..1).
    #[serde(deserialize_with = "bounded::share")]
    pub cap_fraction: f64,
    /// Under community governance, the share of the labour force paid to
    /// monitor the commons (0..1).
    #[serde(deserialize_with = "bounded::share")]
    pub monitoring_share: f64,
    /// The governance form of the region's enterprises.
    pub enterprise_form: EnterpriseForm,
    /// Seats on the board of a multi-stakeholder enterprise (workers,
    /// community, customers, capital).
    #[serde(deserialize_with = "bounded::board_seats")]
    pub board_seats: f64,
    /// Who decides what the investment fund builds.
    pub investment_allocation: InvestmentAllocation,
    /// Under capital markets, the share of the investment fund drained into
    /// financial wealth of the top cohort (0..1).
    #[serde(deserialize_with = "bounded::share")]
    pub financialisation_share: f64,
    /// How hard the region defends the boundaries between its allocation
    /// logics against creep (0..1); defence costs administration.
    #[serde(deserialize_with = "bounded::share")]
    pub boundary_protection: f64,
    /// Share of the council's funds offered each month to linked regions whose
    /// poorest go short of basics (0..1).
    #[serde(deserialize_with = "bounded::share")]
    pub mutual_aid_share: f64,
    /// Share of each trade link's capacity the region lets its enterprises use
    /// (0..1).
    #[serde(deserialize_with = "bounded::share")]
    pub trade_openness: f64,
    /// Charge per tonne of carbon an enterprise emits, paid to the council
    /// (money units per tonne; 0: carbon is unpriced).
    #[serde(deserialize_with = "bounded::carbon_price")]
    pub carbon_price: f64,
    /// Whether the region's enterprises patent what they find.
    pub innovation_mode: InnovationMode,
    /// Share of the region's output value the council spends each month on
    /// mission research that cuts resource and emission intensity (0..1).
    #[serde(deserialize_with = "bounded::share")]
    pub mission_research_share: f64,
}

/// Optional replacements for a preset's levers, written in a scenario.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PolicyOverrides {
    pub basics_allocation: Option<BasicsAllocation>,
    pub personal_allocation: Option<PersonalAllocation>,
    #[serde(deserialize_with = "bounded::option_share")]
    pub contribution_rate: Option<f64>,
    pub commons_governance: Option<CommonsGovernance>,
    #[serde(deserialize_with = "bounded::option_share")]
    pub cap_fraction: Option<f64>,
    #[serde(deserialize_with = "bounded::option_share")]
    pub monitoring_share: Option<f64>,
    pub enterprise_form: Option<EnterpriseForm>,
    #[serde(deserialize_with = "bounded::option_board_seats")]
    pub board_seats: Option<f64>,
    pub investment_allocation: Option<InvestmentAllocation>,
    #[serde(deserialize_with = "bounded::option_share")]
    pub financialisation_share: Option<f64>,
    #[serde(deserialize_with = "bounded::option_share")]
    pub boundary_protection: Option<f64>,
    #[serde(deserialize_with = "bounded::option_share")]
    pub mutual_aid_share: Option<f64>,
    #[serde(deserialize_with = "bounded::option_share")]
    pub trade_openness: Option<f64>,
    pub innovation_mode: Option<InnovationMode>,
    #[serde(deserialize_with = "bounded::option_share")]
    pub mission_research_share: Option<f64>,
    #[serde(deserialize_with = "bounded::option_carbon_price")]
    pub carbon_price: Option<f64>,
}

impl PolicyOverrides {
    /// Writes every override that is set over `policy`.
    pub fn apply(&self, policy: &mut Policy) {
        fn set<T: Copy>(slot: &mut T, value: Option<T>) {
            if let Some(value) = value {
                *slot = value;
            }
        }
        set(&mut policy.basics_allocation, self.basics_allocation);
        set(&mut policy.personal_allocation, self.personal_allocation);
        set(&mut policy.contribution_rate, self.contribution_rate);
        set(&mut policy.commons_governance, self.commons_governance);
        set(&mut policy.cap_fraction, self.cap_fraction);
        set(&mut policy.monitoring_share, self.monitoring_share);
        set(&mut policy.enterprise_form, self.enterprise_form);
        set(&mut policy.board_seats, self.board_seats);
        set(
            &mut policy.investment_allocation,
            self.investment_allocation,
        );
        set(
            &mut policy.financialisation_share,
            self.financialisation_share,
        );
        set(&mut policy.boundary_protection, self.boundary_protection);
        set(&mut policy.mutual_aid_share, self.mutual_aid_share);
        set(&mut policy.trade_openness, self.trade_openness);
        set(&mut policy.innovation_mode, self.innovation_mode);
        set(&mut policy.carbon_price, self.carbon_price);
        set(
            &mut policy.mission_research_share,
            self.mission_research_share,
        );
    }
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
}

impl Domain {
    pub fn label(self) -> &'static str {
        match self {
            Domain::Basics => "Basics",
            Domain::Commons => "Commons",
            Domain::Enterprises => "Enterprises",
            Domain::Investment => "Investment",
            Domain::Innovation => "Innovation",
            Domain::Federation => "Links and aid",
        }
    }
}

/// A lever's value: a number or the index of one of its choices.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LeverValue {
    Number(f64),
    Choice(usize),
}

/// What values a lever takes.
#[derive(Clone, Copy, Debug)]
pub enum LeverKind {
    /// A number the panel offers between `min` and `max`.
    Number { min: f64, max: f64 },
    /// One of several named options.
    Choice { options: &'static [&'static str] },
}

/// One entry in the lever registry.
#[derive(Clone, Copy)]
pub struct Lever {
    /// The field name, as written in preset files.
    pub name: &'static str,
    /// What the panel calls it.
    pub label: &'static str,
    pub domain: Domain,
    /// One line, in plain words, on what the lever does in the model.
    pub tooltip: &'static str,
    pub kind: LeverKind,
    pub get: fn(&Policy) -> LeverValue,
    pub set: fn(&mut Policy, LeverValue),
}

fn number(value: LeverValue) -> Option<f64> {
    match value {
        LeverValue::Number(n) if n.is_finite() => Some(n),
        _ => None,
    }
}

fn choice<T: Copy>(value: LeverValue, options: &[T]) -> Option<T> {
    match value {
        LeverValue::Choice(i) => options.get(i).copied(),
        LeverValue::Number(_) => None,
    }
}

const BASICS: [BasicsAllocation; 3] = [
    BasicsAllocation::Market,
    BasicsAllocation::NeedBased,
    BasicsAllocation::CentralPlan,
];
const PERSONAL: [PersonalAllocation; 3] = [
    PersonalAllocation::Market,
    PersonalAllocation::CentralPlan,
    PersonalAllocation::NeedBased,
];
const COMMONS: [CommonsGovernance; 4] = [
    CommonsGovernance::OpenAccess,
    CommonsGovernance::Community,
    CommonsGovernance::State,
    CommonsGovernance::Private,
];
const INVESTMENT: [InvestmentAllocation; 3] = [
    InvestmentAllocation::CapitalMarkets,
    InvestmentAllocation::Participatory,
    InvestmentAllocation::CentralPlan,
];
const MODES: [InnovationMode; 2] = [InnovationMode::Patents, InnovationMode::Open];
const FORMS: [EnterpriseForm; 4] = [
    EnterpriseForm::InvestorOwned,
    EnterpriseForm::StateOwned,
    EnterpriseForm::WorkerCooperative,
    EnterpriseForm::MultiStakeholder,
];

fn index_of<T: PartialEq>(options: &[T], value: &T) -> usize {
    options.iter().position(|o| o == value).unwrap_or(0)
}

/// The range a share lever keeps to (what the files accept).
const SHARE: (f64, f64) = (0.0, 1.0);
/// The range the board-seats lever keeps to.
const SEATS: (f64, f64) = (1.0, 100.0);
/// The range the carbon price keeps to (money units per tonne).
const PRICE: (f64, f64) = (0.0, 10.0);

/// A lever over a number field: offered over `$offered`, kept within
/// `$bounds` whatever is sent.
macro_rules! number_lever {
    ($field:ident, $label:expr, $domain:expr, $tooltip:expr, $offered:expr, $bounds:expr) => {
        Lever {
            name: stringify!($field),
            label: $label,
            domain: $domain,
            tooltip: $tooltip,
            kind: LeverKind::Number {
                min: *$offered.start(),
                max: *$offered.end(),
            },
            get: |p| LeverValue::Number(p.$field),
            set: |p, v| {
                if let Some(n) = number(v) {
                    p.$field = n.clamp($bounds.0, $bounds.1);
                }
            },
        }
    };
}

/// A lever over an enum field: `$choices` in the order of `$names`.
macro_rules! choice_lever {
    ($field:ident, $label:expr, $domain:expr, $tooltip:expr, $choices:expr, $names:expr) => {
        Lever {
            name: stringify!($field),
            label: $label,
            domain: $domain,
            tooltip: $tooltip,
            kind: LeverKind::Choice { options: $names },
            get: |p| LeverValue::Choice(index_of(&$choices, &p.$field)),
            set: |p, v| {
                if let Some(c) = choice(v, &$choices) {
                    p.$field = c;
                }
            },
        }
    };
}

/// Every lever the model has. A test moves each one and checks the run
/// changes, so an entry here is a mechanism, never decoration.
pub const LEVERS: &[Lever] = &[
    choice_lever!(
        basics_allocation,
        "Basics allocation",
        Domain::Basics,
        "Market: people buy food, housing, health, education and energy with their own money. Need-based: the council buys everyone's need from contributions and hands it out. Central plan: a planner sets output from last months' figures, prices are fixed and shortages rationed.",
        BASICS,
        &["Market", "Need-based", "Central plan"]
    ),
    choice_lever!(
        personal_allocation,
        "Personal goods",
        Domain::Basics,
        "Market: prices find what people want. Central plan: a planner sets output from last months' figures at fixed prices, and its errors grow with the size of the world. Need-based: the council hands out personal goods equally from spare funds, and some go to people who did not want them.",
        PERSONAL,
        &["Market", "Central plan", "Need-based"]
    ),
    number_lever!(
        contribution_rate,
        "Contribution rate",
        Domain::Basics,
        "Share of every income paid to the local council. Funds basics (or a cash transfer under markets); people work a little less the higher it is.",
        0.0..=0.6,
        SHARE
    ),
    choice_lever!(
        commons_governance,
        "Commons governance",
        Domain::Commons,
        "Open access: producers take what they need until the stock runs out. Community: a cap kept by monitors and by people's own norms. State: the same cap kept by monitors alone. Private: the richest own it, charge rent, and keep it only if it regrows faster than they discount.",
        COMMONS,
        &["Open access", "Community", "State", "Private"]
    ),
    number_lever!(
        cap_fraction,
        "Harvest cap",
        Domain::Commons,
        "Under community governance, how much of the sustainable yield may be harvested. Lower protects the stock and leaves less food.",
        0.0..=1.0,
        SHARE
    ),
    number_lever!(
        monitoring_share,
        "Monitoring labour",
        Domain::Commons,
        "Share of workers paid to watch the commons. More monitors catch more free riders, and produce nothing else.",
        0.0..=0.1,
        SHARE
    ),
    choice_lever!(
        enterprise_form,
        "Enterprise ownership",
        Domain::Enterprises,
        "Who gets an enterprise's profit: shareholders (by wealth), the council, the workers, or a split of all three.",
        FORMS,
        &[
            "Investor-owned",
            "State-owned",
            "Worker cooperative",
            "Multi-stakeholder"
        ]
    ),
    number_lever!(
        board_seats,
        "Board seats",
        Domain::Enterprises,
        "Seats on a multi-stakeholder board. More seats give more groups a say, cost more to run, and make the board slower to revise its plans.",
        3.0..=40.0,
        SEATS
    ),
    choice_lever!(
        investment_allocation,
        "Investment",
        Domain::Investment,
        "Capital markets: funds go at once to what pays soonest. Participatory: communities rank projects with a long horizon (restoring commons ranks well), prune what nobody buys, and take longer to decide. Central plan: a long horizon and quick decisions, with errors that grow with the size of the world.",
        INVESTMENT,
        &["Capital markets", "Participatory", "Central plan"]
    ),
    number_lever!(
        financialisation_share,
        "Financialisation",
        Domain::Investment,
        "Under capital markets, the share of investment funds that becomes financial wealth of the richest instead of new capital.",
        0.0..=0.6,
        SHARE
    ),
    number_lever!(
        boundary_protection,
        "Boundary protection",
        Domain::Basics,
        "How hard the region stops market logic creeping into need-based basics. Defence costs administrators for every boundary between the logics the region runs.",
        0.0..=1.0,
        SHARE
    ),
    number_lever!(
        mutual_aid_share,
        "Mutual aid",
        Domain::Federation,
        "Share of the council's funds sent each month to linked regions whose poorest go short, scaled by how much people trust.",
        0.0..=0.5,
        SHARE
    ),
    number_lever!(
        trade_openness,
        "Trade openness",
        Domain::Federation,
        "Share of each trade link's capacity in use. Trade moves goods to where they are dearer, and know-how travels with it; closed borders keep shortages local.",
        0.0..=1.0,
        SHARE
    ),
    number_lever!(
        carbon_price,
        "Carbon price",
        Domain::Commons,
        "Charge per tonne of carbon, paid to the council. Firms abate what costs less than the charge (paying workers to do it) and pay the charge on the rest; unpriced, carbon costs its emitter nothing.",
        0.0..=0.5,
        PRICE
    ),
    choice_lever!(
        innovation_mode,
        "Innovation",
        Domain::Innovation,
        "Patents: firms spend more on R&D because they keep the return; neighbours adopt slowly and pay royalties to the owners. Open: firms spend less, and neighbours adopt what is found quickly and free.",
        MODES,
        &["Patents", "Open"]
    ),
    number_lever!(
        mission_research_share,
        "Mission research",
        Domain::Innovation,
        "Share of output the council spends on research that cuts the resource and carbon each unit of output needs. Researchers are paid from council funds and leave production.",
        0.0..=0.03,
        SHARE
    ),
];

impl Policy {
    /// Whether a central planner sets this sector's output and price.
    pub fn plans(&self, sector: crate::sim::enterprise::Sector) -> bool {
        if sector == crate::sim::enterprise::Sector::Personal {
            self.personal_allocation == PersonalAllocation::CentralPlan
        } else {
            self.basics_allocation == BasicsAllocation::CentralPlan
        }
    }
}

/// Finds a lever by its field name.
pub fn lever(name: &str) -> Option<&'static Lever> {
    LEVERS.iter().find(|l| l.name == name)
}

/// Which regions a lever change applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeverTarget {
    All,
    /// The region with this id.
    Region(u32),
}

/// A lever change waiting for the next tick.
#[derive(Clone, Copy)]
pub struct LeverChange {
    pub target: LeverTarget,
    pub lever: &'static Lever,
    pub value: LeverValue,
}

/// Lever changes sent by the panel, a test or a preset load; the next tick's
/// first phase applies them in the order they were sent.
#[derive(Resource, Default)]
pub struct LeverChanges {
    pending: Vec<LeverChange>,
    /// Ticks at which a change was applied, with the lever's label, for charts.
    pub applied: Vec<(u32, &'static str)>,
}

impl LeverChanges {
    pub fn send(&mut self, change: LeverChange) {
        self.pending.push(change);
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

    pub(crate) fn take(&mut self) -> Vec<LeverChange> {
        std::mem::take(&mut self.pending)
    }
}
