//! Findings that carry their evidence: every causal sentence the book
//! states about what the model finds, with the ablation that backs it.
//!
//! A claim names a scenario, a regime, a switch (a lever set for every
//! region, or an economy parameter) and a criterion, and says how far
//! throwing the switch moves the criterion, at least. `check` runs the
//! regime as set and with the switch thrown on the same seeds; the claim
//! holds when the mean moves the stated way by at least the stated amount.
//! `mutualism findings` prints each claim that holds with its figures, and
//! lists apart, with theirs, those that do not: a sentence whose ablation
//! does not show it is not a finding.

use std::fmt::Write as _;
use std::path::Path;

use crate::compare::{Equalised, compare, mean_and_spread};
use crate::headless::RunError;
use crate::scenario::Scenario;
use crate::sim::measures::Measure;

/// What a claim switches.
#[derive(Clone, Copy, Debug)]
pub enum Switch {
    /// Levers set for every region, as `compare --equalise` reads them:
    /// `name=value`.
    Levers(&'static [&'static str]),
    /// An economy parameter set to a value.
    Economy(&'static str, f64),
}

impl std::fmt::Display for Switch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Switch::Levers(specs) => write!(f, "{}", specs.join(", ")),
            Switch::Economy(name, value) => write!(f, "economy {name}={value}"),
        }
    }
}

/// A causal sentence and the ablation that must show it.
#[derive(Clone, Copy, Debug)]
pub struct Claim {
    /// The scenario, relative to the `scenarios/` folder.
    pub scenario: &'static str,
    /// The regime preset it is about.
    pub regime: &'static str,
    pub switch: Switch,
    pub measure: Measure,
    /// The least change throwing the switch makes to the measure's mean
    /// over seeds: at least this much up if positive, down if negative.
    pub change: f64,
    /// Months to run; 0: the scenario's own length.
    pub months: u32,
    /// Economy parameters set in both runs, as and with the switch (the
    /// conditions the sentence states).
    pub given: &'static [(&'static str, f64)],
    pub sentence: &'static str,
}

/// A classroom without random droughts, random capture attempts or
/// year-to-year swings in regrowth: its timeline's one drought strikes.
const CALM: &[(&str, f64)] = &[
    ("drought_probability_annual", 0.0),
    ("capture_attempts_annual", 0.0),
    ("regrowth_variability", 0.0),
];

