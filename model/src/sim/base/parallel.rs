//! Regions side by side. A phase whose work is per region (a region's
//! cohorts, its council, its enterprises and its commons, which belong to it
//! alone) gathers every region's items in the world index's order, works on
//! them in parallel, and returns what each region adds to shared totals
//! (the books, the atmosphere) as values, which the phase then adds up in
//! region order. Nothing a thread does depends on another's work, and every
//! sum is taken in one order, so a run gives the same result bit for bit
//! whatever the number of threads (`tests/model/determinism.rs` compares one
//! thread with four).
//!
//! Bevy hands out many mutable items at once only for a set of distinct
//! entities; the world index's sets hold each region's own entities once,
//! in order.

use std::sync::Mutex;

use crate::sim::base::goods::PerSector;
use bevy::ecs::entity::EntityIndexSet;
use bevy::ecs::query::{IterQueryData, QueryFilter};
use bevy::prelude::*;
use rayon::prelude::*;

/// The world index no longer matches the world: an entity it names lacks
/// what a phase needs. A bug, never a scenario's fault; the run stops.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{phase}: found {found} of the {expected} {what} the world index names")]
pub struct Missing {
    pub phase: &'static str,
    pub what: &'static str,
    pub expected: usize,
    pub found: usize,
}

/// A measure came out as no number (NaN), an infinite one or one outside
/// its documented range (`Measure::range`): some state left the domain its
/// mechanisms assume (a division by nothing, a growth without bound). A fault of the model, never of a scenario; the run stops
/// with the month's measures left out, so that no output shows it.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error(
    "month {tick}: {measure} came out as {value}, which no state the model allows can give{}",
    found.as_ref().map_or(String::new(), |f| format!("; {f}"))
)]
pub struct Diverged {
    pub tick: u32,
    pub measure: &'static str,
    pub value: f64,
    /// The first region whose own figures left their domain, the figure
    /// and the mechanism that writes it, if a region's did.
    pub found: Option<String>,
}

/// A fault of the model: the run stops on the first.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Fault {
    #[error(transparent)]
    Missing(#[from] Missing),
    #[error(transparent)]
    Diverged(#[from] Diverged),
}

/// The first fault the month met, if any; the run stops on it as on a gap
/// in the books. Written through a shared reference, so phases that report
/// faults need no order among themselves.
#[derive(Resource, Debug, Default)]
pub struct Faults(Mutex<Option<Fault>>);

impl Faults {
    /// Keeps `fault` unless an earlier one is kept.
    pub fn report(&self, fault: impl Into<Fault>) {
        let mut first = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        first.get_or_insert(fault.into());
    }

    /// Reports that an entity a phase looked up (by the world index or by
    /// a link's or a region's own reference) was not there.
    pub fn lost(&self, phase: &'static str, what: &'static str) {
        self.report(Missing {
            phase,
            what,
            expected: 1,
            found: 0,
        });
    }

    /// Gathers as `gather` does, reporting a fault instead of returning it.
    pub fn gather<'a, 's, D: IterQueryData, F: QueryFilter>(
        &self,
        query: &'a mut Query<'_, 's, D, F>,
        set: &'a EntityIndexSet,
        phase: &'static str,
        what: &'static str,
    ) -> Option<Vec<D::Item<'a, 's>>>
    where
        D::Item<'a, 's>: Send,
    {
        gather(query, set, phase, what)
            .map_err(|fault| self.report(fault))
            .ok()
    }

    /// Gathers the enterprises in `set` (the world index lists them region
    /// by region, in sector order) and groups them by region: the start of
    /// every phase whose regions run side by side with their own firms.
    pub fn gather_by_sector<'a, 's, D: IterQueryData, F: QueryFilter>(
        &self,
        query: &'a mut Query<'_, 's, D, F>,
        set: &'a EntityIndexSet,
        phase: &'static str,
    ) -> Option<Vec<PerSector<D::Item<'a, 's>>>>
    where
        D::Item<'a, 's>: Send,
    {
        self.gather(query, set, phase, "enterprises")
            .map(PerSector::group)
    }

    /// The first fault reported.
    pub fn first(&self) -> Option<Fault> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }
}

