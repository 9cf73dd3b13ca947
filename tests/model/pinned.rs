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
    ("classroom.ron", 24, 0x026121d73a615420),
    ("classroom.ron", 72, 0x26e03dda0a3684aa),
    ("continent.ron", 24, 0xcce6107550210098),
    ("developing.ron", 24, 0xef33c74515397832),
    ("developing.ron", 72, 0x509be140ed233506),
    ("frontier.ron", 24, 0x387929dffcebddc0),
    ("frontier.ron", 72, 0xdb798480eced16e2),
    ("stressed_commons.ron", 24, 0x47479fa2dcd33567),
    ("stressed_commons.ron", 72, 0xc872884a4badc90d),
    ("crises/automation.ron", 24, 0x091edd8760a2f748),
    ("crises/automation.ron", 72, 0x39321b717a14c8ca),
    ("crises/drought.ron", 24, 0x091edd8760a2f748),
    ("crises/drought.ron", 72, 0x7ca6c3975b54779b),
    ("crises/financial_crash.ron", 24, 0x091edd8760a2f748),
    ("crises/financial_crash.ron", 72, 0x4269a959581a6cb9),
    ("crises/fragmentation.ron", 24, 0x091edd8760a2f748),
    ("crises/fragmentation.ron", 72, 0x431c1b315ebad40e),
    ("crises/migration_wave.ron", 24, 0x091edd8760a2f748),
    ("crises/migration_wave.ron", 72, 0x9c1d6fd8c222cbee),
    ("crises/pandemic.ron", 24, 0x091edd8760a2f748),
    ("crises/pandemic.ron", 72, 0x2922c4bde652554c),
    ("crises/sabotage.ron", 24, 0x091edd8760a2f748),
    ("crises/sabotage.ron", 72, 0xa21e39085550cc0b),
    ("crises/scarcity.ron", 24, 0x091edd8760a2f748),
    ("crises/scarcity.ron", 72, 0x67ea178c7b5e0904),
    ("crises/supply_shock.ron", 24, 0x091edd8760a2f748),
    ("crises/supply_shock.ron", 72, 0xd44daef1f21ca846),
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
