//! Sessions: what a class did to a run, written into a copy of its
//! scenario file so the file alone re-runs it, bit for bit, on any machine
//! with the same build: every lever change and lock sent live becomes a
//! move in its month, every shock sent live joins the timeline, and the
//! state the run had when it was saved is kept as a check (its month and
//! state hash). Opening the file, in the window or with `run`, replays the
//! session and compares the state at that month with the check; a
//! difference (another build, an edited file) is said in one line.
//!
//! The copy keeps the original's text (its comments and lesson notes):
//! the moves and shocks are written into its `moves` and `timeline` lists,
//! or as new lists before its closing parenthesis when it has none.

use std::path::{Component, Path, PathBuf};

use serde::Deserialize;

use crate::sim::institutions::LeverTarget;
use crate::sim::interventions::Intervention;

/// A saved state to compare with: the month and the state hash the run had.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// Months run when it was saved.
    pub month: u32,
    /// `sim::world::hash::state_hash` then, as 16 hexadecimal digits.
    pub hash: String,
}

impl Check {
    pub fn new(month: u32, hash: u64) -> Self {
        Self {
            month,
            hash: format!("{hash:016x}"),
        }
    }

    /// The line that says whether a run's state at the check's month is
    /// the saved one; `Err` when it is not.
    pub fn compare(&self, hash: u64) -> Result<String, String> {
        let now = format!("{hash:016x}");
        if now == self.hash {
            Ok(format!(
                "the state at month {} is the one saved ({})",
                self.month, self.hash
            ))
        } else {
            Err(format!(
                "the state at month {} is {now}, not the {} saved: this build or the files differ from those the session was saved with",
                self.month, self.hash
            ))
        }
    }
}

