//! The world part of a scenario: regions on a hex map, the people in them,
//! their commons, and the links between neighbours. Generated worlds draw
//! their regions from the run's seed; listed worlds are written out.

use std::collections::BTreeMap;

use chacha20::ChaCha8Rng;
use rand::{RngExt, SeedableRng};
use serde::Deserialize;

use super::geography::Geography;
use super::{CommonsKind, Hex, LinkKind};
use crate::sim::base::bounded;
use crate::sim::institutions::{Policy, PolicyOverrides};

/// One income cohort, as a share of every region's population.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CohortSpec {
    /// Share of the population in this cohort.
    #[serde(deserialize_with = "bounded::share")]
    pub population_share: f64,
    /// Relative pay of an hour of this cohort's work (the skill premium).
    #[serde(deserialize_with = "bounded::positive")]
    pub earnings_weight: f64,
    /// Share of enterprise equity this cohort owns.
    #[serde(deserialize_with = "bounded::share")]
    pub ownership_share: f64,
    /// Money per person at the start.
    #[serde(deserialize_with = "bounded::non_negative")]
    pub wealth_per_person: f64,
    /// Share of its money the cohort spends each month.
    #[serde(deserialize_with = "bounded::share")]
    pub spend_propensity: f64,
    /// Starting health (0..1).
    #[serde(deserialize_with = "bounded::share")]
    pub health: f64,
    /// Starting skills (0..1).
    #[serde(deserialize_with = "bounded::share")]
    pub skills: f64,
    /// Whether the region's institutions leave this cohort out (seed step
    /// 9, new inequality and exclusion: newcomers without a member's
    /// rights): it gets no share of need-based provision or of the
    /// council's cash transfers, though it pays contributions, works and
    /// buys like anyone. False if not written.
    #[serde(default)]
    pub excluded: bool,
}

/// Shares of behavioural types, after experimental economics (Fischbacher,
/// Gächter and Fehr 2001: about half conditional cooperators, a third free
/// riders, in a game without punishment; strong reciprocators, who punish
/// free riding at their own cost, after Fehr and Gächter 2000 and 2002).
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Behaviour {
    /// Cooperate when they trust others will.
    #[serde(deserialize_with = "bounded::share")]
    pub conditional_cooperators: f64,
    /// Take what they can unless caught.
    #[serde(deserialize_with = "bounded::share")]
    pub free_riders: f64,
    /// Cooperate and report free riders at their own cost.
    #[serde(deserialize_with = "bounded::share")]
    pub strong_reciprocators: f64,
}

/// The people of every region: cohorts (poorest first) and behaviour.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, try_from = "PeopleFile")]
pub struct People {
    pub cohorts: Vec<CohortSpec>,
    pub behaviour: Behaviour,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PeopleFile {
    cohorts: Vec<CohortSpec>,
    behaviour: Behaviour,
}

fn sums_to_one(values: impl Iterator<Item = f64>) -> bool {
    (values.sum::<f64>() - 1.0).abs() < 1e-6
}

impl TryFrom<PeopleFile> for People {
    type Error = String;

