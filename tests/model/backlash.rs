//! Backlash and scarcity: a region whose institutions deliver poorly for
//! years swings to the preset that fits its culture, the constitution's
//! locks hold through the swing, and real scarcity turns cooperation
//! zero-sum under every regime.

use mutualism_model::scenario::{Event, Regions, Scenario, Shock};
use mutualism_model::sim::institutions::Policy;
use mutualism_model::sim::people::{Region, Society};
use mutualism_model::sim::power::Support;

use crate::support::{advance, app, calm_classroom, presets};

/// The calm classroom under the liberal market, with Coldwater (region 2,
/// individualism 0.2, the most communal culture in the class) losing
/// `share` of its commons for ten years from month 24.
fn coldwater_starved(share: f64) -> Scenario {
    let mut scenario = calm_classroom();
    scenario.regime = "liberal_market".into();
    scenario.policy = presets()
        .into_iter()
        .find(|(name, _)| name == "liberal_market")
        .expect("the preset")
        .1;
    if share > 0.0 {
        scenario.timeline.push(Event {
            tick: 24,
            shock: Shock::Scarcity {
                regions: Regions::Only(vec![2]),
                share,
                months: 120,
            },
        });
    }
    scenario
}

/// Each region's name, support, the regime it follows and its policy
/// after `months`.
fn after(scenario: &Scenario, months: u32) -> Vec<(String, Support, Policy)> {
    let mut app = app(scenario);
    advance(&mut app, months);
    let world = app.world_mut();
    let mut regions: Vec<(u32, String, Support, Policy)> = world
        .query::<(&Region, &Support, &Policy)>()
        .iter(world)
        .map(|(r, s, p)| (r.id, r.name.clone(), s.clone(), p.clone()))
        .collect();
    regions.sort_by_key(|r| r.0);
    regions.into_iter().map(|(_, n, s, p)| (n, s, p)).collect()
}

#[test]
fn a_region_that_delivers_poorly_for_years_swings_to_the_preset_that_fits_its_culture() {
    // Coldwater's control: seventeen years without the scarcity. (The
    // calm years are not calm everywhere: Ironbridge's open-access commons
    // run dry in year fourteen, its unemployment rises to 0.3 to 0.47, and
    // it may swing.)
    let calm = after(&coldwater_starved(0.0), 204);
    let (calm_name, calm, _) = &calm[2];
    assert_eq!(
        calm.swings, 0,
        "in seventeen calm years {calm_name} does not swing"
    );
    let calm_support = calm.level;
    let starved = after(&coldwater_starved(0.95), 96);
    let (name, support, policy) = &starved[2];
    println!(
        "{name}: support {calm_support:.2} after calm years; starved: {} swing(s), now {}",
        support.swings, support.regime
    );
    assert_eq!(
        support.swings, 1,
        "{name}, a communal culture under the liberal market (support {calm_support:.2} in calm years), swings once its commons fail it"
    );
    assert_eq!(
        support.regime, "state_led",
        "{name} (individualism 0.2) swings to the preset whose marketness (0.2) fits it"
    );
    assert_eq!(
        policy.basics_allocation,
        mutualism_model::sim::institutions::BasicsAllocation::NeedBased,
        "the state-led regime's need-based basics come with the swing"
    );
    let others: Vec<&str> = starved
        .iter()
        .filter(|(n, s, _)| s.swings > 0 && n != name)
        .map(|(n, ..)| n.as_str())
        .collect();
    assert!(others.is_empty(), "no other region swings: {others:?}");
}

/// Coldwater's swing, month by month: the month it came, and its
/// enterprises' forms against its policy's form then and a month later.
#[test]
fn a_swing_reaches_the_regions_enterprises_the_next_month() {
    use mutualism_model::sim::economy::Enterprise;
    let mut app = app(&coldwater_starved(0.95));
    let coldwater = |app: &mut bevy::prelude::App| {
        let world = app.world_mut();
        let (region, support, policy) = world
            .query::<(&Region, &Support, &Policy)>()
            .iter(world)
            .find(|(r, ..)| r.id == 2)
            .map(|(r, s, p)| (r.clone(), s.swings, p.enterprise_form))
            .expect("Coldwater");
        let forms: Vec<_> = region
            .enterprises
            .values()
            .map(|&e| world.get::<Enterprise>(e).expect("its enterprise").form)
            .collect();
        (support, policy, forms)
    };
    let mut month = 0;
    while coldwater(&mut app).0 == 0 {
        assert!(
            month < 120,
            "Coldwater swings within ten years of losing its commons"
        );
        advance(&mut app, 1);
        month += 1;
    }
    let (_, form, before) = coldwater(&mut app);
    assert!(
        before.iter().all(|&f| f != form),
        "the swing in month {month} changes the form its firms take ({form:?}; they are {before:?})"
    );
    advance(&mut app, 1);
    let (_, form, after) = coldwater(&mut app);
    assert!(
        after.iter().all(|&f| f == form),
        "a month after the swing its firms take the new form {form:?}, with no lever moved: {after:?}"
    );
}

