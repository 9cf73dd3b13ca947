//! Shock episodes and resilience, MODEL.md's seventh measure.
//!
//! An episode opens in a region when a shock strikes it (one open episode
//! per region: a second shock while one is open lengthens it). It records
//! the region's capability the month before, the lowest it falls to, and the
//! months it spends more than one point below where it was. It closes once
//! every shock on the region is over (`Climate::troubled`) and capability is
//! back within a point.
//!
//! Each episode scores
//! `100 × (1 − depth / before) × (1 − died / people) × 12 / (12 + months)`:
//! 100 when capability never left the one-point band and no one died of
//! it, half when the region lost nothing but took a year to get back, lower
//! the deeper and longer the drop and the more of the people struck died
//! in excess while it ran (`people::Lives`; the capability of the living
//! alone would rise as the poorest die). Resilience is the mean score over
//! every episode so far weighed by the people each struck (the region's
//! people the month it opened), open ones scored as they stand; with no
//! episode it is 100 (nothing was lost) and the `episodes` count says so.
//!
//! Each episode also keeps its lesson for the public reserve: the months of
//! need the reserve handed out while it ran, plus the months of need of the
//! basics that keep that the poorest went without below where they were.
//! A reserve that large would have bridged it (`crisis::learning`).
//!
//! Memory stays flat over long runs: beyond the newest [`KEPT_CLOSED`]
//! closed episodes, the oldest are folded each year into running totals
//! (`Tally`), which the summary and the worst episode read as they read
//! the list.

use bevy::prelude::*;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::sim::base::goods::Basic;
use crate::sim::base::params::Economy;
use crate::sim::crisis::shock::ShockKind;
use crate::sim::people::{Climate, Cohorts, Lives, Region, RegionStats};
use crate::sim::{SimClock, WorldIndex};

use super::log::{EventLog, Happening};
use crate::sim::base::calendar::{MONTHS_A_YEAR, MONTHS_PER_YEAR};

/// Capability points within which a region counts as back where it was.
const BAND: f64 = 1.0;

/// Closed episodes kept whole; older ones live on in `Episodes::folded`. A
/// classroom century closes a few hundred, so the window sees every one.
pub const KEPT_CLOSED: usize = 5_000;

/// Episodes added into sums: what the summary needs of them.
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize)]
struct Tally {
    count: usize,
    people: f64,
    /// Each one's score times the people it struck.
    weighted_score: f64,
    score: f64,
    depth: f64,
    months: f64,
    cohort_depth: f64,
    poorest: f64,
}

impl Tally {
    /// Adds an episode to the sums.
    fn count_in(&mut self, e: &Episode) {
        self.count += 1;
        self.people += e.people;
        self.weighted_score += e.people * e.score();
        self.score += e.score();
        self.depth += e.depth();
        self.months += f64::from(e.months);
        self.cohort_depth += e.worst_cohort.1;
        self.poorest += e.poorest_hurt_most();
    }
}

/// One shock episode in one region.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Episode {
    /// The region's id.
    pub region: u32,
    /// The kind of the shock that opened it.
    pub kind: ShockKind,
    /// The month it opened.
    pub start: u32,
    /// The first month no shock of the episode runs any more.
    pub shocks_end: u32,
    /// The region's capability (0..100) the month before.
    pub before: f64,
    /// The lowest capability since.
    pub lowest: f64,
    /// Months spent more than a point below `before`.
    pub months: u32,
    /// The people it struck: the region's people when it opened and
    /// everyone who joined while it lasted, born or arrived, so that no
    /// more can die of it than it struck.
    pub people: f64,
    /// Excess deaths in the region since it opened (people).
    pub died: f64,
    /// Whether it has closed.
    pub recovered: bool,
    /// The cohort (0 poorest) whose capability fell furthest, and by how
    /// many points at worst.
    pub worst_cohort: (usize, f64),
    /// Months of need a public reserve would have had to hold to bridge
    /// the episode so far (see the module's documentation).
    pub lesson: f64,
    /// Each cohort's capability the month before (0..100).
    cohorts_before: Vec<f64>,
    /// The poorest's coverage of the basics that keep the month before.
    kept_before: f64,
    /// The region's excess deaths since month 0 when it opened.
    died_before: f64,
    /// The region's people last month.
    present: f64,
}

