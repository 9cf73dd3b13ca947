//! Transfers at the end of the month: trade between neighbours, enterprises
//! paying out their revenue (wages, investment, profit), the contributions
//! withheld from every income, and mutual aid between councils.

use bevy::prelude::*;

use super::WorldIndex;
use super::books::transfer;
use super::council::Council;
use super::enterprise::{Enterprise, Sector};
use super::innovation::research_share;
use super::investment::InvestmentFund;
use super::labour::LabourMarket;
use super::link::{Link, LinkKind};
use super::params::Economy;
use super::policy::{EnterpriseForm, Policy};
use super::region::{Cohort, Cohorts, Region, RegionStats, Society};

/// Pays `amount` from `payer` to cohorts in proportion to `weight`, and
/// withholds `contribution_rate` of each payment for the council (`None`:
/// the payer is the council and keeps it). With nobody to pay, nothing
/// moves. Returns the gross amount paid.
pub(super) fn pay_income(
    payer: &mut f64,
    cohorts: &mut [Cohort],
    weight: fn(&Cohort) -> f64,
    mut council: Option<&mut f64>,
    contribution_rate: f64,
    amount: f64,
) -> f64 {
    let total: f64 = cohorts.iter().map(weight).sum();
    if total <= 0.0 || amount <= 0.0 {
        return 0.0;
    }
    let amount = amount.min(*payer);
    let mut paid = 0.0;
    for cohort in cohorts.iter_mut() {
        let gross = amount * weight(cohort) / total;
        let contribution = gross * contribution_rate;
        transfer(payer, &mut cohort.money, gross - contribution);
        if let Some(council) = council.as_deref_mut() {
            transfer(payer, council, contribution);
        }
        cohort.income += gross;
        paid += gross;
    }
    paid
}

