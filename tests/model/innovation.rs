//! Innovation: patents raise R&D effort and slow diffusion; open knowledge
//! spreads fast; mission research cuts resource and carbon per unit of output
//! and takes researchers out of production.

use bevy::prelude::*;
use mutualism_model::scenario::{Scenario, load_policy};
use mutualism_model::sim::economy::Enterprise;
use mutualism_model::sim::institutions::InnovationMode;
use mutualism_model::sim::people::{Region, RegionStats};

use crate::support::{advance, app, one_region, scenarios_dir, shipped};

/// The classroom under the liberal market with the given innovation mode.
fn classroom(mode: InnovationMode) -> Scenario {
    let mut scenario = shipped("classroom.ron");
    scenario.timeline.clear();
    scenario.policy = load_policy(scenarios_dir().join("presets/liberal_market.ron")).unwrap();
    scenario.policy.innovation_mode = mode;
    scenario
}

/// Enterprises of the region with id 0, and of every other region.
fn split(app: &mut App) -> (Vec<Entity>, Vec<Entity>) {
    let mut regions = app.world_mut().query::<&Region>();
    let (mut first, mut others) = (Vec::new(), Vec::new());
    for region in regions.iter(app.world()) {
        let into = if region.id == 0 {
            &mut first
        } else {
            &mut others
        };
        into.extend(region.enterprises);
    }
    (first, others)
}

fn mean_of(app: &App, enterprises: &[Entity], figure: impl Fn(&Enterprise) -> f64) -> f64 {
    let sum: f64 = enterprises
        .iter()
        .map(|&e| figure(app.world().get::<Enterprise>(e).expect("enterprise")))
        .sum();
    sum / enterprises.len().max(1) as f64
}

#[test]
fn patents_raise_research_effort() {
    let effort = |mode| {
        let mut app = app(&classroom(mode));
        advance(&mut app, 12);
        let (first, others) = split(&mut app);
        let all = [first, others].concat();
        mean_of(&app, &all, |e| e.research_intensity)
    };
    let (patents, open) = (
        effort(InnovationMode::Patents),
        effort(InnovationMode::Open),
    );
    println!("R&D over revenue: patents {patents:.4}, open {open:.4}");
    assert!(
        patents > 1.5 * open && open > 0.0,
        "patents should raise R&D effort well above open results: {patents:.4} against {open:.4}"
    );
}

#[test]
fn open_knowledge_spreads_faster_and_patents_earn_royalties() {
    // One region starts half again as productive; nobody researches, so
    // the rest can only catch up by learning across links.
    let spread = |mode| {
        let mut scenario = classroom(mode);
        scenario.economy.rd_share = 0.0;
        scenario.policy.mission_research_share = 0.0;
        let mut app = app(&scenario);
        let (first, others) = split(&mut app);
        for &e in &first {
            app.world_mut().get_mut::<Enterprise>(e).unwrap().technology = 1.5;
        }
        advance(&mut app, 120);
        let technology = mean_of(&app, &others, |e| e.technology);
        let licensed = mean_of(&app, &others, |e| e.licensed);
        // Every licence names a holder other than the licensee.
        let holders_named = others.iter().all(|&e| {
            let enterprise = app.world().get::<Enterprise>(e).unwrap();
            enterprise.licensed == 0.0 || enterprise.licensor.is_some_and(|h| h != e)
        });
        (technology, licensed, holders_named)
    };
    let (patented, licensed, holders_known) = spread(InnovationMode::Patents);
    let (open, open_licensed, _) = spread(InnovationMode::Open);
    println!(
        "others' technology after ten years: patents {patented:.4} (licensed log {licensed:.4}), open {open:.4}"
    );
    assert!(
        open - 1.0 > 2.0 * (patented - 1.0) && patented > 1.0,
        "open knowledge should spread at least twice as fast: open {open:.4}, patents {patented:.4}"
    );
    assert!(
        licensed > 0.0 && open_licensed == 0.0 && holders_known,
        "patented know-how should be licensed from its holders (licensed {licensed:.4}), open know-how not ({open_licensed:.4})"
    );
}

#[test]
fn mission_research_cuts_carbon_per_unit_and_costs_researchers() {
    let run = |share| {
        let mut scenario = one_region(50_000.0, 200.0);
        scenario.policy.mission_research_share = share;
        let mut app = app(&scenario);
        advance(&mut app, 120);
        let (first, _) = split(&mut app);
        let intensity = mean_of(&app, &first, |e| e.emission_intensity);
        let mut stats = app.world_mut().query::<&RegionStats>();
        let stats = stats.single(app.world()).unwrap();
        (intensity, stats.researchers / stats.labour_force)
    };
    let (funded, researchers) = run(0.02);
    let (unfunded, none) = run(0.0);
    println!(
        "emission intensity after ten years: 2% of output on mission research {funded:.3} \
         ({:.2}% of workers research), none {unfunded:.3}",
        100.0 * researchers
    );
    assert!(
        funded < 0.9 && unfunded == 1.0,
        "mission research should cut emissions per unit: {funded:.3} funded, {unfunded:.3} not"
    );
    assert!(
        researchers > none && researchers > 0.005,
        "researchers should leave production: {researchers:.4} of workers against {none:.4}"
    );
}
