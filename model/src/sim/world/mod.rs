//! The world as a whole: its state hash, and the settling months before
//! month 0. Both read every room's state, so they sit above the rooms.

pub mod hash;
pub(crate) mod settle;
pub mod snapshot;