    fn try_from(file: PeopleFile) -> Result<Self, String> {
        let cohorts = file.cohorts;
        if cohorts.is_empty() || cohorts.len() > 10 {
            return Err(format!("expected 1 to 10 cohorts, found {}", cohorts.len()));
        }
        if !sums_to_one(cohorts.iter().map(|c| c.population_share)) {
            return Err("expected cohort population shares that sum to 1".into());
        }
        if !sums_to_one(cohorts.iter().map(|c| c.ownership_share)) {
            return Err("expected cohort ownership shares that sum to 1".into());
        }
        if cohorts
            .windows(2)
            .any(|w| w[1].earnings_weight < w[0].earnings_weight)
        {
            return Err(
                "expected cohorts listed poorest first (earnings weights that never fall)".into(),
            );
        }
        let b = file.behaviour;
        if !sums_to_one(
            [
                b.conditional_cooperators,
                b.free_riders,
                b.strong_reciprocators,
            ]
            .into_iter(),
        ) {
            return Err("expected behaviour shares that sum to 1".into());
        }
        Ok(People {
            cohorts,
            behaviour: b,
        })
    }
}

/// One commons of a listed region.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, try_from = "CommonsFile")]
pub struct CommonsSpec {
    pub kind: CommonsKind,
    /// Carrying capacity (resource units).
    pub capacity: f64,
    /// Stock at the start (resource units).
    pub stock: f64,
    /// Intrinsic regrowth rate per year.
    pub regeneration_rate: f64,
    /// Stock under which regrowth turns negative (resource units).
    pub tipping_threshold: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CommonsFile {
    kind: CommonsKind,
    #[serde(deserialize_with = "bounded::positive")]
    capacity: f64,
    #[serde(deserialize_with = "bounded::non_negative")]
    stock: f64,
    #[serde(deserialize_with = "bounded::positive")]
    regeneration_rate: f64,
    #[serde(deserialize_with = "bounded::non_negative")]
    tipping_threshold: f64,
}

impl TryFrom<CommonsFile> for CommonsSpec {
    type Error = String;

    fn try_from(f: CommonsFile) -> Result<Self, String> {
        if f.stock > f.capacity {
            return Err(format!(
                "expected a stock no larger than the capacity {}, found {}",
                f.capacity, f.stock
            ));
        }
        if f.tipping_threshold >= f.capacity / 2.0 {
            return Err(format!(
                "expected a tipping threshold under half the capacity ({}), found {}",
                f.capacity / 2.0,
                f.tipping_threshold
            ));
        }
        Ok(CommonsSpec {
            kind: f.kind,
            capacity: f.capacity,
            stock: f.stock,
            regeneration_rate: f.regeneration_rate,
            tipping_threshold: f.tipping_threshold,
        })
    }
}

/// A region as a listed world writes it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListedRegion {
    pub name: String,
    pub hex: Hex,
    /// Index of the federation the region belongs to.
    #[serde(deserialize_with = "bounded::federation_index")]
    pub federation: u32,
    /// People.
    #[serde(deserialize_with = "bounded::population")]
    pub population: f64,
    /// Culture: 0 communal, 1 individualist.
    #[serde(deserialize_with = "bounded::share")]
    pub individualism: f64,
    /// Starting trust (0..1).
    #[serde(deserialize_with = "bounded::share")]
    pub trust: f64,
    #[serde(deserialize_with = "bounded::commons_list")]
    pub commons: Vec<CommonsSpec>,
    /// Levers in which this region departs from the scenario's regime.
    #[serde(default)]
    pub policy: PolicyOverrides,
    /// This region's own income cohorts and behaviour, where they differ
    /// from the world's (a rich region and a poor one differ in how income
    /// is spread, not only in commons, trust and population).
    #[serde(default)]
    pub people: Option<People>,
}

/// A world written out region by region.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListedWorld {
    pub people: People,
    #[serde(deserialize_with = "bounded::region_list")]
    pub regions: Vec<ListedRegion>,
}

/// A mean and a relative spread: values are drawn uniformly in
/// `mean × (1 ± spread)`.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spread {
    #[serde(deserialize_with = "bounded::non_negative")]
    pub mean: f64,
    #[serde(deserialize_with = "bounded::share")]
    pub spread: f64,
}

/// People per region as a spread whose largest draw stays within
/// `bounded::MAX_POPULATION`.
fn population_spread<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Spread, D::Error> {
    use serde::de::Error;
    let spread = Spread::deserialize(d)?;
    let largest = spread.mean * (1.0 + spread.spread);
    if largest <= bounded::MAX_POPULATION {
        Ok(spread)
    } else {
        Err(D::Error::custom(format!(
            "expected at most 10,000,000,000 (1e10) people in a region, found up to {largest}"
        )))
    }
}

