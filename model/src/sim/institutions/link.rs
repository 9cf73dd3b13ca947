//! Links between neighbouring regions: trade (goods flow to the dearer side)
//! and mutual aid (councils help neighbours whose poorest go short).

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::sim::institutions::policy::Policy;

/// Share of a link in use between two regions: the lower of their trade
/// openness, less the share the stricter of them stops by travel
/// restrictions. Goods, know-how and contacts (and with them disease) cross
/// in proportion to it.
pub fn openness(a: &Policy, b: &Policy) -> f64 {
    a.trade_openness.min(b.trade_openness)
        * (1.0 - a.travel_restrictions.max(b.travel_restrictions))
}

/// Kinds of link between regions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkKind {
    /// Goods flow towards the dearer side.
    Trade,
    /// Councils send mutual aid (neighbours in one federation).
    Aid,
}

/// A link between two regions.
#[derive(Component, Clone, Debug, Serialize, Deserialize)]
pub struct Link {
    #[serde(with = "crate::sim::base::saved")]
    pub from: Entity,
    #[serde(with = "crate::sim::base::saved")]
    pub to: Entity,
    pub kind: LinkKind,
    /// Goods units per month a trade link can carry at full openness.
    pub capacity: f64,
    /// What crossed last month: goods units (trade) or money (aid), signed
    /// from `from` to `to`.
    pub flow: f64,
    /// On a trade link, what this month's shipments of food, energy and
    /// personal goods cost, owed until month end (money units, signed: `to`
    /// owes `from` when positive). Trade is on credit: the goods cross when
    /// the month opens and are paid for from the month's takings.
    pub owed: [f64; 3],
    /// On an aid link, the monthly aid the donor has committed, signed from
    /// `from` to `to` (money units): it moves towards what need asks by a
    /// share each month, so aid starts and stops smoothly.
    pub aid_commitment: f64,
    /// Whether a circuit breaker or sabotage at either end has shut it this
    /// month: nothing crosses.
    pub shut: bool,
    /// How many times the usual transport cost shipping across it costs (1;
    /// more once a federation has split across it).
    pub friction: f64,
    /// An aid link cut for good by a federation's split.
    pub severed: bool,
    /// On an aid link, the share of the last two years' months it carried
    /// aid (a moving average): practised aid arrives faster.
    pub practice: f64,
    /// On a trade link, capacity a supply shock destroyed that investment
    /// has not yet rebuilt (goods units per month).
    pub damaged: f64,
    /// On a trade link, the share of its trade an end's sanctions stop this
    /// month (`power::adoption::sanction`): goods, not people or ideas.
    pub sanctioned: f64,
}

impl Link {
    /// Share of the link in use this month: none while shut, else
    /// [`openness`] of the two regions' policies.
    pub fn in_use(&self, a: &Policy, b: &Policy) -> f64 {
        if self.shut { 0.0 } else { openness(a, b) }
    }
}

/// What crossed a trade link last month on the contagion channels beside
/// goods (`Link::flow`), each signed from `from` to `to`. The model keeps
/// them so that a reader (the map) can see how a shock travels.
#[derive(Component, Clone, Copy, Debug, Default, Serialize, Deserialize)]
pub struct Channels {
    /// Disease: the exposure the link carried, the share of a person's
    /// contacts that were with the sick across it (`link_mixing × openness
    /// × the gap in the share sick`).
    pub disease: f64,
    /// Money: the credit crunch it passed on, where the neighbour's crunch
    /// set this side's (`crunch_contagion × openness × the neighbour's
    /// crunch`), 0..1.
    pub credit: f64,
    /// People: those who moved across it (people).
    pub people: f64,
}
