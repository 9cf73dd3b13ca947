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
    ("classroom.ron", 24, 0x00479c29092892f4),
    ("classroom.ron", 72, 0x5413596d99d7946a),
    ("continent.ron", 24, 0x5c6e83fab7abfe4c),
    ("developing.ron", 24, 0xfcee8b4979e309dc),
    ("developing.ron", 72, 0x2f65422701e5ec52),
    ("frontier.ron", 24, 0x576fe26a32e6d749),
    ("frontier.ron", 72, 0xdb794a63f5e7fd2b),
    ("stressed_commons.ron", 24, 0xc2177eaf47c7578f),
    ("stressed_commons.ron", 72, 0x38ccd7399475eb64),
    ("crises/automation.ron", 24, 0x9b74acda76736535),
    ("crises/automation.ron", 72, 0xc7fc14b47e052a76),
    ("crises/drought.ron", 24, 0x9b74acda76736535),
    ("crises/drought.ron", 72, 0x6a51f0e4b980436c),
    ("crises/financial_crash.ron", 24, 0x9b74acda76736535),
    ("crises/financial_crash.ron", 72, 0x1bb211b72856c18b),
    ("crises/fragmentation.ron", 24, 0x9b74acda76736535),
    ("crises/fragmentation.ron", 72, 0x22b3cf7b08d8a77c),
    ("crises/migration_wave.ron", 24, 0x9b74acda76736535),
    ("crises/migration_wave.ron", 72, 0xe2026c911cd86790),
    ("crises/pandemic.ron", 24, 0x9b74acda76736535),
    ("crises/pandemic.ron", 72, 0xcd81c0a34cea10fc),
    ("crises/sabotage.ron", 24, 0x9b74acda76736535),
    ("crises/sabotage.ron", 72, 0x26c67d33deffe603),
    ("crises/scarcity.ron", 24, 0x9b74acda76736535),
    ("crises/scarcity.ron", 72, 0x900eb1bfb3552401),
    ("crises/supply_shock.ron", 24, 0x9b74acda76736535),
    ("crises/supply_shock.ron", 72, 0xa50b89810c5b2baf),
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
