//! Transfers at the end of the month: trade between neighbours, enterprises
//! paying out their revenue (wages, investment, profit), the contributions
//! withheld from every income, and mutual aid between councils.

use bevy::prelude::*;
use rayon::prelude::*;

use crate::sim::WorldIndex;
use crate::sim::base::books::{Books, transfer};
use crate::sim::base::goods::{Basic, PerBasic, PerSector, Sector};
use crate::sim::base::parallel::Faults;
use crate::sim::base::params::Economy;
use crate::sim::economy::enterprise::{Enterprise, horizon_factor};
use crate::sim::economy::innovation::research_share;
use crate::sim::economy::investment::InvestmentFund;
use crate::sim::economy::labour::LabourMarket;
use crate::sim::economy::market::buy;
use crate::sim::economy::pay::Weights;
use crate::sim::institutions::{Council, EnterpriseForm, Link, LinkKind, Policy};
use crate::sim::people::{Cohort, Cohorts, Region, RegionStats, Society};

/// Shares of profit to the workforce, the shareholders and the council, by
/// form: investor-owned to shareholders, state-owned to the council, a
/// cooperative to its workers, a multi-stakeholder firm as the economy's
/// `stakeholder_profit_shares` say.
fn profit_shares(economy: &Economy, form: EnterpriseForm) -> (f64, f64, f64) {
    match form {
        EnterpriseForm::InvestorOwned => (0.0, 1.0, 0.0),
        EnterpriseForm::StateOwned => (0.0, 0.0, 1.0),
        EnterpriseForm::WorkerCooperative => (1.0, 0.0, 0.0),
        EnterpriseForm::MultiStakeholder => {
            let [workers, owners, community] = economy.stakeholder_profit_shares;
            (workers, owners, community)
        }
    }
}

/// Weight of a cohort in the dividends of investor-owned enterprises.
fn ownership(cohort: &Cohort) -> f64 {
    cohort.ownership_share
}

/// Trade, wholesale, as the month's goods are made and before any shop
/// opens: on each trade link, storable goods (food, energy, personal goods)
/// move from the cheaper side to the dearer one when the price gap beats
/// the transport cost, up to the link's capacity times both sides'
/// openness, and no more than the buyer enterprise's cash and credit pay
/// for at the seller's price. So goods go where they fetch most before the
/// seller's own people buy, as a market sends them (a city outbids its
/// hinterland; Sen 1981 on food leaving famine districts), and an import
/// is in the importer's shop the month it ships. Trade is on credit (trade
/// credit, most of it: Petersen and Rajan 1997): the buyer may owe up to
/// the credit its orders earn (`credit_share` of its expected revenue),
/// and pays at month end from the month's takings ([`settle_trade`]).
/// Shipments count as the seller's sales, in its takings and its forecast.
/// Transport uses up `transport_cost` of what is shipped (an iceberg cost,
/// Samuelson 1954): the buyer pays for all of it and receives the rest.
///
/// Redundancy (seed step 7): a region imports, over all its links in a
/// month, no more food or energy than `1 − self_reliance` of its people's
/// need of it, and makes the rest at home even where importing is cheaper.
/// Dearer basics in calm times are the price; a broken link then takes
/// less of its supply with it.
pub(crate) fn trade(
    faults: Res<crate::sim::base::parallel::Faults>,
    economy: Res<Economy>,
    index: Res<WorldIndex>,
    mut links: Query<&mut Link>,
    mut regions: Query<(&Policy, &Cohorts)>,
    mut enterprises: Query<&mut Enterprise>,
    mut books: ResMut<Books>,
) {
    const PHASE: &str = "trade";
    // Every region's policy and people, and its enterprises by sector, in
    // the world's order (a region's id is its place).
    let (Some(regions), Some(mut firms), Some(mut links)) = (
        faults.gather(&mut regions, &index.regions, PHASE, "regions"),
        faults.gather_by_sector(&mut enterprises, &index.enterprises, PHASE),
        faults.gather(&mut links, index.links(), PHASE, "links"),
    ) else {
        return;
    };
    for firm in firms.iter_mut().flat_map(|f| f.values_mut()) {
        firm.exported = 0.0;
        firm.payable = 0.0;
    }
    // The basics (of those traded: food and energy) each region may still
    // import this month, by id.
    let mut allowed: Vec<PerBasic<f64>> = regions
        .par_iter()
        .map(|(policy, cohorts)| {
            PerBasic::splat(if policy.self_reliance > 0.0 {
                (1.0 - policy.self_reliance) * cohorts.population()
            } else {
                f64::INFINITY
            })
        })
        .collect();
    for (link, &[a, b]) in links.iter_mut().zip(index.link_ends()) {
        link.flow = 0.0;
        if link.kind != LinkKind::Trade {
            continue;
        }
        let (Some((pa, _)), Some((pb, _)), Ok([ea, eb])) = (
            regions.get(a),
            regions.get(b),
            firms.get_disjoint_mut([a, b]),
        ) else {
            faults.lost(PHASE, "regions");
            continue;
        };
        let capacity = link.capacity * link.in_use(pa, pb) * (1.0 - link.sanctioned);
        // Across a federation's split, shipping costs `friction` times more.
        let transport = (economy.transport_cost * link.friction).min(1.0);
        for (k, sector) in TRADED.into_iter().enumerate() {
            let (x, y) = (&mut ea[sector], &mut eb[sector]);
            let (seller, buyer, sign, importer) = if x.price <= y.price {
                (x, y, 1.0, b)
            } else {
                (y, x, -1.0, a)
            };
            if buyer.price * (1.0 - transport) <= seller.price || seller.price <= 0.0 {
                continue;
            }
            // Food and energy count against the importer's allowance.
            let basic = sector.basic();
            let room = basic
                .and_then(|k| allowed.get(importer).map(|r| r[k]))
                .unwrap_or(f64::INFINITY);
            let credit = economy.credit_share * buyer.expected_demand * buyer.price;
            let purse = (buyer.cash.get() + credit - buyer.payable).max(0.0);
            let units = capacity
                .min(seller.inventory)
                .min(purse / seller.price)
                .min(room);
            if units <= 0.0 {
                continue;
            }
            let value = units * seller.price;
            buyer.payable += value;
            link.owed[k] += sign * value;
            let lost = units * transport;
            seller.inventory -= units;
            seller.exported += units;
            buyer.inventory += units - lost;
            books.flows.consume(sector, lost);
            if let Some(room) = basic.and_then(|k| allowed.get_mut(importer).map(|r| &mut r[k])) {
                *room -= units;
            }
            if sector == Sector::Food {
                link.flow += sign * units;
            }
        }
    }
}

