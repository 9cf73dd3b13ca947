//! Scenario files: what a run starts from. A scenario names an economy file
//! (parameters), a regime preset (a complete policy) with optional overrides,
//! a world (listed region by region or generated from a few numbers), a
//! timeline of shocks, a seed and a length. The schema is documented in
//! `scenarios/README.md`.
//!
//! Every file is read strictly: a misspelt field, a missing one or a number
//! out of its range is refused with the file, line and column.

mod geography;
mod session;
mod spawn;
mod world;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::sim::base::bounded;
use crate::sim::base::calendar::MONTHS_PER_YEAR;
use crate::sim::base::params::Economy;
use crate::sim::institutions::{Policy, PolicyOverrides};
use crate::sim::measures::Measure;
// The model's own types, read from files here; they live in the model.
pub use crate::sim::base::hex::Hex;
pub use crate::sim::crisis::{Event, Regions, Shock};
pub use crate::sim::ecology::CommonsKind;
pub use crate::sim::institutions::{LinkKind, Move};
pub use geography::Geography;
pub use session::{Check, relocated, session_text};
pub use spawn::{Run, spawn_world};
pub use world::{
    Behaviour, CohortSpec, CommonsSpec, GeneratedWorld, LinkSpec, ListedRegion, ListedWorld,
    People, RegionSpec, WorldFile, WorldSpec,
};

/// Why a scenario could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    #[error("{}: {}", shown(path), unreadable(source))]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}:{line}:{column}: {message}", shown(path))]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}: {message}", shown(path))]
    Invalid { path: PathBuf, message: String },
    #[error("{}: in `{field}`: {source}", shown(path))]
    Named {
        /// The file that names the other.
        path: PathBuf,
        /// The field that names it.
        field: &'static str,
        source: Box<ScenarioError>,
    },
}

/// A path for a one-line message: control characters (a newline in a file
/// name) are written as escapes.
/// Why a file could not be read, in the user's words.
fn unreadable(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "there is no such file".into(),
        ErrorKind::IsADirectory => "this is a folder, not a file".into(),
        ErrorKind::InvalidData => {
            "this is not a text file (scenario, economy and preset files are text)".into()
        }
        ErrorKind::PermissionDenied => "permission to read it is denied".into(),
        _ => format!("it cannot be read ({error})"),
    }
}

fn shown(path: &Path) -> String {
    path.display()
        .to_string()
        .chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioFile {
    name: String,
    description: String,
    /// Lesson notes: the story, what to watch, what to try, questions for
    /// the debrief; `## ` starts a heading.
    #[serde(default)]
    info: String,
    seed: u64,
    #[serde(deserialize_with = "bounded::years")]
    years: u32,
    economy: String,
    /// Economy parameters this scenario sets differently, by name.
    #[serde(default)]
    economy_overrides: BTreeMap<String, f64>,
    regime: String,
    #[serde(default)]
    overrides: PolicyOverrides,
    world: WorldFile,
    #[serde(default)]
    timeline: Vec<Event>,
    /// Lever changes and locks, each in its month.
    #[serde(default)]
    moves: Vec<Move>,
    /// A saved session's state to compare with when the run reaches its
    /// month.
    #[serde(default)]
    check: Option<Check>,
    #[serde(default, deserialize_with = "bounded::cues")]
    cues: Vec<Cue>,
    /// Levers the constitution locks: no captured council may move them.
    #[serde(default, deserialize_with = "crate::sim::institutions::lever_names")]
    locked: Vec<String>,
    /// The levers the lesson uses: the only ones presenter mode shows.
    #[serde(default, deserialize_with = "crate::sim::institutions::lever_names")]
    lesson_levers: Vec<String>,
    /// The criteria the lesson watches: the only ones presenter mode's
    /// chart draws (none listed: all eight).
    #[serde(default, deserialize_with = "crate::sim::measures::criteria_names")]
    lesson_criteria: Vec<Measure>,
    /// Names for the federations, by index ("the west", "the east"), as
    /// the lesson calls them; optional.
    #[serde(default)]
    federation_names: Vec<String>,
    /// Whether regions adopt institutions by demonstration
    /// (`sim::power::adoption`): the transition scenarios do; others keep
    /// their institutions unless a lever, a captor or backlash moves them.
    #[serde(default)]
    adoption: bool,
}

/// A moment a teacher has prepared: a crisis, a question for the class, or
/// both. The window lists cues and fires one when its number key (1 to 9,
/// in list order) is pressed: the shock starts at the next month and the
/// prompt is shown in large type until it is closed or the next cue fires.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cue {
    /// What the panel calls it, e.g. "Drought in the east".
    pub name: String,
    /// The crisis it starts, if any.
    #[serde(default)]
    pub shock: Option<Shock>,
    /// What it asks or tells the class, if anything, e.g. "Which region
    /// will feel it first, and why?"
    #[serde(default)]
    pub prompt: Option<String>,
}

