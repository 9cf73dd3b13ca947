//! Hex geometry of the map: where a region's hex stands in the world and
//! which hex a point of the world falls in. Pure functions, so picking can
//! be tested without a window.
//!
//! Regions sit on pointy-top axial coordinates (`q` east, `r` south-east, as
//! the scenario files write them); the world has `y` up, so south is `-y`.

use bevy::math::Vec2;

use crate::scenario::Hex;

/// Centre-to-corner distance of one hex (world units).
pub(crate) const HEX_SIZE: f32 = 100.0;

/// The world position of a hex's centre.
pub(crate) fn hex_to_world(hex: Hex) -> Vec2 {
    let (q, r) = (hex.q as f32, hex.r as f32);
    Vec2::new(HEX_SIZE * 3f32.sqrt() * (q + r / 2.0), -HEX_SIZE * 1.5 * r)
}

/// The hex a world position falls in (cube rounding of the fractional
/// axial coordinates).
pub(crate) fn world_to_hex(point: Vec2) -> Hex {
    let r = -point.y / (HEX_SIZE * 1.5);
    let q = point.x / (HEX_SIZE * 3f32.sqrt()) - r / 2.0;
    cube_round(q, r)
}

/// Rounds fractional axial coordinates to the nearest hex.
fn cube_round(q: f32, r: f32) -> Hex {
    let s = -q - r;
    let (mut rq, mut rr, rs) = (q.round(), r.round(), s.round());
    let (dq, dr, ds) = ((rq - q).abs(), (rr - r).abs(), (rs - s).abs());
    if dq > dr && dq > ds {
        rq = -rr - rs;
    } else if dr > ds {
        rr = -rq - rs;
    }
    Hex {
        q: rq as i32,
        r: rr as i32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_hex_centre_and_points_inside_it_pick_that_hex() {
        for q in -6..=6 {
            for r in -6..=6 {
                let hex = Hex { q, r };
                let centre = hex_to_world(hex);
                assert_eq!(world_to_hex(centre), hex, "centre of {hex:?} at {centre}");
                // Points within the inscribed circle belong to the hex.
                let inner = HEX_SIZE * 3f32.sqrt() / 2.0 * 0.95;
                for k in 0..12 {
                    let angle = k as f32 * std::f32::consts::TAU / 12.0;
                    let p = centre + inner * Vec2::from_angle(angle);
                    assert_eq!(world_to_hex(p), hex, "point {p} near {hex:?}");
                }
            }
        }
    }

    #[test]
    fn neighbours_sit_one_hex_width_apart() {
        let origin = hex_to_world(Hex { q: 0, r: 0 });
        for hex in (Hex { q: 0, r: 0 }).neighbours() {
            let d = hex_to_world(hex).distance(origin);
            let width = HEX_SIZE * 3f32.sqrt();
            assert!(
                (d - width).abs() < 1e-3,
                "{hex:?} is {d} away, expected {width}"
            );
        }
        assert!(
            hex_to_world(Hex { q: 0, r: 1 }).y < origin.y,
            "r grows southwards (down the screen)"
        );
        assert!(
            hex_to_world(Hex { q: 1, r: 0 }).x > origin.x,
            "q grows eastwards"
        );
    }
}
