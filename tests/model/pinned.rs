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
    ("classroom.ron", 24, 0x3fcf3df25abcccea),
    ("classroom.ron", 72, 0xe598606996e1ec15),
    ("continent.ron", 24, 0x16b23c5e1072570c),
    ("developing.ron", 24, 0x4646b49b9da28ec1),
    ("developing.ron", 72, 0x0398715e8107b510),
    ("frontier.ron", 24, 0x8ebbf76c962bfbd1),
    ("frontier.ron", 72, 0x0d2d17f93482877a),
    ("stressed_commons.ron", 24, 0x6c50b25b6ccaab97),
    ("stressed_commons.ron", 72, 0xcbdaf830c068d80a),
    ("crises/automation.ron", 24, 0x639021dbc19f3a97),
    ("crises/automation.ron", 72, 0xc22ec30f356cf137),
    ("crises/drought.ron", 24, 0x639021dbc19f3a97),
    ("crises/drought.ron", 72, 0xdce5b91064b5fcaa),
    ("crises/financial_crash.ron", 24, 0x639021dbc19f3a97),
    ("crises/financial_crash.ron", 72, 0x07da7351f501ed32),
    ("crises/fragmentation.ron", 24, 0x639021dbc19f3a97),
    ("crises/fragmentation.ron", 72, 0xc8f0b703f2f75836),
    ("crises/migration_wave.ron", 24, 0x639021dbc19f3a97),
    ("crises/migration_wave.ron", 72, 0xcabcebe7ebf3b23b),
    ("crises/pandemic.ron", 24, 0x639021dbc19f3a97),
    ("crises/pandemic.ron", 72, 0xaa2d39fd882254e2),
    ("crises/sabotage.ron", 24, 0x639021dbc19f3a97),
    ("crises/sabotage.ron", 72, 0xc360090f7177ac36),
    ("crises/scarcity.ron", 24, 0x639021dbc19f3a97),
    ("crises/scarcity.ron", 72, 0xa2f882848316a5ab),
    ("crises/supply_shock.ron", 24, 0x639021dbc19f3a97),
    ("crises/supply_shock.ron", 72, 0x349a62b0a83acc02),
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
