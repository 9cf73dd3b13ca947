//! Snapshots (`sim::world::snapshot`): a world restored to a month runs on
//! exactly as the world it was copied from did, bit for bit, through a
//! pandemic spreading along links, a credit crunch and a change under
//! consultation.

use mutualism_model::scenario::{Regions, Shock};
use mutualism_model::sim::SimClock;
use mutualism_model::sim::crisis::ShockQueue;
use mutualism_model::sim::institutions::{
    LeverChange, LeverChanges, LeverTarget, LeverValue, lever,
};
use mutualism_model::sim::measures::History;
use mutualism_model::sim::world::hash::state_hash;
use mutualism_model::sim::world::snapshot::Snapshot;

use crate::support::{advance, app, shipped};

#[test]
fn a_restored_snapshot_runs_on_bit_for_bit() {
    let classroom = shipped("classroom.ron");
    let mut run = app(&classroom);
    advance(&mut run, 6);
    run.world_mut()
        .resource_mut::<ShockQueue>()
        .send(Shock::Pandemic {
            regions: Regions::Only(vec![0]),
            infected: 0.02,
        });
    advance(&mut run, 4);
    run.world_mut()
        .resource_mut::<ShockQueue>()
        .send(Shock::FinancialCrash {
            regions: Regions::Only(vec![4]),
            severity: 0.8,
        });
    run.world_mut()
        .resource_mut::<LeverChanges>()
        .send(LeverChange {
            target: LeverTarget::All,
            lever: lever("mutual_aid_share").expect("a lever"),
            value: LeverValue::Number(0.5),
        });
    advance(&mut run, 3);
    let at_13 = Snapshot::take(run.world());
    assert_eq!(at_13.tick(), 13);
    assert!(
        !run.world().resource::<LeverChanges>().consulting.is_empty(),
        "the classroom consults: the change is still pending at month 13"
    );
    advance(&mut run, 35);
    let (hash, rows) = (
        state_hash(run.world_mut()),
        run.world().resource::<History>().rows.clone(),
    );

    at_13.restore(run.world_mut());
    assert_eq!(run.world().resource::<SimClock>().tick, 13);
    assert_eq!(run.world().resource::<History>().rows.len(), 13);
    advance(&mut run, 35);
    assert_eq!(
        state_hash(run.world_mut()),
        hash,
        "the same state at month 48"
    );
    assert_eq!(
        run.world().resource::<History>().rows,
        rows,
        "the same course"
    );
}

/// A state file (`state`) in a fresh temporary path, removed when dropped.
struct TempState(std::path::PathBuf);

impl TempState {
    fn new(name: &str) -> Self {
        Self(
            std::env::temp_dir().join(format!("mutualism-state-{}-{name}.ron", std::process::id())),
        )
    }
}

impl Drop for TempState {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn a_state_saved_at_month_60_and_continued_equals_one_run_to_120() {
    use mutualism_model::{headless, state};
    let classroom = shipped("classroom.ron");
    let mut whole = headless::app(&classroom, classroom.seed, false);
    headless::advance(&mut whole, 120).unwrap();

    // Saved while the drought of month 60 begins and a change is under
    // consultation.
    let mut first = headless::app(&classroom, classroom.seed, false);
    headless::advance(&mut first, 59).unwrap();
    first
        .world_mut()
        .resource_mut::<LeverChanges>()
        .send(LeverChange {
            target: LeverTarget::All,
            lever: lever("mutual_aid_share").expect("a lever"),
            value: LeverValue::Number(0.5),
        });
    headless::advance(&mut first, 1).unwrap();
    assert!(
        !first
            .world()
            .resource::<LeverChanges>()
            .consulting
            .is_empty()
    );
    let file = TempState::new("sixty");
    state::save(first.world_mut(), &classroom, None, classroom.seed, &file.0).unwrap();
    headless::advance(&mut first, 60).unwrap();

    // The change under consultation, which the state hash leaves out, is
    // sealed too: edited, the file is refused.
    let text = std::fs::read_to_string(&file.0).unwrap();
    let at = text.find("consulting:").expect("written");
    let value = at + text[at..].find("Number(0.5)").expect("the change's value");
    let edited = TempState::new("consulting");
    std::fs::write(
        &edited.0,
        format!("{}Number(0.3){}", &text[..value], &text[value + 11..]),
    )
    .unwrap();
    let err = state::read(&edited.0)
        .and_then(|s| s.resume(&classroom, false, &edited.0))
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert!(err.contains("the file was edited"), "{err}");

    let saved = state::read(&file.0).unwrap();
    assert_eq!((saved.month, saved.seed), (60, classroom.seed));
    let mut second = saved.resume(&classroom, false, &file.0).unwrap();
    headless::advance(&mut second, 60).unwrap();
    assert_eq!(
        state_hash(second.world_mut()),
        state_hash(first.world_mut()),
        "the saved run, continued, is the run that saved it"
    );
    assert_eq!(
        second.world().resource::<History>().rows,
        first.world().resource::<History>().rows,
    );
    // The lever change is in both; without it, the one run.
    assert_ne!(
        state_hash(second.world_mut()),
        state_hash(whole.world_mut())
    );
}

#[test]
fn a_state_file_refuses_an_edit_another_version_and_another_scenario() {
    use mutualism_model::headless::RunError;
    use mutualism_model::scenario::ScenarioError;
    use mutualism_model::{headless, state};
    let classroom = shipped("classroom.ron");
    let mut run = headless::app(&classroom, classroom.seed, false);
    headless::advance(&mut run, 12).unwrap();
    let file = TempState::new("twelve");
    state::save(run.world_mut(), &classroom, None, classroom.seed, &file.0).unwrap();
    let text = std::fs::read_to_string(&file.0).unwrap();
    let written = |name: &str, text: &str| {
        let edited = TempState::new(name);
        std::fs::write(&edited.0, text).unwrap();
        edited
    };
    let resumed = |path: &std::path::Path| {
        state::read(path)
            .and_then(|s| s.resume(&classroom, false, path))
            .map(|_| ())
    };
    assert!(resumed(&file.0).is_ok());

    let seed = format!("seed: {}", classroom.seed);
    assert!(text.contains(&seed));
    let reseeded = written("seed", &text.replacen(&seed, "seed: 7", 1));
    let err = resumed(&reseeded.0).unwrap_err().to_string();
    assert!(err.contains("the file was edited"), "{err}");

    let old = written(
        "version",
        &text.replacen(&state::written_by(), "mutualism 0.0.1", 1),
    );
    assert!(matches!(
        resumed(&old.0),
        Err(RunError::OtherVersion(line)) if line.contains("mutualism 0.0.1")
    ));

    let cut = written("cut", &text[..text.len() / 2]);
    assert!(matches!(
        resumed(&cut.0),
        Err(RunError::Scenario(ScenarioError::Parse { line, .. })) if line > 1
    ));

    let frontier = shipped("frontier.ron");
    let err = state::read(&file.0)
        .and_then(|s| s.resume(&frontier, false, &file.0))
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("not the one the state was saved under"),
        "{err}"
    );
}
