//! The economy's parameters: every number a mechanism uses that is not a
//! lever or a fact about one region. Read from `scenarios/economy/*.ron`,
//! where each carries its meaning and source; rates there are annual and are
//! turned into monthly ones here, once.

use std::collections::BTreeMap;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::sim::base::bounded;
use crate::sim::base::calendar::MONTHS_A_YEAR;
use crate::sim::base::goods::{Basic, PerSector};

/// Economy parameters as written in the file (annual rates).
#[derive(Resource, Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Economy {
    /// Share of people of working age who offer work.
    #[serde(deserialize_with = "bounded::share")]
    pub labour_participation: f64,
    /// Workers needed per unit of output at technology 1 and skills 1, per
    /// sector (food, housing, health, education, energy, personal). A unit of a basic
    /// good is one person's need for a month.
    #[serde(deserialize_with = "bounded::per_sector_positive")]
    pub labour_per_unit: PerSector<f64>,
    /// Starting price of a unit, per sector (money).
    #[serde(deserialize_with = "bounded::per_sector_positive")]
    pub base_price: PerSector<f64>,
    /// Share of an unsold stock that spoils or lapses each month, per sector
    /// (services cannot be stored: 1).
    #[serde(deserialize_with = "bounded::per_sector_share")]
    pub spoilage_monthly: PerSector<f64>,
    /// Share of a unit of output made from commons resource, per sector: one
    /// resource unit per unit so made (a resource unit feeds a person for a
    /// month). Food is all commons; energy partly (the rest is fossil fuel,
    /// which needs no commons and shows in carbon).
    #[serde(deserialize_with = "bounded::per_sector_share")]
    pub commons_share: PerSector<f64>,
    /// Output elasticity of capital in production.
    #[serde(deserialize_with = "bounded::share")]
    pub capital_elasticity: f64,
    /// Share of capital worn out per year.
    #[serde(deserialize_with = "bounded::share")]
    pub depreciation_annual: f64,
    /// Share of an enterprise's expected revenue it budgets for wages: with
    /// the wage, how many workers it can afford.
    #[serde(deserialize_with = "bounded::share")]
    pub wage_share: f64,
    /// Share of the labour force between jobs at any time.
    #[serde(deserialize_with = "bounded::share")]
    pub frictional_unemployment: f64,
    /// How fast the wage moves with the gap between workers wanted and
    /// available (share of the gap per year).
    #[serde(deserialize_with = "bounded::non_negative")]
    pub wage_adjustment_annual: f64,
    /// How fast the wage falls, as a share of how fast it rises.
    #[serde(deserialize_with = "bounded::share")]
    pub wage_downward_rigidity: f64,
    /// The most the wage can fall in a year, however slack the market:
    /// pay cuts come at a pace the historical record bounds.
    #[serde(deserialize_with = "bounded::share")]
    pub wage_cut_max_annual: f64,
    /// How a multi-stakeholder firm splits its profit: workers, capital
    /// owners, the community's council (shares summing to 1).
    #[serde(
        deserialize_with = "bounded::three_shares",
        serialize_with = "bounded::write_three_shares"
    )]
    pub stakeholder_profit_shares: [f64; 3],
    /// Share of a cohort's learning that comes from the region's schooling
    /// rather than its own (the spillover of education).
    #[serde(deserialize_with = "bounded::share")]
    pub education_spillover: f64,
    /// How far an individualist culture (1) weakens conditional
    /// cooperators' norm, as a share of it.
    #[serde(deserialize_with = "bounded::share")]
    pub individualism_weight: f64,
    /// Monitoring each strong reciprocator adds under community governance,
    /// watching others as they work (share of the labour force per
    /// reciprocator share).
    #[serde(deserialize_with = "bounded::non_negative")]
    pub peer_monitoring: f64,
    /// Share of output per worker a state firm loses to its soft budget.
    #[serde(deserialize_with = "bounded::share")]
    pub soft_budget_inefficiency: f64,
    /// Months of its provision a council running need-based basics keeps in
    /// hand; it pays the rest back to people as equal cash.
    #[serde(deserialize_with = "bounded::non_negative")]
    pub council_reserve_months: f64,
    /// Months of its wage bill an enterprise keeps as working capital
    /// instead of paying it out as profit.
    #[serde(deserialize_with = "bounded::non_negative")]
    pub cash_reserve_months: f64,
    /// Months of its wage bill (at its expected orders) a firm may owe its
    /// workers; wages owed beyond them are written off in a bankruptcy.
    #[serde(deserialize_with = "bounded::non_negative")]
    pub wage_claims_months: f64,
    /// How far lasting unemployment lowers the skills and the health a
    /// cohort tends to (at full long-term unemployment).
    #[serde(deserialize_with = "bounded::share")]
    pub unemployment_skill_scarring: f64,
    #[serde(deserialize_with = "bounded::share")]
    pub unemployment_health_scarring: f64,
    /// Share of an enterprise's monthly revenue spent on new capital.
    #[serde(deserialize_with = "bounded::share")]
    pub investment_share: f64,
    /// Discount rate per year of capital markets (a short horizon: required
    /// returns on equity).
    #[serde(deserialize_with = "bounded::share")]
    pub capital_market_discount: f64,
    /// Discount rate per year of participatory planning (a long horizon:
    /// social discount rates).
    #[serde(deserialize_with = "bounded::share")]
    pub participatory_discount: f64,
    /// Months a participatory investment decision takes in a region of the
    /// reference population.
    #[serde(deserialize_with = "bounded::positive")]
    pub participatory_delay_months: f64,
    /// Population at which participatory decisions take
    /// `participatory_delay_months` (people).
    #[serde(deserialize_with = "bounded::positive")]
    pub participatory_reference_population: f64,
    /// Money to restore one resource unit of commons capacity.
    #[serde(deserialize_with = "bounded::positive")]
    pub restoration_cost: f64,
    /// Years before restored capacity yields.
    #[serde(deserialize_with = "bounded::non_negative")]
    pub restoration_lag_years: f64,
    /// Share per year by which a restoration's value fades.
    #[serde(deserialize_with = "bounded::share")]
    pub restoration_decay_annual: f64,
    /// Months old the demand figures are that a central planner works from
    /// (1 to 11).
    #[serde(deserialize_with = "bounded::plan_delay")]
    pub plan_delay_months: u32,
    /// Standard deviation of a planner's relative error in a sector's demand
    /// when it tracks `plan_reference_enterprises` enterprises.
    #[serde(deserialize_with = "bounded::non_negative")]
    pub plan_error: f64,
    /// Enterprises a planner can track with error `plan_error`; the error
    /// grows with the square root of the number tracked over this.
    #[serde(deserialize_with = "bounded::positive")]
    pub plan_reference_enterprises: f64,
    /// How fast administered prices follow excess demand: the log price
    /// change per month when orders are double the stock (slower than a
    /// market's `price_adjustment`).
    #[serde(deserialize_with = "bounded::non_negative")]
    pub plan_price_adjustment: f64,
    /// Discount rate per year of a central planner (a long horizon).
    #[serde(deserialize_with = "bounded::share")]
    pub planner_discount: f64,
    /// Years a cooperative's members expect to stay: they invest only for
    /// the share of a machine's life (1 / depreciation) they will see.
    #[serde(deserialize_with = "bounded::positive")]
    pub member_horizon_years: f64,
    /// Board seats at which a multi-stakeholder board revises its plans half
    /// as fast as a single owner.
    #[serde(deserialize_with = "bounded::positive")]
    pub board_reference_seats: f64,
    /// Share of revenue a multi-stakeholder board costs per seat each month
    /// (members' time, meetings, reporting), paid as administration.
    #[serde(deserialize_with = "bounded::positive")]
    pub board_cost_per_seat: f64,
    /// Output per person per month, at base prices, at which prosperity
    /// reads 50 (money units).
    #[serde(deserialize_with = "bounded::positive")]
    pub reference_output_per_person: f64,
    /// How fast prices answer excess demand: the log price change per month
    /// when demand is double supply.
    #[serde(deserialize_with = "bounded::positive")]
    pub price_adjustment: f64,
    /// Weight of the latest month in an enterprise's demand forecast.
    #[serde(deserialize_with = "bounded::share")]
    pub demand_smoothing: f64,
    /// Stock an enterprise aims to hold, in months of expected demand.
    #[serde(deserialize_with = "bounded::non_negative")]
    pub buffer_months: f64,
    /// Work effort lost per unit of contribution rate.
    #[serde(deserialize_with = "bounded::positive")]
    pub effort_elasticity: f64,
    /// Share of need-based provision spent on administration.
    #[serde(deserialize_with = "bounded::positive")]
    pub admin_overhead: f64,
    /// Extra share of need for free health care taken when trust is zero
    /// (other basics handed out are not over-used).
    #[serde(deserialize_with = "bounded::positive")]
    pub overuse_at_zero_trust: f64,
    /// Share of personal goods handed out by need that go to people who did
    /// not want them (they count as used, but as nobody's consumption).
    #[serde(deserialize_with = "bounded::share")]
    pub preference_mismatch: f64,
    /// Monitoring labour (share of the labour force) that catches 63% of
    /// violators.
    #[serde(deserialize_with = "bounded::positive")]
    pub monitoring_scale: f64,
    /// Share of food's value paid as resource rent to the owners of a
    /// private commons.
    #[serde(deserialize_with = "bounded::share")]
    pub private_rent_share: f64,
    /// Carbon emitted per unit of output at base prices, per sector (tonnes
    /// per money unit).
    #[serde(deserialize_with = "bounded::per_sector_non_negative")]
    pub emission_intensity: PerSector<f64>,
    /// Carbon price (money units per tonne) at which firms would abate every
    /// abatable tonne; marginal abatement cost rises linearly to it.
    #[serde(deserialize_with = "bounded::positive")]
    pub abatement_cost_full: f64,
    /// The carbon budget, in years of the starting world's emissions.
    #[serde(deserialize_with = "bounded::positive")]
    pub carbon_budget_years: f64,
    /// Chance per year that a region suffers a drought, within the budget.
    #[serde(deserialize_with = "bounded::share")]
    pub drought_probability_annual: f64,
    /// Severity of a random drought within the budget (share of regrowth
    /// lost).
    #[serde(deserialize_with = "bounded::share")]
    pub drought_severity: f64,
    /// Months a random drought lasts.
    pub drought_months: u32,
    /// Calm months run before month 0, unseen, so that money, prices and
    /// stocks start where the economy's own flows put them.
    pub burn_in_months: u32,
    /// The deepest a drought can be, however far emissions overshoot
    /// (share of regrowth lost).
    #[serde(deserialize_with = "bounded::share")]
    pub drought_severity_max: f64,
    /// Share of what is made from the commons lost per unit of drought
    /// severity, whatever the governance: rain-fed crops and hydro yield
    /// less in a dry year.
    #[serde(deserialize_with = "bounded::share")]
    pub drought_yield_loss: f64,
    /// How much each unit of overshoot (emissions over the budget, as a share
    /// of it) multiplies drought frequency and depth.
    #[serde(deserialize_with = "bounded::non_negative")]
    pub drought_sensitivity: f64,
    /// Standard deviation of a commons' year-to-year regrowth.
    #[serde(deserialize_with = "bounded::non_negative")]
    pub regrowth_variability: f64,
    /// Health with no basics at all (0..1).
    #[serde(deserialize_with = "bounded::share")]
    pub health_floor: f64,
    /// Share of the gap to its target that health closes per year.
    #[serde(deserialize_with = "bounded::share")]
    pub health_adjustment_annual: f64,
    /// Skills with no education at all (0..1).
    #[serde(deserialize_with = "bounded::share")]
    pub skills_floor: f64,
    /// Share of the gap to its target that skills close per year.
    #[serde(deserialize_with = "bounded::share")]
    pub skills_adjustment_annual: f64,
    /// Share of the gap to its target that trust closes per year.
    #[serde(deserialize_with = "bounded::share")]
    pub trust_adjustment_annual: f64,
    /// Trust lost per unit of Gini coefficient.
    #[serde(deserialize_with = "bounded::non_negative")]
    pub inequality_aversion: f64,
    /// Coverage per person of the basic good a region is shortest of under
    /// which people turn to zero-sum behaviour in proportion
    /// (`Society::zero_sum`); 0: never.
    #[serde(deserialize_with = "bounded::non_negative")]
    pub scarcity_threshold: f64,
    /// Support lost per unit of distance between a region's individualism
    /// and its institutions' marketness (`backlash::fit`).
    #[serde(deserialize_with = "bounded::share")]
    pub misfit_weight: f64,
    /// Support lost per unit of capability's shortfall from what people
    /// expect.
    #[serde(deserialize_with = "bounded::non_negative")]
    pub loss_aversion: f64,
    /// Share of the gap to a lower capability that expectations close per
    /// year.
    #[serde(deserialize_with = "bounded::share")]
    pub habituation_annual: f64,
    /// Share of the gap to its target that support closes per year.
    #[serde(deserialize_with = "bounded::share")]
    pub support_adjustment_annual: f64,
    /// Support under which a region swings to another preset; 0: never.
    #[serde(deserialize_with = "bounded::share")]
    pub backlash_threshold: f64,
    /// Support gained for a pilot's institution per unit of its
    /// demonstrated advantage: how much higher capability is, relative to
    /// the region's own, where the regions around run it than where they
    /// do not (`power::adoption`).
    #[serde(deserialize_with = "bounded::non_negative")]
    pub demonstration_weight: f64,
    /// Support for a pilot's institution above which a region extends the
    /// pilot by a step, and under one minus which it takes a step back.
    #[serde(deserialize_with = "bounded::share")]
    pub adoption_threshold: f64,
    /// Months a region waits between two steps of one pilot.
    #[serde(deserialize_with = "bounded::non_negative")]
    pub adoption_lag_months: f64,
    /// Share of the gap to what it sees that grown adults' support for a
    /// pilot's institution closes per year.
    #[serde(deserialize_with = "bounded::share")]
    pub adult_learning_annual: f64,
    /// Share of adults replaced each year by those coming of age, whose
    /// views form at once from what they see (0: no turnover).
    #[serde(deserialize_with = "bounded::share")]
    pub adult_turnover_annual: f64,
    /// Support young adults bring to a new institution beyond what they
    /// see.
    #[serde(deserialize_with = "bounded::share")]
    pub youth_openness: f64,
    /// How much a visible failure of a region's own institutions opens the
    /// door, both ways: what demonstration tells it weighs `1 +
    /// crisis_opening × shortfall` times as much, and a capture attempt is
    /// that many times as likely to succeed.
    #[serde(deserialize_with = "bounded::non_negative")]
    pub crisis_opening: f64,
    /// Support lost per unit of power held by the group a step would cost
    /// (cultural campaigns).
    #[serde(deserialize_with = "bounded::non_negative")]
    pub resistance_weight: f64,
    /// Months of legal delay a step waits per unit of power held by the
    /// group it would cost.
    #[serde(deserialize_with = "bounded::non_negative")]
    pub legal_delay_months: f64,
    /// Share of the capital of a firm a pilot step takes from capital
    /// owners that they take out of the region, at all of the region's
    /// power (a capital strike).
    #[serde(deserialize_with = "bounded::share")]
    pub capital_flight: f64,
    /// Share of a pilot region's best-paid cohort a neighbour recruiting at
    /// full strength takes a year (`recruiting_from_pilots`).
    #[serde(deserialize_with = "bounded::share")]
    pub poaching_annual: f64,
    /// Share of the region's output value a month that full protection of
    /// its pilots costs in administration (`pilot_protection`).
    #[serde(deserialize_with = "bounded::share")]
    pub protection_cost: f64,
    /// Births per person per year.
    #[serde(deserialize_with = "bounded::share")]
    pub birth_rate_annual: f64,
    /// Deaths per person per year at full health.
    #[serde(deserialize_with = "bounded::share")]
    pub death_rate_annual: f64,
    /// Extra deaths per person per year at zero health.
    #[serde(deserialize_with = "bounded::share")]
    pub excess_mortality_annual: f64,
    /// Extra deaths per person per year with no food at all (famine).
    #[serde(deserialize_with = "bounded::share")]
    pub starvation_mortality_annual: f64,
    /// The floor an emergency may draw a capped commons down to, as a
    /// multiple of its tipping threshold.
    #[serde(deserialize_with = "bounded::non_negative")]
    pub emergency_commons_floor: f64,
    /// Food coverage (share of need) below which hunger kills: deaths of
    /// hunger rise with the square of the shortfall below it.
    #[serde(deserialize_with = "bounded::share")]
    pub subsistence_food: f64,
    /// Share per year of need-based provision that market logic takes over
    /// when the boundary is not defended.
    #[serde(deserialize_with = "bounded::share")]
    pub creep_rate_annual: f64,
    /// Share per year of the creep won back at full boundary protection.
    #[serde(deserialize_with = "bounded::share")]
    pub reclaim_rate_annual: f64,
    /// Share of the council's funds one boundary costs per month at full
    /// protection.
    #[serde(deserialize_with = "bounded::positive")]
    pub boundary_cost_share: f64,
    /// Share of a region's people who move to a neighbour per year, per unit
    /// of wellbeing gap (capability, 0..1) between them.
    #[serde(deserialize_with = "bounded::share")]
    pub migration_rate_annual: f64,
    /// Chance that a restoration project fails when it comes due.
    #[serde(deserialize_with = "bounded::share")]
    pub restoration_failure: f64,
    /// Months over which aid on a link moves to what need asks.
    #[serde(deserialize_with = "bounded::non_negative")]
    pub aid_smoothing_months: f64,
    /// Share of its normal basics coverage under which a region's poorest
    /// are in need of mutual aid.
    #[serde(deserialize_with = "bounded::share")]
    pub aid_trigger: f64,
    /// Trade link capacity, in units of goods per month per person of the
    /// larger region.
    #[serde(deserialize_with = "bounded::non_negative")]
    pub trade_capacity_per_person: f64,
    /// Share of the price lost to transport on a trade link.
    #[serde(deserialize_with = "bounded::share")]
    pub transport_cost: f64,
    /// Share of revenue a profit-seeking enterprise spends on R&D when it can
    /// patent what it finds.
    #[serde(deserialize_with = "bounded::share")]
    pub rd_share: f64,
    /// Share of that effort it keeps up when results are open: what lead time
    /// and secrecy still let it keep of the return.
    #[serde(deserialize_with = "bounded::share")]
    pub open_appropriability: f64,
    /// Yearly growth of log technology per unit of R&D spending over revenue,
    /// at skills 1 (the rate of return to R&D).
    #[serde(deserialize_with = "bounded::non_negative")]
    pub rd_return: f64,
    /// Yearly fall of the log gap between resource or emission intensity and
    /// its floor per unit of mission research over output value, at skills 1.
    #[serde(deserialize_with = "bounded::non_negative")]
    pub mission_return: f64,
    /// Share per year of the log technology gap to a linked neighbour closed
    /// when the neighbour's knowledge is open, and when it is patented (at
    /// full trade openness on both sides).
    #[serde(deserialize_with = "bounded::share")]
    pub open_diffusion_annual: f64,
    #[serde(deserialize_with = "bounded::share")]
    pub patent_diffusion_annual: f64,
    /// Share of the extra revenue a licensed technology brings that the
    /// licensee pays its patent holder each month.
    #[serde(deserialize_with = "bounded::share")]
    pub royalty_share: f64,
    /// Years a patent lasts; licences lapse at one over this a year.
    #[serde(deserialize_with = "bounded::positive")]
    pub patent_life_years: f64,
    /// Lowest share of today's resource and emission intensity research can
    /// reach (physical limits: food needs water and soil, some emissions
    /// have no substitute yet).
    #[serde(deserialize_with = "bounded::share")]
    pub intensity_floor: f64,
    /// People one infected person infects in a month in a population with no
    /// immunity (the basic reproduction number, with a month's course).
    #[serde(deserialize_with = "bounded::non_negative")]
    pub pandemic_reproduction: f64,
    /// Share of the infected who die of it.
    #[serde(deserialize_with = "bounded::share")]
    pub pandemic_fatality: f64,
    /// Health care a sick person needs in the month beyond a healthy
    /// person's, in units of a month's need.
    #[serde(deserialize_with = "bounded::non_negative")]
    pub pandemic_care: f64,
    /// Share of a person's contacts made across one link to a neighbour,
    /// at full openness on both sides (travellers, traders, commuters).
    #[serde(deserialize_with = "bounded::share")]
    pub link_mixing: f64,
    /// Share of a firm's wage budget normally borrowed against its sales
    /// (working-capital credit), which a credit crunch withdraws.
    #[serde(deserialize_with = "bounded::share")]
    pub credit_share: f64,
    /// Share per year by which a credit crunch eases.
    #[serde(deserialize_with = "bounded::share")]
    pub crunch_recovery_annual: f64,
    /// Share of a neighbour's credit crunch a region takes on each month
    /// across a trade link at full openness (exposure through trade credit
    /// and banks lending on both sides).
    #[serde(deserialize_with = "bounded::share")]
    pub crunch_contagion: f64,
    /// Share per year of workers displaced by automation who find work
    /// again without retraining.
    #[serde(deserialize_with = "bounded::share")]
    pub retraining_natural_annual: f64,
    /// Cost of retraining one displaced worker, in months of the wage.
    #[serde(deserialize_with = "bounded::non_negative")]
    pub retraining_cost_months: f64,
    /// Share per year of a stock held against crises (public reserve or
    /// pantry) that is lost to spoilage, pests and theft.
    #[serde(deserialize_with = "bounded::share")]
    pub reserve_loss_annual: f64,
    /// Cost per year of storing the public reserve, as a share of its value
    /// at base prices (warehouses, rotation, the capital tied up).
    #[serde(deserialize_with = "bounded::share")]
    pub reserve_storage_annual: f64,
    /// Months over which a stock below its target is filled: each month a
    /// stock buys this fraction of what it lacks.
    #[serde(deserialize_with = "bounded::fill_months")]
    pub reserve_fill_months: f64,
    /// Cost of rebuilding one unit of a trade link's monthly capacity that a
    /// supply shock destroyed (money units).
    #[serde(deserialize_with = "bounded::positive")]
    pub link_rebuild_cost: f64,
    /// Months it takes at the least to rebuild a trade link destroyed
    /// whole: each month no more than this fraction of its capacity comes
    /// back.
    #[serde(deserialize_with = "bounded::fill_months")]
    pub link_rebuild_months: f64,
    /// Share per year by which a group's hold on a type of power grows per
    /// unit of the share it holds (rent-seeking), before checks.
    #[serde(deserialize_with = "bounded::share")]
    pub rent_seeking_annual: f64,
    /// Share of the regulation power officials do not hold that they take
    /// each month while the emergency protocol is on.
    #[serde(deserialize_with = "bounded::share")]
    pub emergency_power_grab: f64,
    /// Share per year of the information power technical elites lack that
    /// they take where enterprises patent what they find.
    #[serde(deserialize_with = "bounded::share")]
    pub knowledge_hoarding_annual: f64,
    /// The power ledger a region starts with, by its enterprises' form.
    pub power_by_form: PowerByForm,
    /// Share per year of the way informal power moves towards what a
    /// region's transparency leaves unseen.
    #[serde(deserialize_with = "bounded::share")]
    pub informal_adjustment_annual: f64,
    /// Share of each type of power that sits with informal networks where
    /// nothing is published.
    #[serde(deserialize_with = "bounded::share")]
    pub informal_power_max: f64,
    /// Cost of full transparency each month, as a share of the region's
    /// output value.
    #[serde(deserialize_with = "bounded::share")]
    pub transparency_cost: f64,
    /// Share of output value a month a council pays at one turnover a year
    /// (divided by `rotation_years`).
    #[serde(deserialize_with = "bounded::share")]
    pub rotation_cost: f64,
    /// Share of output value a month full separation of powers costs.
    #[serde(deserialize_with = "bounded::share")]
    pub separation_cost: f64,
    /// Share by which full transparency cuts a council's vulnerability to
    /// capture.
    #[serde(deserialize_with = "bounded::share")]
    pub transparency_check: f64,
    /// Bodies a fully skilled person of the region's mean income can follow
    /// without civic education.
    #[serde(deserialize_with = "bounded::positive")]
    pub participation_capacity: f64,
    /// How participation capacity rises with income relative to the
    /// region's mean (an elasticity).
    #[serde(deserialize_with = "bounded::non_negative")]
    pub participation_income_elasticity: f64,
    /// Bodies' worth of capacity each distinct allocation logic a region
    /// runs takes from its people (rules to know).
    #[serde(deserialize_with = "bounded::non_negative")]
    pub logic_load: f64,
    /// Share by which full civic literacy raises a person's capacity to
    /// take part.
    #[serde(deserialize_with = "bounded::non_negative")]
    pub literacy_gain: f64,
    /// Share per year of civic literacy lost as people leave, arrive and
    /// forget.
    #[serde(deserialize_with = "bounded::share")]
    pub literacy_decay_annual: f64,
    /// Cost of teaching one person civic education, in months of the wage.
    #[serde(deserialize_with = "bounded::non_negative")]
    pub civic_course_cost_months: f64,
    /// Capture attempts on each council per year.
    #[serde(deserialize_with = "bounded::non_negative")]
    pub capture_attempts_annual: f64,
    /// Years a captor needs in office to build its network: a maximum
    /// tenure shorter than this cuts vulnerability in proportion.
    #[serde(deserialize_with = "bounded::positive")]
    pub capture_build_years: f64,
    /// Share of its funds a captured council hands its group each month.
    #[serde(deserialize_with = "bounded::share")]
    pub capture_diversion: f64,
    /// Share of the investment and regulation power it lacks that a captor
    /// takes each month.
    #[serde(deserialize_with = "bounded::share")]
    pub capture_grab: f64,
    /// Share per year of trust lost while a council is captured.
    #[serde(deserialize_with = "bounded::share")]
    pub capture_trust_loss_annual: f64,
    /// Chance per year, at full transparency, that a capture is exposed and
    /// ends.
    #[serde(deserialize_with = "bounded::share")]
    pub capture_exposure_annual: f64,
    /// Years between council elections.
    #[serde(deserialize_with = "bounded::positive")]
    pub election_years: f64,
    /// Chance per year, at full trust, that a citizens' movement wins back
    /// a check a captor removed, once the council is free of it.
    #[serde(deserialize_with = "bounded::share")]
    pub check_restoration_annual: f64,
    /// Months of their own need of the basics that keep that households of
    /// a wholly individualist culture keep in their pantries (scaled by
    /// individualism).
    #[serde(deserialize_with = "bounded::non_negative")]
    pub pantry_months: f64,
}

