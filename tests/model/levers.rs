//! No lever is decoration: moving any lever at tick 12 changes the measures
//! by tick 24, compared with a control run of the same seed.

use mutualism::sim::policy::{
    LEVERS, Lever, LeverChange, LeverChanges, LeverKind, LeverTarget, LeverValue,
};

use crate::support::{advance, app, latest, shipped};

/// A value far from the current one: the other end of a number's range, the
/// next choice.
fn moved(lever: &Lever, current: LeverValue) -> LeverValue {
    match (lever.kind, current) {
        (LeverKind::Number { min, max }, LeverValue::Number(n)) => {
            LeverValue::Number(if n < (min + max) / 2.0 { max } else { min })
        }
        (LeverKind::Choice { options }, LeverValue::Choice(i)) => {
            LeverValue::Choice((i + 1) % options.len())
        }
        _ => panic!("{}: its kind and value disagree", lever.name),
    }
}

#[test]
fn every_lever_changes_the_run_within_a_year() {
    let scenario = shipped("classroom.ron");
    let mut control = app(&scenario);
    advance(&mut control, 24);
    let control = latest(&control);
    for lever in LEVERS {
        let mut app = app(&scenario);
        advance(&mut app, 12);
        let value = moved(lever, (lever.get)(&scenario.policy));
        app.world_mut()
            .resource_mut::<LeverChanges>()
            .send(LeverChange {
                target: LeverTarget::All,
                lever,
                value,
            });
        advance(&mut app, 12);
        let changed = latest(&app);
        assert_eq!(changed.tick, 24);
        let differs = control
            .values()
            .iter()
            .zip(changed.values())
            .any(|(a, b)| (a - b).abs() > 1e-9);
        assert!(
            differs,
            "moving {} to {value:?} left every measure as in the control run",
            lever.name
        );
    }
}
