//! The selected region: its people, policy, institutions, voice and
//! power ledger.

use super::policy::consultations;
use super::*;

// Over 100 lines: the selected region's figures top to bottom as the panel
// shows them; each part is a few widgets that read the same region.
/// The selected region's figures, or how to pick one.
pub(super) fn selected_region(ui: &mut egui::Ui, state: &PanelState, model: &ModelView) {
    let words = &state.explain.0;
    let forms = words.lever("enterprise_form");
    let Some((region, cohorts, society, policy, stats, climate, fund, boundaries)) = state
        .selection
        .region
        .and_then(|id| model.regions.iter().find(|r| r.0.id == id))
    else {
        ui.label(egui::RichText::new("Click a region on the map to see its figures.").italics());
        return;
    };
    ui.heading(&region.name);
    ui.label(format!(
        "Federation {}  ·  {:.0} people  ·  trust {:.0}%  ·  unemployment {:.0}%",
        region.federation,
        cohorts.population(),
        society.trust * 100.0,
        stats.unemployment() * 100.0
    ));
    if let Some(d) = climate.drought {
        ui.colored_label(
            egui::Color32::from_rgb(250, 170, 60),
            format!(
                "Drought: regrowth cut by {:.0}%, {} months left",
                d.severity * 100.0,
                d.months_left
            ),
        );
    }

    egui::CollapsingHeader::new("People (income fifths, poorest first)")
        .default_open(true)
        .show(ui, |ui| {
            egui::Grid::new("cohorts")
                .striped(true)
                .num_columns(6)
                .show(ui, |ui| {
                    for h in [
                        "people",
                        "income",
                        "money",
                        "health",
                        "skills",
                        "basics met",
                    ] {
                        ui.label(egui::RichText::new(h).strong());
                    }
                    ui.end_row();
                    for c in &cohorts.0 {
                        ui.label(format!("{:.0}", c.size));
                        ui.label(format!("{:.0}", c.income));
                        ui.label(format!("{:.0}", c.money.get()));
                        ui.label(format!("{:.2}", c.health));
                        ui.label(format!("{:.2}", c.skills));
                        ui.label(format!("{:.0}%", c.basics_coverage() * 100.0));
                        ui.end_row();
                    }
                });
            ui.small("income and money: money units per cohort, last month");
        });

    if let Some((_, ledger, participation, capture, support)) =
        model.ledgers.iter().find(|(r, ..)| r.id == region.id)
    {
        power_ledger(ui, ledger);
        voice_and_capture(ui, participation, capture);
        let threshold = model
            .run
            .as_ref()
            .map_or(0.0, |r| r.scenario.economy.backlash_threshold);
        ui.label(format!(
            "Follows {}; support for its institutions {:.0}% (it swings under {:.0}%), swung {} times",
            support.regime,
            support.level * 100.0,
            threshold * 100.0,
            support.swings
        ));
    }
    let mix = policy.mix(region.commons.len());
    if mix != Default::default() {
        ui.label(format!(
            "Under the pilots' institutions: basics by need {:.0}%, cooperatives {:.0}% of sectors, commons in trust {:.0}%",
            mix.basics_by_need * 100.0,
            mix.cooperatives * 100.0,
            mix.commons_trust * 100.0
        ));
    }
    consultations(ui, state, region.id);

    egui::CollapsingHeader::new("Enterprises")
        .default_open(true)
        .show(ui, |ui| {
            egui::Grid::new("enterprises")
                .striped(true)
                .num_columns(7)
                .show(ui, |ui| {
                    for h in [
                        "sector",
                        "price",
                        "output",
                        "workers",
                        "form",
                        "technology",
                        "carbon",
                    ] {
                        ui.label(egui::RichText::new(h).strong());
                    }
                    ui.end_row();
                    for e in region
                        .enterprises
                        .values()
                        .filter_map(|&e| model.enterprises.get(e).ok())
                    {
                        ui.label(words.sector(e.sector));
                        ui.label(format!("{:.2}", e.price));
                        ui.label(format!("{:.0}", e.output));
                        ui.label(format!("{:.0}", e.workforce));
                        ui.label(forms.choice(&format!("{:?}", e.form)));
                        ui.label(format!("{:.2}", e.technology))
                            .on_hover_text(format!(
                                "R&D {:.1}% of revenue; licensed know-how {:.3} (log)",
                                e.research_intensity * 100.0,
                                e.licensed
                            ));
                        ui.label(format!("{:.2}", e.emission_intensity))
                            .on_hover_text(format!(
                                "resource per unit {:.2} of the starting figure",
                                e.resource_intensity
                            ));
                        ui.end_row();
                    }
                });
            ui.small("technology and carbon per unit of output: 1 at the start");
        });

    egui::CollapsingHeader::new("Commons")
        .default_open(true)
        .show(ui, |ui| {
            if region.commons.is_empty() {
                ui.label("None.");
                return;
            }
            egui::Grid::new("commons")
                .striped(true)
                .num_columns(4)
                .show(ui, |ui| {
                    for h in ["kind", "stock / capacity", "harvest", "cap"] {
                        ui.label(egui::RichText::new(h).strong());
                    }
                    ui.end_row();
                    for c in region
                        .commons
                        .iter()
                        .filter_map(|&c| model.commons.get(c).ok())
                    {
                        ui.label(words.commons_kind(c.kind));
                        let share = if c.capacity > 0.0 {
                            c.stock / c.capacity * 100.0
                        } else {
                            0.0
                        };
                        ui.label(format!("{share:.0}%  ({})", thousands(c.stock)))
                            .on_hover_text(format!(
                                "tipping point at {}",
                                thousands(c.tipping_threshold)
                            ));
                        ui.label(thousands(c.harvest));
                        ui.label(c.cap.map_or("none".to_string(), thousands));
                        ui.end_row();
                    }
                });
            ui.small("resource units per month");
        });

    let funds = model
        .councils
        .get(region.council)
        .map_or(0.0, |c| c.funds.get());
    institutions(ui, stats, fund, boundaries, funds);

    egui::CollapsingHeader::new("Policy")
        .default_open(false)
        .show(ui, |ui| {
            egui::Grid::new("policy")
                .striped(true)
                .num_columns(2)
                .show(ui, |ui| {
                    for lever in LEVERS {
                        let words = state.explain.0.lever(lever.name);
                        ui.label(&words.label).on_hover_text(words.tooltip());
                        ui.label(describe(lever, policy, words));
                        ui.end_row();
                    }
                });
        });
}

