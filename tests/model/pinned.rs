//! The safety net for changes that must not change what the model does:
//! the state hash of every shipped scenario after 24 months (and after 72,
//! once its shocks have struck), under its own regime and seed. A commit that moves one says which and why, and pins
//! the new hash here.

use mutualism_model::headless;

use crate::support::{scenarios_dir, shipped};

/// Each shipped scenario's state hash at month 24, and at month 72 (after
/// the classroom's and the crises' shocks) for all but the continent, whose
/// first shock comes at month 120.
const PINNED: &[(&str, u32, u64)] = &[
    ("classroom.ron", 24, 0x94c2a70238d3313a),
    ("classroom.ron", 72, 0x650713d958b45aaf),
    ("continent.ron", 24, 0x974114436511533c),
    ("developing.ron", 24, 0x438176229b9e4c67),
    ("developing.ron", 72, 0x0fa343240673ed7d),
    ("frontier.ron", 24, 0x4f76b9ae43e1bf71),
    ("frontier.ron", 72, 0xa8e6a75c8ca064fe),
    ("stressed_commons.ron", 24, 0x4f26de8d6cd7ed8e),
    ("stressed_commons.ron", 72, 0xbf51966d2993954b),
    ("crises/automation.ron", 24, 0x77eed8eb072c6d29),
    ("crises/automation.ron", 72, 0x2f897ba761de3b6b),
    ("crises/drought.ron", 24, 0x77eed8eb072c6d29),
    ("crises/drought.ron", 72, 0xb180d39baa581ecc),
    ("crises/financial_crash.ron", 24, 0x77eed8eb072c6d29),
    ("crises/financial_crash.ron", 72, 0xac86bb6795abdc32),
    ("crises/fragmentation.ron", 24, 0x77eed8eb072c6d29),
    ("crises/fragmentation.ron", 72, 0x456a02a8b890d48f),
    ("crises/migration_wave.ron", 24, 0x77eed8eb072c6d29),
    ("crises/migration_wave.ron", 72, 0xb2bd8975311f6e21),
    ("crises/pandemic.ron", 24, 0x77eed8eb072c6d29),
    ("crises/pandemic.ron", 72, 0x6b7d00ecfc5dbbfc),
    ("crises/sabotage.ron", 24, 0x77eed8eb072c6d29),
    ("crises/sabotage.ron", 72, 0xf771729c0eccd2fa),
    ("crises/scarcity.ron", 24, 0x77eed8eb072c6d29),
    ("crises/scarcity.ron", 72, 0x2ae00a35369b4f19),
    ("crises/supply_shock.ron", 24, 0x77eed8eb072c6d29),
    ("crises/supply_shock.ron", 72, 0x36d0bfeafa5da722),
];

#[test]
fn every_shipped_scenario_keeps_its_state_hashes() {
    let mut moved = Vec::new();
    for &(name, month, pinned) in PINNED {
        let scenario = shipped(name);
        let hash = headless::run(&scenario, scenario.seed, month, false)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .hash;
        if hash != pinned {
            moved.push(format!("    (\"{name}\", {month}, 0x{hash:016x}),"));
        }
    }
    assert!(
        moved.is_empty(),
        "state hashes moved; if on purpose, say which and why in the commit and pin:\n{}",
        moved.join("\n")
    );
}

/// Every scenario the repository ships is pinned, so a new one cannot slip
/// past the net.
#[test]
fn every_shipped_scenario_is_pinned() {
    let dirs = [scenarios_dir(), scenarios_dir().join("crises")];
    for dir in dirs {
        for entry in std::fs::read_dir(&dir).expect("the scenarios folder") {
            let path = entry.expect("an entry").path();
            if path.extension().is_none_or(|e| e != "ron") {
                continue;
            }
            let name = path
                .strip_prefix(scenarios_dir())
                .expect("under scenarios/")
                .to_string_lossy()
                .replace('\\', "/");
            assert!(
                PINNED.iter().any(|&(n, month, _)| n == name && month == 24),
                "{name} is shipped but its hash is not pinned"
            );
        }
    }
}
