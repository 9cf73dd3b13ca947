//! Councils: where contributions go and public decisions are made. Each
//! region has a local council; regions group into federations, each with a
//! council of its members.

use bevy::prelude::*;

/// The level a council sits at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CouncilLevel {
    /// The council of one region (by id).
    Local { region: u32 },
    /// The council of a federation (by index).
    Federation { federation: u32 },
}

/// A council.
#[derive(Component, Clone, Debug)]
pub struct Council {
    pub level: CouncilLevel,
    /// Money held: contributions, state dividends and aid not yet spent
    /// (money units).
    pub funds: f64,
    /// Member regions (for a federation) or the region itself (local).
    pub members: Vec<Entity>,
}
