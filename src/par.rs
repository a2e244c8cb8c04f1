//! Work split over two threads, for large inputs on native builds.
//!
//! The line scan (with the blog dialect's line classification, done as
//! each line is measured) and the building of the comments' texts each
//! read one line or one comment at a time, without looking at what came
//! before, so each can be done in two halves at once and the halves joined
//! (the scan in chunks that the two threads take in turn, see
//! `lines::scan_then`; and so can the freeing of those texts when a large
//! thread is dropped, see `Thread`'s `Drop`). Threads exist only off the web (`wasm32` runs
//! both halves one after the other), and small inputs stay on one thread,
//! where starting another costs more than it saves.

/// Inputs of fewer bytes than this are worked on one thread: handing work
/// to another thread (some tens of microseconds until it begins) is worth
/// it only above a few hundred kilobytes, which take milliseconds to parse.
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
/// other (also when the other thread has not begun `second` by the time
/// `first` is done). Results are the same either way; only the time differs.
/// A panic in either closure reaches the caller once both are done.
pub fn join<A, B, FA, FB>(parallel: bool, first: FA, second: FB) -> (A, B)
where
    FA: FnOnce() -> A + Send,
    FB: FnOnce() -> B + Send,
    A: Send,
    B: Send,
{
    #[cfg(not(target_arch = "wasm32"))]
    if parallel {
        return helper::join(first, second);
    }
    let _ = parallel;
    (first(), second())
}

