//! Draws the model's world: one hex per region coloured by the chosen
//! overlay, small markers for commons (sized by stock) and enterprises, and
//! a stroke per trade or aid link whose width follows last month's flow,
//! red where a circuit breaker has shut it, and beside each trade link a
//! stroke per contagion channel that carried something last month: disease,
//! people, and credit crunches (money, in the aid colour).
//! Every kind of marker shares one mesh and one material, so thousands of
//! them batch; hexes share one material per step of the colour scale.
//! Redrawn from scratch whenever the model respawns its world (a reset).

use bevy::prelude::*;

use super::Selection;
use super::hex::{HEX_SIZE, hex_to_world};
use super::overlay::{self, DifferenceMap, Differences, Overlay, ReadingData};
use crate::sim::base::goods::{SECTORS, Sector};
use crate::sim::ecology::{Commons, CommonsKind};
use crate::sim::institutions::{Channels, Link, LinkKind};
use crate::sim::people::Federations;
use crate::sim::people::{Cohorts, Region};
use crate::sim::{SimClock, WorldIndex};
use crate::ui::comparison::Comparison;

/// Meshes and materials every map entity shares.
#[derive(Resource)]
struct MapAssets {
    /// One hex, slightly smaller than the grid so borders show.
    hex: Handle<Mesh>,
    /// The outline drawn behind the selected hex.
    ring: Handle<Mesh>,
    /// Commons marker.
    dot: Handle<Mesh>,
    /// Enterprise marker.
    square: Handle<Mesh>,
    /// A unit quad, stretched along each link.
    stroke: Handle<Mesh>,
    /// Hex colour per step of the scale, 0..=STEPS.
    steps: Vec<Handle<ColorMaterial>>,
    /// Hex colour per step of the difference map's diverging scale.
    diff_steps: Vec<Handle<ColorMaterial>>,
    /// Hex colour where the overlay has no meaning.
    no_data: Handle<ColorMaterial>,
    /// The selection outline's colour.
    highlight: Handle<ColorMaterial>,
    /// Commons marker colour per kind, in `CommonsKind::ALL` order.
    commons: Vec<Handle<ColorMaterial>>,
    /// Enterprise marker colour per sector, in `Sector::ALL` order.
    sectors: Vec<Handle<ColorMaterial>>,
    /// Trade link colour.
    trade: Handle<ColorMaterial>,
    /// Aid link colour.
    aid: Handle<ColorMaterial>,
    /// A link a circuit breaker has shut.
    shut: Handle<ColorMaterial>,
    /// Contagion channel colours, in `Channel::ALL` order.
    channels: Vec<Handle<ColorMaterial>>,
}

/// Colours of commons markers, in `CommonsKind::ALL` order (forest, water,
/// fishery, soil); the legend repeats them.
pub(crate) const COMMONS_COLOURS: [[f32; 3]; 4] = [
    [0.10, 0.35, 0.12],
    [0.20, 0.45, 0.95],
    [0.10, 0.75, 0.80],
    [0.50, 0.32, 0.15],
];
/// Colours of enterprise markers, in `Sector::ALL` order.
pub(crate) const SECTOR_COLOURS: [[f32; 3]; SECTORS] = [
    [0.95, 0.95, 0.90],
    [0.60, 0.60, 0.65],
    [0.95, 0.45, 0.55],
    [0.70, 0.55, 0.95],
    [0.98, 0.75, 0.15],
    [0.20, 0.20, 0.22],
];
/// Trade link colour.
pub(crate) const TRADE_COLOUR: [f32; 3] = [0.92, 0.92, 0.92];
/// Aid link colour.
pub(crate) const AID_COLOUR: [f32; 3] = [1.0, 0.55, 0.10];
/// Colour of a link a circuit breaker has shut.
pub(crate) const SHUT_COLOUR: [f32; 3] = [0.85, 0.15, 0.15];
/// Colour of disease carried along a link.
pub(crate) const DISEASE_COLOUR: [f32; 3] = [0.85, 0.30, 0.90];
/// Colour of people moving along a link.
pub(crate) const PEOPLE_COLOUR: [f32; 3] = [0.30, 0.85, 0.95];

/// A contagion channel drawn beside a trade link (goods are the link's own
/// stroke).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Channel {
    Disease,
    People,
    Credit,
}

impl Channel {
    const ALL: [Channel; 3] = [Channel::Disease, Channel::People, Channel::Credit];

    fn colour(self) -> [f32; 3] {
        match self {
            Channel::Disease => DISEASE_COLOUR,
            Channel::People => PEOPLE_COLOUR,
            Channel::Credit => AID_COLOUR,
        }
    }

