//! What the map's colours mean: the overlays a user picks, how each reads a
//! region's figures as a share 0..1, and the colour scale from bad (dark
//! violet) through middling (teal) to good (yellow): viridis, which reads
//! the same to colour-blind students and in greyscale, since its lightness
//! rises steadily. Pure functions, tested here;
//! the figures come from the model's components and are only read.

use bevy::prelude::*;

use crate::sim::ecology::Commons;
use crate::sim::institutions::Policy;
use crate::sim::people::{Climate, Cohort, Cohorts, Society};
use crate::sim::power::{Participation, PowerLedger, Support};

/// The components a `Reading` is made of, as a query asks for them.
pub(crate) type ReadingData = (
    &'static Cohorts,
    &'static Society,
    &'static Participation,
    &'static PowerLedger,
    &'static Support,
    &'static Policy,
    &'static Climate,
);

/// A `Reading` from one row of a `ReadingData` query.
pub(crate) fn reading<'a>(
    (cohorts, society, participation, ledger, support, policy, climate): (
        &'a Cohorts,
        &'a Society,
        &'a Participation,
        &'a PowerLedger,
        &'a Support,
        &'a Policy,
        &'a Climate,
    ),
) -> Reading<'a> {
    Reading {
        cohorts,
        society,
        participation,
        ledger,
        support,
        policy,
        climate,
    }
}

/// What an overlay may read of one region: its components, only read.
#[derive(Clone, Copy)]
pub(crate) struct Reading<'a> {
    pub cohorts: &'a Cohorts,
    pub society: &'a Society,
    pub participation: &'a Participation,
    pub ledger: &'a PowerLedger,
    pub support: &'a Support,
    pub policy: &'a Policy,
    pub climate: &'a Climate,
}

/// The figure the map's hexes are coloured by.
#[derive(Resource, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Overlay {
    /// Commons stock as a share of capacity, summed over the region's commons.
    #[default]
    Ecology,
    /// Mean over people of (basics coverage + health + skills + employment) / 4.
    Capability,
    /// Mean trust over people.
    Trust,
    /// Mean share of basic needs met over people.
    BasicsCoverage,
    /// Share of the seats in the bodies that govern people's work and
    /// commons that people take (the voice measure, region by region).
    Voice,
    /// The region's power ledger's dispersion (the power dispersion measure,
    /// region by region).
    PowerDispersion,
    /// Support for the region's institutions (backlash).
    Support,
    /// How much of the region's basics, firms and commons run under the
    /// pilots' institutions (need-based provision, worker cooperatives, a
    /// community trust): the mean of the three shares of its mix.
    Transition,
    /// The share of people sick in an epidemic, the scale's end at
    /// `SICK_FULL` (a fifth of the people): where a pandemic is, without a
    /// line of text on every hex.
    Sick,
}

/// The share sick at the top of the Sick overlay's scale: a fifth of the
/// people at once (a choice of scale, so that a few percent sick already
/// shows; the label gives the share itself).
pub(crate) const SICK_FULL: f64 = 0.2;

impl Overlay {
    /// Every overlay, in the order the panel offers them.
    pub(crate) const ALL: [Overlay; 9] = [
        Overlay::Ecology,
        Overlay::Capability,
        Overlay::Trust,
        Overlay::BasicsCoverage,
        Overlay::Voice,
        Overlay::PowerDispersion,
        Overlay::Support,
        Overlay::Transition,
        Overlay::Sick,
    ];

