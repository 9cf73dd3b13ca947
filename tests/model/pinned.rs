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
    ("classroom.ron", 24, 0x10cab0d30baf6ff7),
    ("classroom.ron", 72, 0xca77a05b322f8c3c),
    ("continent.ron", 24, 0xda1905348958559e),
    ("developing.ron", 24, 0xf80f0ab448f060ee),
    ("developing.ron", 72, 0x4fc67f99f93dd206),
    ("frontier.ron", 24, 0x63f3a5f555dcd6e8),
    ("frontier.ron", 72, 0xa65567df2c2becb7),
    ("stressed_commons.ron", 24, 0x799f16f80fe3c909),
    ("stressed_commons.ron", 72, 0xb13ee42b860188bb),
    ("crises/automation.ron", 24, 0xbc3a20140dac10ad),
    ("crises/automation.ron", 72, 0x918b206227f78aaf),
    ("crises/drought.ron", 24, 0xbc3a20140dac10ad),
    ("crises/drought.ron", 72, 0x9ab40f02a92d13a8),
    ("crises/financial_crash.ron", 24, 0xbc3a20140dac10ad),
    ("crises/financial_crash.ron", 72, 0xa63782bda06091da),
    ("crises/fragmentation.ron", 24, 0xbc3a20140dac10ad),
    ("crises/fragmentation.ron", 72, 0xe4486f362307e455),
    ("crises/migration_wave.ron", 24, 0xbc3a20140dac10ad),
    ("crises/migration_wave.ron", 72, 0xb9df4f288d1b3177),
    ("crises/pandemic.ron", 24, 0xbc3a20140dac10ad),
    ("crises/pandemic.ron", 72, 0xe9fb65e64df66ff4),
    ("crises/sabotage.ron", 24, 0xbc3a20140dac10ad),
    ("crises/sabotage.ron", 72, 0xa2a215fcc05c2635),
    ("crises/scarcity.ron", 24, 0xbc3a20140dac10ad),
    ("crises/scarcity.ron", 72, 0x1dde4aaddc4dac2c),
    ("crises/supply_shock.ron", 24, 0xbc3a20140dac10ad),
    ("crises/supply_shock.ron", 72, 0x2fe6af378ccd2309),
    ("transition/pilot_cities.ron", 24, 0x51b9079b438c6107),
    ("transition/pilot_cities.ron", 180, 0x37fa0906e00d417e),
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
