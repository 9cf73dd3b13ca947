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
    ("classroom.ron", 24, 0xd971de57040281da),
    ("classroom.ron", 72, 0xf022bd9a538b0054),
    ("continent.ron", 24, 0xac96d858c9b35aeb),
    ("developing.ron", 24, 0x89eec4a4355d0bce),
    ("developing.ron", 72, 0xc289843a80ca10e3),
    ("frontier.ron", 24, 0xe65c9c1061ed17cd),
    ("frontier.ron", 72, 0x63aab4cfb195da08),
    ("stressed_commons.ron", 24, 0x982c79871ac3be9a),
    ("stressed_commons.ron", 72, 0xaa9543b957d996fb),
    ("crises/automation.ron", 24, 0x3d9da3cc2b44046a),
    ("crises/automation.ron", 72, 0x725338b02a5c9a65),
    ("crises/drought.ron", 24, 0x3d9da3cc2b44046a),
    ("crises/drought.ron", 72, 0x985d35b48dce38a4),
    ("crises/financial_crash.ron", 24, 0x3d9da3cc2b44046a),
    ("crises/financial_crash.ron", 72, 0xfe32ea2751b67018),
    ("crises/fragmentation.ron", 24, 0x3d9da3cc2b44046a),
    ("crises/fragmentation.ron", 72, 0x615ae18ae7a3417c),
    ("crises/migration_wave.ron", 24, 0x3d9da3cc2b44046a),
    ("crises/migration_wave.ron", 72, 0xb4c6b20c09472e74),
    ("crises/pandemic.ron", 24, 0x3d9da3cc2b44046a),
    ("crises/pandemic.ron", 72, 0x8d232cad8fd67039),
    ("crises/sabotage.ron", 24, 0x3d9da3cc2b44046a),
    ("crises/sabotage.ron", 72, 0x030cfe7ba23c5b9c),
    ("crises/scarcity.ron", 24, 0x3d9da3cc2b44046a),
    ("crises/scarcity.ron", 72, 0x135f32c53a799593),
    ("crises/supply_shock.ron", 24, 0x3d9da3cc2b44046a),
    ("crises/supply_shock.ron", 72, 0xb00e5aad484ea0a0),
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
