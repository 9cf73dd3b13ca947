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
    ("classroom.ron", 24, 0x39d9bf2f2aedb1bb),
    ("classroom.ron", 72, 0xa90af745a660cf10),
    ("continent.ron", 24, 0xcf5ed9f06fb9155d),
    ("developing.ron", 24, 0xbb71567829d5e30a),
    ("developing.ron", 72, 0x1375722729e74912),
    ("frontier.ron", 24, 0x6fac80966de4be45),
    ("frontier.ron", 72, 0x657ee8676d7e93fb),
    ("stressed_commons.ron", 24, 0xdeed4f930bb41f99),
    ("stressed_commons.ron", 72, 0x981520eae87521b8),
    ("crises/automation.ron", 24, 0x2a280190dc93fc3b),
    ("crises/automation.ron", 72, 0xa22e37214bb8b353),
    ("crises/drought.ron", 24, 0x2a280190dc93fc3b),
    ("crises/drought.ron", 72, 0x59ebfb1fd1932b3b),
    ("crises/financial_crash.ron", 24, 0x2a280190dc93fc3b),
    ("crises/financial_crash.ron", 72, 0xa8d83d68fed0bdc6),
    ("crises/fragmentation.ron", 24, 0x2a280190dc93fc3b),
    ("crises/fragmentation.ron", 72, 0xc8da026f7a3b465f),
    ("crises/migration_wave.ron", 24, 0x2a280190dc93fc3b),
    ("crises/migration_wave.ron", 72, 0xde2f60bc5a02feda),
    ("crises/pandemic.ron", 24, 0x2a280190dc93fc3b),
    ("crises/pandemic.ron", 72, 0x8b581a61494c732d),
    ("crises/sabotage.ron", 24, 0x2a280190dc93fc3b),
    ("crises/sabotage.ron", 72, 0xcb1ff5f6f3f12103),
    ("crises/scarcity.ron", 24, 0x2a280190dc93fc3b),
    ("crises/scarcity.ron", 72, 0x7b3db5a6814f822a),
    ("crises/supply_shock.ron", 24, 0x2a280190dc93fc3b),
    ("crises/supply_shock.ron", 72, 0xdc8d43f5f9da484a),
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
