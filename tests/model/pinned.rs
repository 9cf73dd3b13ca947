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
    ("classroom.ron", 24, 0x756c8467cefa1a6e),
    ("classroom.ron", 72, 0x445a1f117c392c0b),
    ("continent.ron", 24, 0x2d62b89ed3ed019d),
    ("developing.ron", 24, 0x83a11dd1dd68de6d),
    ("developing.ron", 72, 0xb0e36f751a7080fc),
    ("frontier.ron", 24, 0xe65c9c1061ed17cd),
    ("frontier.ron", 72, 0x63aab4cfb195da08),
    ("stressed_commons.ron", 24, 0x8f35e76843299df2),
    ("stressed_commons.ron", 72, 0xc2f4d36c19b5a34d),
    ("crises/automation.ron", 24, 0xf6feea19aa5f1c3c),
    ("crises/automation.ron", 72, 0xb838ec305b1b4037),
    ("crises/drought.ron", 24, 0xf6feea19aa5f1c3c),
    ("crises/drought.ron", 72, 0xe2d0013dbb345db9),
    ("crises/financial_crash.ron", 24, 0xf6feea19aa5f1c3c),
    ("crises/financial_crash.ron", 72, 0x05be830dc20c6bcd),
    ("crises/fragmentation.ron", 24, 0xf6feea19aa5f1c3c),
    ("crises/fragmentation.ron", 72, 0xf706272ae9982538),
    ("crises/migration_wave.ron", 24, 0xf6feea19aa5f1c3c),
    ("crises/migration_wave.ron", 72, 0x760bf29adfb34c69),
    ("crises/pandemic.ron", 24, 0xf6feea19aa5f1c3c),
    ("crises/pandemic.ron", 72, 0x887eb13fd18afe37),
    ("crises/sabotage.ron", 24, 0xf6feea19aa5f1c3c),
    ("crises/sabotage.ron", 72, 0x710082a734dc4c62),
    ("crises/scarcity.ron", 24, 0xf6feea19aa5f1c3c),
    ("crises/scarcity.ron", 72, 0x1d15dd279fe22e01),
    ("crises/supply_shock.ron", 24, 0xf6feea19aa5f1c3c),
    ("crises/supply_shock.ron", 72, 0x6a21901f00b1dcb2),
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