/// The thread that runs the second halves: started once, at the first
/// split, and kept for the life of the process.
///
/// Why one kept thread, not a thread per join: a parse joins six times,
/// and a new thread began its work 50 to 100 µs late on the 2-core VM
/// this was measured on, each time, while a waiting thread that is woken
/// begins within 10 to 20 µs; a 1 MB parse took 8 to 12 % less time (lsx
/// harness, medians of 40 parses, alternating builds). Each side spins a
/// while before it sleeps ([`SPIN`]), which spares most of those wake-ups. rayon-core's
/// `join`, called from outside its pool, was slower than a thread per join:
/// it sends both halves to the pool and puts the caller to sleep.
#[cfg(not(target_arch = "wasm32"))]
mod helper {
    use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError};
    use std::thread::Thread;

    /// A closure lent to the helper, with the latch it sets when done.
    struct Lent {
        /// Runs the second closure and stores its result (or its panic)
        /// where the lender reads it. Its true lifetime is the lender's
        /// `join` call: see the safety argument in [`join`].
        run: Box<dyn FnOnce() + Send + 'static>,
        /// Set once `run` has returned and been dropped. Shared, so that
        /// the helper can still set it after the lender may have left.
        done: Arc<Latch>,
    }

    /// What the helper is doing.
    enum Slot {
        /// Waiting for work: a `join` may lend it its second closure.
        Idle,
        /// A closure lent and not yet taken: the lender takes it back
        /// when it gets there first.
        Lent(Lent),
        /// Running a closure: another `join` (from another thread) runs
        /// its halves without the helper.
        Busy,
    }

    /// One thread's signal to another that a lent closure is done.
    struct Latch {
        set: AtomicBool,
        /// The lender, parked while it waits.
        waiter: Thread,
    }

    impl Latch {
        fn set(&self) {
            self.set.store(true, Ordering::Release);
            self.waiter.unpark();
        }

        /// Returns once the latch is set (`park` may wake spuriously).
        fn wait(&self) {
            // The other half is often done within microseconds: spinning
            // first spares the lender a sleep and a wake-up.
            if spin_until(|| self.set.load(Ordering::Acquire)) {
                return;
            }
            while !self.set.load(Ordering::Acquire) {
                std::thread::park();
            }
        }
    }

    /// The helper thread's mailbox.
    struct Helper {
        slot: Mutex<Slot>,
        lent: Condvar,
        /// True while the slot holds a lent closure: set and cleared under
        /// the slot's lock, read without it by the helper while it spins.
        pending: AtomicBool,
    }

    /// How long a thread that waits for the other spins before it sleeps.
    /// A parse's joins follow each other within a fraction of a
    /// millisecond, and a sleeping thread that is woken begins 10 to 30 µs
    /// later on the VM this was measured on, the lender as much as the
    /// helper: spinning cut a 1 MB parse by about 5 % and a 10 MB one by
    /// about 2.5 % in the lsx harness (alternating builds), though not
    /// beyond the noise of criterion's figures on that VM. A thread that
    /// waits longer sleeps as before, so an idle process keeps no core busy.
    const SPIN: std::time::Duration = std::time::Duration::from_micros(200);

    /// Spins until `ready` answers true (returns true) or [`SPIN`] has
    /// passed (returns false). On a machine with one core the other thread
    /// cannot run while this one spins, so it returns false at once.
    fn spin_until(mut ready: impl FnMut() -> bool) -> bool {
        static CORES: OnceLock<bool> = OnceLock::new();
        if !*CORES.get_or_init(|| std::thread::available_parallelism().is_ok_and(|n| n.get() > 1)) {
            return ready();
        }
        let start = std::time::Instant::now();
        loop {
            // The clock is read once per 64 looks: a look is a load.
            for _ in 0..64 {
                if ready() {
                    return true;
                }
                std::hint::spin_loop();
            }
            if start.elapsed() > SPIN {
                return false;
            }
        }
    }

    impl Helper {
        fn slot(&self) -> MutexGuard<'_, Slot> {
            // Closures run outside the lock and their panics are caught,
            // so a poisoned lock still holds a consistent slot.
            self.slot.lock().unwrap_or_else(PoisonError::into_inner)
        }

        /// The helper thread's loop: take a lent closure, run it, say so.
        fn serve(&self) -> ! {
            loop {
                // Spinning first catches a parse's next join awake.
                spin_until(|| self.pending.load(Ordering::Acquire));
                let mut slot = self.slot();
                let lent = loop {
                    match std::mem::replace(&mut *slot, Slot::Busy) {
                        Slot::Lent(lent) => {
                            self.pending.store(false, Ordering::Relaxed);
                            break lent;
                        }
                        other => *slot = other,
                    }
                    slot = self.lent.wait(slot).unwrap_or_else(PoisonError::into_inner);
                };
                drop(slot);
                (lent.run)();
                // Idle before the latch: the lender's next join finds the
                // helper free.
                *self.slot() = Slot::Idle;
                lent.done.set();
            }
        }
    }

    /// The helper, its thread started at first use; `None` when no thread
    /// can start.
    fn helper() -> Option<&'static Helper> {
        static HELPER: Helper = Helper { slot: Mutex::new(Slot::Idle), lent: Condvar::new(), pending: AtomicBool::new(false) };
        static STARTED: OnceLock<bool> = OnceLock::new();
        let started = STARTED.get_or_init(|| std::thread::Builder::new().name("rethread-helper".into()).spawn(|| HELPER.serve()).is_ok());
        started.then_some(&HELPER)
    }

    /// [`super::join`] on two threads: `second` is lent to the helper
    /// thread while this thread runs `first`; when the helper is busy with
    /// another caller's work, or has not taken `second` by the time `first`
    /// is done, this thread runs `second` itself.
    pub fn join<A, B, FA, FB>(first: FA, second: FB) -> (A, B)
    where
        FA: FnOnce() -> A + Send,
        FB: FnOnce() -> B + Send,
        A: Send,
        B: Send,
    {
        let Some(helper) = helper() else {
            return (first(), second());
        };
        let mut slot = helper.slot();
        if !matches!(*slot, Slot::Idle) {
            drop(slot);
            return (first(), second());
        }
        let mut second_result: Option<std::thread::Result<B>> = None;
        let out = &mut second_result;
        let run: Box<dyn FnOnce() + Send + '_> = Box::new(move || *out = Some(catch_unwind(AssertUnwindSafe(second))));
        // SAFETY: `run` borrows this call's stack (`second` and
        // `second_result`, through `out`), and this erases that lifetime so
        // that the helper thread may hold it. It is sound because this
        // call does not return, nor unwind past `Reclaim`, before `run` is
        // gone: `Reclaim::drop` either takes `run` back from the slot
        // (then it is run or dropped here) or, when the helper has taken
        // it, waits for the latch the helper sets only after `run` has
        // returned and been dropped (`serve`). Until then nothing here
        // touches `second_result`.
        let run: Box<dyn FnOnce() + Send + 'static> = unsafe { std::mem::transmute(run) };
        let done = Arc::new(Latch { set: AtomicBool::new(false), waiter: std::thread::current() });
        *slot = Slot::Lent(Lent { run, done: Arc::clone(&done) });
        helper.pending.store(true, Ordering::Release);
        drop(slot);
        helper.lent.notify_one();
        let reclaim = Reclaim { helper, done };
        let a = first();
        // Runs `second` here when the helper has not taken it, else waits.
        drop(reclaim);
        match second_result.expect("the second closure ran on one of the threads") {
            Ok(b) => (a, b),
            Err(panic) => resume_unwind(panic),
        }
    }

    /// Makes sure a lent closure is gone before its lender's `join` is
    /// left, also when `first` panics.
    struct Reclaim {
        helper: &'static Helper,
        done: Arc<Latch>,
    }

    impl Drop for Reclaim {
        fn drop(&mut self) {
            let mut slot = self.helper.slot();
            let taken_back = match std::mem::replace(&mut *slot, Slot::Idle) {
                Slot::Lent(lent) if Arc::ptr_eq(&lent.done, &self.done) => {
                    self.helper.pending.store(false, Ordering::Relaxed);
                    Some(lent.run)
                }
                other => {
                    *slot = other;
                    None
                }
            };
            drop(slot);
            match taken_back {
                // Run here unless unwinding from `first`'s panic, which
                // goes on to the caller; dropping `run` drops `second`.
                Some(run) if !std::thread::panicking() => run(),
                Some(_) => {}
                None => self.done.wait(),
            }
        }
    }
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
    fn a_join_after_the_helper_has_gone_to_sleep_runs_both_halves() {
        // Longer than the helper spins: it sleeps on its condition variable
        // and must be woken for the second join.
        assert_eq!(join(true, || 1, || 2), (1, 2));
        std::thread::sleep(std::time::Duration::from_millis(5));
        let data: Vec<u64> = (0..100_000).collect();
        let (left, right) = data.split_at(50_000);
        assert_eq!(join(true, || left.iter().sum::<u64>(), || right.iter().sum::<u64>()), ((0..50_000).sum(), (50_000..100_000).sum()));
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
    fn a_panic_in_either_half_reaches_the_caller_and_the_helper_goes_on() {
        for panicking_half in [0, 1] {
            let result = std::panic::catch_unwind(|| {
                join(true, || assert!(panicking_half != 0, "first half fails"), || assert!(panicking_half != 1, "second half fails"))
            });
            let message = result.expect_err("the panic came through");
            let text = message.downcast_ref::<String>().map(String::as_str).or(message.downcast_ref::<&str>().copied());
            assert_eq!(text, Some(["first half fails", "second half fails"][panicking_half]));
        }
        assert_eq!(join(true, || 1, || 2), (1, 2));
    }

    #[test]
    fn joins_from_many_threads_at_once_each_get_their_own_results() {
        // One helper serves one join at a time: the others run both halves
        // on their own thread, and every join still gets its own answers.
        std::thread::scope(|scope| {
            for t in 0..8u64 {
                scope.spawn(move || {
                    for i in 0..200u64 {
                        let text = vec![t * 1000 + i; 64];
                        let (a, b) = join(true, || text[..32].iter().sum::<u64>(), || text[32..].iter().sum::<u64>());
                        assert_eq!((a, b), (32 * (t * 1000 + i), 32 * (t * 1000 + i)));
                    }
                });
            }
        });
    }

    #[test]
    fn join_writes_into_split_halves() {
        let mut data = vec![0u32; 10];
        let (left, right) = data.split_at_mut(4);
        join(true, || left.iter_mut().for_each(|x| *x = 1), || right.iter_mut().for_each(|x| *x = 2));
        assert_eq!(data, [1, 1, 1, 1, 2, 2, 2, 2, 2, 2]);
    }
}