/// A scenario with its economy and preset read and checked.
#[derive(Clone, Debug)]
pub struct Scenario {
    pub path: PathBuf,
    pub name: String,
    pub description: String,
    /// Lesson notes for the window's Info section (`## ` starts a heading).
    pub info: String,
    pub seed: u64,
    /// Length of the run, in ticks (months).
    pub ticks: u32,
    pub economy: Economy,
    /// File stem of the regime preset (e.g. `adaptive_mutualism`).
    pub regime: String,
    /// The folder that holds the regime preset, and so the other presets
    /// `compare` and the panel offer.
    pub presets_dir: PathBuf,
    /// The preset with the scenario's overrides applied.
    pub policy: Policy,
    pub world: WorldFile,
    pub timeline: Vec<Event>,
    /// Lever changes and constitution locks, each in its month.
    pub moves: Vec<Move>,
    /// A saved session's state (month and state hash) that a run of this
    /// file should reach.
    pub check: Option<Check>,
    /// Prepared crises, fired from the window by number key.
    pub cues: Vec<Cue>,
    /// Levers the constitution locks against a captured council.
    pub locked: Vec<String>,
    /// The levers the lesson uses, the only ones the window's presenter
    /// mode shows (none listed: presenter mode shows no levers).
    pub lesson_levers: Vec<String>,
    /// The criteria the lesson watches, the only ones the window's
    /// presenter mode charts (none listed: all eight).
    pub lesson_criteria: Vec<Measure>,
    /// Names for the federations, by index; those not named are
    /// "federation N" (`sim::people::Federations`).
    pub federation_names: Vec<String>,
    /// Every preset in `presets_dir`, by file stem: what a region may swing
    /// to when support for its institutions runs out.
    pub regimes: Vec<(String, Policy)>,
    /// Whether regions adopt institutions by demonstration.
    pub adoption: bool,
}