    /// What the picker calls it.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Overlay::Ecology => "Ecology",
            Overlay::Capability => "Capability",
            Overlay::Trust => "Trust",
            Overlay::BasicsCoverage => "Basics coverage",
            Overlay::Voice => "Voice",
            Overlay::PowerDispersion => "Power dispersion",
            Overlay::Support => "Support",
            Overlay::Transition => "Transition",
            Overlay::Sick => "Share sick",
        }
    }

    /// Its name in the explanations file.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Overlay::Ecology => "ecology",
            Overlay::Capability => "capability",
            Overlay::Trust => "trust",
            Overlay::BasicsCoverage => "basics_coverage",
            Overlay::Voice => "voice",
            Overlay::PowerDispersion => "power_dispersion",
            Overlay::Support => "support",
            Overlay::Transition => "transition",
            Overlay::Sick => "sick",
        }
    }

    /// One line for the legend: what is measured and in what unit.
    pub(crate) fn legend(self) -> &'static str {
        match self {
            Overlay::Ecology => "Commons stock, % of capacity",
            Overlay::Capability => "Capability: basics, health, skills, work (0-100)",
            Overlay::Trust => "Trust, % of people",
            Overlay::BasicsCoverage => {
                "Basic needs met, % (food, housing, health, education, energy)"
            }
            Overlay::Voice => "Voice: seats people take in the bodies that govern them (0-100)",
            Overlay::PowerDispersion => "Power dispersion of the region's ledger (0-100)",
            Overlay::Support => {
                "Support for the region's institutions, % (it swings under the threshold)"
            }
            Overlay::Transition => {
                "Basics by need, cooperatives and commons in trust: mean share of the region's, %"
            }
            Overlay::Sick => "People sick in an epidemic, % (the scale ends at 20%)",
        }
    }

    /// How a share is written on the map: a percentage, or an index 0..100.
    pub(crate) fn format(self, share: f64) -> String {
        match self {
            Overlay::Capability | Overlay::Voice | Overlay::PowerDispersion => {
                format!("{:.0}", share * 100.0)
            }
            Overlay::Sick => format!("{:.0}% sick", share * SICK_FULL * 100.0),
            _ => format!("{:.0}%", share * 100.0),
        }
    }

    /// The figure for each income cohort across the world, poorest first,
    /// people-weighted over the regions' cohorts of that place; `None` for
    /// a figure that is a region's, not a cohort's.
    pub(crate) fn by_cohort<'a>(
        self,
        regions: impl Iterator<Item = &'a Cohorts>,
    ) -> Option<Vec<f64>> {
        let figure: fn(&Cohort) -> f64 = match self {
            Overlay::Capability => Cohort::capability,
            Overlay::BasicsCoverage => Cohort::basics_coverage,
            _ => return None,
        };
        let mut sums: Vec<(f64, f64)> = Vec::new();
        for cohorts in regions {
            if sums.len() < cohorts.0.len() {
                sums.resize(cohorts.0.len(), (0.0, 0.0));
            }
            for (sum, c) in sums.iter_mut().zip(&cohorts.0) {
                sum.0 += c.size * figure(c);
                sum.1 += c.size;
            }
        }
        Some(
            sums.into_iter()
                .map(|(total, people)| if people > 0.0 { total / people } else { 0.0 })
                .collect(),
        )
    }

    /// The region's figure as a share 0..1, or `None` where it has no
    /// meaning (ecology of a region without commons).
    pub(crate) fn read<'a>(
        self,
        region: Reading,
        commons: impl IntoIterator<Item = &'a Commons>,
    ) -> Option<f64> {
        let value = match self {
            Overlay::Transition => {
                let mix = region.policy.mix(commons.into_iter().count());
                (mix.basics_by_need + mix.cooperatives + mix.commons_trust) / 3.0
            }
            Overlay::Ecology => {
                let (stock, capacity) = commons
                    .into_iter()
                    .fold((0.0, 0.0), |(s, k), c| (s + c.stock, k + c.capacity));
                if capacity <= 0.0 {
                    return None;
                }
                stock / capacity
            }
            Overlay::Capability => region.cohorts.mean(Cohort::capability),
            Overlay::Trust => region.society.trust,
            Overlay::BasicsCoverage => region.cohorts.mean(|c| c.basics_coverage()),
            Overlay::Voice => region.participation.voice,
            Overlay::PowerDispersion => region.ledger.dispersion(),
            Overlay::Support => region.support.level,
            Overlay::Sick => region.climate.infected / SICK_FULL,
        };
        value.is_finite().then_some(value.clamp(0.0, 1.0))
    }
}

/// Steps of the colour scale; hexes of one step share a material, so the
/// map batches however many regions it has.
pub(crate) const STEPS: usize = 20;

/// Whether the map shows the difference map: each region coloured by this
/// run minus the comparison run (the baseline by default) on the overlay's
/// figure, where the comparison has reached the same month.
#[derive(Resource, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct DifferenceMap(pub(crate) bool);

/// The differences as the map last drew them, this run minus the
/// comparison (a share; 0.1 is ten points), largest first: each region's by
/// name, and each federation's mean over its regions by the scenario's
/// name for it; empty while the difference map is off or the comparison is
/// not at the month.
#[derive(Resource, Clone, Debug, Default, PartialEq)]
pub(crate) struct Differences {
    pub(crate) regions: Vec<(String, f64)>,
    pub(crate) federations: Vec<(String, f64)>,
    /// Each income cohort's, poorest first, across the world (people-
    /// weighted), where the figure is a cohort's (capability, basics).
    pub(crate) cohorts: Vec<(String, f64)>,
}

