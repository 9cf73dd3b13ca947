//! The levers in the panel: the model's registry grouped by domain, one
//! widget per lever with its tooltip, and the drafts that show a moved
//! lever's new value until the tick that applies it. A moved lever is sent
//! as a [`LeverChange`]; the panel never writes a [`Policy`].

use bevy::prelude::*;
use bevy_egui::egui;

use super::explainer::info_button;
use crate::explain::{Entry, Explanations};
use crate::sim::base::bounded::Range;
use crate::sim::institutions::{
    Domain, LEVERS, Lever, LeverChange, LeverChanges, LeverKind, LeverTarget, LeverValue,
    LockChange, Policy,
};
use crate::sim::power::Constitution;

/// Values the user set that the model has not applied yet.
#[derive(Resource, Default)]
pub(super) struct Drafts {
    /// The model's tick when they were sent; the next tick applies them.
    sent_at: u32,
    /// Lever name, target and value, latest last.
    values: Vec<(&'static str, LeverTarget, LeverValue)>,
}

impl Drafts {
    /// Forgets drafts the model has applied by `tick`.
    pub(super) fn settle(&mut self, tick: u32) {
        if tick != self.sent_at {
            self.values.clear();
        }
    }

    /// The draft for a lever as seen from a region (or all), if any.
    fn get(&self, name: &str, region: Option<u32>) -> Option<LeverValue> {
        self.values
            .iter()
            .rev()
            .find(|(n, t, _)| {
                *n == name
                    && (*t == LeverTarget::All
                        || region.is_some_and(|id| *t == LeverTarget::Region(id)))
            })
            .map(|(_, _, v)| *v)
    }

    /// Whether any lever change waits for the next tick.
    pub(super) fn pending(&self) -> bool {
        !self.values.is_empty()
    }

    fn record(&mut self, tick: u32, change: &LeverChange) {
        self.sent_at = tick;
        self.values
            .push((change.lever.name, change.target, change.value));
    }
}

/// The registry's levers grouped by domain, domains in the order they first
/// appear and levers in registry order: what the panel lists.
pub(super) fn grouped(levers: &'static [Lever]) -> Vec<(Domain, Vec<&'static Lever>)> {
    let mut groups: Vec<(Domain, Vec<&'static Lever>)> = Vec::new();
    for lever in levers {
        match groups.iter_mut().find(|(d, _)| *d == lever.domain) {
            Some((_, list)) => list.push(lever),
            None => groups.push((lever.domain, vec![lever])),
        }
    }
    groups
}

/// Where the panel's lever widgets send and what they show.
pub(super) struct LeverContext<'a> {
    /// The region whose policy is shown (the selected one, or the first).
    pub(super) shown: Option<(u32, &'a Policy)>,
    /// Where a change goes.
    pub(super) target: LeverTarget,
    /// The model's tick now.
    pub(super) tick: u32,
}

/// What the lever widgets change: the drafts shown until the next month,
/// the changes sent to the model, the constitution's locks and the
/// explanation an ⓘ opens.
pub(super) struct LeverSinks<'a> {
    pub(super) drafts: &'a mut Drafts,
    pub(super) changes: &'a mut LeverChanges,
    pub(super) constitution: &'a Constitution,
    pub(super) explaining: &'a mut Option<Entry>,
}

/// Every lever, grouped by domain, as widgets; a change is sent to `target`.
/// Each lever has a lock: a locked lever is in the constitution, so no
/// captured council turns it off and a region that swings keeps it.
/// `only`, if given, names the levers to show (presenter mode's lesson
/// levers); a domain with none of them is left out.
pub(super) fn lever_widgets(
    ui: &mut egui::Ui,
    context: &LeverContext,
    only: Option<&[String]>,
    words: &Explanations,
    sinks: LeverSinks,
) {
    let LeverSinks {
        drafts,
        changes,
        constitution,
        explaining,
    } = sinks;
    let Some((region, policy)) = context.shown else {
        ui.label("No regions.");
        return;
    };
    for (domain, levers) in grouped(LEVERS) {
        let levers: Vec<&'static Lever> = levers
            .into_iter()
            .filter(|l| only.is_none_or(|names| names.iter().any(|n| n == l.name)))
            .collect();
        if levers.is_empty() {
            continue;
        }
        ui.label(egui::RichText::new(words.domain(domain.name())).strong());
        egui::Grid::new(("levers", domain.name()))
            .num_columns(3)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                for lever in levers {
                    // A change the region is consulting on shows as asked,
                    // with the months it still waits, until it lands.
                    let consulting = changes
                        .consulting
                        .iter()
                        .rev()
                        .find(|c| c.region == region && c.lever.name == lever.name)
                        .copied();
                    let current = drafts
                        .get(lever.name, Some(region))
                        .or(consulting.map(|c| c.value))
                        .unwrap_or((lever.get)(policy));
                    let entry = words.lever(lever.name);
                    let tooltip = entry.tooltip();
                    ui.horizontal(|ui| {
                        ui.label(&entry.label).on_hover_text(&tooltip);
                        info_button(ui, entry, explaining);
                    });
                    let moved = ui
                        .vertical(|ui| {
                            let moved = lever_widget(ui, lever, current, entry, &tooltip);
                            if let Some(c) = consulting {
                                ui.colored_label(
                                    PENDING,
                                    format!(
                                        "pending: consulting, {} more months",
                                        c.due.saturating_sub(context.tick)
                                    ),
                                )
                                .on_hover_text(
                                    "The region consults its people before a change takes effect; \
                                     the longer the more people it must reach (the scale and \
                                     paralysis scenarios). Until then its old value holds.",
                                );
                            }
                            moved
                        })
                        .inner;
                    if let Some(value) = moved {
                        let change = LeverChange {
                            target: context.target,
                            lever,
                            value,
                        };
                        changes.send(change);
                        drafts.record(context.tick, &change);
                    }
                    // A lock waits in the queue for the next month, as a
                    // lever change does; the box shows it meanwhile.
                    let mut locked = changes
                        .lock_waiting(lever.name)
                        .unwrap_or_else(|| constitution.locks(lever.name));
                    if ui
                        .checkbox(&mut locked, "lock")
                        .on_hover_text(
                            "Locked in the constitution: a captured council cannot turn it off, and a region that swings to another regime keeps it",
                        )
                        .changed()
                    {
                        changes.send_lock(LockChange { lever, locked });
                    }
                    ui.end_row();
                }
            });
        ui.add_space(4.0);
    }
}

