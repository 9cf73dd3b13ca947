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
    ("classroom.ron", 24, 0x865f64040724bfde),
    ("classroom.ron", 72, 0x8d2b8d724123bb35),
    ("continent.ron", 24, 0x55087e140f044e5f),
    ("developing.ron", 24, 0x5b5d3b1b607bd09b),
    ("developing.ron", 72, 0xf993a30a70245736),
    ("frontier.ron", 24, 0x74a4e7b9a73d8b4d),
    ("frontier.ron", 72, 0xedce8d52d1e1cc8e),
    ("stressed_commons.ron", 24, 0x67e6de39b4094fa8),
    ("stressed_commons.ron", 72, 0x52594682fd50675d),
    ("crises/automation.ron", 24, 0x41fd0ea9f741325e),
    ("crises/automation.ron", 72, 0x3363c53621847725),
    ("crises/drought.ron", 24, 0x41fd0ea9f741325e),
    ("crises/drought.ron", 72, 0x45752afa841d5bf9),
    ("crises/financial_crash.ron", 24, 0x41fd0ea9f741325e),
    ("crises/financial_crash.ron", 72, 0xba816f28b279c85f),
    ("crises/fragmentation.ron", 24, 0x41fd0ea9f741325e),
    ("crises/fragmentation.ron", 72, 0x37a8dcd73055c110),
    ("crises/migration_wave.ron", 24, 0x41fd0ea9f741325e),
    ("crises/migration_wave.ron", 72, 0xc0660df8fa999147),
    ("crises/pandemic.ron", 24, 0x41fd0ea9f741325e),
    ("crises/pandemic.ron", 72, 0xadf0d1b0bcab4ef5),
    ("crises/sabotage.ron", 24, 0x41fd0ea9f741325e),
    ("crises/sabotage.ron", 72, 0x0fbd8cdc0569e620),
    ("crises/scarcity.ron", 24, 0x41fd0ea9f741325e),
    ("crises/scarcity.ron", 72, 0x7d44bcf88bc535ff),
    ("crises/supply_shock.ron", 24, 0x41fd0ea9f741325e),
    ("crises/supply_shock.ron", 72, 0x2cce3af31db06868),
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
