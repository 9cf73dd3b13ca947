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
    ("classroom.ron", 24, 0xab6daa2498a76e7d),
    ("classroom.ron", 72, 0xe69cc0ef7eff15be),
    ("continent.ron", 24, 0x6db13e6b4d079832),
    ("developing.ron", 24, 0xbd1f1f7619f7d30d),
    ("developing.ron", 72, 0x1b7f032d73e441c9),
    ("frontier.ron", 24, 0xe846a4d4bf1011d6),
    ("frontier.ron", 72, 0x92457781f7b73dec),
    ("stressed_commons.ron", 24, 0xf4b4126551d9cb10),
    ("stressed_commons.ron", 72, 0x005711858e7f9361),
    ("crises/automation.ron", 24, 0x7727c41defa4dc42),
    ("crises/automation.ron", 72, 0xfae0802d957a3a86),
    ("crises/drought.ron", 24, 0x7727c41defa4dc42),
    ("crises/drought.ron", 72, 0x64a380292d8048aa),
    ("crises/financial_crash.ron", 24, 0x7727c41defa4dc42),
    ("crises/financial_crash.ron", 72, 0xed48826cb330aea3),
    ("crises/fragmentation.ron", 24, 0x7727c41defa4dc42),
    ("crises/fragmentation.ron", 72, 0x7d576a1e4833d2de),
    ("crises/migration_wave.ron", 24, 0x7727c41defa4dc42),
    ("crises/migration_wave.ron", 72, 0x0535ea7e1e0328a7),
    ("crises/pandemic.ron", 24, 0x7727c41defa4dc42),
    ("crises/pandemic.ron", 72, 0x552ea2b04987977c),
    ("crises/sabotage.ron", 24, 0x7727c41defa4dc42),
    ("crises/sabotage.ron", 72, 0x2fd27e2ac98fb736),
    ("crises/scarcity.ron", 24, 0x7727c41defa4dc42),
    ("crises/scarcity.ron", 72, 0x5e541de500d4678b),
    ("crises/supply_shock.ron", 24, 0x7727c41defa4dc42),
    ("crises/supply_shock.ron", 72, 0x74ae1b644c4c0687),
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
