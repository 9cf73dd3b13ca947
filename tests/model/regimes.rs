//! Regimes are their levers and nothing else: `compare --equalise` gives
//! every regime the same value of the named levers, and with every lever
//! equalised the five regimes are one regime, figure for figure. A lead
//! that survives equalising a lever does not come from that lever's preset
//! number. No test here says who wins: that is the model's finding, not a
//! requirement.

use mutualism_model::compare::{
    Equalised, RunFigures, available_regimes, compare, scenario_overrides,
};
use mutualism_model::sim::institutions::LEVERS;

use crate::support::shipped;

fn figures_of<'a>(figures: &'a [RunFigures], regime: &str) -> Vec<&'a RunFigures> {
    figures.iter().filter(|f| f.regime == regime).collect()
}

#[test]
fn with_every_lever_equalised_the_regimes_give_the_same_figures() {
    let scenario = shipped("classroom.ron");
    let regimes = available_regimes(&scenario).unwrap();
    let all: Vec<Equalised> = LEVERS
        .iter()
        .map(|l| Equalised::parse(l.name, &scenario).unwrap())
        .collect();
    let figures = compare(&scenario, &regimes, 1, 36, &all).unwrap_or_else(|e| panic!("{e}"));
    let first = figures_of(&figures, &regimes[0]);
    for regime in &regimes[1..] {
        for (a, b) in first.iter().zip(figures_of(&figures, regime)) {
            assert_eq!(
                a.values, b.values,
                "{regime} differs from {} with every lever equal",
                regimes[0]
            );
        }
    }
    // And with nothing equalised they differ, so the check above can fail.
    let shipped_figures = compare(&scenario, &regimes, 1, 36, &[]).unwrap();
    let distinct = regimes
        .iter()
        .filter(|r| figures_of(&shipped_figures, r)[0].values != first[0].values)
        .count();
    assert!(distinct >= 4, "the presets should differ: {distinct}");
}

#[test]
fn equalise_reads_names_values_and_options_and_refuses_the_rest() {
    let scenario = shipped("classroom.ron");
    let own = Equalised::parse("carbon_price", &scenario).unwrap();
    assert_eq!(own.to_string(), "carbon_price 0.45");
    let given = Equalised::parse("cap_fraction=0.8", &scenario).unwrap();
    assert_eq!(given.to_string(), "cap_fraction 0.8");
    let option = Equalised::parse("commons_governance=open_access", &scenario).unwrap();
    assert_eq!(option.to_string(), "commons_governance OpenAccess");
    for (bad, says) in [
        ("carbon_prize", "no lever is called"),
        ("cap_fraction=2", "takes a share between 0 and 1"),
        ("commons_governance=anarchy", "is one of OpenAccess"),
    ] {
        let error = Equalised::parse(bad, &scenario).err().unwrap();
        assert!(error.contains(says), "{bad}: {error}");
    }
}

/// A lever's limits are declared once: a value a scenario file accepts,
/// `--equalise` accepts too, and the reverse (`carbon_price=1.0` was once
/// refused by `--equalise` for lying beyond the panel's slider).
#[test]
fn equalise_and_scenario_files_accept_the_same_values() {
    use mutualism_model::sim::institutions::{LEVERS, LeverKind, PolicyOverrides};

    let scenario = shipped("classroom.ron");
    assert!(Equalised::parse("carbon_price=1.0", &scenario).is_ok());
    for lever in LEVERS {
        let LeverKind::Number { limits } = lever.kind else {
            continue;
        };
        let width = limits.max - limits.min;
        for value in [
            limits.min,
            limits.max,
            limits.min + width / 3.0,
            limits.min - 0.01 * width,
            limits.max + 0.01 * width,
        ] {
            let by_flag = Equalised::parse(&format!("{}={value}", lever.name), &scenario).is_ok();
            // As scenario files are read: an override is written bare.
            let by_file = ron::Options::default()
                .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
                .from_str::<PolicyOverrides>(&format!("({}: {value:?})", lever.name))
                .is_ok();
            assert_eq!(
                by_flag,
                by_file,
                "{} = {value}: --equalise {} it, a file {} it",
                lever.name,
                if by_flag { "takes" } else { "refuses" },
                if by_file { "takes" } else { "refuses" }
            );
            assert_eq!(by_flag, limits.holds(value), "{} = {value}", lever.name);
        }
    }
}

#[test]
fn compare_names_the_scenario_overrides_it_leaves_out() {
    let mut scenario = shipped("classroom.ron");
    assert!(scenario_overrides(&scenario).unwrap().is_empty());
    scenario.policy.carbon_price = 0.1;
    let left_out: Vec<String> = scenario_overrides(&scenario)
        .unwrap()
        .iter()
        .map(|o| o.to_string())
        .collect();
    assert_eq!(left_out, ["carbon_price 0.1"]);
}

/// A comparison tells its progress bar every run, counted to the whole.
#[test]
fn a_comparison_counts_its_runs() {
    let scenario = crate::support::calm_classroom();
    let seen = std::sync::Mutex::new(Vec::new());
    let regimes = ["liberal_market".to_string(), "social_market".to_string()];
    mutualism_model::compare::compare_counted(&scenario, &regimes, 2, 3, &[], &|n, total| {
        seen.lock().expect("the list").push((n, total));
    })
    .expect("the comparison");
    let mut seen = seen.into_inner().expect("the list");
    seen.sort_unstable();
    assert_eq!(seen, vec![(1, 4), (2, 4), (3, 4), (4, 4)]);
}