/// The claims the book makes, each with its ablation.
pub const CLAIMS: &[Claim] = &[
    Claim {
        scenario: "developing.ron",
        regime: "adaptive_mutualism",
        switch: Switch::Levers(&["enterprise_form=stateowned"]),
        measure: Measure::Capability,
        change: 10.0,
        months: 0,
        given: &[],
        sentence: "In the developing world, what lifts a regime is state firms making everyone's need of the basics whether it sells or not: give adaptive mutualism state-owned enterprises and its capability rises by more than ten points.",
    },
    Claim {
        scenario: "developing.ron",
        regime: "adaptive_mutualism",
        switch: Switch::Levers(&["enterprise_form=stateowned"]),
        measure: Measure::ExcessDeaths,
        change: -100_000.0,
        months: 0,
        given: &[],
        sentence: "The same state firms save lives there: with them, more than a hundred thousand fewer people die in excess under adaptive mutualism in thirty years.",
    },
    Claim {
        scenario: "developing.ron",
        regime: "adaptive_mutualism",
        switch: Switch::Levers(&["contribution_rate=0"]),
        measure: Measure::Capability,
        change: 5.0,
        months: 0,
        given: &[],
        sentence: "The developing world fails under adaptive mutualism because much of its labour force ends on fixed budgets of investment, research and administration: without the contributions that pay for them, its capability rises by more than five points.",
    },
    Claim {
        scenario: "classroom.ron",
        regime: "adaptive_mutualism",
        switch: Switch::Levers(&["carbon_price=0"]),
        measure: Measure::Ecology,
        change: -5.0,
        months: 0,
        given: &[],
        sentence: "Adaptive mutualism's ecology in the classroom rests on its carbon price: without it, its ecology falls by more than five points.",
    },
    Claim {
        scenario: "classroom.ron",
        regime: "adaptive_mutualism",
        switch: Switch::Levers(&["mutual_aid_share=0"]),
        measure: Measure::ExcessDeaths,
        change: 2_000.0,
        months: 0,
        given: &[],
        sentence: "Mutual aid saves lives in the classroom: without it, more than two thousand more people die in excess under adaptive mutualism in thirty years.",
    },
    Claim {
        scenario: "classroom.ron",
        regime: "central_plan",
        switch: Switch::Economy("drought_sensitivity", 0.0),
        measure: Measure::Capability,
        change: 3.0,
        months: 1200,
        given: &[("capture_attempts_annual", 0.0)],
        sentence: "Over a century of the classroom without capture, the central plan's capability slides once its emissions pass the carbon budget, as droughts grow more frequent and deeper: with droughts blind to the overshoot it ends more than three points higher.",
    },
    Claim {
        scenario: "classroom.ron",
        regime: "liberal_market",
        switch: Switch::Levers(&["commons_governance=private"]),
        measure: Measure::ExcessDeaths,
        change: -50000.0,
        months: 360,
        given: CALM,
        sentence: "In the classroom without random droughts or capture, the liberal market's deaths in excess come from its open-access commons, which collapse one by one: with private commons, the other form the design allows it, more than fifty thousand fewer people die in excess in thirty years.",
    },
    Claim {
        scenario: "classroom.ron",
        regime: "state_led",
        switch: Switch::Levers(&["commons_governance=community"]),
        measure: Measure::ExcessDeaths,
        change: -10000.0,
        months: 360,
        given: CALM,
        sentence: "In the same calm classroom, part of the state-led regime's deaths in excess come from its state cap on the commons: with community governance, more than ten thousand fewer people die in excess in thirty years.",
    },
    Claim {
        scenario: "classroom.ron",
        regime: "central_plan",
        switch: Switch::Economy("rent_seeking_annual", 0.0),
        measure: Measure::PowerDispersion,
        change: 20.0,
        months: 1200,
        given: CALM,
        sentence: "Over a calm century the central plan's power dispersion falls to nothing, as rent-seeking compounds the largest holder's lead: without rent-seeking it ends the century more than twenty points higher.",
    },
    Claim {
        scenario: "classroom.ron",
        regime: "central_plan",
        switch: Switch::Levers(&["rotation_years=4"]),
        measure: Measure::PowerDispersion,
        change: 20.0,
        months: 1200,
        given: CALM,
        sentence: "Nothing checks that rent-seeking under the central plan, which rotates no one: with adaptive mutualism's four-year terms its power dispersion ends the century more than twenty points higher.",
    },
    Claim {
        scenario: "classroom.ron",
        regime: "adaptive_mutualism",
        switch: Switch::Economy("birth_rate_annual", 0.009),
        measure: Measure::Capability,
        change: 5.0,
        months: 1200,
        given: CALM,
        sentence: "Over a calm century adaptive mutualism's capability slides as its people grow in number: with births no more than a healthy population's deaths it ends the century more than five points higher.",
    },
    Claim {
        scenario: "classroom.ron",
        regime: "state_led",
        switch: Switch::Levers(&["commons_governance=community"]),
        measure: Measure::Equity,
        change: 10.0,
        months: 1200,
        given: CALM,
        sentence: "Over a calm century the state-led regime's equity slides with its state-governed commons: under community governance, the other form it could choose, equity ends the century more than ten points higher.",
    },
    Claim {
        scenario: "classroom.ron",
        regime: "social_market",
        switch: Switch::Economy("intensity_floor", 1.0),
        measure: Measure::Ecology,
        change: -10.0,
        months: 1200,
        given: CALM,
        sentence: "Over a calm century the social market's ecology rises as research cuts the emissions and resources each unit of output takes: held at their starting intensity, it ends the century more than ten points lower.",
    },
];

/// A claim with the figures of its ablation.
#[derive(Clone, Debug)]
pub struct Evidence {
    pub claim: Claim,
    pub seeds: u32,
    pub ticks: u32,
    /// Mean and spread over seeds, as set and with the switch thrown.
    pub as_set: (f64, f64),
    pub switched: (f64, f64),
}

impl Evidence {
    /// The change the switch made to the mean.
    pub fn change(&self) -> f64 {
        self.switched.0 - self.as_set.0
    }

    /// The change's standard error: seeds differ in their weather and
    /// shocks, so a change within twice this could be the seeds'.
    pub fn standard_error(&self) -> f64 {
        let n = f64::from(self.seeds.max(1));
        ((self.as_set.1.powi(2) + self.switched.1.powi(2)) / n).sqrt()
    }

    /// Whether the ablation shows the claim: the mean moves the stated way
    /// by at least the stated amount, and by more than twice its standard
    /// error.
    pub fn holds(&self) -> bool {
        let change = self.change();
        let far_enough = if self.claim.change >= 0.0 {
            change >= self.claim.change
        } else {
            change <= self.claim.change
        };
        far_enough && change.abs() > 2.0 * self.standard_error()
    }

    /// The figures in one line.
    pub fn figures(&self) -> String {
        let c = &self.claim;
        format!(
            "`{}` under {}{}, {} months, {} seeds: {} {:.1} ± {:.1} as set, {:.1} ± {:.1} with {} ({:+.1} ± {:.1}; the claim needs {:+.1} or {}, beyond twice the standard error)",
            c.scenario,
            c.regime,
            c.given
                .iter()
                .map(|(n, v)| format!(" with {n}={v}"))
                .collect::<String>(),
            self.ticks,
            self.seeds,
            c.measure.key(),
            self.as_set.0,
            self.as_set.1,
            self.switched.0,
            self.switched.1,
            c.switch,
            self.change(),
            self.standard_error(),
            c.change,
            if c.change >= 0.0 { "more" } else { "less" },
        )
    }
}