    fn carried(self, channels: &Channels) -> f64 {
        match self {
            Channel::Disease => channels.disease,
            Channel::People => channels.people,
            Channel::Credit => channels.credit,
        }
    }

    /// Whether what it carried in a month is worth a stroke, given the
    /// smaller end's people: a tenth of a per cent of them moving (more
    /// than one in a hundred a year), an exposure of one in ten thousand,
    /// a crunch of one per cent.
    fn worth_seeing(self, carried: f64, people: f64) -> bool {
        match self {
            Channel::Disease => carried > 1e-4,
            Channel::People => carried > 1e-3 * people,
            Channel::Credit => carried > 1e-2,
        }
    }

    /// Where its stroke sits beside the link, in hex sizes along the
    /// link's normal (aid sits at +0.12).
    fn offset(self) -> f32 {
        match self {
            Channel::Disease => -0.12,
            Channel::People => -0.24,
            Channel::Credit => 0.24,
        }
    }
}

fn srgb([r, g, b]: [f32; 3]) -> Color {
    Color::srgb(r, g, b)
}

/// Marks everything the map spawned, so a reset can remove it.
#[derive(Component)]
struct MapEntity;

/// A region's hex.
#[derive(Component)]
struct Tile {
    /// The region entity it draws.
    region: Entity,
}

/// A commons marker.
#[derive(Component)]
struct CommonsMarker {
    /// The commons entity it draws.
    commons: Entity,
}

/// A link's stroke.
#[derive(Component)]
struct Stroke {
    /// The link entity it draws.
    link: Entity,
}

/// A stroke drawing one contagion channel of a trade link.
#[derive(Component)]
struct ChannelStroke {
    link: Entity,
    channel: Channel,
}

/// The outline of the selected region.
#[derive(Component)]
struct SelectionRing;

/// Draw order (z) of each layer.
const Z_RING: f32 = 0.0;
const Z_TILE: f32 = 1.0;
const Z_STROKE: f32 = 2.0;
const Z_MARKER: f32 = 3.0;

/// Side of an enterprise marker and radius of a full commons marker (world units).
const MARKER: f32 = 11.0;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, make_assets).add_systems(
        Update,
        (
            rebuild.run_if(resource_exists_and_changed::<WorldIndex>),
            colour_tiles,
            (size_commons, draw_strokes, draw_channels).run_if(model_moved),
            place_ring,
        )
            .chain(),
    );
}

/// Whether the picture of the model is stale: a month has passed, the
/// overlay changed, or the world was respawned. The model changes only at a
/// tick, so between ticks the map is left as it is.
fn model_moved(
    clock: Res<SimClock>,
    overlay: Res<Overlay>,
    index: Res<WorldIndex>,
    mut drawn: Local<Option<(u32, Overlay)>>,
) -> bool {
    let now = Some((clock.tick, *overlay));
    let moved = index.is_changed() || *drawn != now;
    *drawn = now;
    moved
}

/// What the hexes were last coloured for: the month, the overlay, whether
/// it is the difference map and the comparison's month then.
type Coloured = (u32, Overlay, bool, Option<u32>);

fn make_assets(
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    let mut material = |c: Color| materials.add(ColorMaterial::from_color(c));
    let steps = (0..=overlay::STEPS)
        .map(|s| material(overlay::step_color(s)))
        .collect();
    let diff_steps = (0..=overlay::STEPS)
        .map(|s| material(overlay::diff_step_color(s)))
        .collect();
    let assets = MapAssets {
        hex: meshes.add(RegularPolygon::new(HEX_SIZE * 0.94, 6)),
        ring: meshes.add(RegularPolygon::new(HEX_SIZE * 1.04, 6)),
        dot: meshes.add(Circle::new(MARKER)),
        square: meshes.add(Rectangle::new(MARKER * 1.6, MARKER * 1.6)),
        stroke: meshes.add(Rectangle::new(1.0, 1.0)),
        steps,
        diff_steps,
        no_data: material(overlay::NO_DATA),
        highlight: material(Color::WHITE),
        commons: COMMONS_COLOURS.iter().map(|&c| material(srgb(c))).collect(),
        sectors: SECTOR_COLOURS.iter().map(|&c| material(srgb(c))).collect(),
        trade: material(srgb(TRADE_COLOUR).with_alpha(0.85)),
        aid: material(srgb(AID_COLOUR).with_alpha(0.9)),
        shut: material(srgb(SHUT_COLOUR)),
        channels: Channel::ALL
            .iter()
            .map(|c| material(srgb(c.colour())))
            .collect(),
    };
    commands.insert_resource(assets);
}

