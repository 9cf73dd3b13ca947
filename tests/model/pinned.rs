//! The safety net for changes that must not change what the model does:
//! the state hash of every shipped scenario after 24 months (and after 72,
//! once its shocks have struck), under its own regime and seed. A commit that moves one says which and why, and pins
//! the new hash here.

use mutualism_model::headless;

use crate::support::{scenarios_dir, shipped};

/// Each shipped scenario's state hash at month 24, and at month 72 (after
/// the classroom's and the crises' shocks) for all but the continent, whose
/// first shock comes at month 120, and the pilot cities, whose first
/// adoption comes after month 120 (their second hash is at month 180).
const PINNED: &[(&str, u32, u64)] = &[
    ("classroom.ron", 24, 0xb41cac77897b67e7),
    ("classroom.ron", 72, 0xb9e08df4a9c875bc),
    ("continent.ron", 24, 0xaa636a1bd2814e98),
    ("developing.ron", 24, 0x7ce3b90422911704),
    ("developing.ron", 72, 0x1312baf34e43f872),
    ("frontier.ron", 24, 0xef8fc00196f05452),
    ("frontier.ron", 72, 0x2cd718f998a6772f),
    ("stressed_commons.ron", 24, 0x626b86f7eaab5cbb),
    ("stressed_commons.ron", 72, 0xe1032928d94a1c62),
    ("crises/automation.ron", 24, 0xdc13a848b69ef8cc),
    ("crises/automation.ron", 72, 0x100976f6de5742b4),
    ("crises/drought.ron", 24, 0xdc13a848b69ef8cc),
    ("crises/drought.ron", 72, 0xd5a787fcf627fc80),
    ("crises/financial_crash.ron", 24, 0xdc13a848b69ef8cc),
    ("crises/financial_crash.ron", 72, 0x8826cb48f63d89b2),
    ("crises/fragmentation.ron", 24, 0xdc13a848b69ef8cc),
    ("crises/fragmentation.ron", 72, 0xf8393cd79d2eaab9),
    ("crises/migration_wave.ron", 24, 0xdc13a848b69ef8cc),
    ("crises/migration_wave.ron", 72, 0x8abef954672ac867),
    ("crises/pandemic.ron", 24, 0xdc13a848b69ef8cc),
    ("crises/pandemic.ron", 72, 0x6213ce4245a573af),
    ("crises/sabotage.ron", 24, 0xdc13a848b69ef8cc),
    ("crises/sabotage.ron", 72, 0xf9c2456f86dc1113),
    ("crises/scarcity.ron", 24, 0xdc13a848b69ef8cc),
    ("crises/scarcity.ron", 72, 0xf06c8527dc54f76a),
    ("crises/supply_shock.ron", 24, 0xdc13a848b69ef8cc),
    ("crises/supply_shock.ron", 72, 0x68c60839fdd266f8),
    ("transition/pilot_cities.ron", 24, 0xdcf22ccce2532ef9),
    ("transition/pilot_cities.ron", 180, 0xf6492c88a538d1bf),
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
