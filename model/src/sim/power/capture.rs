//! Capture: one group takes a region's council and decides for itself
//! (seed steps 5 and 9: capture by vocal minorities or technocratic
//! elites; MODEL.md's power part).
//!
//! - **Attempts** come at `capture_attempts_annual` a year, from a group
//!   drawn in proportion to the power it holds (the mean of its shares over
//!   the four types, informal power with it), or from the timeline and the
//!   crisis menu (`Shock::CaptureAttempt`).
//! - **An attempt succeeds** with the council's vulnerability: the mean of
//!   the seats people leave empty (`voice`), the ledger's concentration
//!   (`1 − dispersion`) and the share of power that sits informally, cut by
//!   `transparency_check × transparency` and, with a maximum tenure shorter
//!   than `capture_build_years`, by that tenure over those years (a body
//!   whose members rotate gives a captor less time to build its network).
//!   A crisis opens the door: where capability is below what people
//!   expect (`Support::shortfall`), the chance is `1 + crisis_opening ×
//!   shortfall` times as high, as the same failure makes people readier to
//!   adopt what they see work (`adoption`); which wins depends on the
//!   checks in place.
//! - **A captured council** serves its group: each month it hands
//!   `capture_diversion` of its funds to the group's people — capital
//!   owners by their equity, officials (corruption) and technical elites
//!   to the best-paid and most skilled cohort, workers by the work they do,
//!   communities (a vocal minority) to the cohort that takes part most. The
//!   captor takes `capture_grab` a month of the investment and regulation
//!   power it lacks; trust falls by `capture_trust_loss_annual` a year. Once
//!   a year, from its first month, it turns off one check on power that is
//!   still on and not locked by the constitution (`Constitution`), in the
//!   order transparency, rotation, separation of powers, the emergency
//!   sunset clause; the change goes through the lever queue like any other.
//!   No one has voice in a captured council.
//! - **Capture ends** by rotation (each month `1 / (12 × rotation_years)`,
//!   as the captor's members leave), by exposure (`capture_exposure_annual
//!   × transparency` a year) or at an election, every `election_years`,
//!   with the share of people who take part in the council.
//! - **Checks come back.** A council free of its captor wins back the
//!   oldest check a captor turned off, to the value it had: at an election
//!   with the share of people who take part in the council (they vote in
//!   reformers), and between elections by a citizens' movement at
//!   `check_restoration_annual × trust` a year. So the ratchet turns both
//!   ways, and where it settles depends on who takes part and trusts.
//!
//! Every draw comes from the capture stream keyed by region and month, so
//! two regimes on one seed see the same attempts at the same moments.

use bevy::prelude::*;
use rand::RngExt;
use rayon::prelude::*;

use super::backlash::Support;
use super::ledger::{PowerLedger, REGULATION};
use super::state::{Attempts, Capture, Constitution};
use super::voice::Participation;
use crate::sim::base::books::transfer;
use crate::sim::base::calendar::{MONTHS_A_YEAR, MONTHS_PER_YEAR};
use crate::sim::base::params::{Economy, GROUPS, Group, TYPES, monthly};
use crate::sim::base::streams::{Stream, Streams};
use crate::sim::crisis::{EventLog, Happening};
use crate::sim::institutions::{
    Council, LeverChange, LeverChanges, LeverTarget, LeverValue, Policy, lever,
};
use crate::sim::people::{Cohort, Cohorts, Region, Society};
use crate::sim::{SimClock, WorldIndex};

/// The levers that check power, in the order a captured council turns
/// them off, with the value that turns each off.
const CHECKS: [(&str, f64); 4] = [
    ("transparency", 0.0),
    ("rotation_years", 0.0),
    ("separation_of_powers", 0.0),
    ("emergency_sunset_months", 0.0),
];

/// The council's vulnerability (see the module's documentation), in a
/// region whose capability is `shortfall` below what its people expect.
pub fn vulnerability(
    economy: &Economy,
    policy: &Policy,
    participation: &Participation,
    ledger: &PowerLedger,
    shortfall: f64,
) -> f64 {
    let open =
        (participation.disengaged + (1.0 - ledger.dispersion()) + ledger.informal_share()) / 3.0;
    let watched = 1.0 - economy.transparency_check * policy.transparency;
    let tenure = if policy.rotation_years > 0.0 {
        (policy.rotation_years / economy.capture_build_years).min(1.0)
    } else {
        1.0
    };
    (open * watched * tenure * (1.0 + economy.crisis_opening * shortfall)).clamp(0.0, 1.0)
}

/// What the contest reads and writes of each region.
type Contested = (
    &'static Region,
    &'static Policy,
    &'static Participation,
    &'static Cohorts,
    &'static Support,
    &'static mut PowerLedger,
    &'static mut Society,
    &'static mut Capture,
);

