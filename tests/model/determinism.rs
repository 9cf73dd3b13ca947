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

/// Two systems of the month that touch the same state always run in a
/// stated order: Bevy's ambiguity detection finds no pair left to chance.
#[test]
fn no_two_systems_of_the_month_conflict_without_an_order() {
    use bevy::ecs::schedule::{LogLevel, ScheduleBuildSettings};
    use bevy::prelude::*;

    use mutualism::sim::books::Books;

    let build = |extra: bool| {
        let mut app = App::new();
        app.add_plugins(MinimalPlugins)
            .add_plugins(mutualism::sim::plugin);
        if extra {
            // A control: two unordered writers of the books.
            fn one(_: ResMut<Books>) {}
            fn other(_: ResMut<Books>) {}
            app.add_systems(FixedUpdate, (one, other));
        }
        app.edit_schedule(FixedUpdate, |schedule| {
            schedule.set_build_settings(ScheduleBuildSettings {
                ambiguity_detection: LogLevel::Error,
                ..default()
            });
        });
        app.world_mut()
            .schedule_scope(FixedUpdate, |world, schedule| {
                schedule.initialize(world).map(|_| ())
            })
    };
    let built = build(false);
    assert!(built.is_ok(), "{:?}", built.err());
    assert!(
        build(true).is_err(),
        "the detection should catch the control pair"
    );
}

/// The same run with one worker thread and with four gives the same state,
/// bit for bit (each run in its own process, as the thread pools are
/// per process).
#[test]
fn one_thread_and_four_give_the_same_hash() {
    let hash = |threads: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_mutualism"))
            .args([
                "run",
                "scenarios/continent.ron",
                "--ticks",
                "24",
                "--threads",
                threads,
            ])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("the binary runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .find(|l| l.starts_with("state hash"))
            .expect("a hash is printed")
            .to_string()
    };
    assert_eq!(hash("1"), hash("4"));
}
