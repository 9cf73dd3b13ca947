//! Geography for generated worlds: the values a world's spreads allow are
//! laid out on the map so that neighbours are alike, as land and people are.
//!
//! Without geography every region draws its population, culture and commons
//! on its own, and a 300-region map shows the same colour everywhere under
//! every overlay. With it, each of three smooth random fields over the map
//! (fertility, settlement, culture) puts every region at a place in its
//! spread: fertile basins and arid uplands, crowded plains and an empty
//! hinterland, clusters of communal and of individualist culture. A field's
//! values are replaced by their ranks, so the *distribution* of values over
//! the world is exactly the one the spreads give (uniform in `mean × (1 ±
//! spread)`); only where they fall changes. On top of that come a few dense
//! cities and coasts, whose regions fish. Everything is drawn from the run's
//! seed on a stream of its own.
//!
//! Cities hold more people than their land feeds, drawn from the rest of
//! the world: the world's people add up as without cities, and so do its
//! commons, so a city's hunger is one of distribution (trade), not of a
//! world short of land.

use chacha20::ChaCha8Rng;
use rand::{RngExt, SeedableRng};
use serde::Deserialize;

use super::{CommonsKind, Hex};
use crate::sim::base::bounded;

/// How a generated world's regions are laid out on the map.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Geography {
    /// Hexes over which land, settlement and culture stay alike: the
    /// distance between the peaks of the fields. 1 is noise; a quarter of
    /// the map's width gives a few large basins and culture areas.
    #[serde(deserialize_with = "bounded::landscape_scale")]
    pub scale: f64,
    /// Dense cities, at least four hexes apart.
    #[serde(deserialize_with = "bounded::city_count")]
    pub cities: u32,
    /// People at a city's centre, as a multiple of what its settlement
    /// gives; the crowd thins within a hex or two around it. Cities draw
    /// their people from the rest of the world, whose regions are thinned
    /// so that the world holds as many people as the spreads give, while
    /// every region keeps the commons of its land: cities live on trade
    /// with an emptier hinterland.
    #[serde(deserialize_with = "bounded::city_size")]
    pub city_size: f64,
    /// Whether regions on the edge of the land are coasts (their first
    /// commons is a fishery).
    pub coasts: bool,
}

/// A generated world's regions placed on the land: per region, its place in
/// each spread (-1 to 1) and what the map makes of it.
pub(super) struct Landscape {
    /// Place in the spread of commons capacity per person.
    pub fertility: Vec<f64>,
    /// Place in the spread of people per region.
    pub settlement: Vec<f64>,
    /// Place in the spread of individualism.
    pub culture: Vec<f64>,
    /// Multiple of the settled people that live there (1 away from cities),
    /// before the world is scaled back to its total.
    pub crowding: Vec<f64>,
    /// The order of a region's commons kinds (cycled through).
    pub kinds: Vec<[CommonsKind; 4]>,
}

/// The stream geography draws from, apart from the world's own draws.
const GEOGRAPHY_STREAM: u64 = 0x6E06_0A9A;

