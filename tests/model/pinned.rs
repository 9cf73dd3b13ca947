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
    ("classroom.ron", 24, 0xf607138527f31155),
    ("classroom.ron", 72, 0xc555f6bd18d3184d),
    ("continent.ron", 24, 0x139c0848975c6b5f),
    ("developing.ron", 24, 0x9bf8467c9e59a4f0),
    ("developing.ron", 72, 0xd0645b744a3ad395),
    ("frontier.ron", 24, 0x7d80803a85b0fa9e),
    ("frontier.ron", 72, 0x336cb2758e8946ba),
    ("stressed_commons.ron", 24, 0x093883e06d7a051e),
    ("stressed_commons.ron", 72, 0x1e32d658053a3fad),
    ("crises/automation.ron", 24, 0x2bf5ad36f887eef4),
    ("crises/automation.ron", 72, 0xe339956827cb87c0),
    ("crises/drought.ron", 24, 0x2bf5ad36f887eef4),
    ("crises/drought.ron", 72, 0x4734be31a857f7cf),
    ("crises/financial_crash.ron", 24, 0x2bf5ad36f887eef4),
    ("crises/financial_crash.ron", 72, 0x3edb26ce80c38706),
    ("crises/fragmentation.ron", 24, 0x2bf5ad36f887eef4),
    ("crises/fragmentation.ron", 72, 0x3470baf838eb5dc7),
    ("crises/migration_wave.ron", 24, 0x2bf5ad36f887eef4),
    ("crises/migration_wave.ron", 72, 0xdf3fbef372737fd8),
    ("crises/pandemic.ron", 24, 0x2bf5ad36f887eef4),
    ("crises/pandemic.ron", 72, 0xc1742909f29912af),
    ("crises/sabotage.ron", 24, 0x2bf5ad36f887eef4),
    ("crises/sabotage.ron", 72, 0x403e1b76c535bce7),
    ("crises/scarcity.ron", 24, 0x2bf5ad36f887eef4),
    ("crises/scarcity.ron", 72, 0xc8080c86911fb956),
    ("crises/supply_shock.ron", 24, 0x2bf5ad36f887eef4),
    ("crises/supply_shock.ron", 72, 0xb802d24e2bfb4f7f),
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