#[test]
fn a_locked_lever_keeps_its_value_through_a_swing_and_an_unlocked_one_does_not() {
    let mut scenario = coldwater_starved(0.95);
    scenario.locked = vec!["carbon_price".into()];
    let starved = after(&scenario, 96);
    let (name, support, policy) = &starved[2];
    assert_eq!(support.swings, 1, "{name} swings");
    assert_eq!(
        policy.carbon_price, 0.0,
        "{name} keeps the liberal market's locked carbon price, not the state-led 0.025"
    );
    assert_eq!(
        policy.contribution_rate, 0.2,
        "{name} takes the state-led contribution rate, which is not locked"
    );
}

/// Each month of the five years every commons carries 90% less (from
/// month 12) under `policy`: people's voluntary cooperation and `plenty`,
/// each the mean over regions, with the scarcity threshold as shipped or
/// (`zero_sum` false) off.
fn months_of_scarcity(policy: &Policy, zero_sum: bool) -> Vec<(f64, f64)> {
    let mut scenario = calm_classroom();
    scenario.policy = policy.clone();
    scenario.timeline.push(Event {
        tick: 12,
        shock: Shock::Scarcity {
            regions: Regions::All,
            share: 0.9,
            months: 60,
        },
    });
    if !zero_sum {
        scenario.economy.scarcity_threshold = 0.0;
    }
    let weight = scenario.economy.individualism_weight;
    let mut app = app(&scenario);
    advance(&mut app, 12);
    (0..60)
        .map(|_| {
            advance(&mut app, 1);
            let world = app.world_mut();
            let societies: Vec<Society> = world.query::<&Society>().iter(world).cloned().collect();
            let mean = |f: &dyn Fn(&Society) -> f64| {
                societies.iter().map(f).sum::<f64>() / societies.len() as f64
            };
            (
                mean(&|s| s.voluntary_cooperation(weight)),
                mean(&|s| s.plenty),
            )
        })
        .collect()
}

#[test]
fn real_scarcity_cuts_cooperation_under_every_regime() {
    for (name, policy) in presets() {
        let zero_sum = months_of_scarcity(&policy, true);
        let unmoved = months_of_scarcity(&policy, false);
        let worst = (0..zero_sum.len())
            .min_by(|&a, &b| zero_sum[a].1.total_cmp(&zero_sum[b].1))
            .expect("sixty months");
        let ((cut, plenty), (kept, _)) = (zero_sum[worst], unmoved[worst]);
        println!(
            "{name}: month {} of the scarcity, plenty {plenty:.2}: cooperation {cut:.3} against {kept:.3}",
            worst + 1
        );
        assert!(
            plenty < 0.5,
            "{name}: the scarcity is real: people's shortest basic good falls under the threshold (plenty {plenty:.2} at worst)"
        );
        assert!(
            cut < 0.5 * kept,
            "{name}: in the scarcity's worst month (plenty {plenty:.2}) voluntary cooperation is at most half what it would be: {kept:.3} → {cut:.3}"
        );
    }
}

#[test]
fn a_region_follows_the_preset_its_levers_match_so_a_loaded_regime_counts() {
    let scenario = calm_classroom();
    let mut app = app(&scenario);
    advance(&mut app, 1);
    let liberal = presets()
        .into_iter()
        .find(|(name, _)| name == "liberal_market")
        .expect("the preset")
        .1;
    app.world_mut()
        .resource_mut::<mutualism_model::sim::institutions::LeverChanges>()
        .send_policy(
            mutualism_model::sim::institutions::LeverTarget::All,
            &liberal,
        );
    advance(&mut app, 24);
    let world = app.world_mut();
    let following: Vec<String> = world
        .query::<&Support>()
        .iter(world)
        .map(|s| s.regime.clone())
        .collect();
    assert!(
        following.iter().all(|r| r == "liberal_market"),
        "once the liberal market's levers have passed consultation every region follows it: {following:?}"
    );
}
