//! Saving and opening sessions from the window.
//!
//! Ctrl+S (or "Save session…") saves the session: the running scenario's
//! file with every change, lock and shock sent so far written in, and the
//! state reached as its check (`scenario::session_text`). Ctrl+O (or
//! "Open…") opens a session or scenario file, which replays to the state
//! it saved. Where the desktop offers file dialogs (its portal, or
//! zenity), they ask where (`rfd`), each on a thread of its own so that
//! the window goes on drawing; the session is taken when the key is
//! pressed, not when the dialog closes. Where it offers none (no session
//! bus: a bare X server, a kiosk), Ctrl+S saves beside the scenario as
//! `NAME-session-N.ron`, and Ctrl+O asks for a path in the panel.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bevy::prelude::*;

use super::UiSettings;
use super::controls::open_scenario;
use crate::scenario::{Check, Run, relocated, session_text};
use crate::sim::SimClock;
use crate::sim::interventions::Interventions;
use crate::sim::world::hash::state_hash;

/// The window's file dialogs: whether it has them, the one open now, and
/// the path being typed where it has none.
#[derive(Resource, Default)]
pub(crate) struct Dialogs {
    /// Whether this desktop can show file dialogs (`dialogs_here`); off in
    /// tests, which never open one.
    pub(crate) native: bool,
    /// The dialog open now, if any.
    waiting: Option<Waiting>,
    /// The path typed in the panel's open box, while it is open.
    pub(crate) typing: Option<String>,
    /// What the typed path could go on to ([`completions`]), with the text
    /// it was listed for: read from the disk when the text changes, not
    /// every frame.
    listed: Option<(String, Vec<(PathBuf, bool)>)>,
}

/// A dialog open on its own thread: what it is for, and where its answer
/// (a path, or `None` if it was closed) arrives.
struct Waiting {
    purpose: Purpose,
    answer: Arc<Mutex<Option<Option<PathBuf>>>>,
}

/// What a dialog's path is for.
enum Purpose {
    Open,
    /// To write this session's text, taken from the scenario in `from`.
    Save {
        text: String,
        from: PathBuf,
    },
}

impl Dialogs {
    /// For the window: with dialogs where the desktop has them.
    pub(crate) fn here() -> Self {
        Self {
            native: dialogs_here(),
            ..default()
        }
    }

    /// Whether a dialog is open now.
    pub(crate) fn waiting(&self) -> bool {
        self.waiting.is_some()
    }
}

/// Whether this desktop can show a file dialog: a session bus (for the
/// desktop portal) or zenity.
fn dialogs_here() -> bool {
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty());
    let zenity = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file()));
    bus || zenity
}

/// Says `line` under the scenario list.
fn say(world: &mut World, line: String) {
    if let Some(mut settings) = world.get_resource_mut::<UiSettings>() {
        settings.notice = Some(line);
    }
}

/// Ctrl+S: the session now, to a file a dialog asks for, or beside its
/// scenario where there are no dialogs.
pub(crate) fn save(world: &mut World) {
    let (text, scenario) = match session_now(world) {
        Ok(session) => session,
        Err(why) => return say(world, format!("Not saved: {why}")),
    };
    let from = folder_of(&scenario);
    let proposed = next_session_file(&scenario);
    let native = world.get_resource::<Dialogs>().is_some_and(|d| d.native);
    if !native {
        let line = write_session(&text, &from, &proposed).map_or_else(
            |why| format!("Not saved: {why}"),
            |()| {
                format!(
                    "Saved as {}: open it from the Scenario list to replay it",
                    file_name(&proposed)
                )
            },
        );
        return say(world, line);
    }
    let name = file_name(&proposed);
    let folder = from.clone();
    ask(world, Purpose::Save { text, from }, move || {
        rfd::FileDialog::new()
            .set_title("Save the session")
            .add_filter("Session (RON)", &["ron"])
            .set_directory(folder)
            .set_file_name(name)
            .save_file()
    });
}

/// Ctrl+O: a file to open, from a dialog or typed in the panel.
pub(crate) fn open(world: &mut World) {
    let folder = world
        .get_resource::<Run>()
        .map(|run| folder_of(&run.scenario.path))
        .unwrap_or_else(|| PathBuf::from("."));
    let native = world.get_resource::<Dialogs>().is_some_and(|d| d.native);
    if !native {
        let typed = format!("{}/", folder.display());
        if let Some(mut dialogs) = world.get_resource_mut::<Dialogs>() {
            dialogs.typing = Some(typed);
        }
        return;
    }
    ask(world, Purpose::Open, move || {
        rfd::FileDialog::new()
            .set_title("Open a session or scenario")
            .add_filter("Sessions and scenarios (RON)", &["ron"])
            .set_directory(folder)
            .pick_file()
    });
}

