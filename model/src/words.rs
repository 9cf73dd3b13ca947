//! The sentences people read about what happened in a run: the event
//! log's lines, in the window and in `run --events`. The model records what
//! happened in figures (`sim::crisis::log`); the words live here, outside
//! it, so that rewording a line (or translating the log) never touches a
//! mechanism.

use std::fmt;

use crate::sim::base::params::Group;
use crate::sim::crisis::{Happening, Logged, Regions, Shock, Started};
use crate::sim::institutions::{LeverTarget, LeverValue};
use crate::sim::interventions::Intervention;
use crate::sim::measures::{Measure, MeasureRow};

/// A measure's name in words, for figures and tables: its key with spaces
/// ("power dispersion").
pub fn measure(m: Measure) -> String {
    m.key().replace('_', " ")
}

/// A lever's value as a file writes it: a number, or its choice's name.
pub fn lever_value(lever: &str, value: LeverValue) -> String {
    match (value, crate::sim::institutions::lever(lever)) {
        (LeverValue::Number(n), _) => format!("{}", (n * 1000.0).round() / 1000.0),
        (LeverValue::Choice(i), None) => i.to_string(),
        (LeverValue::Choice(_), Some(lever)) => lever.written(value),
    }
}

/// What a sentence calls a lever and a regime: the names files use
/// (`Plain`), or the window's words for them.
pub trait Names {
    /// A lever, by its name in preset files.
    fn lever(&self, name: &str) -> String;
    /// A regime preset, by its file name.
    fn regime(&self, name: &str) -> String;
}

/// The names files use, as they write them.
pub struct Plain;

impl Names for Plain {
    fn lever(&self, name: &str) -> String {
        name.to_string()
    }

    fn regime(&self, name: &str) -> String {
        name.to_string()
    }
}

impl fmt::Display for Happening {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, &Plain)
    }
}

impl Happening {
    /// The sentence, with levers and regimes as `names` calls them.
    pub fn sentence(&self, names: &dyn Names) -> String {
        struct With<'a>(&'a Happening, &'a dyn Names);
        impl fmt::Display for With<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.write(f, self.1)
            }
        }
        With(self, names).to_string()
    }

    // Over 100 lines: one arm per kind of event, each a sentence; splitting it
    // would scatter the log's words.
    fn write(&self, f: &mut fmt::Formatter<'_>, names: &dyn Names) -> fmt::Result {
        match self {
            Happening::ShockStarted { shock: what, cause } => match cause {
                Started::Sent => write!(f, "{}", shock(what)),
                Started::Weather => write!(f, "{} (the year's weather)", shock(what)),
                Started::FromNeighbour => match what {
                    Shock::FinancialCrash { severity, .. } => write!(
                        f,
                        "the credit crunch spreads here from a neighbour: {:.0}% of credit dries up",
                        severity * 100.0
                    ),
                    _ => write!(f, "{}, spread from a neighbour", shock(what)),
                },
            },
            Happening::ShockEnded { kind } => write!(f, "{} over", kind.label()),
            Happening::Recovered {
                kind, months: 0, ..
            } => write!(
                f,
                "came through the {} with capability within a point of where it was",
                kind.label()
            ),
            Happening::Recovered {
                kind,
                months,
                depth,
            } => write!(
                f,
                "recovered from the {} after {} more than a point below; capability fell {depth:.1} points at worst",
                kind.label(),
                if *months == 1 {
                    "a month".to_string()
                } else {
                    format!("{months} months")
                }
            ),
            Happening::Learned { lesson, from, to } => write!(
                f,
                "learned from the crisis: a reserve of {lesson:.1} months would have bridged it; the public reserve moves from {from:.1} to {to:.1} months"
            ),
            Happening::LeverMoved { lever, from, to } => {
                let to = lever_value(lever, *to);
                match from {
                    Some(from) => write!(
                        f,
                        "lever {} moved from {} to {to}",
                        names.lever(lever),
                        lever_value(lever, *from)
                    ),
                    None => write!(f, "lever {} set to {to}", names.lever(lever)),
                }
            }
            Happening::Locked {
                lever,
                locked: true,
            } => write!(
                f,
                "{} locked in the constitution: no captured council can turn it off",
                names.lever(lever)
            ),
            Happening::Locked {
                lever,
                locked: false,
            } => write!(f, "{} taken out of the constitution", names.lever(lever)),
            Happening::EmergencyOn {
                coverage,
                threshold,
                sunset,
            } => {
                write!(
                    f,
                    "emergency protocol on: the poorest's basics coverage fell to {:.0}% of its normal (trigger {:.0}%); ",
                    coverage * 100.0,
                    threshold * 100.0
                )?;
                match sunset {
                    Some(months) => write!(f, "sunset in {months} months"),
                    None => write!(f, "no sunset clause"),
                }
            }
            Happening::EmergencyRenewed { coverage, sunset } => write!(
                f,
                "emergency protocol renewed by the oversight vote for {sunset} months: the poorest's basics coverage is {:.0}% of its normal",
                coverage * 100.0
            ),
            Happening::BreakerTripped { stress, threshold } => write!(
                f,
                "circuit breaker tripped, links shut: stress {:.0}% (threshold {:.0}%)",
                stress * 100.0,
                threshold * 100.0
            ),
            Happening::BreakerReset => write!(f, "circuit breaker reset, links open"),
            Happening::Captured {
                group,
                vulnerability,
            } => write!(
                f,
                "the council is captured by {group}: the attempt had a {:.0}% chance",
                vulnerability * 100.0
            ),
            Happening::CaptureFailed {
                group,
                vulnerability,
            } => write!(
                f,
                "{group} tried to capture the council and failed (a {:.0}% chance)",
                vulnerability * 100.0
            ),
            Happening::CheckRemoved { group, lever } => write!(
                f,
                "the council, captured by {group}, turns off {}: the constitution does not lock it",
                names.lever(lever)
            ),
            Happening::CheckRestored { lever, cause } => {
                write!(
                    f,
                    "{cause} wins back {}, which a captor had turned off",
                    names.lever(lever)
                )
            }
            Happening::Swung { from, to, support } => write!(
                f,
                "support for its institutions fell to {:.0}%: it swings from {} to {}",
                support * 100.0,
                names.regime(from),
                names.regime(to)
            ),
            Happening::PilotMoved {
                lever,
                from,
                to,
                support,
            } => {
                let what = names.lever(lever);
                let moves = if to > from {
                    "extends"
                } else {
                    "takes back part of"
                };
                write!(
                    f,
                    "support for {what} is {:.0}%: it {moves} the pilot, from {:.0}% to {:.0}% of the domain",
                    support * 100.0,
                    from * 100.0,
                    to * 100.0
                )
            }
            Happening::CaptureEnded {
                group,
                months,
                cause,
            } => write!(
                f,
                "{group}' hold on the council ended by {cause} after {months} months"
            ),
            Happening::EmergencyEnded { held } => write!(
                f,
                "emergency protocol ended at its sunset; emergency powers held {held} months in all"
            ),
        }
    }
}