/// Respawns the map for the model's current world.
fn rebuild(
    mut commands: Commands,
    assets: Res<MapAssets>,
    index: Res<WorldIndex>,
    old: Query<Entity, With<MapEntity>>,
    regions: Query<&Region>,
    commons: Query<&Commons>,
    links: Query<&Link>,
) {
    for entity in &old {
        commands.entity(entity).despawn();
    }
    commands.spawn((
        MapEntity,
        SelectionRing,
        Mesh2d(assets.ring.clone()),
        MeshMaterial2d(assets.highlight.clone()),
        Transform::from_xyz(0.0, 0.0, Z_RING),
        Visibility::Hidden,
    ));
    for &entity in &index.regions {
        let Ok(region) = regions.get(entity) else {
            continue;
        };
        let centre = hex_to_world(region.hex);
        commands.spawn((
            MapEntity,
            Tile { region: entity },
            Mesh2d(assets.hex.clone()),
            MeshMaterial2d(assets.no_data.clone()),
            Transform::from_translation(centre.extend(Z_TILE)),
        ));
        // Enterprises in a row across the lower part of the hex, by sector.
        for (sector, _) in region.enterprises.iter() {
            let i = sector.index();
            let x = (i as f32 - 2.0) * MARKER * 2.2;
            commands.spawn((
                MapEntity,
                Mesh2d(assets.square.clone()),
                MeshMaterial2d(assets.sectors[i % assets.sectors.len()].clone()),
                Transform::from_translation(
                    (centre + Vec2::new(x, -HEX_SIZE * 0.45)).extend(Z_MARKER),
                ),
            ));
        }
        // Commons in a row across the upper part, sized later by stock.
        let n = region.commons.len() as f32;
        for (i, &c) in region.commons.iter().enumerate() {
            let Ok(commons) = commons.get(c) else {
                continue;
            };
            let kind = CommonsKind::ALL
                .iter()
                .position(|k| *k == commons.kind)
                .unwrap_or(0);
            let x = (i as f32 - (n - 1.0) / 2.0) * MARKER * 2.6;
            commands.spawn((
                MapEntity,
                CommonsMarker { commons: c },
                Mesh2d(assets.dot.clone()),
                MeshMaterial2d(assets.commons[kind].clone()),
                Transform::from_translation(
                    (centre + Vec2::new(x, HEX_SIZE * 0.5)).extend(Z_MARKER),
                ),
            ));
        }
    }
    for &entity in index.links() {
        let Ok(link) = links.get(entity) else {
            continue;
        };
        let material = match link.kind {
            LinkKind::Trade => assets.trade.clone(),
            LinkKind::Aid => assets.aid.clone(),
        };
        commands.spawn((
            MapEntity,
            Stroke { link: entity },
            Mesh2d(assets.stroke.clone()),
            MeshMaterial2d(material),
            Transform::from_xyz(0.0, 0.0, Z_STROKE),
        ));
        if link.kind == LinkKind::Trade {
            for (i, channel) in Channel::ALL.into_iter().enumerate() {
                commands.spawn((
                    MapEntity,
                    ChannelStroke {
                        link: entity,
                        channel,
                    },
                    Mesh2d(assets.stroke.clone()),
                    MeshMaterial2d(assets.channels[i].clone()),
                    Transform::from_xyz(0.0, 0.0, Z_STROKE),
                    Visibility::Hidden,
                ));
            }
        }
    }
}

/// Each region's overlay figure in a world, indexed by region id (`None`
/// where the overlay has no meaning there).
fn readings(world: &mut World, overlay: Overlay) -> Vec<Option<f64>> {
    let mut commons = world.query::<&Commons>();
    let mut regions = world.query::<(&Region, ReadingData)>();
    let mut out = Vec::new();
    for (region, data) in regions.iter(world) {
        let stocks = region
            .commons
            .iter()
            .filter_map(|&c| commons.get(world, c).ok());
        let id = region.id as usize;
        if out.len() <= id {
            out.resize(id + 1, None);
        }
        out[id] = overlay.read(overlay::reading(data), stocks);
    }
    out
}

