//! What a shock is: the kinds the model knows, which regions one strikes,
//! a timeline's entries and the queue of shocks sent live. Data only; what a
//! shock does is `shocks`.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::sim::base::bounded;
use crate::sim::base::params::Group;
use crate::sim::people::Region;

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
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
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

/// What a shock of one kind is sized by, in words, and the limits of its
/// size: written once, for the crisis menu, [`Shock::new`] and the book.
#[derive(Clone, Copy, Debug)]
pub struct ShockSize {
    /// What the size is, as the crisis menu labels it.
    pub label: &'static str,
    pub limits: bounded::Range,
    /// The size the crisis menu opens a shock of this kind at: one a class
    /// sees clearly without the world collapsing (a presentation choice).
    pub opening: f64,
}

impl ShockKind {
    /// What a shock of this kind is sized by, and its limits; a capture
    /// attempt has no size.
    pub fn size(self) -> Option<ShockSize> {
        let (label, limits, opening) = match self {
            ShockKind::Drought => ("Severity", bounded::SHARE, 0.6),
            ShockKind::FinancialCrash => ("Severity", bounded::SHARE, 0.5),
            ShockKind::MigrationWave => ("Growth", bounded::GROWTH, 0.2),
            ShockKind::Fragmentation => ("Friction", bounded::FRICTION, 3.0),
            ShockKind::Pandemic => ("Share sick", bounded::SHARE, 0.01),
            ShockKind::SupplyShock
            | ShockKind::Scarcity
            | ShockKind::Sabotage
            | ShockKind::Automation
            | ShockKind::Wildfire => ("Share lost", bounded::SHARE, 0.3),
            ShockKind::CaptureAttempt => return None,
        };
        Some(ShockSize {
            label,
            limits,
            opening: limits.clamp(opening),
        })
    }

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
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
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
    /// Technology disruption: at once, every enterprise in the regions hands
    /// `share` of the tasks people still do to machines, so it needs that
    /// much less labour per unit (its technology rises by `1/(1 − share)`),
    /// and `share` of its workers are displaced: their skills no longer
    /// fit, and no firm hires them until they are retrained (`retraining`).
    /// However often it strikes, people keep at least a twentieth of the
    /// tasks (`shocks::HUMAN_FLOOR`), so technology stays finite.
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
        // Within the kind's limits (a capture attempt has no size).
        let size = kind.size().map_or(size, |s| s.limits.clamp(size));
        let months = months.max(1);
        match kind {
            ShockKind::Drought => Shock::Drought {
                regions,
                severity: size,
                months,
            },
            ShockKind::SupplyShock => Shock::SupplyShock {
                regions,
                share: size,
                links: size,
            },
            ShockKind::Scarcity => Shock::Scarcity {
                regions,
                share: size,
                months,
            },
            ShockKind::MigrationWave => Shock::MigrationWave {
                regions,
                growth: size,
            },
            ShockKind::Pandemic => Shock::Pandemic {
                regions,
                infected: size,
            },
            ShockKind::FinancialCrash => Shock::FinancialCrash {
                regions,
                severity: size,
            },
            ShockKind::Sabotage => Shock::Sabotage {
                regions,
                share: size,
                months,
            },
            ShockKind::Automation => Shock::Automation {
                regions,
                share: size,
            },
            ShockKind::Fragmentation => Shock::Fragmentation {
                regions,
                friction: size,
            },
            ShockKind::CaptureAttempt => Shock::CaptureAttempt {
                regions,
                group: None,
            },
            ShockKind::Wildfire => Shock::Wildfire {
                regions,
                share: size,
            },
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

    /// What it is sized by (`ShockKind::size` says what that is): a
    /// severity, a share, a growth or a friction; none for a capture
    /// attempt.
    pub fn size(&self) -> Option<f64> {
        match *self {
            Shock::Drought { severity, .. } | Shock::FinancialCrash { severity, .. } => {
                Some(severity)
            }
            Shock::SupplyShock { share, .. }
            | Shock::Scarcity { share, .. }
            | Shock::Sabotage { share, .. }
            | Shock::Automation { share, .. }
            | Shock::Wildfire { share, .. } => Some(share),
            Shock::MigrationWave { growth, .. } => Some(growth),
            Shock::Pandemic { infected, .. } => Some(infected),
            Shock::Fragmentation { friction, .. } => Some(friction),
            Shock::CaptureAttempt { .. } => None,
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

/// Shocks sent from outside the timeline (the panel's button, a test):
/// the next tick's first phase starts them, as lever changes are applied,
/// and the scenario's timeline stays as the file wrote it.
#[derive(Resource, Clone, Default, Debug, Serialize, Deserialize)]
pub struct ShockQueue(Vec<Shock>);

impl ShockQueue {
    pub fn send(&mut self, shock: Shock) {
        self.0.push(shock);
    }

    /// Takes back the shocks sent since the last month, before the model
    /// takes them in; whether there were any.
    pub fn withdraw(&mut self) -> bool {
        !std::mem::take(&mut self.0).is_empty()
    }

    /// Whether none is waiting.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The shocks sent since the last month, in order, leaving none.
    pub(crate) fn take(&mut self) -> Vec<Shock> {
        std::mem::take(&mut self.0)
    }
}