/// One line on the whole world: the carbon budget and the planner's reach.
/// Colours of the ledger's groups, in `params::GROUPS` order.
const GROUP_COLOURS: [egui::Color32; GROUPS.len()] = [
    egui::Color32::from_rgb(230, 160, 60),
    egui::Color32::from_rgb(200, 80, 80),
    egui::Color32::from_rgb(90, 160, 255),
    egui::Color32::from_rgb(80, 190, 100),
    egui::Color32::from_rgb(190, 130, 230),
];

/// Who takes part in the region's bodies and whether its council is
/// captured.
fn voice_and_capture(ui: &mut egui::Ui, participation: &Participation, capture: &Capture) {
    ui.label(format!(
        "Voice {:.0}: people take part in {:.1} of the {BODIES} bodies that govern their work and commons, leaving {:.0}% of their seats empty; civic literacy {:.0}%",
        participation.voice * 100.0,
        participation.voice * BODIES as f64,
        participation.disengaged * 100.0,
        participation.literacy * 100.0,
    ));
    match capture.by {
        Some(group) => ui.colored_label(
            CAPTURED,
            format!(
                "Council captured by {} for {} months",
                group.name(),
                capture.months
            ),
        ),
        None => ui.label(format!(
            "Council free: an attempt to capture it would succeed {:.0}% of the time",
            capture.vulnerability * 100.0
        )),
    };
}

