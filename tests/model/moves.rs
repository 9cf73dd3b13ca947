//! A scenario's moves: lever changes and locks written in its file are the
//! same as the panel sending them in that month, and a bad move is refused
//! at its line and column.

use mutualism_model::scenario::{Scenario, ScenarioError};
use mutualism_model::sim::institutions::{
    Choice, CommonsGovernance, LeverChange, LeverChanges, LeverTarget, LeverValue, LockChange,
    lever,
};
use mutualism_model::sim::power::Constitution;
use mutualism_model::sim::world::hash::state_hash;

use crate::support::{advance, app, classroom_text, temp_scenario};

/// The classroom with `moves` written into its file, read back.
fn with_moves(moves: &str) -> Result<Scenario, ScenarioError> {
    let text = classroom_text().replacen(
        "    timeline: [",
        &format!("    moves: [{moves}],\n    timeline: ["),
        1,
    );
    let file = temp_scenario(&text);
    Scenario::load(&file.path)
}

#[test]
fn a_move_in_the_file_is_the_panels_change_in_that_month() {
    let written = with_moves(
        "(tick: 30, levers: (carbon_price: 0.4, commons_governance: OpenAccess), regions: Federation(1)), (tick: 40, lock: [\"carbon_price\"])",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut by_file = app(&written);
    advance(&mut by_file, 48);

    let plain = with_moves("").map_or_else(|e| panic!("{e}"), |s| Scenario { moves: vec![], ..s });
    let mut by_hand = app(&plain);
    advance(&mut by_hand, 30);
    let east: Vec<u32> = (0..plain.world.region_count() as u32)
        .filter(|&id| {
            let world = by_hand.world_mut();
            world
                .query::<&mutualism_model::sim::people::Region>()
                .iter(world)
                .any(|r| r.id == id && r.federation == 1)
        })
        .collect();
    assert!(!east.is_empty(), "the classroom has a federation 1");
    {
        let mut changes = by_hand.world_mut().resource_mut::<LeverChanges>();
        for &id in &east {
            for (name, value) in [
                ("carbon_price", LeverValue::Number(0.4)),
                (
                    "commons_governance",
                    LeverValue::Choice(CommonsGovernance::OpenAccess.index()),
                ),
            ] {
                changes.send(LeverChange {
                    target: LeverTarget::Region(id),
                    lever: lever(name).expect("a lever"),
                    value,
                });
            }
        }
    }
    advance(&mut by_hand, 10);
    by_hand
        .world_mut()
        .resource_mut::<LeverChanges>()
        .send_lock(LockChange {
            lever: lever("carbon_price").expect("a lever"),
            locked: true,
        });
    advance(&mut by_hand, 8);
    assert!(
        by_file
            .world()
            .resource::<Constitution>()
            .locks("carbon_price"),
        "the move's lock holds"
    );
    assert_eq!(
        state_hash(by_file.world_mut()),
        state_hash(by_hand.world_mut()),
        "the moves written in the file and the same changes sent by hand give the same state"
    );
}

#[test]
fn a_bad_move_is_refused_at_its_line_and_column() {
    for (moves, expected) in [
        ("(tick: 30, levers: (carbon_prise: 0.4))", "carbon_prise"),
        ("(tick: 30, levers: (cap_fraction: 1.5))", "cap_fraction"),
        (
            "(tick: 30, levers: (carbon_price: 0.1), regions: Only([99]))",
            "region 99",
        ),
        ("(tick: 30)", "changes nothing"),
        (
            "(tick: 500, levers: (carbon_price: 0.1))",
            "after the run's last month",
        ),
        ("(tick: 30, lock: [\"carbon\"])", "carbon"),
    ] {
        let e = with_moves(moves)
            .err()
            .unwrap_or_else(|| panic!("{moves} was accepted"));
        let shown = e.to_string();
        assert!(
            matches!(e, ScenarioError::Parse { .. }) && shown.contains("scenario.ron:"),
            "{moves}: a line and column: {shown}"
        );
        assert!(
            shown.contains(expected),
            "{moves}: names {expected}: {shown}"
        );
    }
}
