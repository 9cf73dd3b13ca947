//! One seed, one result, bit for bit.

use mutualism::headless;
use mutualism::scenario::WorldFile;

use crate::support::shipped;

#[test]
fn the_same_scenario_and_seed_give_the_same_hash() {
    let scenario = shipped("classroom.ron");
    let a = headless::run(&scenario, 42, 36, true).unwrap();
    let b = headless::run(&scenario, 42, 36, true).unwrap();
    assert_eq!(
        a.hash, b.hash,
        "two runs of one seed must agree bit for bit"
    );
    assert_eq!(a.rows, b.rows, "and so must every measure");
}

#[test]
fn a_different_seed_gives_a_different_generated_world() {
    let mut scenario = shipped("continent.ron");
    let WorldFile::Generated(world) = &mut scenario.world else {
        panic!("continent is generated")
    };
    world.regions = 30;
    let a = headless::run(&scenario, 1, 24, true).unwrap();
    let b = headless::run(&scenario, 2, 24, true).unwrap();
    assert_ne!(a.hash, b.hash, "seeds 1 and 2 gave the same state");
    let again = headless::run(&scenario, 1, 24, true).unwrap();
    assert_eq!(a.hash, again.hash, "seed 1 twice must agree");
}
