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
    ("classroom.ron", 24, 0x2512219eb15efcc9),
    ("classroom.ron", 72, 0xfeca7cb8551e6dde),
    ("continent.ron", 24, 0x98416ad05c2e65a2),
    ("developing.ron", 24, 0x49ab03e84d94f0cc),
    ("developing.ron", 72, 0x23d3784d0ec59950),
    ("frontier.ron", 24, 0xb0a11c26e9f4ef60),
    ("frontier.ron", 72, 0x9e6b8218b7dd6a9f),
    ("stressed_commons.ron", 24, 0xb6558dbf7edb2045),
    ("stressed_commons.ron", 72, 0x8d692e5cb84386a0),
    ("crises/automation.ron", 24, 0x3760b98b618eabf4),
    ("crises/automation.ron", 72, 0x358bea2228be847e),
    ("crises/drought.ron", 24, 0x3760b98b618eabf4),
    ("crises/drought.ron", 72, 0x9e3b11d38d28774c),
    ("crises/financial_crash.ron", 24, 0x3760b98b618eabf4),
    ("crises/financial_crash.ron", 72, 0x4e9c0ff81eb0b852),
    ("crises/fragmentation.ron", 24, 0x3760b98b618eabf4),
    ("crises/fragmentation.ron", 72, 0xbe8a6fd0059c9b2b),
    ("crises/migration_wave.ron", 24, 0x3760b98b618eabf4),
    ("crises/migration_wave.ron", 72, 0x4964f25b2b837f0b),
    ("crises/pandemic.ron", 24, 0x3760b98b618eabf4),
    ("crises/pandemic.ron", 72, 0x963c5f8435b3cd3d),
    ("crises/sabotage.ron", 24, 0x3760b98b618eabf4),
    ("crises/sabotage.ron", 72, 0xf1d234f5dafd2fa1),
    ("crises/scarcity.ron", 24, 0x3760b98b618eabf4),
    ("crises/scarcity.ron", 72, 0x9019ce897be1c822),
    ("crises/supply_shock.ron", 24, 0x3760b98b618eabf4),
    ("crises/supply_shock.ron", 72, 0xed373949140855cc),
    ("transition/pilot_cities.ron", 24, 0xd5d36ccb54e79d0c),
    ("transition/pilot_cities.ron", 180, 0x85922cfe2b860992),
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