/// Runs one claim's ablation on `seeds` seeds from the scenario's own, for
/// the scenario's length; `scenarios` is the folder of scenario files.
pub fn check(scenarios: &Path, claim: &Claim, seeds: u32) -> Result<Evidence, RunError> {
    let mut scenario = Scenario::load(scenarios.join(claim.scenario))?;
    for &(name, value) in claim.given {
        scenario.economy = scenario
            .economy
            .with(name, value)
            .map_err(RunError::Usage)?;
    }
    let ticks = if claim.months > 0 {
        claim.months
    } else {
        scenario.ticks
    };
    let regimes = [claim.regime.to_string()];
    let mean = |scenario: &Scenario, levers: &[Equalised]| -> Result<(f64, f64), RunError> {
        let figures = compare(scenario, &regimes, seeds, ticks, levers)?;
        let values: Vec<f64> = figures.iter().map(|f| f.values[claim.measure]).collect();
        Ok(mean_and_spread(&values))
    };
    let as_set = mean(&scenario, &[])?;
    let switched = match claim.switch {
        Switch::Levers(specs) => {
            let levers = specs
                .iter()
                .map(|spec| Equalised::parse(spec, &scenario))
                .collect::<Result<Vec<_>, _>>()
                .map_err(RunError::Usage)?;
            mean(&scenario, &levers)?
        }
        Switch::Economy(name, value) => {
            let economy = scenario
                .economy
                .with(name, value)
                .map_err(RunError::Usage)?;
            mean(
                &Scenario {
                    economy,
                    ..scenario.clone()
                },
                &[],
            )?
        }
    };
    Ok(Evidence {
        claim: *claim,
        seeds,
        ticks,
        as_set,
        switched,
    })
}

/// The report as Markdown: `stamp` (commit and date), the claims that hold
/// with their figures, then those that do not.
pub fn report(evidence: &[Evidence], stamp: &str) -> String {
    let mut out = format!(
        "# Findings with their evidence\n\nGenerated by `mutualism findings` {stamp}. Each sentence is printed because its ablation shows it: throwing the switch moves the criterion the stated way, by at least the stated amount and by more than twice the change's standard error over seeds. The figures below each are the regime as set and with the switch thrown, on the same seeds (mean ± standard deviation over seeds of the last year; for excess deaths, the run's total).\n"
    );
    let (held, failed): (Vec<&Evidence>, Vec<&Evidence>) = evidence.iter().partition(|e| e.holds());
    for e in held {
        let _ = write!(out, "\n- {}\n  ({})\n", e.claim.sentence, e.figures());
    }
    if !failed.is_empty() {
        out.push_str(
            "\n## Not findings: the ablation did not show them\n\nThese sentences are not printed above, and no page may state them.\n",
        );
        for e in failed {
            let _ = write!(out, "\n- ~~{}~~\n  ({})\n", e.claim.sentence, e.figures());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every claim names a scenario, a regime and a switch that exist, so
    /// `findings` never fails on a typo after an hour of runs.
    #[test]
    fn every_claim_can_be_run() {
        let scenarios = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios");
        for claim in CLAIMS {
            let scenario = Scenario::load(scenarios.join(claim.scenario))
                .unwrap_or_else(|e| panic!("{}: {e}", claim.scenario));
            assert!(
                scenario
                    .presets_dir
                    .join(format!("{}.ron", claim.regime))
                    .exists(),
                "{}",
                claim.regime
            );
            for &(name, value) in claim.given {
                scenario
                    .economy
                    .with(name, value)
                    .unwrap_or_else(|e| panic!("{e}"));
            }
            match claim.switch {
                Switch::Levers(specs) => {
                    for spec in specs {
                        Equalised::parse(spec, &scenario).unwrap_or_else(|e| panic!("{e}"));
                    }
                }
                Switch::Economy(name, value) => {
                    scenario
                        .economy
                        .with(name, value)
                        .unwrap_or_else(|e| panic!("{e}"));
                }
            }
        }
    }

    #[test]
    fn a_claim_holds_only_if_the_ablation_moves_the_stated_way_far_enough() {
        let evidence = |change: f64, moved: f64| Evidence {
            claim: Claim {
                change,
                ..CLAIMS[0]
            },
            seeds: 1,
            ticks: 1,
            as_set: (50.0, 0.0),
            switched: (50.0 + moved, 0.0),
        };
        assert!(evidence(10.0, 12.0).holds());
        assert!(!evidence(10.0, 8.0).holds(), "too little");
        assert!(!evidence(-5.0, 6.0).holds(), "the wrong way");
        assert!(evidence(-5.0, -6.0).holds());
        let noisy = Evidence {
            as_set: (50.0, 10.0),
            switched: (62.0, 10.0),
            ..evidence(10.0, 12.0)
        };
        assert!(!noisy.holds(), "within the seeds' noise");
        let shown = report(&[evidence(10.0, 8.0)], "from commit x on y");
        assert!(shown.contains("## Not findings"), "{shown}");
    }
}