/// Opens `dialog` on a thread of its own, unless one is open already.
fn ask(
    world: &mut World,
    purpose: Purpose,
    dialog: impl FnOnce() -> Option<PathBuf> + Send + 'static,
) {
    let Some(mut dialogs) = world.get_resource_mut::<Dialogs>() else {
        return;
    };
    if dialogs.waiting() {
        return;
    }
    let answer = Arc::new(Mutex::new(None));
    let slot = Arc::clone(&answer);
    std::thread::spawn(move || {
        let picked = dialog();
        *slot
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(picked);
    });
    dialogs.waiting = Some(Waiting { purpose, answer });
}

/// Acts on a dialog's answer once it has come: saves the session there or
/// opens the file; a dialog closed without a file is said so.
pub(crate) fn answered(world: &mut World) {
    let Some(mut dialogs) = world.get_resource_mut::<Dialogs>() else {
        return;
    };
    let came = dialogs.waiting.as_ref().and_then(|w| {
        w.answer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
    });
    let Some(picked) = came else {
        return;
    };
    let Some(waiting) = dialogs.waiting.take() else {
        return;
    };
    let Some(path) = picked else {
        // Closed, or no dialog could open (a session bus without a portal).
        let line = match waiting.purpose {
            Purpose::Open => "Nothing opened: no file was chosen",
            Purpose::Save { .. } => "Not saved: no file was chosen",
        };
        return say(world, line.into());
    };
    match waiting.purpose {
        Purpose::Open => open_scenario(world, path),
        Purpose::Save { text, from } => {
            let line = write_session(&text, &from, &path).map_or_else(
                |why| format!("Not saved: {why}"),
                |()| format!("Saved as {}: Ctrl+O opens it", path.display()),
            );
            say(world, line);
        }
    }
}

/// The session's text now, and the scenario file it was taken from; or why
/// there is none to save.
fn session_now(world: &mut World) -> Result<(String, PathBuf), String> {
    let run = world
        .get_resource::<Run>()
        .cloned()
        .ok_or("no scenario is running")?;
    let month = world.resource::<SimClock>().tick;
    if month == 0 {
        return Err("nothing has run yet".into());
    }
    if run.seed != run.scenario.seed {
        return Err(format!(
            "this run has seed {}, not its scenario's {} (a session replays on the scenario's own)",
            run.seed, run.scenario.seed
        ));
    }
    let path = run.scenario.path;
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("{} cannot be read: {e}", path.display()))?;
    let taken = world.resource::<Interventions>().0.clone();
    let check = Check::new(month, state_hash(world));
    Ok((session_text(&text, &taken, &check)?, path))
}

/// Writes a session taken from a scenario in folder `from` to `file`,
/// naming the scenario's economy and preset from the file's folder.
fn write_session(text: &str, from: &Path, file: &Path) -> Result<(), String> {
    let text = relocated(text, from, &folder_of(file))?;
    std::fs::write(file, text).map_err(|e| format!("{} cannot be written: {e}", file.display()))
}

/// The first free `NAME-session-N.ron` beside the scenario (a session's
/// own sessions are numbered on from its scenario's name).
fn next_session_file(scenario: &Path) -> PathBuf {
    let stem = scenario
        .file_stem()
        .map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned());
    let stem = stem.split("-session-").next().unwrap_or(&stem).to_string();
    let folder = folder_of(scenario);
    (1..)
        .map(|n| folder.join(format!("{stem}-session-{n}.ron")))
        .find(|f| !f.exists())
        .expect("some number is free")
}

