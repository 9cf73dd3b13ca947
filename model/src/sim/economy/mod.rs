//! The economy: enterprises, the labour market, production, allocation of
//! basics and personal goods, trade and pay, investment, innovation and the
//! central planner, and the buffer stocks (public reserves and pantries)
//! allocation keeps.

mod allocation;
mod enterprise;
mod innovation;
mod investment;
mod labour;
mod market;
mod pay;
mod plan;
mod production;
mod reserves;
mod transfers;

// What other rooms, the layers above and the window may read: the
// room's state and its public rules; its mechanisms stay private.
pub use enterprise::{Enterprise, horizon_factor};
pub use innovation::research_share;
pub use investment::InvestmentFund;
pub use labour::LabourMarket;
pub(crate) use pay::pay_income;
pub use plan::{Planner, planning_error};
pub use production::{abated_share, detection, effort};

use bevy::prelude::*;

use super::{SimSystems, Step};

/// Enterprises take their policy's form (`Step::Forms`) and the planner
/// surveys (`Step::Response`); production fills its phase; allocation
/// opens with wholesale trade between regions, then shops; paying for that
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
            (transfers::trade, allocation::allocate)
                .chain()
                .in_set(SimSystems::Allocation),
            (
                transfers::settle_trade,
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
