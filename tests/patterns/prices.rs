//! Prices carry costs: a charge on carbon reaches the price of energy,
//! as emission costs pass almost fully into electricity prices (Fabra and
//! Reguant 2014, Pass-through of emissions costs in electricity markets,
//! AER 104(9)), and buyers then use less of it. Tolerance: energy's price
//! at least a tenth higher with a carbon price of 0.4 than without, under
//! the social market (energy sold on a market).

use bevy::prelude::*;
use mutualism_model::sim::base::goods::Sector;
use mutualism_model::sim::economy::Enterprise;

use crate::support::{advance, app, calm_classroom, presets};

/// Energy's mean price and the energy sold after five years under the
/// social market with `carbon_price`.
fn energy(carbon_price: f64) -> (f64, f64) {
    let mut scenario = calm_classroom();
    scenario.policy = presets()
        .into_iter()
        .find(|(n, _)| n == "social_market")
        .expect("the preset")
        .1;
    scenario.policy.carbon_price = carbon_price;
    let mut app = app(&scenario);
    advance(&mut app, 60);
    let world = app.world_mut();
    let firms: Vec<(f64, f64)> = world
        .query::<&Enterprise>()
        .iter(world)
        .filter(|e| e.sector == Sector::Energy)
        .map(|e| (e.price, e.sold))
        .collect();
    let n = firms.len() as f64;
    (
        firms.iter().map(|f| f.0).sum::<f64>() / n,
        firms.iter().map(|f| f.1).sum::<f64>(),
    )
}

#[test]
fn a_carbon_price_reaches_the_price_of_energy_and_its_use() {
    let (price, sold) = energy(0.0);
    let (priced, sold_priced) = energy(0.4);
    println!("energy price {price:.3} → {priced:.3}, sold {sold:.0} → {sold_priced:.0}");
    assert!(priced > 1.1 * price, "the charge reaches buyers");
    assert!(sold_priced < sold, "and they use less");
    assert!(sold_priced > 0.5 * sold, "without killing energy firms");
}