impl fmt::Display for Logged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.place {
            Some(place) => write!(f, "Month {}, {place}: {}", self.tick, self.what),
            None => write!(f, "Month {}, everywhere: {}", self.tick, self.what),
        }
    }
}

/// What a shock does, in a few plain words.
pub fn shock(shock: &Shock) -> String {
    match shock {
        Shock::Drought {
            severity, months, ..
        } => format!(
            "drought: commons regrowth cut by {:.0}% for {months} months",
            severity * 100.0
        ),
        Shock::SupplyShock { share, links, .. } if *links > 0.0 => format!(
            "supply shock: {:.0}% of enterprises' capital and {:.0}% of trade links' capacity destroyed",
            share * 100.0,
            links * 100.0
        ),
        Shock::SupplyShock { share, .. } => format!(
            "supply shock: {:.0}% of enterprises' capital destroyed",
            share * 100.0
        ),
        Shock::Scarcity { share, months, .. } => format!(
            "scarcity: commons carry {:.0}% less for {months} months",
            share * 100.0
        ),
        Shock::MigrationWave { growth, .. } => format!(
            "migration wave: {:.0}% more people, arriving with nothing",
            growth * 100.0
        ),
        Shock::Pandemic { infected, .. } => {
            format!("pandemic: {:.1}% of people fall sick", infected * 100.0)
        }
        Shock::FinancialCrash { severity, .. } => format!(
            "financial crash: {:.0}% of credit dries up",
            severity * 100.0
        ),
        Shock::Sabotage { share, months, .. } => format!(
            "sabotage: {:.0}% of capital destroyed and links cut for {months} months",
            share * 100.0
        ),
        Shock::Automation { share, .. } => format!(
            "automation: firms need {:.0}% less labour; those they no longer need must retrain",
            share * 100.0
        ),
        Shock::Fragmentation { friction, .. } => format!(
            "fragmentation: breaks away into a federation of its own; trade across the split costs {friction:.1} times as much"
        ),
        Shock::CaptureAttempt { group, .. } => format!(
            "capture attempt on the council by {}",
            group.map_or("the strongest group", Group::name)
        ),
        Shock::Wildfire { share, .. } => {
            format!("wildfire: {:.0}% of the forests burn", share * 100.0)
        }
    }
}

/// What a place is called in a sentence: a region by id, a federation by
/// index, as the scenario names them.
pub trait Places {
    fn region(&self, id: u32) -> String;
    fn federation(&self, index: u32) -> String;
}

