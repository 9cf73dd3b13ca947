//! Ecology: the commons and their regrowth, the atmosphere and the
//! droughts that carbon brings.

mod climate;
mod commons;

// What other rooms, the layers above and the window may read: the
// room's state and its public rules; its mechanisms stay private.
pub use climate::Atmosphere;
pub use commons::{Commons, CommonsKind};

use bevy::prelude::*;

use super::{SimSystems, Step};

/// Climate droughts in `Step::Weather`; regrowth in its own phase.
pub(super) fn plugin(app: &mut App) {
    app.init_resource::<climate::Atmosphere>().add_systems(
        FixedUpdate,
        (
            climate::climate_droughts.in_set(Step::Weather),
            commons::regrow.in_set(SimSystems::Regrowth),
        ),
    );
}

#[cfg(test)]
mod tests {
    use bevy::prelude::*;

    use super::commons::{Commons, CommonsKind};
    use crate::sim::base::books::Books;
    use crate::sim::base::parallel::Faults;
    use crate::sim::base::params::Economy;
    use crate::sim::base::streams::Streams;
    use crate::sim::crisis::Episodes;
    use crate::sim::crisis::EventLog;
    use crate::sim::people::Climate;
    use crate::sim::{SimClock, WorldIndex};

    /// The ecology room on its own: its plugin, with only the state it reads
    /// from other rooms inserted (the clock, the index, the economy, the
    /// random streams, the books, the event log and the episodes), grows a
    /// forest at half its capacity back over a year, and no other room runs.
    #[test]
    fn the_ecology_room_runs_alone() {
        let economy: Economy = ron::from_str(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../scenarios/economy/standard.ron"
        )))
        .expect("the standard economy reads");
        let mut app = App::new();
        app.add_plugins(MinimalPlugins)
            .add_plugins(super::plugin)
            .insert_resource(economy)
            .insert_resource(SimClock {
                tick: 1,
                paused: false,
            })
            .insert_resource(Streams::new(7))
            .init_resource::<Books>()
            .init_resource::<Faults>()
            .init_resource::<EventLog>()
            .init_resource::<Episodes>();
        let region = app.world_mut().spawn(Climate::default()).id();
        let forest = app
            .world_mut()
            .spawn(Commons::stated(
                region,
                CommonsKind::Forest,
                500.0,
                1000.0,
                0.3,
                100.0,
            ))
            .id();
        let mut index = WorldIndex::default();
        index.commons.insert(forest);
        index.commons_per_region.push(1);
        app.insert_resource(index);
        for _ in 0..12 {
            app.world_mut().run_schedule(FixedUpdate);
        }
        let stock = app
            .world()
            .get::<Commons>(forest)
            .expect("the forest")
            .stock;
        assert!(
            stock > 550.0 && stock < 1000.0,
            "half a forest grows back, not past its capacity: {stock}"
        );
        assert!(
            app.world().resource::<Faults>().first().is_none(),
            "nothing the room looked for was missing"
        );
    }
}
