//! Work split over the machine's cores, for the passes that read each line
//! on its own (measuring lines, classifying them). Natively the pieces run
//! on scoped threads; on wasm32, which has no threads here, one after
//! another. Either way the results come back in order and are the same as
//! one pass over the whole would give: splitting only changes who does the work.

/// Inputs smaller than this are not split: starting threads would cost
/// more than it saves.
pub const MIN_SPLIT_BYTES: usize = 256 * 1024;

/// Most pieces a pass is split into.
const MAX_PIECES: usize = 8;

/// How many pieces a pass over `bytes` bytes should be split into.
pub fn pieces_for(bytes: usize) -> usize {
    if bytes < MIN_SPLIT_BYTES {
        return 1;
    }
    #[cfg(not(target_arch = "wasm32"))]
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    #[cfg(target_arch = "wasm32")]
    let cores = 1;
    cores.clamp(1, MAX_PIECES).min(bytes / MIN_SPLIT_BYTES * 2).max(1)
}

/// Runs `work` on each range (on its own thread where there are threads)
/// and returns the results in the ranges' order.
pub fn map_ranges<T: Send>(ranges: &[(usize, usize)], work: impl Fn(usize, usize) -> T + Sync) -> Vec<T> {
    if ranges.len() <= 1 {
        return ranges.iter().map(|&(from, to)| work(from, to)).collect();
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::thread::scope(|scope| {
            let work = &work;
            let handles: Vec<_> = ranges.iter().map(|&(from, to)| scope.spawn(move || work(from, to))).collect();
            // A panic in a piece is a bug in the pass; it surfaces as if the
            // pass had run on this thread.
            handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
        })
    }
    #[cfg(target_arch = "wasm32")]
    {
        ranges.iter().map(|&(from, to)| work(from, to)).collect()
    }
}

/// Splits `0..len` into `pieces` ranges of about equal size, each boundary
/// moved forward to the first place `boundary_at` accepts (a boundary that
/// finds none is dropped).
pub fn split(len: usize, pieces: usize, boundary_at: impl Fn(usize) -> Option<usize>) -> Vec<(usize, usize)> {
    let mut ranges = Vec::with_capacity(pieces);
    let mut from = 0;
    for k in 1..pieces {
        let Some(at) = boundary_at(len / pieces * k) else { break };
        if at > from && at < len {
            ranges.push((from, at));
            from = at;
        }
    }
    ranges.push((from, len));
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_cover_the_whole_in_order() {
        let ranges = split(100, 4, |at| Some(at + 3));
        assert_eq!(ranges, [(0, 28), (28, 53), (53, 78), (78, 100)]);
        assert_eq!(split(100, 3, |_| None), [(0, 100)]);
    }

    #[test]
    fn results_come_back_in_order() {
        let got = map_ranges(&[(0, 2), (2, 5), (5, 9)], |a, b| (a..b).sum::<usize>());
        assert_eq!(got, [1, 9, 26]);
    }

    #[test]
    fn small_inputs_are_not_split() {
        assert_eq!(pieces_for(MIN_SPLIT_BYTES - 1), 1);
    }
}
