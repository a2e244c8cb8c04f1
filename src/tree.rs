//! Reply nesting: from per-comment depth hints to parent indices.
//!
//! Text renderings show nesting as indentation (of a list marker or of the
//! header line). Comments arrive in document order, each with the column of
//! its anchor; a comment's parent is the nearest earlier comment whose anchor
//! is less indented and that is still "open". This is the classic stack walk
//! over an outline, done with an explicit stack so that depth never touches
//! the call stack.

/// Parents and depths for comments whose anchors sit at `columns`, in document order.
///
/// Returns, for each comment, its parent index (always smaller than its own)
/// and its depth (1 = top level). A comment less indented than every open
/// one is top level, whatever came before.
pub fn nest_by_columns(columns: &[u32]) -> Vec<(Option<usize>, u32)> {
    let mut out = Vec::with_capacity(columns.len());
    // (column, comment index, depth) of the open ancestors, innermost last.
    let mut open: Vec<(u32, usize, u32)> = Vec::new();
    for (index, &column) in columns.iter().enumerate() {
        while open.last().is_some_and(|&(c, _, _)| c >= column) {
            open.pop();
        }
        let (parent, depth) = match open.last() {
            Some(&(_, p, d)) => (Some(p), d + 1),
            None => (None, 1),
        };
        out.push((parent, depth));
        open.push((column, index, depth));
    }
    out
}

/// Depths recomputed from parents (parents always come first), for callers
/// that changed a parent after nesting.
pub fn depths_from_parents(parents: &[Option<usize>]) -> Vec<u32> {
    let mut depths: Vec<u32> = Vec::with_capacity(parents.len());
    for parent in parents {
        let depth = match parent {
            Some(p) => depths[*p] + 1,
            None => 1,
        };
        depths.push(depth);
    }
    depths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_shape() {
        let got = nest_by_columns(&[2, 2, 2, 2, 4, 6, 2, 2, 2]);
        let parents: Vec<_> = got.iter().map(|g| g.0).collect();
        assert_eq!(parents, [None, None, None, None, Some(3), Some(4), None, None, None]);
        let depths: Vec<_> = got.iter().map(|g| g.1).collect();
        assert_eq!(depths, [1, 1, 1, 1, 2, 3, 1, 1, 1]);
    }

    #[test]
    fn dedent_below_first_is_top_level() {
        let got = nest_by_columns(&[4, 8, 0, 2]);
        assert_eq!(got, [(None, 1), (Some(0), 2), (None, 1), (Some(2), 2)]);
    }

    #[test]
    fn deep_chain_without_recursion() {
        let columns: Vec<u32> = (0..100_000).collect();
        let got = nest_by_columns(&columns);
        assert_eq!(got[99_999], (Some(99_998), 100_000));
        let parents: Vec<_> = got.iter().map(|g| g.0).collect();
        assert_eq!(depths_from_parents(&parents)[99_999], 100_000);
    }
}