/// The folder a file is in (`.` for a bare name).
fn folder_of(file: &Path) -> PathBuf {
    file.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// The panel's open box, where the desktop has no file dialogs: a path to
/// type, opened with Enter or Open, and under it the folders and `.ron`
/// files that the typed path could go on to, a click away.
pub(crate) fn open_box(
    ui: &mut bevy_egui::egui::Ui,
    dialogs: &mut Dialogs,
    commands: &mut Commands,
) {
    use bevy_egui::egui;
    let Dialogs { typing, listed, .. } = dialogs;
    let Some(typed) = typing.as_mut() else {
        return;
    };
    let mut open: Option<PathBuf> = None;
    let mut close = false;
    ui.horizontal_wrapped(|ui| {
        ui.label("Open file:");
        let field = ui.add(
            egui::TextEdit::singleline(typed)
                .hint_text("a session or scenario file (.ron)")
                .desired_width(ui.available_width().clamp(120.0, 320.0)),
        );
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.button("Open").clicked() || entered {
            open = Some(PathBuf::from(typed.trim()));
        }
        if ui.button("Cancel").clicked() {
            close = true;
        }
    });
    if listed.as_ref().is_none_or(|(text, _)| text != typed) {
        *listed = Some((typed.clone(), completions(typed)));
    }
    let offered = listed
        .as_ref()
        .map_or(&[][..], |(_, found)| found.as_slice());
    ui.horizontal_wrapped(|ui| {
        for (path, folder) in offered.iter().cloned() {
            let name = file_name(&path);
            let shown = if folder { format!("{name}/") } else { name };
            if ui.small_button(shown).clicked() {
                if folder {
                    *typed = format!("{}/", path.display());
                } else {
                    open = Some(path);
                }
            }
        }
    });
    if let Some(path) = open {
        commands.queue(move |world: &mut World| open_scenario(world, path));
        close = true;
    }
    if close {
        *typing = None;
        *listed = None;
    }
}

/// The folders and `.ron` files the typed path could go on to: in the
/// folder it names (ending in `/`) or is in, those whose names start as
/// its last part does; folders first, each sorted, at most twenty.
fn completions(typed: &str) -> Vec<(PathBuf, bool)> {
    let typed = typed.trim();
    let (folder, start) = if typed.is_empty() || typed.ends_with('/') {
        (folder_of(&Path::new(typed).join("x")), String::new())
    } else {
        let path = Path::new(typed);
        (folder_of(path), file_name(path))
    };
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Vec::new();
    };
    let mut found: Vec<(PathBuf, bool)> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| file_name(p).starts_with(&start) && !file_name(p).starts_with('.'))
        .filter_map(|p| {
            let folder = p.is_dir();
            (folder || p.extension().is_some_and(|e| e == "ron")).then_some((p, folder))
        })
        .collect();
    found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    found.truncate(20);
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::headless;
    use crate::scenario::Scenario;

    /// The classroom running as the window runs it, without dialogs.
    fn classroom() -> App {
        let classroom = Scenario::load("scenarios/classroom.ron").expect("it loads");
        let mut app = headless::app(&classroom, classroom.seed, false);
        app.init_resource::<UiSettings>()
            .init_resource::<Dialogs>()
            .insert_resource(Run {
                seed: classroom.seed,
                scenario: classroom,
            });
        app
    }

    /// A session saved in another folder than its scenario's names its
    /// economy and preset from there, opens, and replays to the state it
    /// saved.
    #[test]
    fn a_session_saved_in_another_folder_opens_to_the_same_state() {
        let folder =
            std::env::temp_dir().join(format!("mutualism-elsewhere-{}", std::process::id()));
        std::fs::create_dir_all(&folder).expect("a folder");
        let mut app = classroom();
        crate::ui::move_everywhere(&mut app, "mutual_aid_share", 0.4);
        headless::advance(&mut app, 4).expect("months run");
        let hash = state_hash(app.world_mut());
        let (text, from) = session_now(app.world_mut()).expect("a session");
        let file = folder.join("lesson.ron");
        write_session(&text, &folder_of(&from), &file).expect("written");
        let written = std::fs::read_to_string(&file).expect("read");
        assert!(!written.contains("economy: \"economy/"), "{written}");

        open_scenario(app.world_mut(), file);
        assert_eq!(app.world().resource::<UiSettings>().open_error, None);
        headless::advance(&mut app, 4).expect("the session replays");
        assert_eq!(state_hash(app.world_mut()), hash);
        let _ = std::fs::remove_dir_all(folder);
    }

    /// Without dialogs, Ctrl+O asks for a path in the panel, starting in
    /// the scenario's folder, and opens no dialog.
    #[test]
    fn without_dialogs_open_asks_for_a_path() {
        let mut app = classroom();
        open(app.world_mut());
        let typed = app.world().resource::<Dialogs>().typing.clone();
        assert_eq!(typed.as_deref(), Some("scenarios/"));
        assert!(!app.world().resource::<Dialogs>().waiting());
    }

    /// The open box offers the folders and scenario files the typed path
    /// could go on to.
    #[test]
    fn the_open_box_offers_what_the_typed_path_could_go_on_to() {
        let under = completions("scenarios/");
        let names: Vec<String> = under.iter().map(|(p, _)| file_name(p)).collect();
        assert_eq!(
            names.first().map(String::as_str),
            Some("crises"),
            "{names:?}"
        );
        assert!(names.contains(&"classroom.ron".to_string()), "{names:?}");
        assert!(!names.contains(&"README.md".to_string()), "{names:?}");
        let started: Vec<String> = completions("scenarios/cl")
            .iter()
            .map(|(p, _)| file_name(p))
            .collect();
        assert_eq!(started, ["classroom.ron"]);
        assert!(completions("no/such/folder/").is_empty());
    }
}