// Over 100 lines: a council's month of contest read top to bottom: attempts,
// success, the captor's rule, the checks it turns off, and how capture ends.
/// A month of capture in every region (see the module's documentation).
pub(crate) fn contest(
    faults: Res<crate::sim::base::parallel::Faults>,
    economy: Res<Economy>,
    clock: Res<SimClock>,
    streams: Res<Streams>,
    index: Res<WorldIndex>,
    mut attempts: ResMut<Attempts>,
    constitution: Res<Constitution>,
    mut changes: ResMut<LeverChanges>,
    mut log: ResMut<EventLog>,
    mut regions: Query<Contested>,
) {
    let arrivals = monthly(economy.capture_attempts_annual);
    let grab = economy.capture_grab;
    let trust_loss = monthly(economy.capture_trust_loss_annual);
    let exposure = monthly(economy.capture_exposure_annual);
    let election = (economy.election_years * MONTHS_A_YEAR).round().max(1.0) as u32;
    let restoration = monthly(economy.check_restoration_annual);
    let sent = std::mem::take(&mut attempts.0);
    let Some(items) = faults.gather(&mut regions, &index.regions, "contesting", "regions") else {
        return;
    };
    // Each council is contested on its own, from its own draws, so regions
    // run side by side; what each logged and the check it turned off go to
    // the log and the lever queue in region order.
    let outcomes: Vec<(&Region, Vec<Happening>, Option<LeverChange>)> = items
        .into_par_iter()
        .enumerate()
        .map(
            |(
                id,
                (
                    region,
                    policy,
                    participation,
                    cohorts,
                    support,
                    mut ledger,
                    mut society,
                    mut capture,
                ),
            )| {
                let entity = index.regions[id];
                let mut said = Vec::new();
                let mut rng = streams.rng(Stream::Capture, region.id.into(), clock.tick);
                let (arrives, succeeds, who, ends): (f64, f64, f64, f64) =
                    (rng.random(), rng.random(), rng.random(), rng.random());
                let election_month = clock.tick > 0 && clock.tick.is_multiple_of(election);
                let shortfall = support.shortfall(cohorts.mean(Cohort::capability));
                capture.vulnerability =
                    vulnerability(&economy, policy, participation, &ledger, shortfall);
                let check = match capture.by {
                    None => {
                        let sent_here = sent.iter().find(|(e, _)| *e == entity);
                        let attempt = match sent_here {
                            Some(&(_, group)) => Some(group),
                            None if arrives < arrivals => Some(None),
                            None => None,
                        };
                        if let Some(named) = attempt {
                            let group = named.unwrap_or_else(|| strongest_draw(&ledger, who));
                            if succeeds < capture.vulnerability {
                                capture.by = Some(group);
                                capture.months = 0;
                                said.push(Happening::Captured {
                                    group: group.name(),
                                    vulnerability: capture.vulnerability,
                                });
                                return (region, said, None);
                            } else if sent_here.is_some() {
                                said.push(Happening::CaptureFailed {
                                    group: group.name(),
                                    vulnerability: capture.vulnerability,
                                });
                            }
                        }
                        let (vote, movement) = (
                            if election_month {
                                participation.council_turnout
                            } else {
                                0.0
                            },
                            restoration * society.trust,
                        );
                        let won_back: f64 = rng.random();
                        let cause = if won_back < vote {
                            Some("an election")
                        } else if won_back < vote + movement {
                            Some("a citizens' movement")
                        } else {
                            None
                        };
                        cause.and_then(|cause| {
                            win_back(&mut capture, region, policy, cause, &mut said)
                        })
                    }
                    Some(group) => {
                        let rotation = policy.rotation_monthly();
                        let exposed = exposure * policy.transparency;
                        let voted = if election_month {
                            participation.council_turnout
                        } else {
                            0.0
                        };
                        let cause = if ends < rotation {
                            Some("rotation")
                        } else if ends < rotation + exposed {
                            Some("exposure")
                        } else if ends < rotation + exposed + voted {
                            Some("an election")
                        } else {
                            None
                        };
                        if let Some(cause) = cause {
                            capture.by = None;
                            said.push(Happening::CaptureEnded {
                                group: group.name(),
                                months: capture.months,
                                cause,
                            });
                            None
                        } else {
                            capture.months += 1;
                            capture.months_captured += 1;
                            society.trust -= trust_loss * society.trust;
                            let g = group.index();
                            for k in [0, REGULATION] {
                                ledger.grab(k, g, grab);
                            }
                            let check = (capture.months % MONTHS_PER_YEAR == 1)
                                .then(|| turn_off_a_check(&constitution, region, policy))
                                .flatten();
                            if let Some(change) = &check {
                                said.push(Happening::CheckRemoved {
                                    group: group.name(),
                                    lever: change.lever.name,
                                });
                                capture
                                    .removed
                                    .push((change.lever.name, (change.lever.get)(policy)));
                            }
                            check
                        }
                    }
                };
                (region, said, check)
            },
        )
        .collect();
    for (region, said, check) in outcomes {
        for happening in said {
            log.note(clock.tick, Some(region.name.clone()), happening);
        }
        if let Some(change) = check {
            changes.send_own(change);
        }
    }
}