impl Episode {
    /// 1 when the cohort it hurt most was the poorest, else 0.
    fn poorest_hurt_most(&self) -> f64 {
        if self.worst_cohort.1 > 0.0 && self.worst_cohort.0 == 0 {
            1.0
        } else {
            0.0
        }
    }

    /// Capability points lost at worst.
    pub fn depth(&self) -> f64 {
        (self.before - self.lowest).max(0.0)
    }

    /// The episode's resilience score, 0..100.
    pub fn score(&self) -> f64 {
        let kept = if self.before > 0.0 {
            1.0 - self.depth() / self.before
        } else {
            1.0
        };
        let survived = if self.people > 0.0 {
            1.0 - self.died / self.people
        } else {
            1.0
        };
        100.0 * kept * survived * MONTHS_A_YEAR / (MONTHS_A_YEAR + f64::from(self.months))
    }
}

/// Every episode so far, and what opening the next ones needs.
#[derive(Resource, Clone, Default, Debug, Serialize, Deserialize)]
pub struct Episodes {
    /// Open episodes and the newest closed ones, oldest first.
    pub list: Vec<Episode>,
    /// The closed episodes older than those kept in `list`, summed.
    folded: Tally,
    /// The deepest of them.
    folded_worst: Option<Episode>,
    /// Each region's figures at the end of last month, by region id.
    last: Vec<Standing>,
    /// Regions a shock struck this month: region id, kind, months it runs.
    struck: Vec<(u32, ShockKind, u32)>,
    /// Each region's open episode, by region id: its place in `list`.
    open: Vec<Option<usize>>,
    /// Lessons of episodes closed and not yet learned from: region id and
    /// months of need.
    pub lessons: Vec<(u32, f64)>,
}

/// A region's figures at the end of a month, for the episodes it may open.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct Standing {
    /// Capability, 0..100.
    capability: f64,
    /// Each cohort's capability, 0..100.
    cohorts: Vec<f64>,
    /// The poorest's coverage of the basics that keep, 0..1.
    kept: f64,
}

/// The raw figures beside resilience.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Summary {
    /// 0..100; 100 with no episode.
    pub resilience: f64,
    pub episodes: usize,
    /// Mean capability points lost at worst.
    pub mean_depth: f64,
    /// Mean months spent more than a point below.
    pub mean_months: f64,
    /// Mean points the cohort hurt most lost at worst.
    pub cohort_depth: f64,
    /// Share of episodes whose cohort hurt most was the poorest, 0..1.
    pub poorest_share: f64,
}

impl Episodes {
    /// Records that a shock struck a region this month and runs `months`.
    pub fn strike(&mut self, region: u32, kind: ShockKind, months: u32) {
        self.struck.push((region, kind, months));
    }

    /// Resilience and its raw figures over every episode so far.
    pub fn summary(&self) -> Summary {
        let mut all = self.folded;
        for e in &self.list {
            all.count_in(e);
        }
        let n = all.count;
        if n == 0 {
            return Summary {
                resilience: 100.0,
                ..default()
            };
        }
        let mean = |sum: f64| sum / n as f64;
        Summary {
            resilience: if all.people > 0.0 {
                all.weighted_score / all.people
            } else {
                mean(all.score)
            },
            episodes: n,
            mean_depth: mean(all.depth),
            mean_months: mean(all.months),
            cohort_depth: mean(all.cohort_depth),
            poorest_share: mean(all.poorest),
        }
    }

    /// The episode that cost most capability, if any.
    pub fn worst(&self) -> Option<&Episode> {
        self.list
            .iter()
            .chain(&self.folded_worst)
            .max_by(|a, b| a.depth().total_cmp(&b.depth()))
    }

    /// Folds the oldest closed episodes beyond the newest `kept` into the
    /// running totals, and finds each region's open one again.
    fn fold_old(&mut self, kept: usize) {
        let closed = self.list.iter().filter(|e| e.recovered).count();
        let mut to_fold = closed.saturating_sub(kept);
        if to_fold == 0 {
            return;
        }
        let mut kept = Vec::with_capacity(self.list.len() - to_fold);
        for e in std::mem::take(&mut self.list) {
            if e.recovered && to_fold > 0 {
                to_fold -= 1;
                self.folded.count_in(&e);
                if self
                    .folded_worst
                    .as_ref()
                    .is_none_or(|w| e.depth() > w.depth())
                {
                    self.folded_worst = Some(e);
                }
            } else {
                kept.push(e);
            }
        }
        self.list = kept;
        self.open.iter_mut().for_each(|o| *o = None);
        for (at, e) in self.list.iter().enumerate() {
            if !e.recovered
                && let Some(o) = self.open.get_mut(e.region as usize)
            {
                *o = Some(at);
            }
        }
    }
}

