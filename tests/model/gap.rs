//! Why a run differs from its baseline (`gap::explain`): the parts' gaps sum
//! to the criterion's, the criterion's gap is what the two runs measure,
//! and a move whose ablation changes nothing is credited with nothing.

use mutualism_model::gap::{self, MOST_MOVES};
use mutualism_model::headless;
use mutualism_model::scenario::{Regions, Shock};
use mutualism_model::sim::institutions::{LeverChange, LeverTarget, LeverValue, lever};
use mutualism_model::sim::interventions::{Intervention, Interventions};
use mutualism_model::sim::measures::Measure;

use crate::support::shipped;

fn set(name: &str, value: f64) -> Intervention {
    Intervention::Lever(LeverChange {
        target: LeverTarget::All,
        lever: lever(name).expect("a lever"),
        value: LeverValue::Number(value),
    })
}

/// Mutual aid raised everywhere at month 6, a drought in one region at
/// month 12, and recruiting from pilots turned up at month 12
/// in a world with no pilots to recruit from.
fn sent() -> Interventions {
    Interventions(vec![
        (6, set("mutual_aid_share", 0.5)),
        (
            12,
            Intervention::Shock(Shock::Drought {
                regions: Regions::Only(vec![3]),
                severity: 0.8,
                months: 12,
            }),
        ),
        (12, set("recruiting_from_pilots", 0.5)),
    ])
}

#[test]
fn the_gap_splits_into_parts_that_sum_to_it_and_credits_only_what_its_ablation_shows() {
    let classroom = shipped("classroom.ron");
    let seed = classroom.seed;
    let month = 30;
    let sent = sent();
    let gap =
        gap::explain(&classroom, seed, &sent, month, Measure::Capability, None).expect("explained");

    // The gap is what the two runs measure.
    let run = headless::replay(&classroom, seed, &sent, month).expect("runs");
    let baseline =
        headless::replay(&classroom, seed, &Interventions::default(), month).expect("runs");
    let measured =
        run.last().expect("a row").capability - baseline.last().expect("a row").capability;
    assert!(
        (gap.points() - measured).abs() < 1e-9,
        "the gap {} against the measured {measured}",
        gap.points()
    );
    assert!(
        gap.points().abs() > 0.1,
        "the moves made a gap: {}",
        gap.points()
    );

    // Its parts sum to it.
    let (run_parts, base_parts) = (
        gap.run.parts.as_ref().expect("capability is split"),
        gap.baseline.parts.as_ref().expect("capability is split"),
    );
    let parts: f64 = run_parts
        .iter()
        .zip(base_parts)
        .map(|(a, b)| a.1 - b.1)
        .sum();
    assert!(
        (parts - gap.points()).abs() < 1e-9,
        "parts {parts} against {}",
        gap.points()
    );

    // One credit a move, in the order sent.
    assert_eq!(gap.credits.len(), 3);
    let credit = |name: &str| {
        gap.credits
            .iter()
            .find(|c| match &c.moves[0].1 {
                Intervention::Lever(change) => change.lever.name == name,
                Intervention::Shock(_) => name == "drought",
                Intervention::Lock(_) => false,
            })
            .expect("credited")
    };
    // Recruiting with no pilot to recruit from changes nothing: nothing is
    // credited to it, though it was sent in the months the gap opened.
    let idle = credit("recruiting_from_pilots");
    assert_eq!(idle.points, 0.0, "an idle lever is credited nothing");
    assert!(
        idle.parts
            .as_ref()
            .expect("split")
            .iter()
            .all(|p| *p == 0.0)
    );
    // The drought costs the world capability; mutual aid moves it.
    assert!(credit("drought").points < -0.05, "{:?}", credit("drought"));
    assert!(credit("mutual_aid_share").points.abs() > 0.05);
    // What is not any one move's alone is left as its own line.
    let credited: f64 = gap.credits.iter().map(|c| c.points).sum();
    assert!((credited + gap.together() - gap.points()).abs() < 1e-12);
}