/// Shares of profit to the workforce, the shareholders and the council, by
/// form: investor-owned to shareholders, state-owned to the council, a
/// cooperative to its workers, a multi-stakeholder firm a third to each.
fn profit_shares(form: EnterpriseForm) -> (f64, f64, f64) {
    match form {
        EnterpriseForm::InvestorOwned => (0.0, 1.0, 0.0),
        EnterpriseForm::StateOwned => (0.0, 0.0, 1.0),
        EnterpriseForm::WorkerCooperative => (1.0, 0.0, 0.0),
        EnterpriseForm::MultiStakeholder => (1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0),
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

/// Weight of a cohort in the dividends of investor-owned enterprises.
fn ownership(cohort: &Cohort) -> f64 {
    cohort.ownership_share
}

/// Trade: on each trade link, storable goods (food, energy, personal goods)
/// move from the cheaper side to the dearer one when the price gap beats the
/// transport cost, up to the link's capacity times both sides' openness, and
/// no more than the buyer enterprise's month's takings pay for at the
/// seller's price.
pub(super) fn trade(
    economy: Res<Economy>,
    index: Res<WorldIndex>,
    mut links: Query<&mut Link>,
    regions: Query<(&Region, &Policy)>,
    mut enterprises: Query<&mut Enterprise>,
) {
    for &entity in &index.links {
        let Ok(mut link) = links.get_mut(entity) else {
            continue;
        };
        link.flow = 0.0;
        if link.kind != LinkKind::Trade {
            continue;
        }
        let (Ok((a, pa)), Ok((b, pb))) = (regions.get(link.from), regions.get(link.to)) else {
            continue;
        };
        let capacity = link.capacity * pa.trade_openness.min(pb.trade_openness);
        for sector in [Sector::Food, Sector::Energy, Sector::Personal] {
            let s = sector.index();
            let Ok([mut x, mut y]) = enterprises.get_many_mut([a.enterprises[s], b.enterprises[s]])
            else {
                continue;
            };
            let (seller, buyer, sign) = if x.price <= y.price {
                (&mut x, &mut y, 1.0)
            } else {
                (&mut y, &mut x, -1.0)
            };
            if buyer.price * (1.0 - economy.transport_cost) <= seller.price || seller.price <= 0.0 {
                continue;
            }
            let units = capacity
                .min(seller.inventory)
                .min(buyer.cash / seller.price);
            if units <= 0.0 {
                continue;
            }
            let price = seller.price;
            let paid = transfer(&mut buyer.cash, &mut seller.cash, units * price);
            let units = paid / seller.price;
            seller.inventory -= units;
            buyer.inventory += units;
            if sector == Sector::Food {
                link.flow += sign * units;
            }
        }
    }
}

/// Each enterprise pays out of its cash, in this order: any resource rent,
/// its carbon charge and the pay of the workers who abated its carbon; the
/// wage times its workforce, with any arrears, and its research share of
/// revenue to researchers (see `innovation::research_share`); when cash
/// falls short of the wages, a state firm's council makes up the gap (its
/// soft budget) and any other firm owes the rest as arrears, paid first
/// next month. Then `investment_share` of revenue goes into the region's
/// investment fund (which the investment domain spends on projects), and
/// what is left beyond `cash_reserve_months` of the wage bill is profit to
/// whom its governance form names. The council then pays for mission
/// research. Contributions are withheld from every income on the way.
pub(super) fn pay_out(
    economy: Res<Economy>,
    index: Res<WorldIndex>,
    mut regions: Query<(
        &Region,
        &mut Cohorts,
        &Policy,
        &mut InvestmentFund,
        &mut RegionStats,
        &LabourMarket,
    )>,
    mut enterprises: Query<&mut Enterprise>,
    mut councils: Query<&mut Council>,
) {
    for &entity in &index.regions {
        let Ok((region, mut cohorts, policy, mut fund, mut stats, labour)) =
            regions.get_mut(entity)
        else {
            continue;
        };
        let Ok(mut council) = councils.get_mut(region.council) else {
            continue;
        };
        let rate = policy.contribution_rate;
        let funds = &mut council.funds;
        let cohorts = &mut cohorts.0;
        stats.research_spending = 0.0;
        stats.abatement_spending = 0.0;
        for &e in &region.enterprises {
            let Ok(mut enterprise) = enterprises.get_mut(e) else {
                continue;
            };
            let enterprise = &mut *enterprise;
            let (form, rent) = (enterprise.form, enterprise.rent_due);
            let (carbon, abatement) = (enterprise.carbon_due, enterprise.abatement_due);
            enterprise.rent_due = 0.0;
            let cash = &mut enterprise.cash;
            // Resource rent to the owners of a private commons comes first,
            // then the carbon charge to the council and the pay of the
            // workers who abated.
            pay_income(cash, cohorts, ownership, Some(funds), rate, rent);
            transfer(cash, funds, carbon);
            stats.abatement_spending += pay_income(
                cash,
                cohorts,
                Cohort::labour_weight,
                Some(funds),
                rate,
                abatement,
            );
            let revenue = (*cash - enterprise.reserve).max(0.0);
            let wage_bill = labour.wage * enterprise.workforce;
            let owed = wage_bill + enterprise.arrears;
            // Researchers are paid like the other workers, in one payment.
            let share = research_share(&economy, form, policy.innovation_mode);
            let research_due = share * revenue;
            if form == EnterpriseForm::StateOwned {
                let gap = owed + research_due - *cash;
                transfer(funds, cash, gap);
            }
            let paid = pay_income(
                cash,
                cohorts,
                Cohort::labour_weight,
                Some(funds),
                rate,
                owed + research_due,
            );
            let due = owed + research_due;
            let research = if due > 0.0 {
                paid * research_due / due
            } else {
                0.0
            };
            let wages = paid - research;
            enterprise.arrears = owed - wages;
            stats.research_spending += research;
            let invest = economy.investment_share * revenue * horizon_factor(&economy, form);
            transfer(cash, &mut fund.funds, invest);
            if form == EnterpriseForm::MultiStakeholder {
                // The board's cost: members' time, paid as administration.
                let board = economy.board_cost_per_seat * policy.board_seats * revenue;
                stats.admin_spending += pay_income(
                    cash,
                    cohorts,
                    Cohort::labour_weight,
                    Some(funds),
                    rate,
                    board,
                );
            }
            // Profit, beyond the working capital kept, goes to workers,
            // shareholders and the council in the shares the form names.
            let profit = (*cash - economy.cash_reserve_months * wage_bill).max(0.0);
            let (workers, owners, council) = profit_shares(form);
            pay_income(
                cash,
                cohorts,
                Cohort::labour_weight,
                Some(funds),
                rate,
                workers * profit,
            );
            pay_income(cash, cohorts, ownership, Some(funds), rate, owners * profit);
            transfer(cash, funds, council * profit);
            // Profit that found nobody to pay (a region without people) goes
            // to the council, so no enterprise hoards beyond its reserve.
            let unpaid = (*cash - economy.cash_reserve_months * wage_bill).max(0.0);
            transfer(cash, funds, unpaid);
            enterprise.reserve = *cash;
            enterprise.wage = if enterprise.workforce > 0.0 {
                wages / enterprise.workforce
            } else {
                0.0
            };
            enterprise.research_intensity = if revenue > 0.0 {
                research / revenue
            } else {
                0.0
            };
        }
        let mission = policy.mission_research_share * stats.output_value;
        stats.mission_research =
            pay_income(funds, cohorts, Cohort::labour_weight, None, rate, mission);
        stats.research_spending += stats.mission_research;
    }
}

/// Mutual aid: on each aid link, a council whose neighbour's poorest cohort
/// went short of basics (under `aid_trigger`) sends it `mutual_aid_share` of
/// its funds, scaled by its own people's trust.
pub(super) fn mutual_aid(
    economy: Res<Economy>,
    index: Res<WorldIndex>,
    mut links: Query<&mut Link>,
    mut regions: Query<(&Region, &Cohorts, &Society, &Policy, &mut RegionStats)>,
    mut councils: Query<&mut Council>,
) {
    for &entity in &index.regions {
        if let Ok((.., mut stats)) = regions.get_mut(entity) {
            stats.aid_received = 0.0;
        }
    }
    for &entity in &index.links {
        let Ok(mut link) = links.get_mut(entity) else {
            continue;
        };
        if link.kind != LinkKind::Aid {
            continue;
        }
        for (donor, recipient, sign) in [(link.from, link.to, 1.0), (link.to, link.from, -1.0)] {
            let (Ok(d), Ok(r)) = (regions.get(donor), regions.get(recipient)) else {
                continue;
            };
            let poorest = r.1.0.first().map_or(1.0, |c| c.basics_coverage());
            if poorest >= economy.aid_trigger || r.1.population() <= 0.0 {
                continue;
            }
            let share = d.3.mutual_aid_share * d.2.trust;
            let Ok([mut from, mut to]) = councils.get_many_mut([d.0.council, r.0.council]) else {
                continue;
            };
            let amount = from.funds * share;
            let sent = transfer(&mut from.funds, &mut to.funds, amount);
            link.flow += sign * sent;
            if let Ok((.., mut stats)) = regions.get_mut(recipient) {
                stats.aid_received += sent;
            }
        }
    }
}
