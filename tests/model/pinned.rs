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
    ("classroom.ron", 24, 0xd0e254b925cc6127),
    ("classroom.ron", 72, 0xcec927fe41e98960),
    ("continent.ron", 24, 0x788c8e93adc275ee),
    ("developing.ron", 24, 0x0165f3cbf707f390),
    ("developing.ron", 72, 0x21174a7a5aad2644),
    ("frontier.ron", 24, 0x79545fcb8efa31b0),
    ("frontier.ron", 72, 0x04668c1a9b8304a9),
    ("stressed_commons.ron", 24, 0xa40156f1e26fbf01),
    ("stressed_commons.ron", 72, 0x01ac2153ca8bd17b),
    ("crises/automation.ron", 24, 0x76665dbbcb240e85),
    ("crises/automation.ron", 72, 0xc380a2bf3bab82f9),
    ("crises/drought.ron", 24, 0x76665dbbcb240e85),
    ("crises/drought.ron", 72, 0x1388d57e9d7b7658),
    ("crises/financial_crash.ron", 24, 0x76665dbbcb240e85),
    ("crises/financial_crash.ron", 72, 0x576ed5f65f95bb96),
    ("crises/fragmentation.ron", 24, 0x76665dbbcb240e85),
    ("crises/fragmentation.ron", 72, 0x0250738a7659f03f),
    ("crises/migration_wave.ron", 24, 0x76665dbbcb240e85),
    ("crises/migration_wave.ron", 72, 0x29b82d1eef63ee97),
    ("crises/pandemic.ron", 24, 0x76665dbbcb240e85),
    ("crises/pandemic.ron", 72, 0xbef1777b8c4c9596),
    ("crises/sabotage.ron", 24, 0x76665dbbcb240e85),
    ("crises/sabotage.ron", 72, 0x7d4554b45230c007),
    ("crises/scarcity.ron", 24, 0x76665dbbcb240e85),
    ("crises/scarcity.ron", 72, 0xba153102382f9cd0),
    ("crises/supply_shock.ron", 24, 0x76665dbbcb240e85),
    ("crises/supply_shock.ron", 72, 0x3156b05643fbd431),
    ("transition/pilot_cities.ron", 24, 0xc7e1d8b0cb01c373),
    ("transition/pilot_cities.ron", 180, 0xbdbf082a9064a60a),
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
