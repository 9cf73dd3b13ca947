//! The doughnut reads the world's state: the foundation over the people who
//! would be alive, the ceiling as pressure that passes 1 where the commons
//! fall under their safe stock or the carbon budget is spent.

use mutualism_model::sim::doughnut::doughnut;
use mutualism_model::sim::ecology::{Atmosphere, Commons};

use crate::support::{advance, app, calm_classroom, rows};

#[test]
fn the_doughnut_reads_the_foundation_and_the_ceiling_from_the_state() {
    let mut app = app(&calm_classroom());
    advance(&mut app, 12);
    let row = *rows(&app).last().expect("a month run");
    let d = doughnut(app.world_mut());
    println!("{d:?}");
    for (name, reached) in d.foundation() {
        assert!((0.0..=1.0).contains(&reached), "{name} {reached}");
    }
    assert!(
        d.basics > 0.5 && d.health > 0.5,
        "a calm world is mostly fed: {d:?}"
    );
    assert_eq!(d.equity, row.equity / 100.0);
    assert_eq!(d.voice, row.voice / 100.0);

    // Commons at capacity press on nothing; emptied, they overshoot.
    let world = app.world_mut();
    let mut commons = world.query::<&mut Commons>();
    for mut c in commons.iter_mut(world) {
        c.stock = c.capacity;
    }
    assert_eq!(doughnut(world).commons, 0.0);
    for mut c in commons.iter_mut(world) {
        c.stock = 0.0;
    }
    let emptied = doughnut(world).commons;
    assert!(
        emptied > 1.0,
        "empty commons overshoot the ceiling: {emptied}"
    );

    // Twice the budget emitted is twice the ceiling.
    let mut atmosphere = world.resource_mut::<Atmosphere>();
    atmosphere.emitted = 2.0 * atmosphere.budget;
    assert_eq!(doughnut(world).carbon, 2.0);
}
