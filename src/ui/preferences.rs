//! The window's settings kept between sessions: theme, text size, speed,
//! whether the projection is drawn and whether a change asks for a
//! prediction first. They are read when the window opens
//! from `mutualism/settings.ron` in the user's configuration folder
//! (`$XDG_CONFIG_HOME`, else `~/.config`; `%APPDATA%` on Windows) and
//! written whenever one changes. A file that cannot be read is reported
//! with its line and column and the defaults are used; `shot` neither reads
//! nor writes it, so a picture never depends on the machine it is taken on.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Theme, UiSettings};

/// What is kept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct Preferences {
    theme: Theme,
    text_size: f32,
    /// Months per second.
    speed: f64,
    projection: bool,
    predict_first: bool,
}

impl Default for Preferences {
    fn default() -> Self {
        Self::of(&UiSettings::default())
    }
}

impl Preferences {
    fn of(settings: &UiSettings) -> Self {
        Self {
            theme: settings.theme,
            text_size: settings.zoom,
            speed: settings.speed,
            projection: settings.projection,
            predict_first: settings.predict_first,
        }
    }

    fn apply(&self, settings: &mut UiSettings) {
        settings.theme = self.theme;
        settings.zoom = self.text_size.clamp(0.8, 2.2);
        settings.speed = self.speed.clamp(0.5, 60.0);
        settings.projection = self.projection;
        settings.predict_first = self.predict_first;
    }

    /// Reads the file at `path`: `Ok(None)` if there is none, an error
    /// naming the file, line and column if it cannot be read.
    fn read(path: &Path) -> Result<Option<Self>, String> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
        };
        ron::from_str(&text).map(Some).map_err(|e| {
            format!(
                "{}:{}:{}: {}",
                path.display(),
                e.span.start.line,
                e.span.start.col,
                e.code
            )
        })
    }

    fn write(&self, path: &Path) -> Result<(), String> {
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(|e| e.to_string())?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))
    }
}

/// Where the settings live on this machine, if it says.
fn default_path() -> Option<PathBuf> {
    let env = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let folder = env("XDG_CONFIG_HOME")
        .or_else(|| env("HOME").map(|home| home.join(".config")))
        .or_else(|| env("APPDATA"))?;
    Some(folder.join("mutualism").join("settings.ron"))
}

/// The settings file and what was last read from or written to it.
#[derive(Resource)]
pub(crate) struct Kept {
    path: PathBuf,
    last: Preferences,
}

/// Asks the window to keep its settings: the window (not `shot`) calls it
/// before it opens.
pub(crate) fn keep(world: &mut World, theme: Option<Theme>) {
    world.insert_resource(KeepAsked(theme));
}

/// Present when the settings are to be kept, with the theme the command
/// line asked for, which wins over the kept one.
#[derive(Resource)]
pub(crate) struct KeepAsked(Option<Theme>);

/// At start, when asked: reads the kept settings into the window's and
/// keeps them from then on (reported through the log, which is only
/// listening once the app runs).
pub(super) fn load(world: &mut World) {
    let Some(KeepAsked(asked)) = world.remove_resource::<KeepAsked>() else {
        return;
    };
    let Some(path) = default_path() else {
        warn!(
            "no configuration folder (neither XDG_CONFIG_HOME, HOME nor APPDATA is set): settings will not be kept"
        );
        return;
    };
    let last = match Preferences::read(&path) {
        Ok(read) => read.unwrap_or_default(),
        Err(error) => {
            warn!("{error}; using the default settings");
            Preferences::default()
        }
    };
    last.apply(&mut world.resource_mut::<UiSettings>());
    if let Some(theme) = asked {
        world.resource_mut::<UiSettings>().theme = theme;
    }
    let last = Preferences::of(world.resource::<UiSettings>());
    if let Some(mut fixed) = world.get_resource_mut::<Time<Fixed>>() {
        fixed.set_timestep_seconds(1.0 / last.speed);
    }
    world.insert_resource(Kept { path, last });
}

/// Each frame, while settings are kept: writes them when one has changed.
pub(super) fn save(settings: Res<UiSettings>, kept: Option<ResMut<Kept>>) {
    let Some(mut kept) = kept else {
        return;
    };
    let now = Preferences::of(&settings);
    if now == kept.last {
        return;
    }
    if let Err(error) = now.write(&kept.path) {
        warn!("cannot keep the settings: {error}");
    }
    // Tried once per change, so a read-only folder is not retried every frame.
    kept.last = now;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_kept_and_a_broken_file_is_named_with_its_place() {
        let dir = std::env::temp_dir().join(format!("mutualism-prefs-{}", std::process::id()));
        let path = dir.join("mutualism").join("settings.ron");
        assert_eq!(Preferences::read(&path), Ok(None), "no file yet");
        let mut settings = UiSettings {
            theme: Theme::Light,
            zoom: 1.6,
            ..default()
        };
        Preferences::of(&settings).write(&path).expect("written");
        settings = UiSettings::default();
        let read = Preferences::read(&path).expect("read").expect("a file");
        read.apply(&mut settings);
        assert_eq!((settings.theme, settings.zoom), (Theme::Light, 1.6));

        std::fs::write(&path, "(\n  theme: Purple,\n)\n").expect("written");
        let error = Preferences::read(&path).expect_err("refused");
        assert!(
            error.contains("settings.ron:2:") && error.contains("Purple"),
            "{error}"
        );
        std::fs::write(&path, "(text_size: 9.0)").expect("written");
        Preferences::read(&path)
            .expect("read")
            .expect("a file")
            .apply(&mut settings);
        assert_eq!(
            settings.zoom, 2.2,
            "a size beyond the slider is brought back"
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}