impl Economy {
    /// Months a participatory decision takes among `population` people
    /// (paralysis by consultation, seed step 9):
    /// `participatory_delay_months × √(population / participatory_reference_population)`,
    /// never under one month.
    pub fn participatory_delay(&self, population: f64) -> f64 {
        (self.participatory_delay_months
            * (population / self.participatory_reference_population).sqrt())
        .max(1.0)
    }

    /// Whether a basic good keeps long enough to be stocked: its stock does
    /// not all spoil within a month.
    pub fn keeps(&self, good: Basic) -> bool {
        self.spoilage_monthly[good] < 1.0
    }

    /// This economy with one parameter, named as in the file, set to
    /// `value` and checked as a file's would be; a whole number reaches
    /// count parameters.
    pub fn with(&self, name: &str, value: f64) -> Result<Economy, String> {
        let text = ron::to_string(self).map_err(|e| e.to_string())?;
        let overrides = BTreeMap::from([(name.to_string(), value)]);
        overridden(&text, &overrides).map_err(|(_, message)| message)
    }

    /// The value of a numeric parameter, by its name in the file.
    pub fn get(&self, name: &str) -> Option<f64> {
        let ron::Value::Map(fields) = ron::to_string(self)
            .ok()
            .and_then(|t| ron::from_str(&t).ok())?
        else {
            return None;
        };
        match fields.get(&ron::Value::String(name.to_string()))? {
            ron::Value::Number(n) => Some(n.into_f64()),
            _ => None,
        }
    }
}