/// Fetches `query`'s items for every entity of `set`, in the set's order.
/// Any entity without the item is a fault named after `phase` and `what`.
///
/// Finding an entity's item is a lookup per entity, a tenth of a month's
/// work on one thread, so the set is cut into consecutive runs that threads
/// look up side by side, each writing its own run of the list: the order
/// is the set's whatever the number of threads.
pub fn gather<'a, 's, D: IterQueryData, F: QueryFilter>(
    query: &'a mut Query<'_, 's, D, F>,
    set: &'a EntityIndexSet,
    phase: &'static str,
    what: &'static str,
) -> Result<Vec<D::Item<'a, 's>>, Missing>
where
    D::Item<'a, 's>: Send,
{
    let fault = |found| Missing {
        phase,
        what,
        expected: set.len(),
        found,
    };
    // Sized up front: the iterator cannot tell how many items it will find,
    // and a list grown by doubling is copied again and again.
    let mut items = Vec::with_capacity(set.len());
    let threads = rayon::current_num_threads();
    if threads == 1 || set.len() < 2 * GATHER_RUN {
        items.extend(query.iter_many_unique_mut(set));
        return if items.len() == set.len() {
            Ok(items)
        } else {
            Err(fault(items.len()))
        };
    }
    let run = set.len().div_ceil(2 * threads).max(GATHER_RUN);
    let query: &'a Query<'_, 's, D, F> = query;
    let slots = &mut items.spare_capacity_mut()[..set.len()];
    let found: usize = slots
        .par_chunks_mut(run)
        .enumerate()
        .map(|(k, slots)| {
            let entities = set
                .as_slice()
                .get_range(k * run..k * run + slots.len())
                .expect("runs cut from the set lie within it");
            // SAFETY: the runs are disjoint parts of a set whose entities
            // are unique, so no two threads reach one entity's components,
            // and `query` is borrowed mutably for as long as the items live.
            let found = unsafe { query.iter_many_unique_unsafe(entities) };
            slots
                .iter_mut()
                .zip(found)
                .map(|(slot, item)| _ = slot.write(item))
                .count()
        })
        .sum();
    if found != set.len() {
        // The items written stay unowned; forgetting them is safe.
        return Err(fault(found));
    }
    // SAFETY: every one of the first `set.len()` slots was written above.
    unsafe { items.set_len(found) };
    Ok(items)
}

/// The fewest entities a thread looks up in one run of a gather: fewer,
/// and handing the run over costs more than the lookups.
const GATHER_RUN: usize = 64;

/// Splits `items` into consecutive runs of the given lengths (each region's
/// commons, say).
pub fn split_runs<'v, T>(mut items: &'v mut [T], lengths: &[usize]) -> Vec<&'v mut [T]> {
    let mut runs = Vec::with_capacity(lengths.len());
    for &n in lengths {
        let n = n.min(items.len());
        let (run, rest) = std::mem::take(&mut items).split_at_mut(n);
        runs.push(run);
        items = rest;
    }
    runs
}

/// Sets how many threads the parallel phases use, for the whole process;
/// call it before the first run (afterwards the pool exists and this does
/// nothing). The calling thread is one of them, so a headless run, whose
/// systems run on it, shares its regions out without a hand-over, and with
/// one thread runs every phase in place.
pub fn use_threads(n: usize) {
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(n.max(1))
        .use_current_thread()
        .build_global();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_follow_their_lengths() {
        let mut items = [1, 2, 3, 4, 5, 6];
        let runs = split_runs(&mut items, &[2, 0, 3, 1]);
        let runs: Vec<Vec<i32>> = runs.into_iter().map(|r| r.to_vec()).collect();
        assert_eq!(runs, vec![vec![1, 2], vec![], vec![3, 4, 5], vec![6]]);
    }

    #[derive(Component)]
    struct Number(usize);

    /// Gathers `Number`s for 300 entities on `threads` threads, the 200th
    /// without one if `gap`: the numbers in the set's order, or the fault.
    fn gather_numbers(threads: usize, gap: bool) -> Result<Vec<usize>, Missing> {
        use bevy::ecs::system::SystemState;
        let mut world = World::new();
        let set: EntityIndexSet = (0..300)
            .map(|n| {
                if gap && n == 200 {
                    world.spawn_empty().id()
                } else {
                    world.spawn(Number(n)).id()
                }
            })
            .collect();
        let mut state = SystemState::<Query<&mut Number>>::new(&mut world);
        let mut query = state.get_mut(&mut world).expect("a query of the world");
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a pool");
        pool.install(|| gather(&mut query, &set, "counting", "numbers"))
            .map(|items| items.iter().map(|n| n.0).collect())
    }

    #[test]
    fn a_gather_keeps_the_sets_order_on_any_number_of_threads() {
        let order: Vec<usize> = (0..300).collect();
        assert_eq!(gather_numbers(1, false), Ok(order.clone()));
        assert_eq!(gather_numbers(3, false), Ok(order));
        for threads in [1, 3] {
            let fault = gather_numbers(threads, true).expect_err("a gap is a fault");
            assert_eq!((fault.expected, fault.found), (300, 299));
        }
    }
}
