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
    ("classroom.ron", 24, 0x3db3cadb5f9c4a18),
    ("classroom.ron", 72, 0x6494fde53cd8c27c),
    ("continent.ron", 24, 0xa77d9ee42bd11380),
    ("developing.ron", 24, 0x1d3c009f9677de80),
    ("developing.ron", 72, 0xf852baf1e401b958),
    ("frontier.ron", 24, 0x4b36735e73cf76b9),
    ("frontier.ron", 72, 0x7e6b57a4e5be6dd3),
    ("stressed_commons.ron", 24, 0x54d8c2ed32260ced),
    ("stressed_commons.ron", 72, 0x7c6e5deb802ef007),
    ("crises/automation.ron", 24, 0xcbef5964071a917a),
    ("crises/automation.ron", 72, 0x7d1531fe1d1f1559),
    ("crises/drought.ron", 24, 0xcbef5964071a917a),
    ("crises/drought.ron", 72, 0xd8788c2b9155ba57),
    ("crises/financial_crash.ron", 24, 0xcbef5964071a917a),
    ("crises/financial_crash.ron", 72, 0x3118e0e645a16f50),
    ("crises/fragmentation.ron", 24, 0xcbef5964071a917a),
    ("crises/fragmentation.ron", 72, 0xed3903e8ce9e2f18),
    ("crises/migration_wave.ron", 24, 0xcbef5964071a917a),
    ("crises/migration_wave.ron", 72, 0x381f2b1a5cab0a19),
    ("crises/pandemic.ron", 24, 0xcbef5964071a917a),
    ("crises/pandemic.ron", 72, 0x39e912af23162156),
    ("crises/sabotage.ron", 24, 0xcbef5964071a917a),
    ("crises/sabotage.ron", 72, 0xecc0b1dedc837698),
    ("crises/scarcity.ron", 24, 0xcbef5964071a917a),
    ("crises/scarcity.ron", 72, 0x87ec14b052f01137),
    ("crises/supply_shock.ron", 24, 0xcbef5964071a917a),
    ("crises/supply_shock.ron", 72, 0xaeff8965f99eba54),
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
