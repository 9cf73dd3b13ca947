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
    ("classroom.ron", 24, 0xc60081aac0505b22),
    ("classroom.ron", 72, 0x39ee1a3061e43f6f),
    ("continent.ron", 24, 0xab37122ffaa1cd21),
    ("developing.ron", 24, 0x5b5d3b1b607bd09b),
    ("developing.ron", 72, 0x6a015107b5c61f5d),
    ("frontier.ron", 24, 0xee6b5cc1072b8b6c),
    ("frontier.ron", 72, 0x2fb8d8f82a261e09),
    ("stressed_commons.ron", 24, 0x6f352bc0cf2777e7),
    ("stressed_commons.ron", 72, 0x46c59eb62f04dd81),
    ("crises/automation.ron", 24, 0x465d39e7f8e9c48d),
    ("crises/automation.ron", 72, 0x4db73f1581bacaa5),
    ("crises/drought.ron", 24, 0x465d39e7f8e9c48d),
    ("crises/drought.ron", 72, 0x2e836e1aa0521a78),
    ("crises/financial_crash.ron", 24, 0x465d39e7f8e9c48d),
    ("crises/financial_crash.ron", 72, 0xaff900fad671cf79),
    ("crises/fragmentation.ron", 24, 0x465d39e7f8e9c48d),
    ("crises/fragmentation.ron", 72, 0xa5c9e0ae5ef5806b),
    ("crises/migration_wave.ron", 24, 0x465d39e7f8e9c48d),
    ("crises/migration_wave.ron", 72, 0xf7c5bd35adf66d43),
    ("crises/pandemic.ron", 24, 0x465d39e7f8e9c48d),
    ("crises/pandemic.ron", 72, 0x22631fe46fdf35a3),
    ("crises/sabotage.ron", 24, 0x465d39e7f8e9c48d),
    ("crises/sabotage.ron", 72, 0x60819989cef0efe3),
    ("crises/scarcity.ron", 24, 0x465d39e7f8e9c48d),
    ("crises/scarcity.ron", 72, 0xaf6cc72931e0cd92),
    ("crises/supply_shock.ron", 24, 0x465d39e7f8e9c48d),
    ("crises/supply_shock.ron", 72, 0x15a9981fb2a41370),
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
