//! Enterprises: one per sector per region. Each plans output from expected
//! demand, hires from the region's labour force, produces with labour,
//! capital and (for food and energy) commons inputs, sells, and pays its
//! revenue out.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::sim::base::parallel::Faults;
use crate::sim::base::params::Economy;
use crate::sim::institutions::{EnterpriseForm, Policy};
use crate::sim::people::Region;

use crate::sim::base::calendar::MONTHS_PER_YEAR;
use crate::sim::base::goods::Sector;

/// An enterprise.
#[derive(Component, Clone, Debug, Serialize, Deserialize)]
pub struct Enterprise {
    /// The region it belongs to.
    #[serde(with = "crate::sim::base::saved")]
    pub region: Entity,
    pub sector: Sector,
    pub form: EnterpriseForm,
    /// Capital (capital units).
    pub capital: f64,
    /// Capital at the start, the scale of the capital factor (capital units).
    pub reference_capital: f64,
    /// Productivity multiplier (1 at the start).
    pub technology: f64,
    /// Workers employed last month (people).
    pub workforce: f64,
    /// Price of a unit (money units).
    pub price: f64,
    /// Unsold goods (units).
    pub inventory: f64,
    /// Forecast of monthly orders (units).
    pub expected_demand: f64,
    /// Money in hand: the working capital kept from last month plus this
    /// month's sales, paid out at month end (money units).
    pub cash: crate::sim::base::books::Money,
    /// Working capital kept at the end of last month (money units).
    pub reserve: f64,
    /// Wages owed and not yet paid (money units).
    pub arrears: f64,
    /// Output last month (units).
    pub output: f64,
    /// Orders last month, whether or not they were filled (units).
    pub orders: f64,
    /// Units sold last month at home.
    pub sold: f64,
    /// Units shipped this month to other regions' enterprises over trade
    /// links: sales too, counted in its takings and its forecast, but not
    /// again in output (the importer sells them on).
    pub exported: f64,
    /// What it owes this month for goods imported on credit, paid at month
    /// end (money units).
    pub payable: f64,
    /// Wage bill per worker last month (money units).
    pub wage: f64,
    /// What a unit cost to make this month at the going wage, its output
    /// per worker and its carbon charge and abatement (money units); the
    /// floor its price rises to while it sells (`allocation`).
    pub unit_cost: f64,
    /// Resource rent owed to the owners of a private commons: this month's
    /// and any left unpaid before (money units).
    pub rent_due: f64,
    /// Carbon charge owed, this month's and any left unpaid (money units).
    pub carbon_due: f64,
    /// Cost of abatement owed to the workers who did it, this month's and
    /// any left unpaid (money units).
    pub abatement_due: f64,
    /// Share of its tasks people still do (1 at the start): each automation
    /// shock hands a share of them to machines, never below
    /// `crisis::shocks::HUMAN_FLOOR`.
    pub human_share: f64,
    /// Orders of the last twelve months, by month of the year (the figures a
    /// central planner reads, late).
    pub order_history: [f64; MONTHS_PER_YEAR as usize],
    /// R&D spending over revenue last month.
    pub research_intensity: f64,
    /// Log technology taken under licence and still under patent; royalties
    /// are owed on it.
    pub licensed: f64,
    /// The enterprise that holds the patents in `licensed`.
    #[serde(with = "crate::sim::base::saved")]
    pub licensor: Option<Entity>,
    /// Commons resource per unit of output, as a share of the economy's
    /// starting figure (1 at the start; food and energy draw on commons).
    pub resource_intensity: f64,
    /// Carbon per unit of output, as a share of the economy's starting
    /// figure (1 at the start).
    pub emission_intensity: f64,
}

impl Enterprise {
    /// Output per worker: technology × skills × (capital / reference)^α, per
    /// `labour_per_unit` workers.
    pub fn productivity(&self, skills: f64, capital_elasticity: f64, labour_per_unit: f64) -> f64 {
        let capital_factor = if self.reference_capital > 0.0 {
            (self.capital / self.reference_capital).powf(capital_elasticity)
        } else {
            1.0
        };
        self.technology * skills * capital_factor / labour_per_unit
    }
}

/// A region's enterprises take the governance form its policy names for
/// their sector (`Policy::form_of`: the region's form, or a cooperative
/// pilot's), from the month the policy changes (a lever moved, a
/// consultation came due, a backlash swung the regime, the region adopted
/// or left a pilot). Only regions whose policy changed since last month are
/// looked at.
pub(crate) fn follow_policy_form(
    faults: Res<Faults>,
    regions: Query<(&Region, &Policy), Changed<Policy>>,
    mut enterprises: Query<&mut Enterprise>,
) {
    for (region, policy) in &regions {
        for (sector, &e) in region.enterprises.iter() {
            let form = policy.form_of(sector);
            match enterprises.get_mut(e) {
                Ok(mut enterprise) if enterprise.form != form => {
                    enterprise.form = form;
                }
                Ok(_) => {}
                Err(_) => faults.lost("follow_policy_form", "enterprises"),
            }
        }
    }
}

/// Share of the usual investment an enterprise sets aside, by form: a
/// cooperative's members keep only the returns earned while they stay, so
/// they invest in proportion to the share of a machine's life
/// (`1 / depreciation`) they expect to see; other forms invest in full.
pub fn horizon_factor(economy: &Economy, form: EnterpriseForm) -> f64 {
    match form {
        EnterpriseForm::WorkerCooperative => {
            (economy.member_horizon_years * economy.depreciation_annual).min(1.0)
        }
        _ => 1.0,
    }
}