/// An income cohort by its place among `of`, poorest first: "the poorest
/// fifth" to "the richest fifth" where there are five, else "cohort 2 of 4
/// (poorest first)".
pub(crate) fn cohort_name(place: usize, of: usize) -> String {
    const FIFTHS: [&str; 5] = ["poorest", "second", "middle", "fourth", "richest"];
    match (of, FIFTHS.get(place)) {
        (5, Some(which)) => format!("the {which} fifth"),
        _ => format!("cohort {} of {of} (poorest first)", place + 1),
    }
}

/// The difference at which the diverging scale reaches its end colours: 20
/// points of a 0..100 figure (a share of 0.2). Lever moves and shocks that a
/// class tries move a region by a few points to a few tens.
pub(crate) const DIFF_RANGE: f64 = 0.2;

/// The step of a difference on the diverging scale: `STEPS / 2` is none,
/// 0 is `DIFF_RANGE` or more below, `STEPS` as far above.
pub(crate) fn diff_step(diff: f64) -> usize {
    let t = (diff / DIFF_RANGE).clamp(-1.0, 1.0);
    ((t + 1.0) / 2.0 * STEPS as f64).round() as usize
}

/// The diverging scale at `t` in -1..1: orange (this run lower) through a
/// light grey (the same) to purple (higher), ColorBrewer's PuOr, which
/// colour-blind viewers tell apart.
pub(crate) fn diverging(t: f64) -> [f32; 3] {
    const LOW: [f32; 3] = [0.702, 0.345, 0.024]; // #b35806
    const MID: [f32; 3] = [0.969, 0.969, 0.969]; // #f7f7f7
    const HIGH: [f32; 3] = [0.329, 0.153, 0.533]; // #542788
    let t = t.clamp(-1.0, 1.0) as f32;
    let (from, to, f) = if t < 0.0 {
        (MID, LOW, -t)
    } else {
        (MID, HIGH, t)
    };
    [0, 1, 2].map(|i| from[i] + (to[i] - from[i]) * f)
}

/// The colour of a step of the diverging scale, as red, green and blue.
pub(crate) fn diff_step_rgb(step: usize) -> [f32; 3] {
    diverging(step as f64 / STEPS as f64 * 2.0 - 1.0)
}

/// The colour of a step of the diverging scale.
pub(crate) fn diff_step_color(step: usize) -> Color {
    let [r, g, b] = diff_step_rgb(step);
    Color::srgb(r, g, b)
}

/// The step a share 0..1 falls in, 0..=STEPS.
pub(crate) fn step(share: f64) -> usize {
    (share.clamp(0.0, 1.0) * STEPS as f64).round() as usize
}

/// The colour of a share 0..1 as sRGB components 0..1 on the viridis scale
/// (van der Walt and Smith's matplotlib colour map), linear between five of
/// its stops.
pub(crate) fn ramp(share: f64) -> [f32; 3] {
    const STOPS: [[f32; 3]; 5] = [
        [0.267, 0.005, 0.329], // #440154
        [0.231, 0.322, 0.545], // #3b528b
        [0.129, 0.569, 0.549], // #21918c
        [0.369, 0.788, 0.384], // #5ec962
        [0.992, 0.906, 0.145], // #fde725
    ];
    let t = share.clamp(0.0, 1.0) as f32 * (STOPS.len() - 1) as f32;
    let i = (t.floor() as usize).min(STOPS.len() - 2);
    let u = t - i as f32;
    let (a, b) = (STOPS[i], STOPS[i + 1]);
    [0, 1, 2].map(|k| a[k] + (b[k] - a[k]) * u)
}

/// The colour of one step of the scale.
pub(crate) fn step_color(step: usize) -> Color {
    let [r, g, b] = ramp(step as f64 / STEPS as f64);
    Color::srgb(r, g, b)
}