/// The colour of capture, on the map and in the panel.
pub(crate) const CAPTURED: egui::Color32 = egui::Color32::from_rgb(230, 90, 40);

/// The region's power ledger: one bar per type of power, split by the share
/// each group holds formally, then in grey the share held informally by the
/// type's leader, and the groups' colours beneath.
fn power_ledger(ui: &mut egui::Ui, ledger: &PowerLedger) {
    egui::CollapsingHeader::new(format!(
        "Power (dispersion {:.0})",
        ledger.dispersion() * 100.0
    ))
    .default_open(true)
    .show(ui, |ui| {
        egui::Grid::new("power").num_columns(2).show(ui, |ui| {
            for (k, (kind, split)) in TYPES.iter().zip(&ledger.shares).enumerate() {
                ui.label(*kind);
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(260.0, 14.0), egui::Sense::hover());
                let mut left = rect.left();
                let formal = split.map(|s| s * (1.0 - ledger.informal[k]));
                let pieces = formal.iter().zip(GROUP_COLOURS);
                let informal = std::iter::once((&ledger.informal[k], egui::Color32::GRAY));
                for (share, colour) in pieces.chain(informal) {
                    let width = rect.width() * *share as f32;
                    let piece = egui::Rect::from_min_size(
                        egui::pos2(left, rect.top()),
                        egui::vec2(width, rect.height()),
                    );
                    ui.painter().rect_filled(piece, 0.0, colour);
                    left += width;
                }
                ui.end_row();
            }
        });
        ui.horizontal_wrapped(|ui| {
            for (group, colour) in GROUPS.iter().zip(GROUP_COLOURS) {
                ui.colored_label(colour, "■");
                ui.label(*group);
            }
            ui.colored_label(egui::Color32::GRAY, "■");
            ui.label(format!(
                "informal, with the leader ({:.0}%)",
                ledger.informal_share() * 100.0
            ));
        });
    });
}

/// The region's institutions last month: who worked for them, what the
/// council holds and received, where investment went, and the boundaries.
fn institutions(
    ui: &mut egui::Ui,
    stats: &RegionStats,
    fund: &InvestmentFund,
    boundaries: &Boundaries,
    council_funds: f64,
) {
    egui::CollapsingHeader::new("Institutions")
        .default_open(false)
        .show(ui, |ui| {
            egui::Grid::new("institutions")
                .striped(true)
                .num_columns(2)
                .show(ui, |ui| {
                    let mut row = |name: &str, value: String| {
                        ui.label(name);
                        ui.label(value);
                        ui.end_row();
                    };
                    row(
                        "monitors, administrators",
                        format!("{:.0}, {:.0} people", stats.monitors, stats.administrators),
                    );
                    row(
                        "research and abatement",
                        format!(
                            "{:.0} people  (mission research {}, abatement {})",
                            stats.researchers,
                            thousands(stats.mission_research),
                            thousands(stats.abatement_spending)
                        ),
                    );
                    row(
                        "keep the commons cap",
                        format!("{:.0}%", stats.compliance * 100.0),
                    );
                    row("council funds", thousands(council_funds));
                    row("mutual aid received", thousands(stats.aid_received));
                    row(
                        "investment waiting",
                        format!(
                            "{}  (decides in {:.1} months)",
                            thousands(fund.funds.get()),
                            fund.delay_months
                        ),
                    );
                    row(
                        "to capital, to restoring commons",
                        format!(
                            "{}, {}",
                            thousands(fund.capital),
                            thousands(fund.restoration)
                        ),
                    );
                    row("drained to financial wealth", thousands(fund.drained));
                    row(
                        "boundaries, market creep",
                        format!(
                            "{}, {:.0}% of need-based basics",
                            boundaries.count,
                            boundaries.creep * 100.0
                        ),
                    );
                    row("boundary defence", thousands(boundaries.overhead));
                });
            ui.small("money units, last month");
        });
}
