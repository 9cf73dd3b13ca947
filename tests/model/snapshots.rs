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
