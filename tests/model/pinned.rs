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
    ("classroom.ron", 24, 0x0126cfcb4f70a8e5),
    ("classroom.ron", 72, 0x6e199cf755b6488c),
    ("continent.ron", 24, 0x683f2d4badce5590),
    ("developing.ron", 24, 0xa7ab0d1839240ff2),
    ("developing.ron", 72, 0xc3fde3f20e7f67b4),
    ("frontier.ron", 24, 0xce1aec261662e5bb),
    ("frontier.ron", 72, 0xe08e615a50e9bb72),
    ("stressed_commons.ron", 24, 0x47b4268a9eb83bfe),
    ("stressed_commons.ron", 72, 0x335679975dec5e5e),
    ("crises/automation.ron", 24, 0x4eae01a8f8ee8b4c),
    ("crises/automation.ron", 72, 0x2d96db319c69c134),
    ("crises/drought.ron", 24, 0x4eae01a8f8ee8b4c),
    ("crises/drought.ron", 72, 0x38a1c8bd0997f071),
    ("crises/financial_crash.ron", 24, 0x4eae01a8f8ee8b4c),
    ("crises/financial_crash.ron", 72, 0xd4d5ddd178f45b22),
    ("crises/fragmentation.ron", 24, 0x4eae01a8f8ee8b4c),
    ("crises/fragmentation.ron", 72, 0x5783a51a20e9d632),
    ("crises/migration_wave.ron", 24, 0x4eae01a8f8ee8b4c),
    ("crises/migration_wave.ron", 72, 0x8a79e91472ea3afc),
    ("crises/pandemic.ron", 24, 0x4eae01a8f8ee8b4c),
    ("crises/pandemic.ron", 72, 0x5c2e648bcd9135cc),
    ("crises/sabotage.ron", 24, 0x4eae01a8f8ee8b4c),
    ("crises/sabotage.ron", 72, 0x08a1f430a6c7e5f0),
    ("crises/scarcity.ron", 24, 0x4eae01a8f8ee8b4c),
    ("crises/scarcity.ron", 72, 0xebfbdbfb450ad34f),
    ("crises/supply_shock.ron", 24, 0x4eae01a8f8ee8b4c),
    ("crises/supply_shock.ron", 72, 0x00c77361c021184f),
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