impl Scenario {
    /// Reads a scenario and the economy and preset files it names (paths
    /// relative to the scenario's own folder).
    pub fn load(path: impl AsRef<Path>) -> Result<Self, ScenarioError> {
        let path = path.as_ref();
        let text = read_text(path)?;
        let file: ScenarioFile = parse_ron(path, &text)?;
        let dir = path.parent().unwrap_or(Path::new("."));
        let named = |field: &'static str| {
            move |source| ScenarioError::Named {
                path: path.to_path_buf(),
                field,
                source: Box::new(source),
            }
        };
        let beside = |field: &'static str, named: &str| {
            let named_path = dir.join(named);
            read_text(&named_path).map(|t| (named_path.clone(), t)).map_err(|e| {
                let ScenarioError::Read { source, .. } = &e else {
                    return e;
                };
                let (line, column) = position(&text, &[&format!("{field}:")]);
                let looked = std::path::absolute(&named_path).unwrap_or(named_path.clone());
                let mut message = format!(
                    "in `{field}`: \"{named}\": {} (a path here is relative to the scenario's folder: looked for {})",
                    unreadable(source),
                    shown(&looked)
                );
                if field == "regime"
                    && let Some(folder) = named_path.parent()
                    && let Ok(found) = presets(folder)
                    && !found.is_empty()
                {
                    let names: Vec<String> = found
                        .iter()
                        .map(|(name, _)| format!("\"{}\"", folder_name(named, name)))
                        .collect();
                    message.push_str(&format!("; the presets there are {}", names.join(", ")));
                }
                ScenarioError::Parse {
                    path: path.to_path_buf(),
                    line,
                    column,
                    message,
                }
            })
        };
        let (economy_path, economy_text) = beside("economy", &file.economy)?;
        let mut economy: Economy =
            parse_ron(&economy_path, &economy_text).map_err(named("economy"))?;
        if !file.economy_overrides.is_empty() {
            economy = crate::sim::base::params::overridden(&economy_text, &file.economy_overrides)
                .map_err(|(key, message)| {
                    let (line, column) =
                        position(&text, &["economy_overrides", &format!("\"{key}\"")]);
                    ScenarioError::Parse {
                        path: path.to_path_buf(),
                        line,
                        column,
                        message: format!("in `economy_overrides`: `{key}`: {message}"),
                    }
                })?;
        }
        let (regime_path, regime_text) = beside("regime", &file.regime)?;
        let mut policy: Policy = parse_ron(&regime_path, &regime_text).map_err(named("regime"))?;
        file.overrides.apply(&mut policy);
        let regime = regime_path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let presets_dir = regime_path
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let regimes = presets(&presets_dir)?
            .into_iter()
            .map(|(name, policy)| policy.map(|p| (name, p)))
            .collect::<Result<_, _>>()?;
        let scenario = Scenario {
            path: path.to_path_buf(),
            name: file.name,
            description: file.description,
            info: file.info,
            seed: file.seed,
            ticks: file.years.saturating_mul(MONTHS_PER_YEAR),
            economy,
            regime,
            presets_dir,
            policy,
            world: file.world,
            timeline: file.timeline,
            moves: file.moves,
            check: file.check,
            cues: file.cues,
            locked: file.locked,
            lesson_levers: file.lesson_levers,
            lesson_criteria: file.lesson_criteria,
            federation_names: file.federation_names,
            regimes,
            adoption: file.adoption,
        };
        scenario.check(&text)?;
        Ok(scenario)
    }

    /// Runs it under another regime preset (a file name in its presets'
    /// folder, e.g. liberal_market) as its file sets it, without the
    /// scenario's overrides, as `compare` runs it; the preset names there
    /// if none has that name.
    pub fn under_regime(&mut self, name: &str) -> Result<(), String> {
        let Some((_, policy)) = self.regimes.iter().find(|(n, _)| n == name) else {
            let names: Vec<&str> = self.regimes.iter().map(|(n, _)| n.as_str()).collect();
            return Err(format!(
                "unknown regime {name:?}; the presets beside {} are: {}",
                shown(&self.path),
                names.join(", ")
            ));
        };
        self.policy = policy.clone();
        self.regime = name.to_string();
        Ok(())
    }

    /// Builds the world this scenario describes for a given seed (a generated
    /// world differs from seed to seed; a listed one does not).
    pub fn world(&self, seed: u64) -> WorldSpec {
        self.world.build(seed, &self.policy)
    }

    // Over 100 lines: every check across a scenario's parts, each naming where
    // it failed, read as one list.
    /// Checks what no single field can (one region per hex, federations no
    /// more than regions, shocks on regions that exist and within the run),
    /// each refusal placed at the part of `text` it is about.
    fn check(&self, text: &str) -> Result<(), ScenarioError> {
        let refuse = |anchors: &[&str], message: String| {
            let (line, column) = position(text, anchors);
            Err(ScenarioError::Parse {
                path: self.path.clone(),
                line,
                column,
                message,
            })
        };
        let regions = self.world.region_count();
        let federations = self.world.federation_count();
        if self.federation_names.len() > federations {
            return refuse(
                &["federation_names"],
                format!(
                    "expected at most {federations} federation names (the world has {federations} federations), found {}",
                    self.federation_names.len()
                ),
            );
        }
        if let Some(i) = self
            .federation_names
            .iter()
            .position(|n| n.trim().is_empty())
        {
            return refuse(
                &["federation_names"],
                format!("expected a name for federation {i}, found an empty one"),
            );
        }
        match &self.world {
            WorldFile::Listed(world) => {
                if regions == 0 {
                    return refuse(
                        &["world", "regions"],
                        "expected a world with at least one region".into(),
                    );
                }
                let mut seen = std::collections::BTreeMap::new();
                for region in &world.regions {
                    if let Some(other) = seen.insert(region.hex, &region.name) {
                        let quoted = format!("\"{}\"", region.name);
                        return refuse(
                            &["world", "regions", &quoted],
                            format!(
                                "regions {other} and {} are both on hex (q: {}, r: {}); expected one region per hex",
                                region.name, region.hex.q, region.hex.r
                            ),
                        );
                    }
                }
            }
            WorldFile::Generated(world) => {
                if world.federations > world.regions {
                    return refuse(
                        &["world", "federations"],
                        format!(
                            "expected no more federations than regions ({}), found {}",
                            world.regions, world.federations
                        ),
                    );
                }
                if let Some(geography) = &world.geography {
                    let largest = world.population.mean
                        * (1.0 + world.population.spread)
                        * geography.city_size;
                    if largest > bounded::MAX_POPULATION {
                        return refuse(
                            &["world", "geography", "city_size"],
                            format!(
                                "a city could hold {largest} people (the largest region times the city size); expected at most 10,000,000,000 (1e10)"
                            ),
                        );
                    }
                    if geography.cities > world.regions {
                        return refuse(
                            &["world", "geography", "cities"],
                            format!(
                                "expected no more cities than regions ({}), found {}",
                                world.regions, geography.cities
                            ),
                        );
                    }
                }
            }
        }
        for (i, event) in self.timeline.iter().enumerate() {
            let mut anchors = vec!["timeline"];
            anchors.extend(std::iter::repeat_n("shock", i + 1));
            if event.tick >= self.ticks {
                return refuse(
                    &anchors,
                    format!(
                        "this shock starts in month {}, after the run's last month ({}); expected a month under {} or more years",
                        event.tick,
                        self.ticks.saturating_sub(1),
                        self.ticks
                    ),
                );
            }
            if let Err(message) = self.names_what_exists(event.shock.regions(), "this shock") {
                return refuse(&anchors, message);
            }
        }
        for (i, step) in self.moves.iter().enumerate() {
            let mut anchors = vec!["moves"];
            anchors.extend(std::iter::repeat_n("tick", i + 1));
            if step.tick >= self.ticks {
                return refuse(
                    &anchors,
                    format!(
                        "this move is in month {}, after the run's last month ({}); expected a month under {} or more years",
                        step.tick,
                        self.ticks.saturating_sub(1),
                        self.ticks
                    ),
                );
            }
            if step.is_empty() {
                return refuse(
                    &anchors,
                    "this move changes nothing; expected `levers`, `lock` or `unlock`".into(),
                );
            }
            if let Err(message) = self.names_what_exists(&step.regions, "this move") {
                return refuse(&anchors, message);
            }
        }
        if let Some(check) = &self.check {
            if check.month == 0 || check.month > self.ticks {
                return refuse(
                    &["check"],
                    format!(
                        "this check is at month {}; expected a month from 1 to the run's end ({})",
                        check.month, self.ticks
                    ),
                );
            }
            if check.hash.len() != 16 || !check.hash.chars().all(|c| c.is_ascii_hexdigit()) {
                return refuse(
                    &["check", "hash"],
                    format!(
                        "the check's hash is {:?}; expected 16 hexadecimal digits, as a saved session writes it",
                        check.hash
                    ),
                );
            }
        }
        for cue in &self.cues {
            let quoted = format!("\"{}\"", cue.name);
            let anchors = ["cues", quoted.as_str()];
            let Some(shock) = &cue.shock else {
                if cue.prompt.as_deref().is_none_or(|p| p.trim().is_empty()) {
                    return refuse(
                        &anchors,
                        format!(
                            "the cue \"{}\" neither starts a shock nor shows a prompt; expected `shock`, `prompt` or both",
                            cue.name
                        ),
                    );
                }
                continue;
            };
            if let Err(message) = self.names_what_exists(shock.regions(), "this shock") {
                return refuse(&[&anchors[..], &["shock"]].concat(), message);
            }
        }
        Ok(())
    }
}