#[test]
fn a_region_is_explained_by_its_own_parts_and_an_unsplit_criterion_for_the_world() {
    let classroom = shipped("classroom.ron");
    let sent = sent();
    let gap = gap::explain(
        &classroom,
        classroom.seed,
        &sent,
        24,
        Measure::Cohesion,
        Some(3),
    )
    .expect("explained");
    let parts = gap.run.parts.as_ref().expect("cohesion is split");
    assert_eq!(parts.len(), 2, "trust and voluntary cooperation");
    let sum: f64 = parts.iter().map(|p| p.1).sum();
    assert!((sum - gap.run.value).abs() < 1e-12);

    let equity = gap::explain(&classroom, classroom.seed, &sent, 24, Measure::Equity, None)
        .expect("the world's equity");
    assert!(equity.run.parts.is_none());
    let error = gap::explain(
        &classroom,
        classroom.seed,
        &sent,
        24,
        Measure::Equity,
        Some(3),
    )
    .expect_err("equity is the world's")
    .to_string();
    assert!(
        error.contains("equity is measured for the world only"),
        "{error}"
    );
}

#[test]
fn a_long_session_credits_its_older_moves_together() {
    let many = Interventions(
        (0..MOST_MOVES as u32 + 3)
            .map(|m| (m, set("carbon_price", 0.3 + 0.01 * f64::from(m))))
            .collect(),
    );
    let groups = gap::moves(&many);
    assert_eq!(groups.len(), MOST_MOVES);
    assert_eq!(groups[0].len(), 4, "the four oldest together");
    assert!(groups[1..].iter().all(|g| g.len() == 1));
}

#[test]
fn a_fan_replays_the_moves_and_the_baseline_on_each_seed() {
    let classroom = shipped("classroom.ron");
    let seed = classroom.seed;
    let fan = gap::fan(&classroom, seed, &sent(), 24, 3).expect("fanned");
    assert_eq!(
        fan.iter().map(|f| f.seed).collect::<Vec<_>>(),
        [seed, seed + 1, seed + 2]
    );
    let own = headless::replay(&classroom, seed, &sent(), 24).expect("runs");
    assert_eq!(
        fan[0].run,
        *own.last().expect("a row"),
        "the run's own seed first"
    );
    assert!(
        fan.iter()
            .all(|f| f.run.tick == 24 && f.baseline.tick == 24)
    );
    assert_ne!(
        fan[1].baseline, fan[2].baseline,
        "other seeds, other weather"
    );
    let idle = gap::fan(&classroom, seed, &Interventions::default(), 24, 2).expect("fanned");
    assert!(
        idle.iter().all(|f| f.run == f.baseline),
        "nothing sent, no gap on any seed"
    );
}

/// Places as a test names them: "R3", "F1".
struct Numbered;

impl mutualism_model::words::Places for Numbered {
    fn region(&self, id: u32) -> String {
        format!("R{id}")
    }

    fn federation(&self, index: u32) -> String {
        format!("F{index}")
    }
}

#[test]
fn a_credit_names_its_moves_in_a_line() {
    use mutualism_model::words::{Plain, moves};
    let sent = sent();
    let lines: Vec<String> = gap::moves(&sent)
        .iter()
        .map(|group| moves(group, &Plain, &Numbered))
        .collect();
    assert_eq!(
        lines,
        [
            "Month 6: mutual_aid_share set to 0.5 in all regions",
            "Month 12: drought in R3",
            "Month 12: recruiting_from_pilots set to 0.5 in all regions",
        ]
    );
    let together = [
        (5, set("carbon_price", 0.3)),
        (5, set("contribution_rate", 0.2)),
    ];
    assert_eq!(moves(&together, &Plain, &Numbered), "2 moves at month 5");
    let everywhere = [(
        7,
        Intervention::Shock(Shock::Pandemic {
            regions: Regions::All,
            infected: 0.01,
        }),
    )];
    assert_eq!(
        moves(&everywhere, &Plain, &Numbered),
        "Month 7: pandemic everywhere"
    );
    let apart = [(5, set("carbon_price", 0.3)), (9, set("carbon_price", 0.2))];
    assert_eq!(moves(&apart, &Plain, &Numbered), "2 moves, months 5 to 9");
}