/// The goods that cross trade links, in the order of [`Link::owed`].
const TRADED: [Sector; 3] = [Sector::Food, Sector::Energy, Sector::Personal];

/// Month end: each importer pays what it owes for the month's imports from
/// its cash, the month's takings now in it, before it pays anyone else. What
/// it cannot pay is lost to the seller (a bad debt), as credit is.
pub(crate) fn settle_trade(
    faults: Res<crate::sim::base::parallel::Faults>,
    index: Res<WorldIndex>,
    mut links: Query<&mut Link>,
    mut enterprises: Query<&mut Enterprise>,
) {
    const PHASE: &str = "settling trade";
    let (Some(mut firms), Some(mut links)) = (
        faults.gather_by_sector(&mut enterprises, &index.enterprises, PHASE),
        faults.gather(&mut links, index.links(), PHASE, "links"),
    ) else {
        return;
    };
    for (link, &[a, b]) in links.iter_mut().zip(index.link_ends()) {
        if link.owed == [0.0; 3] {
            continue;
        }
        let Ok([ea, eb]) = firms.get_disjoint_mut([a, b]) else {
            faults.lost(PHASE, "regions");
            continue;
        };
        for (k, sector) in TRADED.into_iter().enumerate() {
            let owed = std::mem::take(&mut link.owed[k]);
            let (debtor, creditor) = if owed > 0.0 {
                (&mut eb[sector], &mut ea[sector])
            } else {
                (&mut ea[sector], &mut eb[sector])
            };
            transfer(&mut debtor.cash, &mut creditor.cash, owed.abs());
        }
    }
}