impl Scenario {
    /// Whether `what` (a shock, a move) names only regions and federations
    /// the world has; the refusal in the user's words if not.
    fn names_what_exists(&self, target: &Regions, what: &str) -> Result<(), String> {
        let regions = self.world.region_count();
        match target {
            Regions::All => Ok(()),
            Regions::Only(ids) => match ids.iter().find(|&&id| id as usize >= regions) {
                Some(bad) => Err(format!(
                    "{what} names region {bad}, but the world has {regions} regions (ids 0 to {})",
                    regions.saturating_sub(1)
                )),
                None => Ok(()),
            },
            Regions::Federation(f) => {
                let federations = self.world.federation_count();
                if (*f as usize) < federations {
                    Ok(())
                } else {
                    Err(format!(
                        "{what} names federation {f}, but the world has {federations} federations (0 to {})",
                        federations.saturating_sub(1)
                    ))
                }
            }
        }
    }
}

/// Line and column (from 1) of the last of `anchors`, each searched for
/// after the one before (the start of the text if one is missing).
fn position(text: &str, anchors: &[&str]) -> (usize, usize) {
    let mut at = 0;
    for (n, anchor) in anchors.iter().enumerate() {
        if let Some(i) = text[at..].find(anchor) {
            at += i;
            if n + 1 < anchors.len() {
                at += anchor.len();
            }
        }
    }
    let line = text[..at].matches('\n').count() + 1;
    let column = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, column)
}