/// Levers a move sets, by name, each with its value as a file writes it.
type Levers = Vec<(&'static str, String)>;

/// The moves and timeline entries for `interventions`, as RON lines: one
/// move per month and target with every lever it set there (in the order
/// sent; a lever sent twice keeps the last), locks as moves of their own.
fn entries(interventions: &[(u32, Intervention)]) -> Result<(Vec<String>, Vec<String>), String> {
    let mut moves: Vec<(u32, LeverTarget, Levers)> = Vec::new();
    let mut locks = Vec::new();
    let mut shocks = Vec::new();
    for (tick, taken) in interventions {
        match taken {
            Intervention::Lever(change) => {
                let value = change.lever.written(change.value);
                let at = moves
                    .iter()
                    .position(|(t, target, _)| t == tick && *target == change.target);
                let levers = match at {
                    Some(i) => &mut moves[i].2,
                    None => {
                        moves.push((*tick, change.target, Vec::new()));
                        &mut moves.last_mut().expect("just pushed").2
                    }
                };
                levers.retain(|(name, _)| *name != change.lever.name);
                levers.push((change.lever.name, value));
            }
            Intervention::Lock(lock) => {
                let which = if lock.locked { "lock" } else { "unlock" };
                locks.push((
                    *tick,
                    format!("(tick: {tick}, {which}: [\"{}\"])", lock.lever.name),
                ));
            }
            Intervention::Shock(shock) => {
                // Written as a file writes it: a shock holds no text, so
                // a space after each comma and colon is only spacing.
                let text = ron::to_string(shock)
                    .map_err(|e| format!("a shock cannot be written: {e}"))?
                    .replace(',', ", ")
                    .replace(':', ": ");
                shocks.push(format!("(tick: {tick}, shock: {text})"));
            }
        }
    }
    let mut lines: Vec<(u32, String)> = moves
        .into_iter()
        .map(|(tick, target, levers)| {
            let set: Vec<String> = levers.iter().map(|(n, v)| format!("{n}: {v}")).collect();
            let regions = match target {
                LeverTarget::All => String::new(),
                LeverTarget::Region(id) => format!(", regions: Only([{id}])"),
            };
            (
                tick,
                format!("(tick: {tick}, levers: ({}){regions})", set.join(", ")),
            )
        })
        .collect();
    lines.extend(locks);
    // In the order of their months, so the file reads as the session went.
    lines.sort_by_key(|(tick, _)| *tick);
    Ok((lines.into_iter().map(|(_, line)| line).collect(), shocks))
}

/// Where the list that opens at `from` (just after its `[`) closes: the
/// matching `]`, strings and line comments skipped.
fn list_end(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut depth, mut i) = (1usize, from);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// `text` (a scenario file) with `entries` added to its top-level list
/// `field` (a line starting `    field: [`), first in it or last, else as
/// a new list before the file's last closing parenthesis.
fn add_to_list(text: &str, field: &str, entries: &[String], first: bool) -> Result<String, String> {
    if entries.is_empty() {
        return Ok(text.to_string());
    }
    let lines: String = entries.iter().map(|e| format!("        {e},\n")).collect();
    let opening = format!("\n    {field}: [");
    if let Some(at) = text.find(&opening) {
        let after = at + opening.len();
        if first {
            let rest = &text[after..];
            return Ok(format!(
                "{}\n{lines}{}",
                &text[..after],
                rest.strip_prefix('\n').unwrap_or(rest)
            ));
        }
        let end = list_end(text, after)
            .ok_or_else(|| format!("the scenario's `{field}` list does not close"))?;
        // After the last entry, with a comma after it if it had none.
        let body = text[after..end].trim_end();
        let comma = if body.is_empty() || body.ends_with(',') {
            ""
        } else {
            ","
        };
        return Ok(format!(
            "{}{comma}\n{lines}    {}",
            &text[..after + body.len()],
            &text[end..]
        ));
    }
    let close = text
        .rfind(')')
        .ok_or_else(|| "the scenario's text has no closing parenthesis".to_string())?;
    let head = text[..close].trim_end();
    let comma = if head.ends_with(',') || head.ends_with('(') {
        ""
    } else {
        ","
    };
    Ok(format!(
        "{head}{comma}\n    {field}: [\n{lines}    ],\n{}",
        &text[close..]
    ))
}

/// The session's file: `text` (the scenario it ran) with `interventions`
/// written in as moves and timeline entries, and `check`, replacing any
/// check the file had.
pub fn session_text(
    text: &str,
    interventions: &[(u32, Intervention)],
    check: &Check,
) -> Result<String, String> {
    let (moves, shocks) = entries(interventions)?;
    // The panel's changes in a month were taken in before the file's own
    // moves of that month, and its shocks after the timeline's: so the
    // session's moves go first in the list and its shocks last.
    let text = add_to_list(text, "moves", &moves, true)?;
    let text = add_to_list(&text, "timeline", &shocks, false)?;
    let kept: String = text
        .split_inclusive('\n')
        .filter(|l| !l.starts_with("    check: ("))
        .collect();
    let close = kept
        .rfind(')')
        .ok_or_else(|| "the scenario's text has no closing parenthesis".to_string())?;
    let head = kept[..close].trim_end();
    let comma = if head.ends_with(',') { "" } else { "," };
    Ok(format!(
        "{head}{comma}\n    check: (month: {}, hash: \"{}\"),\n{}",
        check.month,
        check.hash,
        &kept[close..]
    ))
}

/// `text`, a scenario file read from folder `from`, to be written in
/// folder `to`: the files it names (its economy and its regime preset, as
/// paths from its own folder) named from `to` instead, so that it still
/// finds them. Paths that are the same from both folders are left as
/// they are.
pub fn relocated(text: &str, from: &Path, to: &Path) -> Result<String, String> {
    let (from, to) = (plain(from)?, plain(to)?);
    if from == to {
        return Ok(text.to_string());
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        out.push_str(&relocated_line(line, &from, &to).unwrap_or_else(|| line.to_string()));
    }
    Ok(out)
}

/// A top-level `economy: "..."` or `regime: "..."` line with its path
/// named from `to`; `None` for any other line.
fn relocated_line(line: &str, from: &Path, to: &Path) -> Option<String> {
    let field = ["economy", "regime"]
        .into_iter()
        .find(|f| line.starts_with(&format!("    {f}: \"")))?;
    let start = line.find('"')? + 1;
    let end = start + line[start..].find('"')?;
    let named = Path::new(&line[start..end]);
    if named.is_absolute() {
        return None;
    }
    let path = relative(&plain(&from.join(named)).ok()?, to);
    let shown = path.to_string_lossy().replace('\\', "/");
    Some(format!("    {field}: \"{shown}\"{}", &line[end + 1..]))
}

/// `path` absolute, with `.` and `..` worked out.
fn plain(path: &Path) -> Result<PathBuf, String> {
    let absolute = std::path::absolute(path)
        .map_err(|e| format!("{}: cannot tell where it is: {e}", path.display()))?;
    let mut out = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    Ok(out)
}

/// `path` from folder `folder` (both plain): up to their common part, then
/// down.
fn relative(path: &Path, folder: &Path) -> PathBuf {
    let common = path
        .components()
        .zip(folder.components())
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = PathBuf::new();
    for _ in folder.components().skip(common) {
        out.push("..");
    }
    for part in path.components().skip(common) {
        out.push(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{add_to_list, relocated};

    /// Entries go first or last in a list the file has (a comment with a
    /// bracket in it does not close it), or in a new list.
    #[test]
    fn entries_join_the_files_list_or_a_new_one() {
        let text = "(\n    name: \"x\",\n    timeline: [\n        (tick: 1), // [not the end]\n        (tick: 2)\n    ],\n)\n";
        let new = vec!["(tick: 9)".to_string()];
        let last = add_to_list(text, "timeline", &new, false).expect("added");
        assert_eq!(
            last,
            "(\n    name: \"x\",\n    timeline: [\n        (tick: 1), // [not the end]\n        (tick: 2),\n        (tick: 9),\n    ],\n)\n"
        );
        let first = add_to_list(text, "timeline", &new, true).expect("added");
        assert!(
            first.contains("timeline: [\n        (tick: 9),\n        (tick: 1),"),
            "{first}"
        );
        let fresh = add_to_list(text, "moves", &new, true).expect("added");
        assert!(
            fresh.ends_with("    ],\n    moves: [\n        (tick: 9),\n    ],\n)\n"),
            "{fresh}"
        );
    }

    /// A session written in another folder names its economy and preset
    /// from there; one written beside its scenario is left as it was.
    #[test]
    fn a_session_moved_names_its_files_from_its_new_folder() {
        use std::path::Path;
        let text = "(\n    economy: \"economy/standard.ron\",\n    regime: \"presets/liberal_market.ron\", // the start\n    name: \"x\",\n)\n";
        let from = Path::new("/a/scenarios");
        assert_eq!(relocated(text, from, from).unwrap(), text);
        let moved = relocated(text, from, Path::new("/a/lessons/week1")).unwrap();
        assert_eq!(
            moved,
            "(\n    economy: \"../../scenarios/economy/standard.ron\",\n    regime: \"../../scenarios/presets/liberal_market.ron\", // the start\n    name: \"x\",\n)\n"
        );
        let inside = relocated(text, from, Path::new("/a/scenarios/crises/../stress")).unwrap();
        assert!(
            inside.contains("economy: \"../economy/standard.ron\""),
            "{inside}"
        );
    }
}