impl Geography {
    /// Lays out the regions on `hexes` for `seed`.
    pub(super) fn lay_out(&self, hexes: &[Hex], seed: u64) -> Landscape {
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ GEOGRAPHY_STREAM);
        let points: Vec<(f64, f64)> = hexes.iter().map(|&h| position(h)).collect();
        let fertile = smooth_field(&points, self.scale, &mut rng);
        let own = smooth_field(&points, self.scale, &mut rng);
        let culture = smooth_field(&points, self.scale, &mut rng);
        // People settle where the land is fertile, and partly elsewhere.
        let settled: Vec<f64> = fertile.iter().zip(&own).map(|(f, o)| f + o).collect();
        let fertility = ranks(&fertile);
        let settlement = ranks(&settled);
        let crowding = self.crowding(hexes, &settlement, &mut rng);
        let on_land: std::collections::BTreeSet<Hex> = hexes.iter().copied().collect();
        let kinds = hexes
            .iter()
            .zip(&fertility)
            .map(|(hex, &fertility)| {
                let coast = self.coasts && hex.neighbours().any(|n| !on_land.contains(&n));
                terrain(coast, fertility)
            })
            .collect();
        Landscape {
            fertility,
            settlement,
            culture: ranks(&culture),
            crowding,
            kinds,
        }
    }

    /// Each region's multiple of its settled people (before the world is
    /// scaled back to its total): cities are drawn one by one among the
    /// most settled half of the regions at least four hexes from the cities
    /// before (any region once none is left), and a region `d` hexes from
    /// its nearest city holds `1 + (size − 1) e^(−d²)` times its people
    /// (the first ring about a third of the centre's extra, the second
    /// almost none).
    fn crowding(&self, hexes: &[Hex], settlement: &[f64], rng: &mut ChaCha8Rng) -> Vec<f64> {
        let mut centres: Vec<Hex> = Vec::new();
        for _ in 0..self.cities.min(hexes.len() as u32) {
            let free = |i: &usize| !centres.contains(&hexes[*i]);
            let far = |i: &usize| centres.iter().all(|c| c.distance(hexes[*i]) >= 4);
            let mut candidates: Vec<usize> = (0..hexes.len())
                .filter(|i| settlement[*i] >= 0.0 && free(i) && far(i))
                .collect();
            if candidates.is_empty() {
                candidates = (0..hexes.len()).filter(free).collect();
            }
            let pick = candidates[rng.random_range(0..candidates.len())];
            centres.push(hexes[pick]);
        }
        hexes
            .iter()
            .map(|hex| {
                let nearest = centres.iter().map(|c| c.distance(*hex)).min();
                nearest.map_or(1.0, |d| {
                    let d = f64::from(d);
                    1.0 + (self.city_size - 1.0) * (-d * d).exp()
                })
            })
            .collect()
    }
}

/// The order of a region's commons kinds: a coast fishes first, a fertile
/// basin farms its soil, an upland keeps forest; water comes second
/// everywhere.
fn terrain(coast: bool, fertility: f64) -> [CommonsKind; 4] {
    use CommonsKind::*;
    if coast {
        [Fishery, Water, Soil, Forest]
    } else if fertility > 0.0 {
        [Soil, Water, Forest, Fishery]
    } else {
        [Forest, Water, Soil, Fishery]
    }
}

/// A hex's centre on the plane, one unit between neighbours.
fn position(hex: Hex) -> (f64, f64) {
    let (q, r) = (f64::from(hex.q), f64::from(hex.r));
    (q + r / 2.0, r * 3f64.sqrt() / 2.0)
}

/// A smooth random field at `points`: value noise, that is random values on
/// a square lattice `scale` apart blended smoothly between lattice points,
/// plus a second lattice at half the spacing and half the weight for detail.
fn smooth_field(points: &[(f64, f64)], scale: f64, rng: &mut ChaCha8Rng) -> Vec<f64> {
    let coarse = Lattice::new(points, scale, rng);
    let fine = Lattice::new(points, scale / 2.0, rng);
    points
        .iter()
        .map(|&p| coarse.at(p) + 0.5 * fine.at(p))
        .collect()
}

/// Random values on the lattice points covering a set of points.
struct Lattice {
    origin: (f64, f64),
    spacing: f64,
    columns: usize,
    values: Vec<f64>,
}

impl Lattice {
    fn new(points: &[(f64, f64)], spacing: f64, rng: &mut ChaCha8Rng) -> Self {
        let fold = |pick: fn(f64, f64) -> f64, axis: fn(&(f64, f64)) -> f64, from: f64| {
            points.iter().map(axis).fold(from, pick)
        };
        let origin = (
            fold(f64::min, |p| p.0, f64::INFINITY),
            fold(f64::min, |p| p.1, f64::INFINITY),
        );
        let extent = (
            fold(f64::max, |p| p.0, f64::NEG_INFINITY) - origin.0,
            fold(f64::max, |p| p.1, f64::NEG_INFINITY) - origin.1,
        );
        let columns = (extent.0 / spacing).floor() as usize + 2;
        let rows = (extent.1 / spacing).floor() as usize + 2;
        let values = (0..columns * rows)
            .map(|_| rng.random_range(-1.0..1.0))
            .collect();
        Lattice {
            origin,
            spacing,
            columns,
            values,
        }
    }