/// Gives each hex the material of its overlay step; on the difference map,
/// of its step of this run minus the comparison run at the same month
/// (grey where there is none), and lists the differences for the panel.
/// Only when stale: a month passed, the overlay or the difference map was
/// switched, the comparison (catching up in the background) reached
/// another month, or the world was respawned.
fn colour_tiles(
    overlay: Res<Overlay>,
    difference: Res<DifferenceMap>,
    mut differences: ResMut<Differences>,
    federations: Res<Federations>,
    clock: Res<SimClock>,
    comparison: Option<NonSendMut<Comparison>>,
    index: Res<WorldIndex>,
    mut coloured: Local<Option<Coloured>>,
    assets: Res<MapAssets>,
    regions: Query<(&Region, ReadingData)>,
    commons: Query<&Commons>,
    mut tiles: Query<(&Tile, &mut MeshMaterial2d<ColorMaterial>)>,
) {
    let now = Some((
        clock.tick,
        *overlay,
        difference.0,
        difference
            .0
            .then(|| comparison.as_ref().map(|c| c.tick()))
            .flatten(),
    ));
    if !index.is_changed() && *coloured == now {
        return;
    }
    *coloured = now;
    let (theirs, their_cohorts) = match comparison {
        Some(mut c) if difference.0 && c.tick() == clock.tick => match c.world_mut() {
            Some(w) => {
                let cohorts = overlay.by_cohort(w.query::<&Cohorts>().iter(w));
                (Some(readings(w, *overlay)), cohorts)
            }
            None => (None, None),
        },
        _ => (None, None),
    };
    let cohorts = their_cohorts
        .zip(overlay.by_cohort(regions.iter().map(|(_, data)| data.0)))
        .map(|(theirs, ours)| {
            ours.iter()
                .zip(&theirs)
                .enumerate()
                .map(|(i, (a, b))| (overlay::cohort_name(i, ours.len()), a - b))
                .collect()
        })
        .unwrap_or_default();
    let mut listed = Vec::new();
    // Per federation: the sum of its regions' differences and their count.
    let mut by_federation: Vec<(f64, usize)> = Vec::new();
    for (tile, mut material) in &mut tiles {
        let Ok((region, data)) = regions.get(tile.region) else {
            continue;
        };
        let share = overlay.read(
            overlay::reading(data),
            region.commons.iter().filter_map(|&c| commons.get(c).ok()),
        );
        let wanted = if difference.0 {
            let other = theirs
                .as_ref()
                .and_then(|t| t.get(region.id as usize).copied().flatten());
            match (share, other) {
                (Some(ours), Some(other)) => {
                    listed.push((region.name.clone(), ours - other));
                    let f = region.federation as usize;
                    if by_federation.len() <= f {
                        by_federation.resize(f + 1, (0.0, 0));
                    }
                    by_federation[f].0 += ours - other;
                    by_federation[f].1 += 1;
                    &assets.diff_steps[overlay::diff_step(ours - other)]
                }
                _ => &assets.no_data,
            }
        } else {
            share.map_or(&assets.no_data, |s| &assets.steps[overlay::step(s)])
        };
        if material.0 != *wanted {
            material.0 = wanted.clone();
        }
    }
    let largest_first =
        |a: &(String, f64), b: &(String, f64)| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0));
    listed.sort_by(largest_first);
    let mut feds: Vec<(String, f64)> = by_federation
        .iter()
        .enumerate()
        .filter(|(_, (_, n))| *n > 0)
        .map(|(f, (sum, n))| (federations.name(f as u32), sum / *n as f64))
        .collect();
    feds.sort_by(largest_first);
    let now = Differences {
        regions: listed,
        federations: feds,
        cohorts,
    };
    if *differences != now {
        *differences = now;
    }
}