/// A world generated from a few numbers and the run's seed.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GeneratedWorld {
    pub people: People,
    /// Number of regions, laid out on a roughly square patch of hexes.
    #[serde(deserialize_with = "bounded::region_count")]
    pub regions: u32,
    /// Number of federations; regions join them in bands of columns.
    #[serde(deserialize_with = "bounded::federation_count")]
    pub federations: u32,
    /// People per region.
    #[serde(deserialize_with = "population_spread")]
    pub population: Spread,
    /// Culture, 0 communal to 1 individualist (drawn values are cut to 0..1).
    pub individualism: Spread,
    /// Starting trust (0..1).
    #[serde(deserialize_with = "bounded::share")]
    pub trust: f64,
    /// Commons per region; kinds cycle through forest, water, fishery, soil.
    #[serde(deserialize_with = "bounded::commons_count")]
    pub commons_per_region: u32,
    /// Carrying capacity of each commons, in resource units per person.
    pub commons_capacity_per_person: Spread,
    /// Stock at the start, as a share of capacity.
    #[serde(deserialize_with = "bounded::share")]
    pub commons_start: f64,
    /// Intrinsic regrowth rate per year.
    #[serde(deserialize_with = "bounded::positive")]
    pub regeneration_rate: f64,
    /// Tipping threshold as a share of capacity (under 0.5).
    #[serde(deserialize_with = "bounded::below_half")]
    pub tipping_share: f64,
    /// Where the spreads' values fall on the map (see `geography`); without
    /// it every region draws its own, independent of its neighbours.
    #[serde(default)]
    pub geography: Option<Geography>,
}

/// The world as a scenario file gives it.
#[derive(Clone, Debug, Deserialize)]
pub enum WorldFile {
    Generated(GeneratedWorld),
    Listed(ListedWorld),
}

/// A region ready to spawn.
#[derive(Clone, Debug)]
pub struct RegionSpec {
    pub id: u32,
    pub name: String,
    pub hex: Hex,
    pub federation: u32,
    pub population: f64,
    pub individualism: f64,
    pub trust: f64,
    pub commons: Vec<CommonsSpec>,
    pub policy: Policy,
    /// Its income cohorts and behaviour.
    pub people: People,
}

/// A link between two regions (by id).
#[derive(Clone, Copy, Debug)]
pub struct LinkSpec {
    pub from: u32,
    pub to: u32,
    pub kind: LinkKind,
}

/// A world ready to spawn.
#[derive(Clone, Debug)]
pub struct WorldSpec {
    pub regions: Vec<RegionSpec>,
    pub links: Vec<LinkSpec>,
    pub federations: u32,
}

impl WorldFile {
    pub fn region_count(&self) -> usize {
        match self {
            WorldFile::Generated(g) => g.regions as usize,
            WorldFile::Listed(l) => l.regions.len(),
        }
    }

    /// Federations the world has: a generated world's count, or one more
    /// than the highest index a listed region names.
    pub fn federation_count(&self) -> usize {
        match self {
            WorldFile::Generated(g) => g.federations as usize,
            WorldFile::Listed(l) => l
                .regions
                .iter()
                .map(|r| r.federation as usize + 1)
                .max()
                .unwrap_or(0),
        }
    }

    pub(super) fn build(&self, seed: u64, policy: &Policy) -> WorldSpec {
        let regions = match self {
            WorldFile::Generated(g) => g.generate(seed, policy),
            WorldFile::Listed(l) => l.regions(policy),
        };
        let federations = regions.iter().map(|r| r.federation + 1).max().unwrap_or(0);
        let links = neighbour_links(&regions);
        WorldSpec {
            regions,
            links,
            federations,
        }
    }
}

impl ListedWorld {
    fn regions(&self, policy: &Policy) -> Vec<RegionSpec> {
        self.regions
            .iter()
            .zip(0..)
            .map(|(r, id)| {
                let mut policy = policy.clone();
                r.policy.apply(&mut policy);
                RegionSpec {
                    id,
                    name: r.name.clone(),
                    hex: r.hex,
                    federation: r.federation,
                    population: r.population,
                    individualism: r.individualism,
                    trust: r.trust,
                    commons: r.commons.clone(),
                    policy,
                    people: r.people.as_ref().unwrap_or(&self.people).clone(),
                }
            })
            .collect()
    }
}

