//! The map camera: draws only where the panels are not, pans when dragged,
//! zooms with the wheel, frames the whole world after each (re)spawn, and
//! turns a click into a selected region.

use bevy::camera::Viewport;
use bevy::input::mouse::{AccumulatedMouseScroll, MouseScrollUnit};
use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use bevy_egui::input::EguiWantsInput;

use super::hex::{HEX_SIZE, hex_to_world, world_to_hex};
use super::{PanelInsets, Selection};
use crate::sim::WorldIndex;
use crate::sim::people::Region;

/// The camera that draws the map.
#[derive(Component)]
pub(crate) struct MapCamera;

/// When the map should be framed to show every region.
#[derive(Resource, Default)]
struct FrameWorld {
    /// Frame at the next chance (a new world was spawned).
    pending: bool,
    /// The viewport size last framed for (logical pixels); while the user has
    /// not moved the map, a new size (a panel resized) frames again.
    framed_for: Option<Vec2>,
    /// Whether the user has panned or zoomed since the last framing.
    moved: bool,
}

/// A press of the left button on the map, until it is released.
#[derive(Default)]
struct Press {
    /// Where the cursor was last frame (logical pixels).
    last: Option<Vec2>,
    /// How far it has moved since the press (logical pixels).
    travelled: f32,
}

/// A press that moves less than this is a click, not a drag (logical pixels).
const CLICK_SLOP: f32 = 5.0;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<FrameWorld>()
        .add_systems(Startup, spawn_camera)
        .add_systems(
            Update,
            (
                (|mut frame: ResMut<FrameWorld>| frame.pending = true)
                    .run_if(resource_exists_and_changed::<WorldIndex>),
                fit_viewport,
                frame_world,
                pan_zoom_and_pick,
            )
                .chain(),
        );
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn((MapCamera, Camera2d));
}

/// Shrinks the camera's viewport to the window less the panels.
fn fit_viewport(
    insets: Res<PanelInsets>,
    window: Single<&Window, With<PrimaryWindow>>,
    mut camera: Single<&mut Camera, With<MapCamera>>,
) {
    let scale = window.scale_factor();
    let size = UVec2::new(window.physical_width(), window.physical_height());
    let min = (Vec2::new(insets.left, insets.top) * scale)
        .as_uvec2()
        .min(size.saturating_sub(UVec2::ONE));
    let max = (Vec2::new(
        size.x as f32 - insets.right * scale,
        size.y as f32 - insets.bottom * scale,
    ))
    .as_uvec2()
    .max(min + UVec2::ONE)
    .min(size);
    let viewport = Viewport {
        physical_position: min,
        physical_size: max - min,
        ..default()
    };
    if camera
        .viewport
        .as_ref()
        .is_none_or(|v| v.physical_position != min || v.physical_size != max - min)
    {
        camera.viewport = Some(viewport);
    }
}

/// Centres the camera on the world and zooms so every hex shows.
fn frame_world(
    mut frame: ResMut<FrameWorld>,
    regions: Query<&Region>,
    camera: Single<(&Camera, &mut Transform, &mut Projection), With<MapCamera>>,
) {
    let (camera, mut transform, mut projection) = camera.into_inner();
    let Some(viewport) = camera.logical_viewport_size() else {
        return;
    };
    let resized = !frame.moved && frame.framed_for != Some(viewport);
    if !(frame.pending || resized) || regions.is_empty() {
        return;
    }
    *frame = FrameWorld {
        pending: false,
        framed_for: Some(viewport),
        moved: false,
    };
    let (mut min, mut max) = (Vec2::splat(f32::INFINITY), Vec2::splat(f32::NEG_INFINITY));
    for region in &regions {
        let p = hex_to_world(region.hex);
        min = min.min(p - HEX_SIZE);
        max = max.max(p + HEX_SIZE);
    }
    let centre = (min + max) / 2.0;
    transform.translation = centre.extend(transform.translation.z);
    if let Projection::Orthographic(ortho) = projection.as_mut() {
        let span = (max - min) / viewport.max(Vec2::ONE);
        ortho.scale = span.x.max(span.y) * 1.08;
    }
}

/// Drag to pan, wheel to zoom about the cursor, click to select a region
/// (or clear the selection on empty ground).
fn pan_zoom_and_pick(
    mut press: Local<Press>,
    buttons: Res<ButtonInput<MouseButton>>,
    scroll: Res<AccumulatedMouseScroll>,
    egui: Option<Res<EguiWantsInput>>,
    window: Single<&Window, With<PrimaryWindow>>,
    camera: Single<(&Camera, &GlobalTransform, &mut Transform, &mut Projection), With<MapCamera>>,
    regions: Query<&Region>,
    mut selection: ResMut<Selection>,
    mut frame: ResMut<FrameWorld>,
) {
    let (camera, global, mut transform, mut projection) = camera.into_inner();
    let Projection::Orthographic(ortho) = projection.as_mut() else {
        return;
    };
    let cursor = window.cursor_position();
    let over_map = cursor.is_some_and(|c| {
        camera
            .logical_viewport_rect()
            .is_some_and(|r| r.contains(c))
    }) && !egui.as_ref().is_some_and(|e| e.is_pointer_over_area());

    if over_map && scroll.delta.y != 0.0 {
        let notches = match scroll.unit {
            MouseScrollUnit::Line => scroll.delta.y,
            MouseScrollUnit::Pixel => scroll.delta.y / 40.0,
        };
        let before = cursor.and_then(|c| camera.viewport_to_world_2d(global, c).ok());
        let factor = 0.85f32.powf(notches);
        ortho.scale = (ortho.scale * factor).clamp(0.02, 50.0);
        frame.moved = true;
        // Keep the point under the cursor where it is.
        if let Some(before) = before {
            let centre = transform.translation.truncate();
            let after = centre + (before - centre) * factor;
            transform.translation += (before - after).extend(0.0);
        }
    }

    if buttons.just_pressed(MouseButton::Left) && over_map {
        *press = Press {
            last: cursor,
            travelled: 0.0,
        };
    }
    if let (Some(last), Some(now)) = (press.last, cursor)
        && buttons.pressed(MouseButton::Left)
    {
        let delta = now - last;
        press.travelled += delta.length();
        if press.travelled > CLICK_SLOP {
            // Screen y grows down, world y grows up.
            transform.translation += Vec3::new(-delta.x, delta.y, 0.0) * ortho.scale;
            frame.moved = true;
        }
        press.last = Some(now);
    }
    if buttons.just_released(MouseButton::Left) && press.last.is_some() {
        if press.travelled <= CLICK_SLOP
            && let Some(point) = cursor.and_then(|c| camera.viewport_to_world_2d(global, c).ok())
        {
            let hex = world_to_hex(point);
            selection.region = regions.iter().find(|r| r.hex == hex).map(|r| r.id);
        }
        *press = Press::default();
    }
}
