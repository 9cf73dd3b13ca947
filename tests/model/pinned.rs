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
    ("classroom.ron", 24, 0x383f1cc7acf614da),
    ("classroom.ron", 72, 0x04b0704da358ba3d),
    ("continent.ron", 24, 0x1519036d2f777592),
    ("developing.ron", 24, 0xb94684eb82de5b62),
    ("developing.ron", 72, 0x71d3782b543409e8),
    ("frontier.ron", 24, 0x7c56d5c425f5bf4d),
    ("frontier.ron", 72, 0x5d0bc2abe3868c36),
    ("stressed_commons.ron", 24, 0x3962497c0ce19d83),
    ("stressed_commons.ron", 72, 0x682fb16ac3cfb6ea),
    ("crises/automation.ron", 24, 0x040eadf03a10dccb),
    ("crises/automation.ron", 72, 0xfd46fd9f68c4517b),
    ("crises/drought.ron", 24, 0x040eadf03a10dccb),
    ("crises/drought.ron", 72, 0x2655ca35702743fa),
    ("crises/financial_crash.ron", 24, 0x040eadf03a10dccb),
    ("crises/financial_crash.ron", 72, 0xc9abeb827586ee72),
    ("crises/fragmentation.ron", 24, 0x040eadf03a10dccb),
    ("crises/fragmentation.ron", 72, 0xec6a228fbd88a17a),
    ("crises/migration_wave.ron", 24, 0x040eadf03a10dccb),
    ("crises/migration_wave.ron", 72, 0x4e4c1150141d0747),
    ("crises/pandemic.ron", 24, 0x040eadf03a10dccb),
    ("crises/pandemic.ron", 72, 0x10ffac15c3cf5fc4),
    ("crises/sabotage.ron", 24, 0x040eadf03a10dccb),
    ("crises/sabotage.ron", 72, 0x6be25f63cd9d2252),
    ("crises/scarcity.ron", 24, 0x040eadf03a10dccb),
    ("crises/scarcity.ron", 72, 0x69a24331f5919ebb),
    ("crises/supply_shock.ron", 24, 0x040eadf03a10dccb),
    ("crises/supply_shock.ron", 72, 0xae113683ab7eaea6),
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