/// A preset's path as a scenario would name it: `named`'s folder with the
/// preset's file stem (`presets/state_led.ron` beside `presets/x.ron`).
fn folder_name(named: &str, stem: &str) -> String {
    match named.rfind('/') {
        Some(slash) => format!("{}/{stem}.ron", &named[..slash]),
        None => format!("{stem}.ron"),
    }
}

/// A preset's file stem and its policy, or why it could not be read.
pub type NamedPreset = (String, Result<Policy, ScenarioError>);

/// Every preset in a folder (its `*.ron` files) by file stem, sorted by
/// name, each with its policy or why it could not be read: the one reader
/// of a presets folder, for the panel, `compare` and the tests.
pub fn presets(dir: &Path) -> Result<Vec<NamedPreset>, ScenarioError> {
    let entries = std::fs::read_dir(dir).map_err(|source| ScenarioError::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    paths.sort();
    Ok(paths
        .into_iter()
        .map(|path| {
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, load_policy(&path))
        })
        .collect())
}

/// Loads a regime preset (a complete policy file).
pub fn load_policy(path: impl AsRef<Path>) -> Result<Policy, ScenarioError> {
    read_ron(path.as_ref())
}

/// Reads and parses one RON file strictly.
pub fn read_ron<T: DeserializeOwned>(path: &Path) -> Result<T, ScenarioError> {
    parse_ron(path, &read_text(path)?)
}