/// Converts an annual share to the monthly share that compounds to it:
/// `1 − (1 − a)^(1/12)`.
pub fn monthly(annual: f64) -> f64 {
    1.0 - (1.0 - annual).powf(1.0 / MONTHS_A_YEAR)
}

/// The economy in `economy_text` (already checked) with `overrides` written
/// over it, checked again; an error names the override at fault.
pub(crate) fn overridden(
    economy_text: &str,
    overrides: &BTreeMap<String, f64>,
) -> Result<Economy, (String, String)> {
    let mut fields = match ron::from_str(economy_text) {
        Ok(ron::Value::Map(fields)) => fields,
        _ => return Err((String::new(), "the economy file is not a record".into())),
    };
    for (key, &value) in overrides {
        let name = ron::Value::String(key.clone());
        if fields.get(&name).is_none() {
            return Err((
                key.clone(),
                "expected the name of an economy parameter".into(),
            ));
        }
        // A whole number is written as one, so counts (months) take it too.
        let number = if value.fract() == 0.0 && (0.0..9.0e15).contains(&value) {
            ron::Number::from(value as u64)
        } else {
            ron::Number::from(value)
        };
        fields.insert(name, ron::Value::Number(number));
        // Check one at a time, so an error names its override.
        ron::Value::Map(fields.clone())
            .into_rust::<Economy>()
            .map_err(|e| (key.clone(), e.to_string()))?;
    }
    ron::Value::Map(fields)
        .into_rust()
        .map_err(|e| (String::new(), e.to_string()))
}

