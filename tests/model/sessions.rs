//! Sessions: what was sent to a run live, written into its scenario's
//! text, replays to the same state, checked against the hash it saved; an
//! edited session says so in one line.

use mutualism_model::scenario::{Check, Regions, Scenario, Shock, session_text};
use mutualism_model::sim::crisis::ShockQueue;
use mutualism_model::sim::institutions::{
    LeverChange, LeverChanges, LeverTarget, LeverValue, LockChange, lever,
};
use mutualism_model::sim::interventions::Interventions;
use mutualism_model::sim::world::hash::state_hash;

use crate::support::{advance, app, classroom_text, shipped, temp_scenario};

/// The classroom run 30 months with changes, a lock and a shock sent live
/// at months 6, 12 and 20: the session's text and the state it reached.
fn a_session() -> (String, u64) {
    let classroom = shipped("classroom.ron");
    let mut live = app(&classroom);
    advance(&mut live, 6);
    let send = |live: &mut bevy::prelude::App, target, name: &str, value| {
        live.world_mut()
            .resource_mut::<LeverChanges>()
            .send(LeverChange {
                target,
                lever: lever(name).expect("a lever"),
                value,
            });
    };
    send(
        &mut live,
        LeverTarget::All,
        "carbon_price",
        LeverValue::Number(0.4),
    );
    send(
        &mut live,
        LeverTarget::Region(7),
        "mutual_aid_share",
        LeverValue::Number(0.35),
    );
    send(
        &mut live,
        LeverTarget::Region(7),
        "basics_allocation",
        LeverValue::Choice(0),
    );
    advance(&mut live, 6);
    live.world_mut()
        .resource_mut::<LeverChanges>()
        .send_lock(LockChange {
            lever: lever("transparency").expect("a lever"),
            locked: true,
        });
    live.world_mut()
        .resource_mut::<ShockQueue>()
        .send(Shock::Pandemic {
            regions: Regions::Only(vec![3]),
            infected: 0.02,
        });
    advance(&mut live, 8);
    send(
        &mut live,
        LeverTarget::All,
        "carbon_price",
        LeverValue::Number(0.1),
    );
    advance(&mut live, 10);
    let taken = live.world().resource::<Interventions>().0.clone();
    assert_eq!(
        taken.len(),
        6,
        "every change, the lock and the shock are recorded"
    );
    let hash = state_hash(live.world_mut());
    let text = session_text(&classroom_text(), &taken, &Check::new(30, hash)).expect("written");
    (text, hash)
}

/// The state a scenario's text reaches after `months`.
fn replayed(text: &str, months: u32) -> (Scenario, u64) {
    let file = temp_scenario(text);
    let scenario = Scenario::load(&file.path).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let mut run = app(&scenario);
    advance(&mut run, months);
    let hash = state_hash(run.world_mut());
    (scenario, hash)
}

#[test]
fn a_saved_session_opens_to_the_state_it_saved() {
    let (text, hash) = a_session();
    let (scenario, replayed) = replayed(&text, 30);
    assert_eq!(scenario.moves.len(), 4, "three moves and a lock:\n{text}");
    assert_eq!(replayed, hash, "the session replays bit for bit:\n{text}");
    let check = scenario.check.expect("the check is kept");
    assert!(check.compare(replayed).is_ok());
    assert!(text.contains("## The story"), "the lesson notes are kept");
}

#[test]
fn an_edited_session_says_its_state_differs() {
    let (text, _) = a_session();
    let edited = text.replacen("carbon_price: 0.4", "carbon_price: 0.5", 1);
    assert_ne!(edited, text);
    let (scenario, replayed) = replayed(&edited, 30);
    let line = scenario
        .check
        .expect("the check is kept")
        .compare(replayed)
        .expect_err("the state differs");
    assert!(
        line.contains("month 30") && line.contains("differ"),
        "{line}"
    );
}

#[test]
fn a_bad_check_is_refused_at_its_place() {
    for (check, says) in [
        (
            "check: (month: 12, hash: \"xyz\"),",
            "16 hexadecimal digits",
        ),
        (
            "check: (month: 9999, hash: \"0123456789abcdef\"),",
            "from 1 to the run's end",
        ),
    ] {
        let text = classroom_text().replacen(
            "    timeline: [",
            &format!("    {check}\n    timeline: ["),
            1,
        );
        let file = temp_scenario(&text);
        let e = Scenario::load(&file.path).expect_err(check).to_string();
        assert!(e.contains("scenario.ron:") && e.contains(says), "{e}");
    }
}

/// A session over seeds runs it as saved, its moves included: the first
/// seed's figure is the session's own run's, and another seed differs.
#[test]
fn a_session_over_seeds_runs_it_as_saved() {
    let (text, _) = a_session();
    let file = temp_scenario(&text);
    let session = Scenario::load(&file.path).unwrap_or_else(|e| panic!("{e}"));
    let figures =
        mutualism_model::compare::over_seeds(&session, 2, 30, &|_, _| {}).expect("the runs");
    let own = mutualism_model::headless::run(&session, session.seed, 30, false).expect("the run");
    let last: Vec<f64> = own.rows[own.rows.len() - 12..]
        .iter()
        .map(|r| r.capability)
        .collect();
    let mean = last.iter().sum::<f64>() / 12.0;
    let capability = mutualism_model::sim::measures::Measure::Capability;
    assert_eq!(figures.len(), 2);
    assert_eq!(figures[0].seed, session.seed);
    assert_eq!(figures[0].values[capability], mean);
    assert_ne!(
        figures[1].values[capability], mean,
        "another seed, another world"
    );
}
