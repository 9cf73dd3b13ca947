//! No lever is decoration: moving any lever at tick 12 changes the measures
//! by tick 24, compared with a control run of the same seed, under at least
//! one of the shipped regimes (a lever may act only within one mechanism,
//! as financialisation acts only through capital markets, and a crisis
//! response only in a crisis). The levers that answer pilots act only where
//! pilots run and trade: they are moved in the pilot cities at month 144,
//! once trade across the pilot cities' links has begun.

use mutualism_model::sim::institutions::{
    Domain, LEVERS, Lever, LeverChange, LeverChanges, LeverKind, LeverTarget, LeverValue,
};

use mutualism_model::scenario::{Event, Regions, Scenario, Shock};
use mutualism_model::sim::measures::MeasureRow;

use crate::support::{advance, app, latest, presets, shipped};

/// A value far from the current one: the other end of a number's limits,
/// the next choice.
fn moved(lever: &Lever, current: LeverValue) -> LeverValue {
    match (lever.kind, current) {
        (LeverKind::Number { limits }, LeverValue::Number(n)) => {
            LeverValue::Number(if n < (limits.min + limits.max) / 2.0 {
                limits.max
            } else {
                limits.min
            })
        }
        (LeverKind::Choice { options }, LeverValue::Choice(i)) => {
            LeverValue::Choice((i + 1) % options.len())
        }
        _ => panic!("{}: its kind and value disagree", lever.name),
    }
}

/// The levers that answer pilots, and the month they are moved at.
const PILOT_LEVERS: &[&str] = &[
    "sanctions_on_pilots",
    "recruiting_from_pilots",
    "pilot_protection",
];
const PILOTS_TRADE: u32 = 144;

/// The measures a year after month `at` of a run nobody touches.
fn control(scenario: &Scenario, at: u32) -> MeasureRow {
    let mut control = app(scenario);
    advance(&mut control, at + 12);
    latest(&control)
}

/// Sends a change of `lever` to `value` in every region, for next month.
fn send_everywhere(app: &mut bevy::prelude::App, lever: &'static Lever, value: LeverValue) {
    app.world_mut()
        .resource_mut::<LeverChanges>()
        .send(LeverChange {
            target: LeverTarget::All,
            lever,
            value,
        });
}

/// Whether moving `lever` at month `at` changes some measure a year later,
/// against the untouched run's `control` measures.
fn moves_the_run(
    scenario: &Scenario,
    control: &MeasureRow,
    lever: &'static Lever,
    at: u32,
) -> bool {
    let mut app = app(scenario);
    advance(&mut app, at);
    send_everywhere(&mut app, lever, moved(lever, (lever.get)(&scenario.policy)));
    advance(&mut app, 12);
    let changed = latest(&app);
    assert_eq!(changed.tick, at + 12);
    control
        .values()
        .iter()
        .any(|(m, a)| (a - changed.get(m)).abs() > 1e-9)
}

/// Every regime on the classroom, with its control measures. Crisis
/// responses act only in a crisis, so for them a financial crash strikes
/// the first region at month 6 and automation the second, its circuit breaker trips at the least
/// stress, and the emergency protocol fires at any shortfall from normal
/// and comes up for its vote every month.
fn regimes(crisis: bool) -> Vec<(String, Scenario, MeasureRow)> {
    presets()
        .into_iter()
        .map(|(name, mut policy)| {
            let mut scenario = shipped("classroom.ron");
            if crisis {
                policy.emergency_threshold = 1.0;
                policy.emergency_sunset_months = 1.0;
                policy.circuit_breaker = 0.05;
                scenario.timeline.push(Event {
                    tick: 6,
                    shock: Shock::FinancialCrash {
                        regions: Regions::Only(vec![0]),
                        severity: 0.5,
                    },
                });
                scenario.timeline.push(Event {
                    tick: 6,
                    shock: Shock::Automation {
                        regions: Regions::Only(vec![1]),
                        share: 0.2,
                    },
                });
            }
            scenario.policy = policy;
            let control = control(&scenario, 12);
            (name, scenario, control)
        })
        .collect()
}

#[test]
fn every_lever_changes_the_run_within_a_year() {
    let calm = regimes(false);
    let crisis = regimes(true);
    let pilots = shipped("transition/pilot_cities.ron");
    let pilots = vec![(
        "pilot cities".to_string(),
        pilots.clone(),
        control(&pilots, PILOTS_TRADE),
    )];
    for lever in LEVERS {
        let (regimes, at) = if PILOT_LEVERS.contains(&lever.name) {
            (&pilots, PILOTS_TRADE)
        } else if lever.domain == Domain::Crisis {
            (&crisis, 12)
        } else {
            (&calm, 12)
        };
        let moving: Vec<&str> = regimes
            .iter()
            .filter(|(_, s, control)| moves_the_run(s, control, lever, at))
            .map(|(n, ..)| n.as_str())
            .collect();
        println!("{}: moves the run under {moving:?}", lever.name);
        assert!(
            !moving.is_empty(),
            "moving {} changed no measure under any regime",
            lever.name
        );
    }
}

/// A lever moved everywhere is logged once, saying from which value to
/// which, and the events CSV carries the lever and both values as fields;
/// a choice is written by its name.
#[test]
fn a_lever_move_is_logged_once_with_its_values() {
    use mutualism_model::sim::crisis::EventLog;
    let mut scenario = shipped("classroom.ron");
    scenario.policy = presets()
        .into_iter()
        .find(|(n, _)| n == "liberal_market")
        .unwrap()
        .1;
    let mut app = app(&scenario);
    advance(&mut app, 12);
    let lever = |name| mutualism_model::sim::institutions::lever(name).unwrap();
    let aid = scenario.policy.mutual_aid_share;
    send_everywhere(&mut app, lever("mutual_aid_share"), LeverValue::Number(0.5));
    send_everywhere(&mut app, lever("basics_allocation"), LeverValue::Choice(1));
    advance(&mut app, 1);
    let log = app.world().resource::<EventLog>().0.clone();
    let lines: Vec<String> = log
        .iter()
        .filter(|e| e.tick == 12)
        .map(|e| e.to_string())
        .collect();
    let expected = format!("Month 12, everywhere: lever mutual_aid_share moved from {aid} to 0.5");
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.contains("mutual_aid_share"))
            .count(),
        1,
        "{lines:?}"
    );
    assert!(lines.contains(&expected), "{expected} in {lines:?}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("lever basics_allocation moved from Market to NeedBased")),
        "{lines:?}"
    );
    let csv = mutualism_model::headless::events_csv(&log);
    assert!(csv.starts_with("tick,place,event,lever,from,to,shock,size,months,group,text"));
    assert!(
        csv.contains(&format!("12,,lever_moved,mutual_aid_share,{aid},0.5,,,,,")),
        "{csv}"
    );
}
