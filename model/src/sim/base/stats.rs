//! Statistics over `(value per person, people)` groups: a stable sort
//! that gives one order on any number of threads, the Gini coefficient and
//! the median person. The measures and the regions' own figures use them.

/// `(value per person, people)` groups with people in them, sorted by value.
pub fn sorted(mut groups: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    groups.retain(|&(_, n)| n > 0.0);
    sort_by_value(&mut groups);
    groups
}

/// Sorts groups by value, stably, so that groups of equal value keep their
/// order whatever the threads: a long list in halves side by side, merged
/// (a stable sort has one result, however it is reached). Rayon's own
/// parallel sort starts from runs of two thousand, so the continent's three
/// thousand cohorts sorted mostly on one thread.
pub(crate) fn sort_by_value(groups: &mut [(f64, f64)]) {
    /// Fewer groups than this are sorted on one thread.
    const HALVED_FROM: usize = 1024;
    if groups.len() < HALVED_FROM || rayon::current_num_threads() == 1 {
        groups.sort_by(|a, b| a.0.total_cmp(&b.0));
        return;
    }
    let mid = groups.len() / 2;
    let (left, right) = groups.split_at_mut(mid);
    rayon::join(|| sort_by_value(left), || sort_by_value(right));
    if let (Some(l), Some(r)) = (left.last(), right.first())
        && l.0.total_cmp(&r.0).is_le()
    {
        return;
    }
    // Merge: the left half's copy and the right half in place, the left
    // first among equals.
    let left = left.to_vec();
    let (mut i, mut j) = (0, mid);
    for k in 0..groups.len() {
        let take_left =
            i < left.len() && (j == groups.len() || left[i].0.total_cmp(&groups[j].0).is_le());
        if take_left {
            groups[k] = left[i];
            i += 1;
        } else {
            groups[k] = groups[j];
            j += 1;
        }
    }
}

/// Gini coefficient of `(value per person, people)` groups, by the Lorenz
/// curve of the sorted groups; 0 when there is nobody or nothing. Takes any
/// list, so that a region's few groups (its cohorts) need no allocation.
pub fn gini(groups: impl IntoIterator<Item = (f64, f64)>) -> f64 {
    let mut groups: smallvec::SmallVec<[(f64, f64); 10]> =
        groups.into_iter().filter(|&(_, n)| n > 0.0).collect();
    sort_by_value(&mut groups);
    gini_of_sorted(groups.iter().copied())
}

/// The Gini coefficient of groups already in order of value (`sorted`),
/// read twice from the iterator, so that a group can be put in front of a
/// sorted list without copying it.
pub fn gini_of_sorted(groups: impl Iterator<Item = (f64, f64)> + Clone) -> f64 {
    let people: f64 = groups.clone().map(|g| g.1).sum();
    let total: f64 = groups.clone().map(|g| g.0 * g.1).sum();
    if people <= 0.0 || total <= 0.0 {
        return 0.0;
    }
    let (mut cumulative, mut area) = (0.0, 0.0);
    for (value, n) in groups {
        let share = value * n / total;
        area += n / people * (2.0 * cumulative + share);
        cumulative += share;
    }
    1.0 - area
}

/// Value of the median person among `(value per person, people)` groups.
pub fn median(groups: Vec<(f64, f64)>) -> f64 {
    median_of_sorted(&sorted(groups))
}

/// The median of groups already `sorted`.
pub fn median_of_sorted(groups: &[(f64, f64)]) -> f64 {
    let half = groups.iter().map(|g| g.1).sum::<f64>() / 2.0;
    let mut seen = 0.0;
    for &(value, n) in groups {
        seen += n;
        if seen >= half {
            return value;
        }
    }
    0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gini_of_equal_groups_is_zero_and_of_one_holder_is_near_one() {
        assert!(
            gini(vec![(5.0, 10.0), (5.0, 30.0)]).abs() < 1e-12,
            "equal values"
        );
        let g = gini(vec![(0.0, 99.0), (100.0, 1.0)]);
        assert!((g - 0.99).abs() < 1e-9, "one person holds all: {g}");
        assert_eq!(gini(vec![]), 0.0, "nobody");
        assert_eq!(gini(vec![(0.0, 5.0)]), 0.0, "nothing to share");
    }

    #[test]
    fn a_long_list_sorts_as_one_stable_sort_does_on_any_number_of_threads() {
        // Few values, so most are tied, with both zeros: the second of each
        // pair tells the groups of one value apart.
        let values = [3.0, -1.0, 0.0, -0.0, 2.5, 3.0, 1.0];
        let groups: Vec<(f64, f64)> = (0..5000)
            .map(|n| (values[(n * 7 + n / 3) % values.len()], n as f64))
            .collect();
        let mut expected = groups.clone();
        expected.sort_by(|a, b| a.0.total_cmp(&b.0));
        for threads in [1, 2, 3] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a pool");
            let mut sorted = groups.clone();
            pool.install(|| sort_by_value(&mut sorted));
            assert!(
                sorted
                    .iter()
                    .zip(&expected)
                    .all(|(a, b)| a.0.to_bits() == b.0.to_bits() && a.1 == b.1),
                "{threads} threads"
            );
        }
    }

    #[test]
    fn median_finds_the_middle_person() {
        assert_eq!(median(vec![(3.0, 10.0), (1.0, 10.0), (2.0, 1.0)]), 2.0);
        assert_eq!(median(vec![]), 0.0);
    }
}
