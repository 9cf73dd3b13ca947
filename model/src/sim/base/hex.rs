//! The map: regions sit on hexagonal tiles in axial coordinates.

use serde::{Deserialize, Serialize};

/// Axial hex coordinates (pointy-top): `q` to the east, `r` to the south-east.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
pub struct Hex {
    pub q: i32,
    pub r: i32,
}

impl Hex {
    pub const NEIGHBOURS: [(i32, i32); 6] = [(1, 0), (1, -1), (0, -1), (-1, 0), (-1, 1), (0, 1)];

    pub fn neighbours(self) -> impl Iterator<Item = Hex> {
        Self::NEIGHBOURS.into_iter().map(move |(dq, dr)| Hex {
            q: self.q + dq,
            r: self.r + dr,
        })
    }

    /// Steps between two hexes.
    pub fn distance(self, other: Hex) -> i32 {
        let dq = self.q - other.q;
        let dr = self.r - other.r;
        (dq.abs() + dr.abs() + (dq + dr).abs()) / 2
    }
}