// The starting power ledgers (`power::ledger` runs them), read from the
// economy file.

/// The groups that hold power, in ledger order.
pub const GROUPS: [&str; 5] = [
    "capital owners",
    "officials",
    "workers",
    "communities",
    "technical elites",
];
/// The types of power, in ledger order.
pub const TYPES: [&str; 4] = ["investment", "information", "operations", "regulation"];

/// A group that can take a council, as files name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub enum Group {
    CapitalOwners,
    Officials,
    Workers,
    Communities,
    TechnicalElites,
}

impl Group {
    pub(crate) const ALL: [Group; GROUPS.len()] = [
        Group::CapitalOwners,
        Group::Officials,
        Group::Workers,
        Group::Communities,
        Group::TechnicalElites,
    ];

    /// The group's place in the ledger's `GROUPS`.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn name(self) -> &'static str {
        GROUPS[self.index()]
    }
}

/// Each group's share of one type of power, in `GROUPS` order.
pub type Split = [f64; GROUPS.len()];

/// A starting ledger: each type's split, as the economy file writes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shares {
    #[serde(
        deserialize_with = "bounded::group_shares",
        serialize_with = "bounded::write_group_shares"
    )]
    pub investment: Split,
    #[serde(
        deserialize_with = "bounded::group_shares",
        serialize_with = "bounded::write_group_shares"
    )]
    pub information: Split,
    #[serde(
        deserialize_with = "bounded::group_shares",
        serialize_with = "bounded::write_group_shares"
    )]
    pub operations: Split,
    #[serde(
        deserialize_with = "bounded::group_shares",
        serialize_with = "bounded::write_group_shares"
    )]
    pub regulation: Split,
}

impl Shares {
    pub(crate) fn by_type(&self) -> [Split; TYPES.len()] {
        [
            self.investment,
            self.information,
            self.operations,
            self.regulation,
        ]
    }
}

/// The starting ledger of a region by its enterprises' form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PowerByForm {
    pub investor_owned: Shares,
    pub state_owned: Shares,
    pub worker_cooperative: Shares,
    pub multi_stakeholder: Shares,
}