fn read_text(path: &Path) -> Result<String, ScenarioError> {
    std::fs::read_to_string(path).map_err(|source| ScenarioError::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// Parses RON text, reporting errors against `path`.
pub fn parse_ron<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, ScenarioError> {
    if text.trim().is_empty() {
        return Err(ScenarioError::Parse {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: "the file is empty".into(),
        });
    }
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    options.from_str(text).map_err(|e| {
        let position = e.span.start;
        let mut message = plain(&e.code.to_string());
        // Name the field the error sits in when the line says which it is.
        if let Some(field) = field_on_line(text, position.line, position.col)
            && !message.contains(&format!("`{field}`"))
        {
            message = format!("in `{field}`: {message}");
        }
        // A region named where a shock's regions are numbered.
        if message.contains("expected a whole number")
            && text
                .lines()
                .nth(position.line.saturating_sub(1))
                .is_some_and(|l| {
                    l.chars()
                        .take(position.col)
                        .collect::<String>()
                        .contains("Only(")
                })
        {
            message.push_str(
                ": a region is named by its number, from 0 in the order the world lists the regions",
            );
        }
        // An error where the text runs out is most likely a file cut short.
        if !message.contains("cut short") && ends_near(text, position.line, position.col) {
            message = format!("the file ends here: is it cut short? ({message})");
        }
        ScenarioError::Parse {
            path: path.to_path_buf(),
            line: position.line,
            column: position.col,
            message,
        }
    })
}

/// Whether line `line`, column `column` (from 1) is at the end of `text`,
/// but for a word the parser stopped in.
fn ends_near(text: &str, line: usize, column: usize) -> bool {
    let Some(start) = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>()
        .checked_add(column.saturating_sub(1))
    else {
        return false;
    };
    text.get(start..)
        .is_some_and(|rest| rest.trim().chars().all(|c| c.is_alphanumeric() || c == '_'))
}

/// A parser's message in the user's words: no Rust type names (`CommonsKind`
/// is "commons kind", `CommonsFile` is "commons"), no "float" or "raw
/// identifier".
fn plain(message: &str) -> String {
    if message.contains("Unexpected end of RON") {
        return "the file ends before it is complete: is it cut short?".into();
    }
    if message.contains("Expected end of string") {
        return "a text in double quotes starts here and never closes: a missing `\"`, or is the file cut short?".into();
    }
    if message.contains("raw identifier") {
        return "expected a number, written without thousands separators (42000, not 42,000)"
            .into();
    }
    let mut out = message
        .replace("Expected float", "expected a number")
        .replace(
            "Expected unsigned integer",
            "expected a whole number of 0 or more",
        )
        .replace("Expected integer", "expected a whole number")
        .replace("Expected boolean", "expected true or false")
        .replace("Expected string", "expected text in double quotes")
        .replace("Expected opening", "expected opening")
        .replace("Expected identifier", "expected a name");
    // `SomeType` in backticks after "in", "enum" or "struct" becomes words.
    let mut shown = String::new();
    let mut rest = out.as_str();
    while let Some(start) = rest.find('`') {
        let Some(len) = rest[start + 1..].find('`') else {
            break;
        };
        let name = &rest[start + 1..start + 1 + len];
        let before = rest[..start].trim_end();
        let typed =
            before.ends_with(" enum") || before.ends_with(" struct") || before.ends_with(" in");
        let camel = name.chars().next().is_some_and(char::is_uppercase)
            && name.chars().all(char::is_alphanumeric)
            && name.chars().skip(1).any(char::is_lowercase);
        shown.push_str(&rest[..start]);
        if typed && camel {
            let plain_name = name.strip_suffix("File").unwrap_or(name);
            let mut words = String::new();
            for (i, c) in plain_name.chars().enumerate() {
                if c.is_uppercase() && i > 0 {
                    words.push(' ');
                }
                words.extend(c.to_lowercase());
            }
            shown.push_str(&words);
        } else {
            shown.push('`');
            shown.push_str(name);
            shown.push('`');
        }
        rest = &rest[start + len + 2..];
    }
    shown.push_str(rest);
    out = shown
        .replace(" in enum ", " in the ")
        .replace(" in struct ", " in the ")
        .replace(" for struct ", " for the ");
    reworded(&out).unwrap_or(out)
}

/// The parser's "Unexpected … named `x` in …" messages said as a person
/// would: what `x` is not, or where it is missing or written twice.
fn reworded(message: &str) -> Option<String> {
    // The start of a message, and its rewording from the name and the rest.
    type Form = (&'static str, fn(&str, &str) -> String);
    let forms: [Form; 4] = [
        ("Unexpected variant named `", |name, rest| {
            format!("`{name}` is not a {rest}")
        }),
        ("Unexpected field named `", |name, rest| {
            format!("`{name}` is not a field of the {rest}")
        }),
        ("Unexpected duplicate field named `", |name, rest| {
            format!("`{name}` is written twice in the {rest}")
        }),
        ("Unexpected missing field named `", |name, rest| {
            format!("the {rest} needs `{name}`, which is missing")
        }),
    ];
    let (start, say) = forms.iter().find(|(start, _)| message.starts_with(start))?;
    let (name, rest) = message[start.len()..].split_once("` in ")?;
    let rest = rest.strip_prefix("the ").unwrap_or(rest);
    let rest = match rest.split_once(", expected one of ") {
        Some((what, options)) => format!(
            "{what}: expected one of {}",
            options.strip_suffix(" instead").unwrap_or(options)
        ),
        None => rest.to_string(),
    };
    Some(say(name, &rest))
}

/// The field an error at `line` and `column` sits in: the last `name:`
/// before the column, or else the `name` of a line of the form `name:
/// value`.
fn field_on_line(text: &str, line: usize, column: usize) -> Option<&str> {
    let source = text.lines().nth(line.checked_sub(1)?)?;
    let is_name =
        |name: &str| !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_');
    // The last `name:` before the column, so that on a line of several
    // fields (a move, a shock) the one the error sits in is named.
    let end = source
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(source.len(), |(i, _)| i);
    if let Some(colon) = source[..end].rfind(':') {
        let before = source[..colon].trim_end();
        let start = before
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
            .map_or(0, |i| i + 1);
        if is_name(&before[start..]) {
            return Some(&before[start..]);
        }
    }
    let (name, _) = source.trim_start().split_once(':')?;
    let name = name.trim();
    is_name(name).then_some(name)
}
