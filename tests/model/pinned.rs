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
    ("classroom.ron", 24, 0x7a1b5fb0d2a59a81),
    ("classroom.ron", 72, 0x0061f7cd96ca9e22),
    ("continent.ron", 24, 0x029d3309f27138f2),
    ("developing.ron", 24, 0x8fd9ab60c4cbd6e8),
    ("developing.ron", 72, 0x05aa687106e3aae0),
    ("frontier.ron", 24, 0x9960ac45be87568c),
    ("frontier.ron", 72, 0x7b6dbc006b91d603),
    ("stressed_commons.ron", 24, 0x41ec64685fc8f795),
    ("stressed_commons.ron", 72, 0x196beb561be4473c),
    ("crises/automation.ron", 24, 0x895e5a3705da3e00),
    ("crises/automation.ron", 72, 0x160107c47fbd8ee6),
    ("crises/drought.ron", 24, 0x895e5a3705da3e00),
    ("crises/drought.ron", 72, 0x389816ca56039948),
    ("crises/financial_crash.ron", 24, 0x895e5a3705da3e00),
    ("crises/financial_crash.ron", 72, 0xab7cb244af3a8c8a),
    ("crises/fragmentation.ron", 24, 0x895e5a3705da3e00),
    ("crises/fragmentation.ron", 72, 0x6ae9cb246bc05b23),
    ("crises/migration_wave.ron", 24, 0x895e5a3705da3e00),
    ("crises/migration_wave.ron", 72, 0x556799e7efcf801f),
    ("crises/pandemic.ron", 24, 0x895e5a3705da3e00),
    ("crises/pandemic.ron", 72, 0x1e30986158195ee1),
    ("crises/sabotage.ron", 24, 0x895e5a3705da3e00),
    ("crises/sabotage.ron", 72, 0x7103123e94635b25),
    ("crises/scarcity.ron", 24, 0x895e5a3705da3e00),
    ("crises/scarcity.ron", 72, 0xab75c043acd49522),
    ("crises/supply_shock.ron", 24, 0x895e5a3705da3e00),
    ("crises/supply_shock.ron", 72, 0xc09b4db50c9cfe84),
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