/// The colour of a change that waits: amber, as the panel's other notices
/// of changes to come.
const PENDING: egui::Color32 = egui::Color32::from_rgb(250, 200, 90);

/// The part of a number lever's limits its slider offers, where the whole
/// of them (a carbon price up to 10, a reserve of two years) would leave the
/// values a class will want to try a few pixels wide; a lever not listed
/// offers all its limits. A value typed into the slider's box may go
/// anywhere within the lever's limits.
const SLIDERS: &[(&str, std::ops::RangeInclusive<f64>)] = &[
    ("contribution_rate", 0.0..=0.6),
    ("monitoring_share", 0.0..=0.1),
    ("board_seats", 3.0..=40.0),
    ("financialisation_share", 0.0..=0.6),
    ("mutual_aid_share", 0.0..=0.5),
    ("carbon_price", 0.0..=0.5),
    ("emergency_sunset_months", 0.0..=36.0),
    ("reserve_months", 0.0..=12.0),
    ("rotation_years", 0.0..=20.0),
    ("civic_education", 0.0..=0.2),
    ("retraining", 0.0..=0.5),
    ("mission_research_share", 0.0..=0.03),
];

/// The range a number lever's slider offers: its entry in [`SLIDERS`], or
/// its whole limits.
fn slider_range(lever: &Lever, limits: Range) -> std::ops::RangeInclusive<f64> {
    SLIDERS
        .iter()
        .find(|(name, _)| *name == lever.name)
        .map_or(limits.min..=limits.max, |(_, range)| range.clone())
}

/// One lever's widget; the new value if the user set one.
fn lever_widget(
    ui: &mut egui::Ui,
    lever: &Lever,
    current: LeverValue,
    words: &Entry,
    tooltip: &str,
) -> Option<LeverValue> {
    match (lever.kind, current) {
        (LeverKind::Number { limits }, LeverValue::Number(mut value)) => {
            // Only what the user enters is clamped (to the lever's limits,
            // not the slider's part of them) and rounded: a value the model
            // holds (a preset's 0.008, a learned 2.08 months) is shown
            // as it is and never sent back changed by merely being drawn.
            // A count (board seats, months, years) held whole prints whole:
            // "12", not "12.00"; shares keep two decimals.
            let whole = limits.max > 1.0 && value.fract() == 0.0;
            let response = ui
                .add(
                    egui::Slider::new(&mut value, slider_range(lever, limits))
                        .clamping(egui::SliderClamping::Never)
                        .min_decimals(if whole { 0 } else { 2 })
                        .max_decimals(4),
                )
                .on_hover_text(tooltip);
            // Sent when a drag ends or a click or key sets it, not every
            // frame of a drag.
            let set = response.drag_stopped() || (response.changed() && !response.dragged());
            set.then_some(LeverValue::Number(limits.clamp(value)))
        }
        (LeverKind::Choice { options }, LeverValue::Choice(index)) => {
            let mut picked = index;
            egui::ComboBox::from_id_salt(lever.name)
                .selected_text(options.get(index).map_or("?", |o| words.choice(o)))
                .show_ui(ui, |ui| {
                    for (i, option) in options.iter().enumerate() {
                        ui.selectable_value(&mut picked, i, words.choice(option));
                    }
                })
                .response
                .on_hover_text(tooltip);
            (picked != index).then_some(LeverValue::Choice(picked))
        }
        _ => {
            ui.label("?");
            None
        }
    }
}

