//! Work split over two threads, for large inputs on native builds.
//!
//! The line scan (with the blog dialect's line classification, done as
//! each line is measured) and the building of the comments' texts each
//! read one line or one comment at a time, without looking at what came
//! before, so each can be done in two halves at once and the halves joined. Threads exist only off the web (`wasm32` runs
//! both halves one after the other), and small inputs stay on one thread,
//! where starting another costs more than it saves.

/// Inputs of fewer bytes than this are worked on one thread: a thread's
/// start (some tens of microseconds) is worth it only above a few hundred
/// kilobytes, which take milliseconds to parse.
pub const MIN_PARALLEL_BYTES: usize = 256 * 1024;

/// True when a text of `len` bytes is worth working on in two halves.
/// Never on the web, where `wasm32` has no threads to start.
pub fn worth_splitting(len: usize) -> bool {
    cfg!(not(target_arch = "wasm32")) && len >= MIN_PARALLEL_BYTES && !sequential_here()
}

#[cfg(test)]
thread_local! {
    /// Set while [`run_sequentially`] runs on this thread.
    static SEQUENTIAL: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Tests compare the halves' results with one pass's: within `f`, nothing
/// started from this thread is split. (Thread-local, so tests running at
/// the same time keep their own choice.)
#[cfg(test)]
pub fn run_sequentially<R>(f: impl FnOnce() -> R) -> R {
    SEQUENTIAL.with(|s| s.set(true));
    let result = f();
    SEQUENTIAL.with(|s| s.set(false));
    result
}

fn sequential_here() -> bool {
    #[cfg(test)]
    return SEQUENTIAL.with(std::cell::Cell::get);
    #[cfg(not(test))]
    false
}

/// Runs `first` and `second` and returns both results: on two threads when
/// `parallel` is true and the platform can start one, else one after the
/// other (also when the new thread has not begun `second` by the time
/// `first` is done). Results are the same either way; only the time differs.
pub fn join<A, B, FA, FB>(parallel: bool, first: FA, second: FB) -> (A, B)
where
    FA: FnOnce() -> A + Send,
    FB: FnOnce() -> B + Send,
    A: Send,
    B: Send,
{
    #[cfg(not(target_arch = "wasm32"))]
    if parallel {
        // The second closure is lent to the thread through a mutex: whichever
        // thread takes it first runs it. A new thread often starts late (some
        // hundreds of microseconds, milliseconds when other processes keep
        // the cores busy), so when this thread is done with the first
        // closure before the new one has begun, it runs the second itself
        // rather than wait; and a thread that cannot start at all (a process
        // out of threads) leaves it here too.
        let second = std::sync::Mutex::new(Some(second));
        let take = || second.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
        let take = &take;
        return std::thread::scope(|scope| {
            let spawned = std::thread::Builder::new().spawn_scoped(scope, move || take().map(|f| f()));
            let a = first();
            let b = take().map(|f| f());
            let b = match (b, spawned) {
                (Some(b), _) => Some(b),
                (None, Ok(handle)) => handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                (None, Err(_)) => None,
            };
            (a, b.expect("the second half ran on one of the threads"))
        });
    }
    let _ = parallel;
    (first(), second())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_returns_both_results_in_order_either_way() {
        for parallel in [false, true] {
            let data: Vec<u32> = (0..1000).collect();
            let (left, right) = data.split_at(500);
            let (a, b) = join(parallel, || left.iter().sum::<u32>(), || right.iter().sum::<u32>());
            assert_eq!((a, b), ((0..500).sum(), (500..1000).sum()));
        }
    }

    #[test]
    fn a_large_text_parses_the_same_in_halves() {
        // Above the threshold, and with a wrapped link or two in the
        // generated text, the lines, classes and bodies are split.
        let g = crate::generate::generate(3 * MIN_PARALLEL_BYTES);
        assert!(worth_splitting(g.text.len()));
        let split = crate::parse(&g.text);
        let whole = run_sequentially(|| crate::parse(&g.text));
        assert!(split.comments.len() > 500);
        assert_eq!(split, whole);
    }

    #[test]
    fn join_writes_into_split_halves() {
        let mut data = vec![0u32; 10];
        let (left, right) = data.split_at_mut(4);
        join(true, || left.iter_mut().for_each(|x| *x = 1), || right.iter_mut().for_each(|x| *x = 2));
        assert_eq!(data, [1, 1, 1, 1, 2, 2, 2, 2, 2, 2]);
    }
}