/// The group an unnamed attempt comes from: drawn with `u` in proportion
/// to each group's mean share over the types of power.
fn strongest_draw(ledger: &PowerLedger, u: f64) -> Group {
    let held: [f64; GROUPS.len()] =
        std::array::from_fn(|g| (0..TYPES.len()).map(|k| ledger.held(k)[g]).sum::<f64>());
    let total: f64 = held.iter().sum();
    let mut left = u * total;
    for (g, h) in held.iter().enumerate() {
        if left < *h {
            return Group::ALL[g];
        }
        left -= h;
    }
    Group::ALL[GROUPS.len() - 1]
}

/// A captured council's yearly decision: the first check on power still on
/// and not locked goes off; the lever change to send for it, if any.
fn turn_off_a_check(
    constitution: &Constitution,
    region: &Region,
    policy: &Policy,
) -> Option<LeverChange> {
    CHECKS.into_iter().find_map(|(name, off)| {
        let check = lever(name)?;
        let on = (check.get)(policy) != LeverValue::Number(off);
        (on && !constitution.locks(name)).then_some(LeverChange {
            target: LeverTarget::Region(region.id),
            lever: check,
            value: LeverValue::Number(off),
        })
    })
}

/// A free council wins back the oldest check a captor turned off, if it is
/// still off: the lever change that restores it, logged with its cause.
fn win_back(
    capture: &mut Capture,
    region: &Region,
    policy: &Policy,
    cause: &'static str,
    said: &mut Vec<Happening>,
) -> Option<LeverChange> {
    while !capture.removed.is_empty() {
        let (name, value) = capture.removed.remove(0);
        let Some(check) = lever(name) else { continue };
        // A swing to another regime may have set it since.
        let off = CHECKS.iter().find(|(n, _)| *n == name).map(|c| c.1);
        if off.is_some_and(|off| (check.get)(policy) == LeverValue::Number(off)) {
            said.push(Happening::CheckRestored { lever: name, cause });
            return Some(LeverChange {
                target: LeverTarget::Region(region.id),
                lever: check,
                value,
            });
        }
    }
    None
}

/// Each month a captured council hands `capture_diversion` of its funds to
/// its group's people (see the module's documentation).
pub(crate) fn divert(
    faults: Res<crate::sim::base::parallel::Faults>,
    economy: Res<Economy>,
    index: Res<WorldIndex>,
    mut regions: Query<(&Region, &Participation, &mut Capture, &mut Cohorts)>,
    mut councils: Query<&mut Council>,
) {
    for &entity in &index.regions {
        let Ok((region, participation, mut capture, mut cohorts)) = regions.get_mut(entity) else {
            faults.lost("divert", "regions");
            continue;
        };
        capture.diverted = 0.0;
        let Some(group) = capture.by else {
            continue;
        };
        let Ok(mut council) = councils.get_mut(region.council) else {
            faults.lost("divert", "councils");
            continue;
        };
        let weights = constituency(group, &cohorts, participation);
        let total: f64 = weights.iter().sum();
        if total <= 0.0 {
            continue;
        }
        let budget = economy.capture_diversion * council.funds.get();
        for (cohort, w) in cohorts.0.iter_mut().zip(&weights) {
            capture.diverted += transfer(&mut council.funds, &mut cohort.money, budget * w / total);
        }
    }
}

/// How a group's people are spread over a region's cohorts: owners by
/// equity, workers by the work they do, and officials, technical elites
/// and a vocal minority as the one cohort best paid, most skilled or
/// taking part most.
fn constituency(group: Group, cohorts: &Cohorts, participation: &Participation) -> Vec<f64> {
    let only_the_top = |scores: Vec<f64>| -> Vec<f64> {
        let best = (0..scores.len()).fold(0, |b, i| if scores[i] > scores[b] { i } else { b });
        (0..scores.len())
            .map(|i| f64::from(u8::from(i == best)))
            .collect()
    };
    let each = |figure: fn(&Cohort) -> f64| cohorts.0.iter().map(figure).collect::<Vec<f64>>();
    match group {
        Group::CapitalOwners => each(|c| c.ownership_share),
        Group::Workers => each(Cohort::labour_weight),
        Group::Officials => only_the_top(each(|c| c.earnings_weight)),
        Group::TechnicalElites => only_the_top(each(|c| c.skills)),
        Group::Communities => only_the_top(participation.by_cohort.clone()),
    }
}