/// The colour of a hex whose figure has no meaning.
pub(crate) const NO_DATA: Color = Color::srgb(0.45, 0.45, 0.48);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::base::goods::{Basic, PerBasic};
    use crate::sim::people::Cohort;

    #[test]
    fn the_colour_scale_stays_in_range_and_grows_lighter_from_bad_to_good() {
        let lightness = |[r, g, b]: [f32; 3]| 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let mut last = f32::NEG_INFINITY;
        for i in 0..=100 {
            let share = i as f64 / 100.0;
            let colour = ramp(share);
            for c in colour {
                assert!(
                    (0.0..=1.0).contains(&c),
                    "component {c} out of range at {share}"
                );
            }
            let now = lightness(colour);
            assert!(
                now > last,
                "lightness must rise, so the scale reads without hue: {now} after {last} at {share}"
            );
            last = now;
        }
        assert_eq!(ramp(-3.0), ramp(0.0), "below 0 clamps");
        assert_eq!(ramp(7.0), ramp(1.0), "above 1 clamps");
    }

    #[test]
    fn the_diverging_scale_is_grey_at_no_difference_and_saturates_at_its_range() {
        assert_eq!(diff_step(0.0), STEPS / 2);
        assert_eq!(diff_step(-1.0), 0);
        assert_eq!(diff_step(DIFF_RANGE), STEPS);
        assert!(diff_step(-0.05) < STEPS / 2 && diff_step(0.05) > STEPS / 2);
        let [r, g, b] = diverging(0.0);
        assert!(r == g && g == b, "no difference is grey");
        let (low, high) = (diverging(-1.0), diverging(1.0));
        assert!(
            low[0] > low[2] && high[2] > high[0],
            "orange below, purple above"
        );
    }

    #[test]
    fn steps_are_monotone_and_cover_the_scale() {
        let mut last = 0;
        for i in 0..=1000 {
            let s = step(i as f64 / 1000.0);
            assert!(s >= last && s <= STEPS, "step {s} after {last}");
            last = s;
        }
        assert_eq!(step(0.0), 0, "0 is the first step");
        assert_eq!(step(1.0), STEPS, "1 is the last step");
        assert_eq!(step(f64::NAN.max(0.0)), 0, "nothing is the first step");
    }

    #[test]
    fn overlays_read_shares_and_ecology_needs_commons() {
        let cohort = Cohort {
            size: 10.0,
            health: 0.8,
            skills: 0.6,
            employment: 1.0,
            coverage: PerBasic::from_fn(|b| match b {
                Basic::Food | Basic::Health => 1.0,
                Basic::Housing | Basic::Education => 0.5,
                Basic::Energy => 0.75,
            }),
            ..default()
        };
        let cohorts = Cohorts(vec![cohort]);
        let society = Society {
            individualism: 0.5,
            trust: 0.4,
            conditional_cooperators: 0.5,
            free_riders: 0.3,
            strong_reciprocators: 0.2,
            plenty: 1.0,
        };
        let participation = Participation {
            voice: 0.3,
            ..default()
        };
        let ledger = PowerLedger::default();
        let support = Support::new("adaptive_mutualism");
        // The liberal market: basics on markets, investors' firms, open
        // commons, with a pilot of two basic goods by need.
        let mut policy = crate::scenario::Scenario::load(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scenarios/transition/pilot_cities.ron"
        ))
        .expect("the pilot cities load")
        .policy;
        policy.pilot_basics_by_need = 0.4;
        let climate = Climate {
            infected: 0.05,
            ..default()
        };
        let region = Reading {
            cohorts: &cohorts,
            society: &society,
            participation: &participation,
            ledger: &ledger,
            support: &support,
            policy: &policy,
            climate: &climate,
        };
        assert_eq!(
            Overlay::Ecology.read(region, []),
            None,
            "no commons, no ecology"
        );
        assert_eq!(
            Overlay::Trust.read(region, []),
            Some(0.4),
            "trust is read as is"
        );
        let coverage = Overlay::BasicsCoverage.read(region, []).unwrap();
        assert!(
            (coverage - 0.75).abs() < 1e-12,
            "coverage is the mean over goods: {coverage}"
        );
        let capability = Overlay::Capability.read(region, []).unwrap();
        assert!(
            (capability - (0.75 + 0.8 + 0.6 + 1.0) / 4.0).abs() < 1e-12,
            "capability: {capability}"
        );
        assert_eq!(
            Overlay::Voice.read(region, []),
            Some(0.3),
            "voice as taken part"
        );
        assert_eq!(
            Overlay::Support.read(region, []),
            Some(1.0),
            "support starts whole"
        );
        let transition = Overlay::Transition.read(region, []).unwrap();
        assert!(
            (transition - 0.4 / 3.0).abs() < 1e-12,
            "two of five basics by need, no cooperatives, no commons: {transition}"
        );
        let sick = Overlay::Sick.read(region, []).unwrap();
        assert!(
            (sick - 0.25).abs() < 1e-12,
            "5% sick is a quarter of the scale"
        );
        assert_eq!(Overlay::Sick.format(sick), "5% sick");
    }
}