/// Where a shock struck, in words: "everywhere", a federation's name, or
/// its regions' names ("3 regions" past two).
pub fn shock_place(regions: &Regions, places: &dyn Places) -> String {
    match regions {
        Regions::All => "everywhere".into(),
        Regions::Federation(f) => places.federation(*f),
        Regions::Only(ids) if ids.len() <= 2 => ids
            .iter()
            .map(|&id| places.region(id))
            .collect::<Vec<_>>()
            .join(" and "),
        Regions::Only(ids) => format!("{} regions", ids.len()),
    }
}

/// Moves sent to a run, taken together, in a line: "Month 6: Mutual aid
/// set to 0.5 in all regions", "Month 12: drought in Kestrel", or, for
/// moves of several months, how many and when ("5 moves, months 0 to 4").
pub fn moves(moves: &[(u32, Intervention)], names: &dyn Names, places: &dyn Places) -> String {
    let (Some(first), Some(last)) = (moves.first(), moves.last()) else {
        return "nothing".into();
    };
    let lever = |m: &Intervention| match m {
        Intervention::Lever(c) => Some(c.lever.name),
        _ => None,
    };
    let one_lever = moves
        .iter()
        .all(|m| lever(&m.1).is_some() && lever(&m.1) == lever(&first.1));
    if first.0 != last.0 {
        return format!("{} moves, months {} to {}", moves.len(), first.0, last.0);
    }
    if moves.len() > 1 && !one_lever {
        return format!("{} moves at month {}", moves.len(), first.0);
    }
    let what = match &first.1 {
        Intervention::Shock(shock) => match shock.regions() {
            Regions::All => format!("{} everywhere", shock.kind().label()),
            regions => format!(
                "{} in {}",
                shock.kind().label(),
                shock_place(regions, places)
            ),
        },
        Intervention::Lock(lock) => format!(
            "{} {} the constitution",
            names.lever(lock.lever.name),
            if lock.locked {
                "locked in"
            } else {
                "taken out of"
            }
        ),
        Intervention::Lever(change) => {
            let targets: Vec<String> = moves
                .iter()
                .filter_map(|(_, m)| match m {
                    Intervention::Lever(c) => Some(match c.target {
                        LeverTarget::All => "all regions".to_string(),
                        LeverTarget::Region(id) => places.region(id),
                    }),
                    _ => None,
                })
                .collect();
            let place = if targets.len() > 2 {
                format!("{} regions", targets.len())
            } else {
                targets.join(" and ")
            };
            format!(
                "{} set to {} in {place}",
                names.lever(change.lever.name),
                lever_value(change.lever.name, change.value)
            )
        }
    };
    format!("Month {}: {what}", first.0)
}

/// A count of people for a sentence: "207,953".
fn people(n: f64) -> String {
    let digits = format!("{:.0}", n.max(0.0));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The run's dead in words, from its first and last month: how many died
/// beyond the deaths of a healthy, fed population, of what, in how long,
/// and what share of the people at the start that is.
pub fn lives_lost(first: &MeasureRow, last: &MeasureRow) -> String {
    let dead = last.excess_deaths;
    let months = last.tick;
    let span = match (months / 12, months % 12) {
        (1, 0) => "1 year".to_string(),
        (years, 0) => format!("{years} years"),
        _ if months == 1 => "1 month".to_string(),
        _ => format!("{months} months"),
    };
    if dead < 0.5 {
        return format!(
            "In {span} no one died of hunger, ill health or epidemics beyond the deaths of a healthy, fed population."
        );
    }
    let share = if first.population > 0.0 {
        format!(
            ", {:.1}% of the {} at the start",
            100.0 * dead / first.population,
            people(first.population)
        )
    } else {
        String::new()
    };
    format!(
        "In {span} {} people died beyond the deaths of a healthy, fed population{share}: {} of hunger, {} of ill health, {} in epidemics.",
        people(dead),
        people(last.deaths_hunger),
        people(last.deaths_ill_health),
        people(last.deaths_epidemic),
    )
}

/// When each transition share first reached half of people, in years from
/// month 0, or that it had not by the run's end: one line.
pub fn halfway(rows: &[MeasureRow]) -> String {
    let parts: Vec<String> = Measure::TRANSITION
        .iter()
        .map(
            |&m| match crate::sim::measures::first_reaching(rows, m, 0.5) {
                Some(_) if rows.first().is_some_and(|r| r.get(m) >= 0.5) => {
                    format!("{} from the start", measure(m))
                }
                Some(tick) => format!("{} in {:.1} years", measure(m), f64::from(tick) / 12.0),
                None => format!("{} not yet", measure(m)),
            },
        )
        .collect();
    format!(
        "half of people under a pilot's institution: {}\n",
        parts.join("; ")
    )
}