// Over 100 lines: an enterprise's revenue paid out in the order its doc states
// (rent and carbon charges, wages and research, a shortfall made up or owed,
// investment, profit), each from what the last left.
/// Each enterprise pays out of its cash, in this order: any resource rent,
/// its carbon charge and the pay of the workers who abated its carbon; the
/// wage times its workforce, with any arrears, and its research share of
/// revenue to researchers (see `innovation::research_share`); when cash
/// falls short of the wages, a state firm's council makes up the gap (its
/// soft budget) and any other firm owes the rest as arrears, paid first
/// next month; arrears beyond `wage_claims_months` of the wage bill its
/// expected orders would pay are written off in a bankruptcy, a loss its
/// workers bear, so that old debts do not stop a firm whose goods are
/// wanted from hiring again. Then `investment_share` of revenue goes into the region's
/// investment fund (which the investment domain spends on projects), and
/// what is left beyond `cash_reserve_months` of the wage bill is profit to
/// whom its governance form names. The council then pays for mission
/// research. Contributions are withheld from every income on the way.
pub(crate) fn pay_out(
    economy: Res<Economy>,
    index: Res<WorldIndex>,
    faults: Res<Faults>,
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
    const PHASE: &str = "paying out";
    let (Some(regions), Some(mut firms), Some(councils)) = (
        faults.gather(&mut regions, &index.regions, PHASE, "regions"),
        faults.gather_by_sector(&mut enterprises, &index.enterprises, PHASE),
        faults.gather(&mut councils, &index.councils, PHASE, "councils"),
    ) else {
        return;
    };
    // Each region pays out its own enterprises' revenue to its own people
    // and council, so regions run side by side.
    regions
        .into_par_iter()
        .zip(firms.par_iter_mut())
        .zip(councils)
        .for_each(
            |(((_, mut cohorts, policy, mut fund, mut stats, labour), firms), mut council)| {
                let rate = policy.contribution_rate;
                let funds = &mut council.funds;
                let cohorts = &mut cohorts.0;
                // Paying people moves only their money and income, so each
                // cohort's share of wages and of dividends stays put.
                let workers = Weights::of(cohorts, Cohort::labour_weight);
                let owners = Weights::of(cohorts, ownership);
                stats.research_spending = 0.0;
                stats.abatement_spending = 0.0;
                for enterprise in firms.values_mut() {
                    let enterprise = &mut **enterprise;
                    let (form, rent) = (enterprise.form, enterprise.rent_due);
                    let (carbon, abatement) = (enterprise.carbon_due, enterprise.abatement_due);
                    let cash = &mut enterprise.cash;
                    // Resource rent to the owners of a private commons comes first,
                    // then the carbon charge to the council and the pay of the
                    // workers who abated; what cash does not cover stays owed.
                    let rent_paid = owners.pay(cash, cohorts, Some(funds), rate, rent);
                    let carbon_paid = transfer(cash, funds, carbon);
                    let abatement_paid = workers.pay(cash, cohorts, Some(funds), rate, abatement);
                    stats.abatement_spending += abatement_paid;
                    enterprise.rent_due = rent - rent_paid;
                    enterprise.carbon_due = carbon - carbon_paid;
                    enterprise.abatement_due = abatement - abatement_paid;
                    let revenue = (cash.get() - enterprise.reserve).max(0.0);
                    let wage_bill = labour.wage * enterprise.workforce;
                    let owed = wage_bill + enterprise.arrears;
                    // Researchers are paid like the other workers, in one payment.
                    let share = research_share(&economy, form, policy.innovation_mode);
                    let research_due = share * revenue;
                    if form == EnterpriseForm::StateOwned {
                        let gap = owed + research_due - cash.get();
                        transfer(funds, cash, gap);
                    }
                    let paid = workers.pay(cash, cohorts, Some(funds), rate, owed + research_due);
                    let due = owed + research_due;
                    let research = if due > 0.0 {
                        paid * research_due / due
                    } else {
                        0.0
                    };
                    let wages = paid - research;
                    // Bankruptcy: wages owed beyond `wage_claims_months` of
                    // the wage bill its expected orders would pay are
                    // written off; the workers bear the loss.
                    let claims = economy.wage_claims_months
                        * economy.wage_share
                        * enterprise.expected_demand
                        * enterprise.price;
                    enterprise.arrears = (owed - wages).min(claims.max(0.0));
                    stats.research_spending += research;
                    let invest =
                        economy.investment_share * revenue * horizon_factor(&economy, form);
                    transfer(cash, &mut fund.funds, invest);
                    if form == EnterpriseForm::MultiStakeholder {
                        // The board's cost: members' time, paid as administration.
                        let board = economy.board_cost_per_seat * policy.board_seats * revenue;
                        stats.admin_spending +=
                            workers.pay(cash, cohorts, Some(funds), rate, board);
                    }
                    // Profit, beyond the working capital kept, goes to workers,
                    // shareholders and the council in the shares the form names.
                    let profit = (cash.get() - economy.cash_reserve_months * wage_bill).max(0.0);
                    let (to_workers, owned, council) = profit_shares(&economy, form);
                    workers.pay(cash, cohorts, Some(funds), rate, to_workers * profit);
                    owners.pay(cash, cohorts, Some(funds), rate, owned * profit);
                    transfer(cash, funds, council * profit);
                    // Profit that found nobody to pay (a region without people) goes
                    // to the council, so no enterprise hoards beyond its reserve.
                    let unpaid = (cash.get() - economy.cash_reserve_months * wage_bill).max(0.0);
                    transfer(cash, funds, unpaid);
                    enterprise.reserve = cash.get();
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
                stats.mission_research = workers.pay(funds, cohorts, None, rate, mission);
                stats.research_spending += stats.mission_research;
            },
        );
}

// Over 100 lines: offers, gaps and transfers along the links, in link order,
// which every float sum of the model's results depends on.
/// Mutual aid is insurance against shocks. Each region knows its poorest's
/// normal basics coverage (the average of the last two years or so); it is
/// in need when its poorest's recent coverage (the last three months or so)
/// falls under `aid_trigger` of that normal, and
/// able to give when they do not. Aid flows on aid links from a region able
/// to give to a neighbour in need. Each month a council gives at most
/// `mutual_aid_share × trust` of its funds in all, shared among its needy
/// neighbours in proportion to how far their standing (coverage over
/// normal) falls below its own. So chronic poverty is left to each region's
/// own provision, two councils never send each other money, no council
/// gives what its own poor go short of, and the more it gives the less it
/// has for its own people next month: aid costs the donor. What is sent on
/// a link moves towards what need asks by `(1 + practice) /
/// aid_smoothing_months` a month, so aid neither arrives nor stops all at
/// once (volatile aid unsettles the economies it reaches, Bulíř and Hamann
/// 2003), and aid practised in normal times arrives faster: a link's
/// practice is the share of the last two years' months it carried aid
/// (the seed: mutual aid embedded in normal times, not only switched on in
/// a crisis). What is sent goes first as food and fuel from the donor's
/// stocks for the recipient's poorest (`ship_goods`), the rest as money to
/// its council.
pub(crate) fn mutual_aid(
    faults: Res<crate::sim::base::parallel::Faults>,
    economy: Res<Economy>,
    index: Res<WorldIndex>,
    mut links: Query<&mut Link>,
    mut regions: Query<(&mut Cohorts, &Society, &Policy, &mut RegionStats)>,
    mut councils: Query<&mut Council>,
    mut enterprises: Query<&mut Enterprise>,
) {
    const PHASE: &str = "mutual aid";
    // Each region, side by side: its standing, its poorest's recent
    // coverage (about three months' average, as a month alone is noisy)
    // over their normal, after which the normal moves a month towards this
    // month's coverage; whether anyone lives there; and its council's
    // budget for aid, fixed before anything moves so that the order of
    // links does not decide who gives how much. By region id (ids are
    // positions in the world's order).
    let (Some(mut items), Some(mut funds), Some(mut links), Some(mut firms)) = (
        faults.gather(&mut regions, &index.regions, PHASE, "regions"),
        faults.gather(&mut councils, &index.councils, PHASE, "councils"),
        faults.gather(&mut links, index.links(), PHASE, "links"),
        faults.gather_by_sector(&mut enterprises, &index.enterprises, PHASE),
    ) else {
        return;
    };
    let sides: Vec<Side> = items
        .par_iter_mut()
        .zip(&funds)
        .map(|((cohorts, society, policy, stats), council)| {
            let coverage = cohorts.0.first().map_or(1.0, |c| c.basics_coverage());
            if stats.normal_poorest_coverage <= 0.0 {
                stats.normal_poorest_coverage = coverage;
                stats.recent_poorest_coverage = coverage;
            }
            stats.recent_poorest_coverage += (coverage - stats.recent_poorest_coverage) / 3.0;
            let standing = stats.poorest_standing();
            stats.normal_poorest_coverage += (coverage - stats.normal_poorest_coverage) / 24.0;
            stats.aid_received = 0.0;
            Side {
                standing,
                peopled: cohorts.population() > 0.0,
                budget: council.funds.get() * policy.mutual_aid_share * society.trust,
            }
        })
        .collect();
    // Each link's offer, if its better-off end (the donor) owes its needy,
    // worse-off neighbour: the donor, the gap between them and the sign of
    // the flow, by link place.
    let offers: Vec<Option<(usize, f64, f64)>> = links
        .par_iter()
        .zip(index.link_ends())
        .map(|(link, &[a, b])| {
            if link.kind != LinkKind::Aid || link.severed {
                return None;
            }
            let (Some(side_a), Some(side_b)) = (sides.get(a), sides.get(b)) else {
                faults.lost(PHASE, "regions");
                return None;
            };
            let (pa, pb) = (side_a.standing, side_b.standing);
            let (recipient, gap, sign, d) = if pa > pb {
                (b, pa - pb, 1.0, a)
            } else {
                (a, pb - pa, -1.0, b)
            };
            // The worse-off side is in need, and the better-off one is not.
            let needy = pa.min(pb) < economy.aid_trigger && pa.max(pb) >= economy.aid_trigger;
            (gap > 0.0 && needy && sides[recipient].peopled).then_some((d, gap, sign))
        })
        .collect();
    // Each donor's gaps in all, added over its own links in the world's
    // order, side by side.
    let gaps: Vec<f64> = (0..sides.len())
        .into_par_iter()
        .map(|d| {
            let offers = index.links_of(d).iter().filter_map(|&slot| offers[slot]);
            offers
                .filter(|&(donor, ..)| donor == d)
                .map(|(_, gap, _)| gap)
                .sum()
        })
        .collect();
    // What each link's need asks this month, signed from `from` to `to`.
    let asked: Vec<f64> = offers
        .par_iter()
        .map(|offer| offer.map_or(0.0, |(d, gap, sign)| sign * sides[d].budget * gap / gaps[d]))
        .collect();
    let smoothing = 1.0 / economy.aid_smoothing_months.max(1.0);
    let mut received = vec![0.0; sides.len()];
    for ((link, &[a, b]), asked) in links.iter_mut().zip(index.link_ends()).zip(asked) {
        if link.kind != LinkKind::Aid {
            continue;
        }
        if link.severed {
            link.aid_commitment = 0.0;
            continue;
        }
        // A commitment that changes direction starts again from nothing.
        if link.aid_commitment * asked < 0.0 {
            link.aid_commitment = 0.0;
        }
        link.aid_commitment += (asked - link.aid_commitment) * smoothing * (1.0 + link.practice);
        let (d, r) = if link.aid_commitment >= 0.0 {
            (a, b)
        } else {
            (b, a)
        };
        // A region's council is at its place among the councils.
        let Ok([from, to]) = funds.get_disjoint_mut([d, r]) else {
            faults.lost(PHASE, "councils");
            continue;
        };
        let amount = link.aid_commitment.abs();
        let (Some(donor_firms), Some((cohorts, ..))) = (firms.get_mut(d), items.get_mut(r)) else {
            faults.lost(PHASE, "regions");
            continue;
        };
        let shipped = ship_goods(&economy, donor_firms, &mut from.funds, cohorts, amount);
        let sent = shipped + transfer(&mut from.funds, &mut to.funds, amount - shipped);
        link.flow = link.aid_commitment.signum() * sent;
        let carried = if sent > 0.0 { 1.0 } else { 0.0 };
        link.practice += (carried - link.practice) / 24.0;
        received[r] += sent;
    }
    // Every region's figure was set to nothing above; only recipients move.
    for ((.., stats), received) in items.iter_mut().zip(received) {
        if received > 0.0 {
            stats.aid_received = received;
        }
    }
}

/// Aid in goods, sent ahead of money: the donor council buys the basics
/// that keep (food and fuel) from its own firms' stocks, within the aid it
/// sends, for as much as the recipient's poorest cohort went short of this
/// month, into that cohort's pantries (households eat from them what they
/// cannot buy). Money cannot fetch food where there is none to buy; goods
/// can, and the donor pays for them in its own stocks. Returns the money
/// spent on them.
fn ship_goods(
    economy: &Economy,
    firms: &mut PerSector<Mut<Enterprise>>,
    purse: &mut crate::sim::base::books::Money,
    cohorts: &mut Cohorts,
    budget: f64,
) -> f64 {
    let Some(poorest) = cohorts.0.first_mut() else {
        return 0.0;
    };
    let mut spent = 0.0;
    for good in Basic::ALL.into_iter().filter(|&g| economy.keeps(g)) {
        // A unit of a basic good is one person's need for a month.
        let short = poorest.size * (1.0 - poorest.coverage[good]).max(0.0);
        let firm = &mut *firms[good.sector()];
        let affordable = if firm.price > 0.0 {
            (budget - spent).max(0.0) / firm.price
        } else {
            0.0
        };
        let (units, paid) = buy(purse, firm, short.min(affordable));
        poorest.pantry[good] += units;
        spent += paid;
    }
    spent
}

/// What mutual aid needs to know of a region before any aid moves.
struct Side {
    /// Its poorest's recent coverage over their normal.
    standing: f64,
    /// Whether anyone lives there to receive aid.
    peopled: bool,
    /// The most its council gives this month, in all.
    budget: f64,
}
