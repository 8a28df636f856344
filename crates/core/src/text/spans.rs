//! Questions about many spans at once, answered without scanning them all per question: a scan
//! per sentence or per mention made long articles quadratic.

use crate::record::Span;

/// Spans to test against: "does [s, e) overlap any?" in log time.
pub struct Covered {
    /// Span starts, ascending.
    starts: Vec<usize>,
    /// The largest end among the spans up to each position.
    max_end: Vec<usize>,
}

impl Covered {
    pub fn new(spans: impl IntoIterator<Item = Span>) -> Covered {
        let mut sorted: Vec<Span> = spans.into_iter().collect();
        sorted.sort_unstable();
        let starts = sorted.iter().map(|s| s[0]).collect();
        let max_end = sorted
            .iter()
            .scan(0, |max, s| {
                *max = s[1].max(*max);
                Some(*max)
            })
            .collect();
        Covered { starts, max_end }
    }

    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        let before_end = self.starts.partition_point(|&s| s < end);
        before_end > 0 && self.max_end[before_end - 1] > start
    }
}

/// For each of `sentences` (in text order, not overlapping), the indices of `items` that
/// overlap it, in item order: one pass with a binary search per item instead of a scan of all
/// items per sentence.
pub fn by_sentence(sentences: &[Span], items: impl IntoIterator<Item = Span>) -> Vec<Vec<usize>> {
    let mut buckets = vec![Vec::new(); sentences.len()];
    for (i, [start, end]) in items.into_iter().enumerate() {
        let first = sentences.partition_point(|s| s[1] <= start);
        for (bucket, sentence) in buckets[first..].iter_mut().zip(&sentences[first..]) {
            if sentence[0] >= end.max(start + 1) {
                break;
            }
            bucket.push(i);
        }
    }
    buckets
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_queries_agree_with_a_scan() {
        let spans: Vec<Span> = vec![[10, 20], [0, 3], [15, 40], [50, 51], [45, 46]];
        let covered = Covered::new(spans.iter().copied());
        for start in 0..60 {
            for end in start + 1..62 {
                let scan = spans.iter().any(|c| c[0] < end && start < c[1]);
                assert_eq!(covered.overlaps(start, end), scan, "[{start}, {end})");
            }
        }
    }

    #[test]
    fn items_land_in_every_sentence_they_overlap() {
        let sentences = [[0, 10], [11, 20], [21, 30]];
        let items = [[2, 4], [8, 15], [21, 21], [25, 40], [10, 11]];
        let buckets = by_sentence(&sentences, items);
        for (s, bucket) in sentences.iter().zip(&buckets) {
            let scan: Vec<usize> = (0..items.len())
                .filter(|&i| items[i][1].max(items[i][0] + 1) > s[0] && items[i][0] < s[1])
                .collect();
            assert_eq!(bucket, &scan, "{s:?}");
        }
    }
}