/// Scales each commons marker's area with its stock as a share of capacity.
fn size_commons(commons: Query<&Commons>, mut markers: Query<(&CommonsMarker, &mut Transform)>) {
    for (marker, mut transform) in &mut markers {
        let Ok(c) = commons.get(marker.commons) else {
            continue;
        };
        let share = if c.capacity > 0.0 {
            (c.stock / c.capacity).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let scale = (share.sqrt() as f32).max(0.15);
        transform.scale = Vec3::new(scale, scale, 1.0);
    }
}

/// Stretches each link's stroke between its regions' centres; aid sits a
/// little to one side so both kinds show between the same neighbours, and
/// width grows with last month's flow relative to the largest of its kind.
fn draw_strokes(
    assets: Res<MapAssets>,
    regions: Query<&Region>,
    links: Query<&Link>,
    mut strokes: Query<(&Stroke, &mut Transform, &mut MeshMaterial2d<ColorMaterial>)>,
) {
    let mut largest = [0.0f64; 2];
    for link in &links {
        let k = usize::from(link.kind == LinkKind::Aid);
        largest[k] = largest[k].max(link.flow.abs());
    }
    for (stroke, mut transform, mut material) in &mut strokes {
        let Ok(link) = links.get(stroke.link) else {
            continue;
        };
        // A shut link is drawn red at the thinnest width.
        let wanted = match (link.shut, link.kind) {
            (true, _) => &assets.shut,
            (false, LinkKind::Trade) => &assets.trade,
            (false, LinkKind::Aid) => &assets.aid,
        };
        if material.0 != *wanted {
            material.0 = wanted.clone();
        }
        let (Ok(from), Ok(to)) = (regions.get(link.from), regions.get(link.to)) else {
            continue;
        };
        let aid = link.kind == LinkKind::Aid;
        let offset = if aid { 0.12 } else { 0.0 };
        let k = usize::from(aid);
        let strength = if largest[k] > 0.0 {
            (link.flow.abs() / largest[k]) as f32
        } else {
            0.0
        };
        let width = if link.shut {
            3.0
        } else if aid && link.flow.abs() <= 0.0 {
            0.0
        } else {
            2.0 + 8.0 * strength
        };
        *transform = stroke_between(from, to, offset, width);
    }
}

/// A stroke's place between two regions' hexes: only the part between
/// their markers, so strokes do not hide them, set `offset` hex sizes to
/// one side, `width` wide.
fn stroke_between(from: &Region, to: &Region, offset: f32, width: f32) -> Transform {
    let (a, b) = (hex_to_world(from.hex), hex_to_world(to.hex));
    let along = b - a;
    let normal = along.perp().normalize_or_zero();
    Transform {
        translation: ((a + b) / 2.0 + normal * HEX_SIZE * offset).extend(Z_STROKE),
        rotation: Quat::from_rotation_z(along.to_angle()),
        scale: Vec3::new(along.length() * 0.4, width, 1.0),
    }
}

/// Draws each contagion channel beside its trade link, wide by what it
/// carried last month against the most any link carried on that channel.
/// A channel is hidden where it carried little: under 2% of the most, or
/// under what is worth seeing (`Channel::worth_seeing`), so that the calm
/// trickle of migrants does not cover the map. A shut link carries nothing.
fn draw_channels(
    regions: Query<(&Region, &Cohorts)>,
    links: Query<(&Link, &Channels)>,
    mut strokes: Query<(&ChannelStroke, &mut Transform, &mut Visibility)>,
) {
    let mut largest = [0.0f64; 3];
    for (_, channels) in &links {
        for (i, channel) in Channel::ALL.into_iter().enumerate() {
            largest[i] = largest[i].max(channel.carried(channels).abs());
        }
    }
    for (stroke, mut transform, mut visibility) in &mut strokes {
        let Ok((link, channels)) = links.get(stroke.link) else {
            continue;
        };
        let i = Channel::ALL
            .iter()
            .position(|&c| c == stroke.channel)
            .unwrap_or(0);
        let strength = if largest[i] > 0.0 {
            (stroke.channel.carried(channels).abs() / largest[i]) as f32
        } else {
            0.0
        };
        let ends = regions.get(link.from).ok().zip(regions.get(link.to).ok());
        let people = ends.map_or(0.0, |((_, a), (_, b))| a.population().min(b.population()));
        let carried = stroke.channel.carried(channels).abs();
        let shown = strength > 0.02 && !link.shut && stroke.channel.worth_seeing(carried, people);
        visibility.set_if_neq(if shown {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        });
        let Some(((from, _), (to, _))) = ends.filter(|_| shown) else {
            continue;
        };
        *transform = stroke_between(from, to, stroke.channel.offset(), 1.5 + 5.0 * strength);
    }
}

/// Puts the outline behind the selected region's hex.
fn place_ring(
    selection: Res<Selection>,
    regions: Query<&Region>,
    mut ring: Query<(&mut Transform, &mut Visibility), With<SelectionRing>>,
) {
    let Ok((mut transform, mut visibility)) = ring.single_mut() else {
        return;
    };
    let hex = selection
        .region
        .and_then(|id| regions.iter().find(|r| r.id == id))
        .map(|r| r.hex);
    match hex {
        Some(hex) => {
            transform.translation = hex_to_world(hex).extend(Z_RING);
            visibility.set_if_neq(Visibility::Inherited);
        }
        None => {
            visibility.set_if_neq(Visibility::Hidden);
        }
    }
}

/// The colour a legend shows for a commons kind.
pub(crate) fn commons_colour(kind: CommonsKind) -> [f32; 3] {
    COMMONS_COLOURS[CommonsKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(0)]
}

/// The colour a legend shows for a sector.
pub(crate) fn sector_colour(sector: Sector) -> [f32; 3] {
    SECTOR_COLOURS[sector.index()]
}
