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
    ("classroom.ron", 24, 0x9ec970d279208954),
    ("classroom.ron", 72, 0x83aff9d8437e1232),
    ("continent.ron", 24, 0x4298b5a896c137c0),
    ("developing.ron", 24, 0x1d3c009f9677de80),
    ("developing.ron", 72, 0xa2a03c480cabfade),
    ("frontier.ron", 24, 0x4b36735e73cf76b9),
    ("frontier.ron", 72, 0x7e6b57a4e5be6dd3),
    ("stressed_commons.ron", 24, 0x4cdcb12cb29035ff),
    ("stressed_commons.ron", 72, 0x9bba5e1d0fbc58e0),
    ("crises/automation.ron", 24, 0x669a877c8859fccd),
    ("crises/automation.ron", 72, 0x2dfef9aca94eca1d),
    ("crises/drought.ron", 24, 0x669a877c8859fccd),
    ("crises/drought.ron", 72, 0x362bf1a4595749c8),
    ("crises/financial_crash.ron", 24, 0x669a877c8859fccd),
    ("crises/financial_crash.ron", 72, 0x14ea9c6bdbaa2edb),
    ("crises/fragmentation.ron", 24, 0x669a877c8859fccd),
    ("crises/fragmentation.ron", 72, 0x5d7f35299d30ad9c),
    ("crises/migration_wave.ron", 24, 0x669a877c8859fccd),
    ("crises/migration_wave.ron", 72, 0x8573605dc555e7c4),
    ("crises/pandemic.ron", 24, 0x669a877c8859fccd),
    ("crises/pandemic.ron", 72, 0x17b7e90443dfd61c),
    ("crises/sabotage.ron", 24, 0x669a877c8859fccd),
    ("crises/sabotage.ron", 72, 0x986abefbe0580aeb),
    ("crises/scarcity.ron", 24, 0x669a877c8859fccd),
    ("crises/scarcity.ron", 72, 0xc5d4d067a92798dd),
    ("crises/supply_shock.ron", 24, 0x669a877c8859fccd),
    ("crises/supply_shock.ron", 72, 0xbdda57f694c4c633),
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
