//! Councils: where contributions go and public decisions are made. Each
//! region has a local council. Regions also belong to federations, which
//! bound their mutual aid links; federation councils, to which MODEL.md
//! gives power and emergency roles, come with the mechanisms that give them
//! something to decide (a council that decides nothing would be decoration).

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

/// A region's council.
#[derive(Component, Clone, Debug, Serialize, Deserialize)]
pub struct Council {
    /// Money held: contributions, state dividends and aid not yet spent
    /// (money units).
    pub funds: crate::sim::base::books::Money,
    /// The public reserve: units held of each basic good (see
    /// `economy::reserves`).
    pub reserve: crate::sim::base::goods::PerBasic<f64>,
}
