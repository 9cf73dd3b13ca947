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
    ("classroom.ron", 24, 0x7e9d9dc69b1eb33b),
    ("classroom.ron", 72, 0x51751d2d8943148c),
    ("continent.ron", 24, 0xd40eacd90f252122),
    ("developing.ron", 24, 0xe480a7046918f7ec),
    ("developing.ron", 72, 0x324f59b4f109c3d4),
    ("frontier.ron", 24, 0x552a62f955edfc54),
    ("frontier.ron", 72, 0xac9d845c72485bdd),
    ("stressed_commons.ron", 24, 0xb4820198dd27c10d),
    ("stressed_commons.ron", 72, 0xd23d36a77508a393),
    ("crises/automation.ron", 24, 0xf298b4fd17943901),
    ("crises/automation.ron", 72, 0x8d8375277ed3822d),
    ("crises/drought.ron", 24, 0xf298b4fd17943901),
    ("crises/drought.ron", 72, 0xdb19b13e6b8385d4),
    ("crises/financial_crash.ron", 24, 0xf298b4fd17943901),
    ("crises/financial_crash.ron", 72, 0x5009c2b1fb269e9e),
    ("crises/fragmentation.ron", 24, 0xf298b4fd17943901),
    ("crises/fragmentation.ron", 72, 0x1ea7386fc780f5eb),
    ("crises/migration_wave.ron", 24, 0xf298b4fd17943901),
    ("crises/migration_wave.ron", 72, 0xe86985b6e1792223),
    ("crises/pandemic.ron", 24, 0xf298b4fd17943901),
    ("crises/pandemic.ron", 72, 0xde94b3f334e2dd02),
    ("crises/sabotage.ron", 24, 0xf298b4fd17943901),
    ("crises/sabotage.ron", 72, 0xf4ad8abde37db7e7),
    ("crises/scarcity.ron", 24, 0xf298b4fd17943901),
    ("crises/scarcity.ron", 72, 0x7a85ac9e40a5f774),
    ("crises/supply_shock.ron", 24, 0xf298b4fd17943901),
    ("crises/supply_shock.ron", 72, 0x8f8cc91a43299705),
    ("transition/pilot_cities.ron", 24, 0x1ce41a0fcbafcd4f),
    ("transition/pilot_cities.ron", 180, 0x736b2004c27b2ef2),
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
