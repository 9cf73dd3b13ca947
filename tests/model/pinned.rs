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
    ("classroom.ron", 24, 0xcd1a1bc9753d5d01),
    ("classroom.ron", 72, 0x6d309f0ce374a949),
    ("continent.ron", 24, 0xca2763d075af4157),
    ("developing.ron", 24, 0x3870f87b0f6bc0ac),
    ("developing.ron", 72, 0x94435e4745793f41),
    ("frontier.ron", 24, 0x76066287a9c74b3e),
    ("frontier.ron", 72, 0xa14cd89f0b828326),
    ("stressed_commons.ron", 24, 0x51b79363e659a3d6),
    ("stressed_commons.ron", 72, 0x2857b431de9887b9),
    ("crises/automation.ron", 24, 0xae93fb5a96c64338),
    ("crises/automation.ron", 72, 0x68ace2e74bbf5916),
    ("crises/drought.ron", 24, 0xae93fb5a96c64338),
    ("crises/drought.ron", 72, 0xa161f9ce2fb4b517),
    ("crises/financial_crash.ron", 24, 0xae93fb5a96c64338),
    ("crises/financial_crash.ron", 72, 0x7a726ed18eb12b58),
    ("crises/fragmentation.ron", 24, 0xae93fb5a96c64338),
    ("crises/fragmentation.ron", 72, 0x7f2384485fea6a1f),
    ("crises/migration_wave.ron", 24, 0xae93fb5a96c64338),
    ("crises/migration_wave.ron", 72, 0xe17f4bc6b15234fc),
    ("crises/pandemic.ron", 24, 0xae93fb5a96c64338),
    ("crises/pandemic.ron", 72, 0x90f87657991f87f4),
    ("crises/sabotage.ron", 24, 0xae93fb5a96c64338),
    ("crises/sabotage.ron", 72, 0x920e33571df7ef03),
    ("crises/scarcity.ron", 24, 0xae93fb5a96c64338),
    ("crises/scarcity.ron", 72, 0x79d3ca377f1f77ce),
    ("crises/supply_shock.ron", 24, 0xae93fb5a96c64338),
    ("crises/supply_shock.ron", 72, 0xe7a8282e03c1b687),
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
