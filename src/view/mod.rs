//! The map: regions as coloured hexes, their commons and enterprises as
//! markers, trade and aid links as strokes, and the camera that pans, zooms
//! and picks a region. It only reads the model's components and holds no
//! economic logic; what the colours mean is in [`overlay`].

pub(crate) mod camera;
pub(crate) mod hex;
pub(crate) mod map;
pub(crate) mod overlay;

use bevy::prelude::*;

/// The region the user picked on the map, whose figures the panel shows.
#[derive(Resource, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Selection {
    /// The selected region's id, if any.
    pub(crate) region: Option<u32>,
}

/// Screen space the panels cover at each edge of the window (logical
/// pixels), so the map camera draws only in what is left.
#[derive(Resource, Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct PanelInsets {
    /// Width covered on the left (logical pixels).
    pub(crate) left: f32,
    /// Width covered on the right (logical pixels).
    pub(crate) right: f32,
    /// Height covered at the top (logical pixels).
    pub(crate) top: f32,
    /// Height covered at the bottom (logical pixels).
    pub(crate) bottom: f32,
}

/// The map's plugin.
pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<Selection>()
        .init_resource::<PanelInsets>()
        .init_resource::<overlay::Overlay>()
        .init_resource::<overlay::DifferenceMap>()
        .init_resource::<overlay::Differences>()
        .insert_resource(ClearColor(Color::srgb(0.10, 0.13, 0.17)))
        .add_plugins((camera::plugin, map::plugin));
}