    /// The field at `p`: the four lattice values around it, blended with
    /// smoothstep weights.
    fn at(&self, p: (f64, f64)) -> f64 {
        let x = (p.0 - self.origin.0) / self.spacing;
        let y = (p.1 - self.origin.1) / self.spacing;
        let (i, j) = (x.floor() as usize, y.floor() as usize);
        let smooth = |t: f64| t * t * (3.0 - 2.0 * t);
        let (u, v) = (smooth(x - x.floor()), smooth(y - y.floor()));
        let value = |i: usize, j: usize| self.values[j * self.columns + i];
        let top = value(i, j) * (1.0 - u) + value(i + 1, j) * u;
        let bottom = value(i, j + 1) * (1.0 - u) + value(i + 1, j + 1) * u;
        top * (1.0 - v) + bottom * v
    }
}

/// Each value's place among all of them, spaced evenly over -1 to 1 (the
/// lowest at `-1 + 1/n`, the highest at `1 - 1/n`; ties in index order), so
/// that `mean × (1 + spread × place)` spreads exactly as uniform draws
/// would.
fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]).then(a.cmp(&b)));
    let n = values.len() as f64;
    let mut place = vec![0.0; values.len()];
    for (rank, i) in order.into_iter().enumerate() {
        place[i] = (2.0 * rank as f64 + 1.0) / n - 1.0;
    }
    place
}

#[cfg(test)]
mod tests {
    use super::*;

    fn patch(columns: i32, rows: i32) -> Vec<Hex> {
        (0..rows)
            .flat_map(|row| {
                (0..columns).map(move |column| Hex {
                    q: column,
                    r: row - (column - (column & 1)) / 2,
                })
            })
            .collect()
    }

    fn geography(scale: f64) -> Geography {
        Geography {
            scale,
            cities: 3,
            city_size: 5.0,
            coasts: true,
        }
    }

    /// Mean absolute difference of a field between neighbours.
    fn roughness(hexes: &[Hex], field: &[f64]) -> f64 {
        let mut sum = 0.0;
        let mut pairs = 0.0;
        for (i, a) in hexes.iter().enumerate() {
            for (j, b) in hexes.iter().enumerate() {
                if a.distance(*b) == 1 {
                    sum += (field[i] - field[j]).abs();
                    pairs += 1.0;
                }
            }
        }
        sum / pairs
    }

    #[test]
    fn places_spread_evenly_whatever_the_field() {
        let places = ranks(&[3.0, -1.0, 3.0, 0.5]);
        assert_eq!(places, vec![0.25, -0.75, 0.75, -0.25]);
    }

    #[test]
    fn neighbours_are_alike_and_the_scale_sets_how_far() {
        let hexes = patch(20, 15);
        let smooth = geography(6.0).lay_out(&hexes, 7);
        let rough = geography(1.0).lay_out(&hexes, 7);
        // Independent places would differ by 2/3 on average between
        // neighbours.
        for field in [&smooth.fertility, &smooth.settlement, &smooth.culture] {
            assert!(
                roughness(&hexes, field) < 0.3,
                "{}",
                roughness(&hexes, field)
            );
        }
        assert!(roughness(&hexes, &rough.fertility) > 2.0 * roughness(&hexes, &smooth.fertility));
    }

    #[test]
    fn cities_crowd_and_coasts_fish() {
        let hexes = patch(20, 15);
        let land = geography(6.0).lay_out(&hexes, 7);
        let centres = land.crowding.iter().filter(|&&c| c == 5.0).count();
        assert_eq!(centres, 3);
        assert!(land.crowding.iter().all(|&c| (1.0..=5.0).contains(&c)));
        // The patch's corner is a coast; a hex in the middle is not.
        assert_eq!(land.kinds[0][0], CommonsKind::Fishery);
        let middle = hexes.iter().position(|h| *h == hexes[7 * 20 + 10]).unwrap();
        assert_ne!(land.kinds[middle][0], CommonsKind::Fishery);
        // The same seed lays out the same land.
        let again = geography(6.0).lay_out(&hexes, 7);
        assert_eq!(land.fertility, again.fertility);
        assert_eq!(land.crowding, again.crowding);
    }
}