/// A region's standing this month; `kept` lists the basic goods that keep.
fn standing(kept: &[Basic], cohorts: &Cohorts) -> Standing {
    let poorest = cohorts.0.first();
    Standing {
        capability: 100.0 * cohorts.mean(|c| c.capability()),
        cohorts: cohorts.0.iter().map(|c| 100.0 * c.capability()).collect(),
        kept: poorest.map_or(0.0, |c| {
            kept.iter().map(|&g| c.coverage[g]).sum::<f64>() / kept.len().max(1) as f64
        }),
    }
}

// Over 100 lines: episodes opened, followed and closed in one pass over the
// regions, as its doc states, each with its log line.
/// Opens episodes for regions struck this month, follows open ones, closes
/// those back within a point, and keeps this month's capabilities for the
/// next month's new episodes.
pub(crate) fn track(
    faults: Res<crate::sim::base::parallel::Faults>,
    clock: Res<SimClock>,
    economy: Res<Economy>,
    index: Res<WorldIndex>,
    mut episodes: ResMut<Episodes>,
    mut log: ResMut<EventLog>,
    mut regions: Query<(&Region, &Cohorts, &Climate, &RegionStats, &Lives)>,
) {
    let tick = clock.tick;
    let episodes = &mut *episodes;
    let struck = std::mem::take(&mut episodes.struck);
    let kept: Vec<Basic> = Basic::ALL
        .into_iter()
        .filter(|&g| economy.keeps(g))
        .collect();
    let Some(items) = faults.gather(&mut regions, &index.regions, "track", "regions") else {
        return;
    };
    // Every region's standing this month, worked out side by side.
    let standings: Vec<Standing> = items
        .par_iter()
        .map(|(_, cohorts, ..)| standing(&kept, cohorts))
        .collect();
    let mut now = Vec::with_capacity(index.regions.len());
    for ((region, cohorts, climate, stats, lives), now_standing) in items.into_iter().zip(standings)
    {
        let capability = now_standing.capability;
        let id = region.id as usize;
        if episodes.open.len() <= id {
            episodes.open.resize(id + 1, None);
        }
        for &(_, kind, months) in struck.iter().filter(|s| s.0 == region.id) {
            match episodes.open[id] {
                Some(at) => {
                    let episode = &mut episodes.list[at];
                    episode.shocks_end = episode.shocks_end.max(tick + months);
                }
                None => {
                    let was = episodes
                        .last
                        .get(id)
                        .filter(|was| !was.cohorts.is_empty())
                        .cloned()
                        .unwrap_or_else(|| now_standing.clone());
                    episodes.open[id] = Some(episodes.list.len());
                    episodes.list.push(Episode {
                        region: region.id,
                        kind,
                        start: tick,
                        shocks_end: tick + months,
                        before: was.capability,
                        lowest: was.capability,
                        months: 0,
                        people: cohorts.population(),
                        died: 0.0,
                        died_before: lives.died.total(),
                        present: cohorts.population(),
                        recovered: false,
                        worst_cohort: (0, 0.0),
                        lesson: 0.0,
                        cohorts_before: was.cohorts,
                        kept_before: was.kept,
                    });
                }
            }
        }
        if let Some(at) = episodes.open[id] {
            let episode = &mut episodes.list[at];
            episode.lowest = episode.lowest.min(capability);
            let population = cohorts.population();
            let died = lives.died.total() - episode.died_before;
            // Those who joined: the change in people, with this month's
            // excess deaths put back.
            episode.people += (population - episode.present + died - episode.died).max(0.0);
            episode.present = population;
            episode.died = died;
            let need = population * kept.len() as f64;
            if need > 0.0 {
                episode.lesson += stats.reserve_drawn / need;
            }
            episode.lesson += (episode.kept_before - now_standing.kept).max(0.0);
            for (i, (was, is)) in episode
                .cohorts_before
                .iter()
                .zip(&now_standing.cohorts)
                .enumerate()
            {
                if was - is > episode.worst_cohort.1 {
                    episode.worst_cohort = (i, was - is);
                }
            }
            let within = capability >= episode.before - BAND;
            if !within {
                episode.months += 1;
            }
            if within && tick >= episode.shocks_end && !climate.troubled() {
                episode.recovered = true;
                episodes.open[id] = None;
                episodes.lessons.push((region.id, episode.lesson));
                log.note(
                    tick,
                    Some(region.name.clone()),
                    Happening::Recovered {
                        kind: episode.kind,
                        months: episode.months,
                        depth: episode.depth(),
                    },
                );
            }
        }
        if now.len() <= id {
            now.resize(id + 1, Standing::default());
        }
        now[id] = now_standing;
    }
    episodes.last = now;
    if tick.is_multiple_of(MONTHS_PER_YEAR) {
        episodes.fold_old(KEPT_CLOSED);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn episode(before: f64, lowest: f64, months: u32) -> Episode {
        Episode {
            region: 0,
            kind: ShockKind::Drought,
            start: 0,
            shocks_end: 1,
            before,
            lowest,
            months,
            people: 100.0,
            died: 0.0,
            recovered: true,
            worst_cohort: (0, 0.0),
            lesson: 0.0,
            cohorts_before: Vec::new(),
            kept_before: 0.0,
            died_before: 0.0,
            present: 100.0,
        }
    }

    #[test]
    fn folding_old_episodes_changes_no_figure_and_keeps_the_open_ones_open() {
        let mut episodes = Episodes::default();
        for i in 0..10u32 {
            let mut e = episode(80.0, 80.0 - f64::from(i), i);
            e.region = i % 3;
            e.people = 100.0 + f64::from(i);
            e.worst_cohort = ((i % 2) as usize, f64::from(i));
            episodes.list.push(e);
        }
        let mut open = episode(70.0, 60.0, 5);
        open.region = 2;
        open.recovered = false;
        episodes.open = vec![None, None, Some(episodes.list.len())];
        episodes.list.push(open);
        let (before, worst) = (episodes.summary(), episodes.worst().map(Episode::depth));
        episodes.fold_old(3);
        let after = episodes.summary();
        assert_eq!(
            episodes.list.len(),
            4,
            "three closed kept, and the open one"
        );
        assert_eq!(before.episodes, after.episodes);
        for (a, b) in [
            (before.resilience, after.resilience),
            (before.mean_depth, after.mean_depth),
            (before.mean_months, after.mean_months),
            (before.cohort_depth, after.cohort_depth),
            (before.poorest_share, after.poorest_share),
        ] {
            assert!((a - b).abs() < 1e-9, "{before:?} against {after:?}");
        }
        assert_eq!(
            worst,
            episodes.worst().map(Episode::depth),
            "the worst is kept"
        );
        let at = episodes.open[2].expect("region 2's episode is still open");
        assert!(!episodes.list[at].recovered && episodes.list[at].before == 70.0);
    }

    #[test]
    fn an_episode_scores_by_depth_and_months_below() {
        assert_eq!(episode(80.0, 80.0, 0).score(), 100.0, "nothing lost");
        assert_eq!(episode(80.0, 80.0, 12).score(), 50.0, "a year below");
        let deep = episode(80.0, 60.0, 12).score();
        assert!(
            (deep - 37.5).abs() < 1e-12,
            "a quarter lost for a year: {deep}"
        );
        assert_eq!(episode(80.0, 85.0, 0).depth(), 0.0, "a rise is no depth");
        let deadly = Episode {
            died: 10.0,
            ..episode(80.0, 80.0, 0)
        };
        assert_eq!(deadly.score(), 90.0, "a tenth of the people struck died");
    }

    #[test]
    fn episodes_weigh_by_the_people_they_struck() {
        let small = Episode {
            people: 100.0,
            ..episode(80.0, 80.0, 12)
        };
        let large = Episode {
            people: 300.0,
            ..episode(80.0, 80.0, 0)
        };
        let both = Episodes {
            list: vec![small, large],
            ..default()
        };
        assert_eq!(
            both.summary().resilience,
            87.5,
            "(100 × 50 + 300 × 100) / 400"
        );
    }

    #[test]
    fn no_episode_is_full_resilience_and_counted_as_none() {
        let s = Episodes::default().summary();
        assert_eq!((s.resilience, s.episodes), (100.0, 0));
        let two = Episodes {
            list: vec![episode(80.0, 80.0, 0), episode(80.0, 80.0, 12)],
            ..default()
        };
        let s = two.summary();
        assert_eq!((s.resilience, s.episodes, s.mean_months), (75.0, 2, 6.0));
    }
}
