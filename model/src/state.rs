//! State files: a run's whole state at a month, written so that another
//! run (`run --from`) goes on from it exactly as the run that wrote it
//! would have, bit for bit.
//!
//! A state file holds the snapshot (`sim::world::snapshot`: every component
//! of every entity and every resource the model changes; the random
//! streams are functions of the seed, the month and the place, so the seed
//! stands for all of them) and what rebuilds the world it goes back into:
//! the scenario's path and content hash, the regime and the seed. It says
//! which version of the program and of the format wrote it. Reading
//! refuses a file another version wrote, a scenario that changed since,
//! and a state that is not the one whose hash is written beside it (an
//! edited file), each in one line.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::headless::{self, RunError};
use crate::scenario::{Scenario, parse_ron};
use crate::sim::world::hash::state_hash;
use crate::sim::world::snapshot::Snapshot;

/// The state format, raised whenever what a snapshot holds changes shape.
pub const FORMAT: u32 = 1;

/// What wrote a state file: the program and its version.
pub fn written_by() -> String {
    format!("mutualism {}", env!("CARGO_PKG_VERSION"))
}

/// A state file's text, field by field.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StateFile {
    written_by: String,
    format: u32,
    /// The scenario's file, as the run was given it.
    scenario: PathBuf,
    /// [`content_hash`] of the scenario as read then.
    scenario_hash: String,
    /// The regime preset it ran under in place of the scenario's own
    /// (`run --regime`), if any.
    regime: Option<String>,
    seed: u64,
    /// Months run.
    month: u32,
    /// [`seal`] of the state, as 16 hexadecimal digits.
    hash: String,
    state: Snapshot,
}

/// The first two fields alone: read before the rest, so that a file
/// another version wrote is refused for that and not for a field it lacks.
#[derive(Deserialize)]
struct Version {
    written_by: String,
    format: u32,
}

/// A state read from a file, to go on from.
pub struct Saved {
    /// The scenario's file, as the run that saved it was given it.
    pub scenario: PathBuf,
    /// The preset it ran under in place of the scenario's own, if any.
    pub regime: Option<String>,
    pub seed: u64,
    pub month: u32,
    scenario_hash: String,
    hash: String,
    state: Snapshot,
}

/// A content hash of a scenario as read (its world, economy, regime,
/// timeline, moves and the rest; not where its files are), so that a state
/// is continued only under the scenario it was saved under.
pub fn content_hash(scenario: &Scenario) -> u64 {
    let mut plain = scenario.clone();
    plain.path = PathBuf::new();
    plain.presets_dir = PathBuf::new();
    crate::stress::fnv1a(format!("{plain:?}").as_bytes())
}

/// The state sealed with what the run goes on under (the seed, the
/// scenario's content hash and the regime), so that an edit to any of
/// them is found. The state is read twice: by its state hash, and by the
/// text of its whole snapshot, which also holds what the state hash leaves
/// out (changes still under consultation).
fn seal(
    state_hash: u64,
    snapshot: &Snapshot,
    seed: u64,
    scenario_hash: &str,
    regime: Option<&str>,
) -> Result<String, RunError> {
    let whole = ron::to_string(snapshot)
        .map_err(|e| RunError::Usage(format!("cannot write the state: {e}")))?;
    let text = format!(
        "{state_hash:016x} {:016x} {seed} {scenario_hash} {regime:?}",
        crate::stress::fnv1a(whole.as_bytes())
    );
    Ok(format!("{:016x}", crate::stress::fnv1a(text.as_bytes())))
}

/// Writes the state of `world`, a run of `scenario` on `seed`, to `path`;
/// `regime` is the preset it runs under in place of the scenario's own
/// (already put in `scenario`), if any.
pub fn save(
    world: &mut World,
    scenario: &Scenario,
    regime: Option<&str>,
    seed: u64,
    path: &Path,
) -> Result<(), RunError> {
    let scenario_hash = format!("{:016x}", content_hash(scenario));
    let state = Snapshot::take(world);
    let file = StateFile {
        written_by: written_by(),
        format: FORMAT,
        scenario: scenario.path.clone(),
        hash: seal(state_hash(world), &state, seed, &scenario_hash, regime)?,
        scenario_hash,
        regime: regime.map(str::to_string),
        seed,
        month: state.tick(),
        state,
    };
    let config = ron::ser::PrettyConfig::new()
        .indentor("")
        .compact_arrays(true);
    let text = ron::ser::to_string_pretty(&file, config)
        .map_err(|e| RunError::Usage(format!("{}: cannot write the state: {e}", path.display())))?;
    headless::write_file(path, &(text + "\n"))
}

/// Reads a state file, refusing one another version or format wrote.
pub fn read(path: &Path) -> Result<Saved, RunError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        RunError::Usage(format!(
            "{}: cannot read the state file: {e}",
            path.display()
        ))
    })?;
    let version: Version = parse_ron(path, &text)?;
    if version.written_by != written_by() || version.format != FORMAT {
        return Err(RunError::OtherVersion(format!(
            "{}: written by {} (state format {}); this is {} (state format {FORMAT}): run the scenario again with this build",
            path.display(),
            version.written_by,
            version.format,
            written_by(),
        )));
    }
    let file: StateFile = parse_ron(path, &text)?;
    Ok(Saved {
        scenario: file.scenario,
        regime: file.regime,
        seed: file.seed,
        month: file.month,
        scenario_hash: file.scenario_hash,
        hash: file.hash,
        state: file.state,
    })
}

impl Saved {
    /// A headless app of `scenario` (the one it was saved under, read again
    /// and put under `self.regime`) at the saved state, the conservation check
    /// on or off; refused if the scenario changed since or the state is
    /// not the one saved. `from` is the state file, to name in a refusal.
    pub fn resume(&self, scenario: &Scenario, check: bool, from: &Path) -> Result<App, RunError> {
        let now = format!("{:016x}", content_hash(scenario));
        if now != self.scenario_hash {
            return Err(RunError::Usage(format!(
                "{}: the scenario {} is not the one the state was saved under (content hash {now}, not {}): another scenario, or it or a file it names was edited since",
                from.display(),
                scenario.path.display(),
                self.scenario_hash
            )));
        }
        let mut app = headless::app(scenario, self.seed, check);
        let world = app.world_mut();
        if !self.state.fits(world) {
            return Err(RunError::Usage(format!(
                "{}: the world this build spawns from {} is not the one the state was saved in",
                from.display(),
                scenario.path.display()
            )));
        }
        self.state.restore(world);
        // The restored world's state hash (a state the restore got wrong
        // fails it) with the snapshot as read.
        let hash = seal(
            state_hash(world),
            &self.state,
            self.seed,
            &self.scenario_hash,
            self.regime.as_deref(),
        )?;
        if hash != self.hash {
            return Err(RunError::Usage(format!(
                "{}: the state read, with its seed and regime, has hash {hash}, not the {} written with it: the file was edited",
                from.display(),
                self.hash
            )));
        }
        Ok(app)
    }
}