impl GeneratedWorld {
    fn generate(&self, seed: u64, policy: &Policy) -> Vec<RegionSpec> {
        // A stream of its own, so the world does not shift when the model
        // draws a different number of random values.
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x0005_EED0_F3A9_u64);
        let columns = (self.regions as f64).sqrt().ceil().max(1.0) as i32;
        let federations = self.federations.max(1) as i32;
        let hexes: Vec<Hex> = (0..self.regions as i32)
            .map(|id| {
                let (column, row) = (id % columns, id / columns);
                // Offset columns ("odd-q") to axial coordinates.
                Hex {
                    q: column,
                    r: row - (column - (column & 1)) / 2,
                }
            })
            .collect();
        let land = self.geography.as_ref().map(|g| g.lay_out(&hexes, seed));
        // A value at `place` (-1 to 1) in a spread.
        let at = |s: Spread, place: f64| s.mean * (1.0 + s.spread * place);
        // Cities draw their people from everywhere else: the crowded world
        // is scaled back to the people its land holds.
        let thinning = land.as_ref().map_or(1.0, |l| {
            let settled = |i: usize| at(self.population, l.settlement[i]).round();
            let land: f64 = (0..hexes.len()).map(settled).sum();
            let crowded: f64 = (0..hexes.len()).map(|i| settled(i) * l.crowding[i]).sum();
            if crowded > 0.0 { land / crowded } else { 1.0 }
        });
        hexes
            .iter()
            .zip(0..)
            .map(|(&hex, id)| {
                let i = id as usize;
                let mut uniform = || 2.0 * rng.random::<f64>() - 1.0;
                // Without geography, a region's places are its own draws,
                // in this order: people, culture, then each commons.
                let settled = land.as_ref().map_or_else(&mut uniform, |l| l.settlement[i]);
                let culture = land.as_ref().map_or_else(&mut uniform, |l| l.culture[i]);
                let crowding = land.as_ref().map_or(1.0, |l| l.crowding[i]);
                let on_the_land = at(self.population, settled).round();
                let population = (on_the_land * crowding * thinning).round();
                let commons = (0..self.commons_per_region as usize)
                    .map(|k| {
                        let (fertility, kinds) = match &land {
                            Some(l) => (l.fertility[i], l.kinds[i]),
                            None => (uniform(), CommonsKind::ALL),
                        };
                        // A city's commons are those of its land.
                        let capacity = (at(self.commons_capacity_per_person, fertility)
                            * on_the_land)
                            .max(1.0);
                        CommonsSpec {
                            kind: kinds[k % kinds.len()],
                            capacity,
                            stock: capacity * self.commons_start,
                            regeneration_rate: self.regeneration_rate,
                            tipping_threshold: capacity * self.tipping_share,
                        }
                    })
                    .collect();
                RegionSpec {
                    id,
                    name: format!("Region {}", id + 1),
                    hex,
                    // Bands of columns (a hex's `q` is its column).
                    federation: (hex.q * federations / columns) as u32,
                    population,
                    individualism: at(self.individualism, culture).clamp(0.0, 1.0),
                    trust: self.trust,
                    commons,
                    policy: policy.clone(),
                    people: self.people.clone(),
                }
            })
            .collect()
    }
}

/// A trade link between every pair of neighbouring regions, and an aid link
/// too where both are in the same federation.
fn neighbour_links(regions: &[RegionSpec]) -> Vec<LinkSpec> {
    let by_hex: BTreeMap<Hex, &RegionSpec> = regions.iter().map(|r| (r.hex, r)).collect();
    let mut links = Vec::new();
    for region in regions {
        for hex in region.hex.neighbours() {
            let Some(other) = by_hex.get(&hex) else {
                continue;
            };
            if other.id <= region.id {
                continue;
            }
            links.push(LinkSpec {
                from: region.id,
                to: other.id,
                kind: LinkKind::Trade,
            });
            if other.federation == region.federation {
                links.push(LinkSpec {
                    from: region.id,
                    to: other.id,
                    kind: LinkKind::Aid,
                });
            }
        }
    }
    links
}
