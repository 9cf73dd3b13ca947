//! The economy: enterprises, the labour market, production, allocation of
//! basics and personal goods, trade and pay, investment, innovation and the
//! central planner.

pub(crate) mod allocation;
pub mod enterprise;
pub mod innovation;
pub mod investment;
pub mod labour;
pub mod plan;
pub(crate) mod production;
pub(crate) mod transfers;

use bevy::prelude::*;

use super::SimSystems;
use super::crisis::{lessons, shocks};
use super::ecology::climate;
use super::institutions::boundaries;
use super::people::learning;

/// The planner surveys after the weather; production and allocation fill
/// their phases; trade, royalties, pay and investment open the transfers,
/// mutual aid closes them after the boundaries are defended; innovation
/// follows learning and comes before migration.
pub(super) fn plugin(app: &mut App) {
    app.init_resource::<plan::Planner>().add_systems(
        FixedUpdate,
        (
            enterprise::follow_policy_form
                .in_set(SimSystems::Shocks)
                .after(shocks::apply_lever_changes)
                .before(lessons::learn),
            plan::survey
                .in_set(SimSystems::Shocks)
                .after(climate::climate_droughts),
            production::produce.in_set(SimSystems::Production),
            allocation::allocate.in_set(SimSystems::Allocation),
            (
                transfers::trade,
                innovation::pay_royalties,
                transfers::pay_out,
                investment::invest,
            )
                .chain()
                .in_set(SimSystems::Transfers),
            transfers::mutual_aid
                .in_set(SimSystems::Transfers)
                .after(boundaries::defend),
            innovation::innovate
                .in_set(SimSystems::Learning)
                .after(learning::learn)
                .before(learning::migrate),
        ),
    );
}
