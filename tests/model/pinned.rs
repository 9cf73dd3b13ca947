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
    ("classroom.ron", 24, 0x1ff7612e5d04bea5),
    ("classroom.ron", 72, 0x0d44a0576ac944ac),
    ("continent.ron", 24, 0x88a413976744a3cc),
    ("developing.ron", 24, 0x7e8ceed939e3e6d2),
    ("developing.ron", 72, 0x0660b22ad2626f98),
    ("frontier.ron", 24, 0x1101c7aed56bad2d),
    ("frontier.ron", 72, 0x525482bb1c2e8394),
    ("stressed_commons.ron", 24, 0x83c27e5aa573bde6),
    ("stressed_commons.ron", 72, 0xce73ad1e7440437c),
    ("crises/automation.ron", 24, 0x07f58e2eca2c2c50),
    ("crises/automation.ron", 72, 0x2f6b96228947bacc),
    ("crises/drought.ron", 24, 0x07f58e2eca2c2c50),
    ("crises/drought.ron", 72, 0x42bc0d30bd127c99),
    ("crises/financial_crash.ron", 24, 0x07f58e2eca2c2c50),
    ("crises/financial_crash.ron", 72, 0x49a160c18a703c8c),
    ("crises/fragmentation.ron", 24, 0x07f58e2eca2c2c50),
    ("crises/fragmentation.ron", 72, 0xc61d42709aad303e),
    ("crises/migration_wave.ron", 24, 0x07f58e2eca2c2c50),
    ("crises/migration_wave.ron", 72, 0xeb960c5dafc106de),
    ("crises/pandemic.ron", 24, 0x07f58e2eca2c2c50),
    ("crises/pandemic.ron", 72, 0x67fcde188f2a2aca),
    ("crises/sabotage.ron", 24, 0x07f58e2eca2c2c50),
    ("crises/sabotage.ron", 72, 0x0951922eed3c240c),
    ("crises/scarcity.ron", 24, 0x07f58e2eca2c2c50),
    ("crises/scarcity.ron", 72, 0xaf9314b4b275fe57),
    ("crises/supply_shock.ron", 24, 0x07f58e2eca2c2c50),
    ("crises/supply_shock.ron", 72, 0x13708fff37c665b3),
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
