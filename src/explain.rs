//! The window's words: what each lever, measure, overlay, shock, regime,
//! sector and kind of commons is called and how it is explained. They live in `assets/explain.ron`, not
//! in the model, so that a teacher can reword or translate them without
//! building; [`Explanations::missing`] lists whatever the model has that the
//! file does not explain, and a test keeps that list empty.
#![cfg_attr(
    not(feature = "gui"),
    expect(
        dead_code,
        reason = "without the window only the book's reference reads these words"
    )
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::scenario::{ScenarioError, read_ron};
use crate::sim::base::goods::Sector;
use crate::sim::crisis::ShockKind;
use crate::sim::ecology::CommonsKind;
use crate::sim::institutions::{LEVERS, LeverKind};
use crate::sim::measures::Measure;

/// The explanation of one thing.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// What the panel calls it.
    pub label: String,
    /// What it is and the rule in the model, in a sentence or two.
    pub text: String,
    /// What it costs (levers and shocks).
    #[serde(default)]
    pub cost: Option<String>,
    /// Where its numbers come from.
    #[serde(default)]
    pub source: Option<String>,
    /// Words for a choice lever's options, by the names files use.
    #[serde(default)]
    pub choices: BTreeMap<String, String>,
}

impl Entry {
    /// Text, cost and source as one tooltip.
    pub fn tooltip(&self) -> String {
        let mut out = self.text.clone();
        if let Some(cost) = &self.cost {
            out.push_str("\n\nCost: ");
            out.push_str(cost);
        }
        if let Some(source) = self.source_in_words() {
            out.push_str("\n\nSource: ");
            out.push_str(&source);
        }
        out
    }

    /// Where its numbers come from, with the economy file's parameter
    /// names as words ("plan error", not `plan_error`); file names are
    /// left as they are, so a reader can still find the number.
    pub fn source_in_words(&self) -> Option<String> {
        let source = self.source.as_ref()?;
        let words: Vec<String> = source
            .split(' ')
            .map(|word| {
                if word.contains('/') || word.contains(".ron") {
                    word.to_string()
                } else {
                    word.replace('_', " ")
                }
            })
            .collect();
        Some(words.join(" "))
    }

    /// The words for one of a choice lever's options (its file name if the
    /// entry gives none).
    pub fn choice<'a>(&'a self, name: &'a str) -> &'a str {
        self.choices.get(name).map_or(name, String::as_str)
    }
}

/// Every explanation the window shows.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Explanations {
    /// What the panel calls each sector, by the name economy files use.
    pub sectors: BTreeMap<String, String>,
    /// What the panel calls each kind of commons, by the name scenario
    /// files use.
    pub commons: BTreeMap<String, String>,
    /// What the panel calls each lever domain, by the model's name for it.
    pub domains: BTreeMap<String, String>,
    /// By lever name, as preset files write it.
    pub levers: BTreeMap<String, Entry>,
    /// By CSV column.
    pub measures: BTreeMap<String, Entry>,
    /// By map overlay.
    pub overlays: BTreeMap<String, Entry>,
    /// By shock kind, as scenario timelines write it.
    pub shocks: BTreeMap<String, Entry>,
    /// By preset file name.
    pub presets: BTreeMap<String, Entry>,
}

/// Where the explanations are: `assets/explain.ron` under the working
/// directory if there is one, else beside the sources the binary was built
/// from.
pub fn default_path() -> PathBuf {
    let local = Path::new("assets/explain.ron");
    if local.exists() {
        local.to_path_buf()
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/explain.ron")
    }
}

impl Explanations {
    /// Reads the explanations file; a mistake is refused with file, line and
    /// column.
    pub fn load(path: impl AsRef<Path>) -> Result<Self, ScenarioError> {
        read_ron(path.as_ref())
    }

    /// The entry for a lever (an empty one if the file has none).
    pub fn lever(&self, name: &str) -> &Entry {
        self.levers.get(name).unwrap_or(&EMPTY)
    }

    /// The entry for a measure, by CSV column.
    pub fn measure(&self, name: &str) -> &Entry {
        self.measures.get(name).unwrap_or(&EMPTY)
    }

    /// What the panel calls a domain (the model's name if the file has none).
    pub fn domain<'a>(&'a self, name: &'a str) -> &'a str {
        self.domains.get(name).map_or(name, String::as_str)
    }

    /// What the panel calls a sector (its file name if the file has none).
    pub fn sector(&self, sector: Sector) -> &str {
        self.sectors
            .get(sector.key())
            .map_or(sector.key(), String::as_str)
    }

