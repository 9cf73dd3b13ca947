//! The economy: enterprises, the labour market, production, allocation of
//! basics and personal goods, trade and pay, investment, innovation and the
//! central planner, and the buffer stocks (public reserves and pantries)
//! allocation keeps.

pub(crate) mod allocation;
pub mod enterprise;
pub mod innovation;
pub mod investment;
pub mod labour;
pub(crate) mod market;
pub(crate) mod pay;
pub mod plan;
pub(crate) mod production;
pub mod reserves;
pub(crate) mod transfers;

use bevy::prelude::*;

use super::{SimSystems, Step};

/// Enterprises take their policy's form (`Step::Forms`) and the planner
/// surveys (`Step::Response`); production and allocation fill their phases;
/// trade, royalties and pay (`Step::Trade`), investment (`Step::Invest`)
/// and mutual aid (`Step::Aid`) are transfers; innovation is
/// `Step::Innovate`.
pub(super) fn plugin(app: &mut App) {
    app.init_resource::<plan::Planner>().add_systems(
        FixedUpdate,
        (
            enterprise::follow_policy_form.in_set(Step::Forms),
            plan::survey.in_set(Step::Response),
            production::produce.in_set(SimSystems::Production),
            allocation::allocate.in_set(SimSystems::Allocation),
            (
                transfers::trade,
                innovation::pay_royalties,
                transfers::pay_out,
            )
                .chain()
                .in_set(Step::Trade),
            investment::invest.in_set(Step::Invest),
            transfers::mutual_aid.in_set(Step::Aid),
            innovation::innovate.in_set(Step::Innovate),
        ),
    );
}
