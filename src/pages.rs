//! Room for the parse's largest lists, backed by the kernel's huge pages
//! where it has them.
//!
//! A 100 MB thread's lists of lines, drafts and comments take tens of
//! megabytes each. glibc's allocator gives every allocation of 32 MiB or
//! more pages of its own, mapped for it and given back when it is freed,
//! so each parse faults all of them in again, 4 KiB at a time: some 46,000
//! page faults per parse of 100 MB, at about 2.9 µs each on the VM this was
//! measured on, a fifth of the parse. Asking the kernel to back such a
//! list with 2 MiB pages (`MADV_HUGEPAGE`, which Linux honours where
//! transparent huge pages are set to `madvise` or `always`) cuts the
//! faults some 500-fold. Smaller lists come from the allocator's heap,
//! which a loop of parses reuses, and are left alone; so is every list on
//! other systems and on the web.

/// Lists of at least this many bytes get their own pages from glibc's
/// allocator (its largest threshold for mapping an allocation apart), and
/// only those are worth advising. (Read on Linux alone, and by the tests.)
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
const HUGE_LIST_BYTES: usize = 32 << 20;

/// An empty list with room for `capacity` items, the room advised to be
/// backed by huge pages when it is large (see the module's docs). Room
/// never written takes no memory, huge pages or not: the kernel backs a
/// page only when it is first touched.
pub fn list_with_capacity<T>(capacity: usize) -> Vec<T> {
    let list = Vec::with_capacity(capacity);
    #[cfg(target_os = "linux")]
    advise_huge_pages(list.as_ptr() as usize, capacity.saturating_mul(std::mem::size_of::<T>()));
    list
}

/// Advises the 2 MiB-aligned pages inside `start..start + len` to be
/// huge pages, when the range is at least [`HUGE_LIST_BYTES`] long.
#[cfg(target_os = "linux")]
fn advise_huge_pages(start: usize, len: usize) {
    const HUGE_PAGE: usize = 2 << 20;
    if len < HUGE_LIST_BYTES {
        return;
    }
    let from = start.next_multiple_of(HUGE_PAGE);
    let to = (start + len) / HUGE_PAGE * HUGE_PAGE;
    if from < to {
        // SAFETY: `from..to` lies inside one live allocation of this
        // process, and `MADV_HUGEPAGE` changes neither the contents nor
        // the mapping of any byte, only how the kernel backs the pages it
        // has yet to fault in. A kernel without huge pages refuses the
        // advice, and the list is as it would be without it.
        unsafe { libc::madvise(from as *mut libc::c_void, to - from, libc::MADV_HUGEPAGE) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_and_small_lists_have_their_room() {
        let small: Vec<u64> = list_with_capacity(10);
        assert!(small.capacity() >= 10 && small.is_empty());
        let mut large: Vec<u64> = list_with_capacity(HUGE_LIST_BYTES / 8 + 1);
        assert!(large.capacity() > HUGE_LIST_BYTES / 8);
        large.extend(0..1000);
        assert_eq!(large[999], 999, "an advised list is written and read as any other");
    }
}