    /// What the panel calls a kind of commons (its file name if the file
    /// has none).
    pub fn commons_kind(&self, kind: CommonsKind) -> String {
        let name = format!("{kind:?}");
        self.commons.get(&name).cloned().unwrap_or(name)
    }

    /// Everything the model and the shipped presets have that this file does
    /// not explain, as `kind name` lines; `presets` and `overlays` are the
    /// names to expect besides the model's own.
    pub fn missing(&self, presets: &[String], overlays: &[&str]) -> Vec<String> {
        let mut missing = Vec::new();
        fn gap(kind: &str, name: &str, found: Option<&Entry>, needs_cost: bool) -> Option<String> {
            match found {
                None => Some(format!("{kind} {name}")),
                Some(e) if e.label.trim().is_empty() || e.text.trim().is_empty() => {
                    Some(format!("{kind} {name}: label or text"))
                }
                Some(e) if needs_cost && e.cost.as_deref().is_none_or(|c| c.trim().is_empty()) => {
                    Some(format!("{kind} {name}: cost"))
                }
                Some(_) => None,
            }
        }
        let mut extra = Vec::new();
        let mut need = |kind: &str, name: &str, found: Option<&Entry>, needs_cost: bool| {
            missing.extend(gap(kind, name, found, needs_cost));
        };
        for lever in LEVERS {
            let entry = self.levers.get(lever.name);
            need("lever", lever.name, entry, true);
            if let (Some(entry), LeverKind::Choice { options }) = (entry, lever.kind) {
                for option in options {
                    if !entry.choices.contains_key(*option) {
                        extra.push(format!("lever {} choice {option}", lever.name));
                    }
                }
            }
            if !self.domains.contains_key(lever.domain.name()) {
                extra.push(format!("domain {}", lever.domain.name()));
            }
        }
        for measure in Measure::ALL {
            need(
                "measure",
                measure.key(),
                self.measures.get(measure.key()),
                false,
            );
        }
        for sector in Sector::ALL {
            if !self.sectors.contains_key(sector.key()) {
                extra.push(format!("sector {}", sector.key()));
            }
        }
        for kind in CommonsKind::ALL {
            if !self.commons.contains_key(&format!("{kind:?}")) {
                extra.push(format!("commons {kind:?}"));
            }
        }
        for kind in ShockKind::ALL {
            need("shock", kind.key(), self.shocks.get(kind.key()), true);
        }
        for preset in presets {
            need("preset", preset, self.presets.get(preset), false);
        }
        for overlay in overlays {
            need("overlay", overlay, self.overlays.get(*overlay), false);
        }
        missing.append(&mut extra);
        missing.sort();
        missing.dedup();
        missing
    }
}

static EMPTY: Entry = Entry {
    label: String::new(),
    text: String::new(),
    cost: None,
    source: None,
    choices: BTreeMap::new(),
};

/// Levers and regimes as the window names them: the file's labels (the
/// preset file's name where it gives none).
impl mutualism_model::words::Names for Explanations {
    fn lever(&self, name: &str) -> String {
        let label = &self.lever(name).label;
        if label.is_empty() {
            name.to_string()
        } else {
            label.clone()
        }
    }

    fn regime(&self, name: &str) -> String {
        self.presets
            .get(name)
            .map_or_else(|| name.replace('_', " "), |e| e.label.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A source's parameter names read as words; its files keep their
    /// names, so a reader can still find the number.
    #[test]
    fn a_source_names_parameters_in_words_and_files_as_they_are() {
        let entry = Entry {
            source: Some(
                "admin_overhead (OECD 2017) and plan_error in scenarios/economy/standard.ron; \
                 the adaptive_mutualism.ron preset."
                    .into(),
            ),
            ..EMPTY.clone()
        };
        assert_eq!(
            entry.source_in_words().as_deref(),
            Some(
                "admin overhead (OECD 2017) and plan error in scenarios/economy/standard.ron; \
                 the adaptive_mutualism.ron preset."
            )
        );
        let words = Explanations::load(default_path()).expect("the explanations load");
        for entry in words.levers.values() {
            if let Some(source) = entry.source_in_words() {
                let bare = source
                    .split(' ')
                    .filter(|w| !w.contains('/') && !w.contains(".ron"))
                    .find(|w| w.contains('_'));
                assert!(bare.is_none(), "{}: {source}", entry.label);
            }
        }
    }
}