/// A lever's value as words, for the region's figures.
pub(super) fn describe(lever: &Lever, policy: &Policy, words: &Entry) -> String {
    match ((lever.get)(policy), lever.kind) {
        (LeverValue::Number(n), _) => format!("{n:.2}"),
        (LeverValue::Choice(i), LeverKind::Choice { options }) => {
            options.get(i).map_or("?", |o| words.choice(o)).to_string()
        }
        (LeverValue::Choice(i), _) => i.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each slider names a number lever and offers a part of its limits:
    /// the limits are the model's, declared once; a slider only chooses
    /// what to show.
    #[test]
    fn every_slider_offers_a_part_of_its_levers_limits() {
        for (name, range) in SLIDERS {
            let Some(LeverKind::Number { limits }) =
                LEVERS.iter().find(|l| l.name == *name).map(|l| l.kind)
            else {
                panic!("the slider {name} names no number lever");
            };
            assert!(
                limits.holds(*range.start()) && limits.holds(*range.end()),
                "{name}: the slider {range:?} leaves its limits ({})",
                limits.what
            );
        }
    }

    /// Drawing a lever's slider must not change the value the model holds,
    /// however many decimals it has: a preset's mission research share of
    /// 0.008 was once sent back as 0.01 to every region on the first frame.
    #[test]
    fn drawing_a_slider_sends_nothing() {
        let lever = crate::sim::institutions::lever("mission_research_share").expect("a lever");
        for value in [0.008, 0.0005, 0.02999] {
            let ctx = egui::Context::default();
            let mut sent = None;
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                sent = lever_widget(ui, lever, LeverValue::Number(value), &Entry::default(), "");
            });
            output.textures_delta.clear();
            assert!(
                sent.is_none(),
                "showing {value} sent {sent:?} without anyone touching it"
            );
        }
    }
    use crate::headless;
    use crate::scenario::Scenario;
    use crate::sim::people::Region;

    #[test]
    fn every_lever_is_listed_once_under_its_own_domain() {
        let groups = grouped(LEVERS);
        let listed: usize = groups.iter().map(|(_, l)| l.len()).sum();
        assert_eq!(listed, LEVERS.len(), "each lever listed exactly once");
        for (i, (domain, levers)) in groups.iter().enumerate() {
            assert!(!levers.is_empty(), "{} has no levers", domain.name());
            assert!(
                levers.iter().all(|l| l.domain == *domain),
                "{} holds a lever of another domain",
                domain.name()
            );
            assert!(
                groups[..i].iter().all(|(d, _)| d != domain),
                "{} listed twice",
                domain.name()
            );
        }
        for (domain, levers) in &groups {
            let at: Vec<usize> = levers
                .iter()
                .filter_map(|l| LEVERS.iter().position(|x| x.name == l.name))
                .collect();
            assert!(
                at.windows(2).all(|w| w[0] < w[1]),
                "{} keeps registry order: {at:?}",
                domain.name()
            );
        }
    }

    /// A change a region consults on shows at its lever, as asked, with the
    /// months it still waits; another region's lever shows nothing waiting.
    #[test]
    fn a_change_under_consultation_shows_at_its_lever_with_its_months() {
        use egui_kittest::Harness;
        use egui_kittest::kittest::Queryable;
        let scenario = Scenario::load("scenarios/classroom.ron").expect("classroom loads");
        let lever = crate::sim::institutions::lever("contribution_rate").expect("a lever");
        let consulting = vec![crate::sim::institutions::Consultation {
            region: 3,
            lever,
            value: LeverValue::Number(0.5),
            due: 10,
        }];
        let constitution = Constitution::default();
        let words = Explanations::default();
        let draw = |region: u32| {
            let (policy, consulting, constitution, words) =
                (scenario.policy.clone(), &consulting, &constitution, &words);
            move |ui: &mut egui::Ui| {
                let mut changes = LeverChanges::default();
                changes.consulting.clone_from(consulting);
                let context = LeverContext {
                    shown: Some((region, &policy)),
                    target: LeverTarget::All,
                    tick: 4,
                };
                let only = ["contribution_rate".to_string()];
                lever_widgets(
                    ui,
                    &context,
                    Some(&only),
                    words,
                    LeverSinks {
                        drafts: &mut Drafts::default(),
                        changes: &mut changes,
                        constitution,
                        explaining: &mut None,
                    },
                );
            }
        };
        let mut consulting = Harness::new_ui(draw(3));
        consulting.run();
        consulting.get_by_label("pending: consulting, 6 more months");
        let mut other = Harness::new_ui(draw(4));
        other.run();
        assert!(
            other
                .query_by_label("pending: consulting, 6 more months")
                .is_none()
        );
    }

    #[test]
    fn a_lever_sent_as_the_panel_sends_it_reaches_the_model_at_the_next_tick() {
        let mut scenario =
            Scenario::load("scenarios/classroom.ron").expect("classroom scenario loads");
        // A council that consults no one decides at once; the consultation
        // delay of participatory regions has its own test (tests/model/voice.rs).
        scenario.policy.investment_allocation =
            crate::sim::institutions::InvestmentAllocation::CapitalMarkets;
        let mut app = headless::app(&scenario, scenario.seed, false);
        let lever = crate::sim::institutions::lever("contribution_rate")
            .expect("contribution_rate is a lever");
        let before: Vec<(u32, f64)> = policies(&mut app);
        let target_id = before[0].0;
        let new_value = before[0].1 + 0.11;

        let mut drafts = Drafts::default();
        let change = LeverChange {
            target: LeverTarget::Region(target_id),
            lever,
            value: LeverValue::Number(new_value),
        };
        app.world_mut().resource_mut::<LeverChanges>().send(change);
        drafts.record(0, &change);
        assert_eq!(
            policies(&mut app),
            before,
            "nothing changes before the tick"
        );
        assert!(drafts.pending(), "the panel shows the change as waiting");

        // Run until the model completes its next tick (a fresh app's first
        // update may only start its clock).
        let tick = |app: &App| app.world().resource::<crate::sim::SimClock>().tick;
        let start = tick(&app);
        for _ in 0..3 {
            if tick(&app) > start {
                break;
            }
            app.update();
        }
        assert_eq!(tick(&app), start + 1, "exactly one tick ran");
        let after = policies(&mut app);
        for ((id, old), (_, new)) in before.iter().zip(&after) {
            if *id == target_id {
                assert!(
                    (new - new_value).abs() < 1e-12,
                    "region {id}: {new} should be {new_value}"
                );
            } else {
                assert!(
                    (new - old).abs() < 1e-12,
                    "region {id} was not the target: {old} became {new}"
                );
            }
        }
        let log = app.world().resource::<crate::sim::crisis::EventLog>();
        assert!(
            log.0.iter().any(|e| matches!(
                e.what,
                crate::sim::crisis::Happening::LeverMoved { lever: moved, .. } if moved == lever.name
            )),
            "the event log, which the chart marks, has the move"
        );
        drafts.settle(app.world().resource::<crate::sim::SimClock>().tick);
        assert!(!drafts.pending(), "the draft is dropped once applied");
    }

    /// Everything the model, the shipped presets and the map have is
    /// explained in `assets/explain.ron`, and the file reads.
    #[test]
    fn the_explanations_file_explains_everything() {
        let words = Explanations::load("assets/explain.ron").expect("assets/explain.ron reads");
        let presets: Vec<String> = crate::scenario::Scenario::load("scenarios/classroom.ron")
            .expect("the classroom reads")
            .regimes
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        assert_eq!(presets.len(), 5, "the shipped presets: {presets:?}");
        let overlays: Vec<&str> = crate::view::overlay::Overlay::ALL
            .iter()
            .map(|o| o.name())
            .collect();
        let missing = words.missing(&presets, &overlays);
        assert!(missing.is_empty(), "assets/explain.ron lacks: {missing:?}");

        let mut short = words.clone();
        short.levers.remove("carbon_price");
        short.shocks.clear();
        short.presets.remove("central_plan");
        short.overlays.remove("trust");
        if let Some(e) = short.levers.get_mut("innovation_mode") {
            e.choices.remove("Open");
        }
        let found = short.missing(&presets, &overlays);
        for gap in [
            "lever carbon_price",
            "shock Drought",
            "preset central_plan",
            "overlay trust",
            "lever innovation_mode choice Open",
        ] {
            assert!(
                found.iter().any(|f| f == gap),
                "{gap} not reported: {found:?}"
            );
        }
    }

    fn policies(app: &mut App) -> Vec<(u32, f64)> {
        let world = app.world_mut();
        let mut query = world.query::<(&Region, &Policy)>();
        let mut out: Vec<_> = query
            .iter(world)
            .map(|(r, p)| (r.id, p.contribution_rate))
            .collect();
        out.sort_by_key(|(id, _)| *id);
        out
    }
}
