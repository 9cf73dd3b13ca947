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
    ("classroom.ron", 24, 0xd44f832b34d627b4),
    ("classroom.ron", 72, 0x79ef01b84affa523),
    ("continent.ron", 24, 0xb5c32828e39d1e4a),
    ("developing.ron", 24, 0x384d055085b18a17),
    ("developing.ron", 72, 0xa46afe380f20a5d4),
    ("frontier.ron", 24, 0x52750573e65b200d),
    ("frontier.ron", 72, 0x085d69b61632518b),
    ("stressed_commons.ron", 24, 0x0ce1943cf01fef83),
    ("stressed_commons.ron", 72, 0x59737594dd5d7b43),
    ("crises/automation.ron", 24, 0xef5ec866367604be),
    ("crises/automation.ron", 72, 0x52755ec9b4b80c30),
    ("crises/drought.ron", 24, 0xef5ec866367604be),
    ("crises/drought.ron", 72, 0x564ce8c7680cb423),
    ("crises/financial_crash.ron", 24, 0xef5ec866367604be),
    ("crises/financial_crash.ron", 72, 0xd61b5ddf1ff09f45),
    ("crises/fragmentation.ron", 24, 0xef5ec866367604be),
    ("crises/fragmentation.ron", 72, 0xb1148fe61bc31979),
    ("crises/migration_wave.ron", 24, 0xef5ec866367604be),
    ("crises/migration_wave.ron", 72, 0xf56f316cf01b7bac),
    ("crises/pandemic.ron", 24, 0xef5ec866367604be),
    ("crises/pandemic.ron", 72, 0x08cedda8c72cfd8c),
    ("crises/sabotage.ron", 24, 0xef5ec866367604be),
    ("crises/sabotage.ron", 72, 0x02d7c5130cd898c3),
    ("crises/scarcity.ron", 24, 0xef5ec866367604be),
    ("crises/scarcity.ron", 72, 0x40ad82924c969688),
    ("crises/supply_shock.ron", 24, 0xef5ec866367604be),
    ("crises/supply_shock.ron", 72, 0x148a61d04b8c4e93),
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
