//! The pull loop's decisions, as a pure function: given where the pull stands and the head of the
//! page the server just sent, what to do next — apply it (setting the lists' indexes aside first
//! for a large first pull, fetching the next page meanwhile), settle and stop after the last one,
//! report progress, drop the copy on a reset, or give up on a server that keeps asking for
//! resets. [`super::pull`] does what this says; the rules are tested here without a server.

use portal_core::pending::SyncProgress;

/// A page with at least this many changes (and more to come) is a large one: the next page is
/// fetched while it is applied, and a pull into an empty copy sets the lists' indexes aside.
pub const LARGE_PAGE: usize = 1_000;

/// A server that keeps answering "reset" is broken; stop rather than loop.
pub const MAX_RESETS: u32 = 2;

/// Where a pull stands between two pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PullState {
    /// The cursor the next page is asked after.
    pub cursor: i64,
    /// Where this pull (or its restart after a reset) began: progress counts from here.
    pub start: i64,
    /// Resets the server asked for so far in this pull.
    pub resets: u32,
}

impl PullState {
    /// A pull starting from the stored cursor.
    pub fn from(cursor: i64) -> Self {
        Self {
            cursor,
            start: cursor,
            resets: 0,
        }
    }
}

/// What the pull needs to know of a page to decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageHead {
    /// The server asks for the copy to be rebuilt from 0 (the cursor is older than its tombstones).
    pub reset: bool,
    /// How many changes the page holds.
    pub changes: usize,
    /// The cursor after the page.
    pub cursor: i64,
    /// Whether more pages follow.
    pub more: bool,
    /// The server's newest version.
    pub head: i64,
}

/// How to apply a page (one transaction with its cursor).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Apply {
    /// Set the lists' indexes aside first: a large page into an empty copy.
    pub set_aside: bool,
    /// Fetch the next page (after the page's cursor) while this one is applied.
    pub fetch_ahead: bool,
    /// The last page: the copy then holds every version up to the head, so the changes the server
    /// applied are settled and the sync is dated.
    pub last: bool,
    /// What to report once it is applied (none after the last page: the sync is done).
    pub progress: Option<SyncProgress>,
}

/// What the pull does with a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Apply it.
    Apply(Apply),
    /// Drop the copy (never the outbox) and pull again from 0.
    Reset,
    /// The server keeps asking for resets: stop with an error.
    GiveUp,
}

/// The decision for `page`, and where the pull stands once it is carried out.
pub fn decide(state: PullState, page: &PageHead) -> (Decision, PullState) {
    if page.reset {
        let resets = state.resets + 1;
        if resets > MAX_RESETS {
            return (Decision::GiveUp, PullState { resets, ..state });
        }
        let state = PullState {
            cursor: 0,
            start: 0,
            resets,
        };
        return (Decision::Reset, state);
    }
    let large = page.more && page.changes >= LARGE_PAGE;
    let progress = page.more.then(|| SyncProgress {
        done: (page.cursor - state.start).max(0),
        total: (page.head - state.start).max(0),
    });
    let apply = Apply {
        set_aside: large && state.cursor == 0,
        fetch_ahead: large,
        last: !page.more,
        progress,
    };
    let next = PullState {
        cursor: page.cursor,
        ..state
    };
    (Decision::Apply(apply), next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(changes: usize, cursor: i64, more: bool, head: i64) -> PageHead {
        PageHead {
            reset: false,
            changes,
            cursor,
            more,
            head,
        }
    }

    const RESET: PageHead = PageHead {
        reset: true,
        changes: 0,
        cursor: 0,
        more: false,
        head: 0,
    };

    fn applied(decision: Decision) -> Apply {
        match decision {
            Decision::Apply(apply) => apply,
            other => panic!("expected to apply, got {other:?}"),
        }
    }

    #[test]
    fn a_small_pull_applies_its_one_page_as_the_last() {
        let (decision, state) = decide(PullState::from(40), &page(3, 43, false, 43));
        assert_eq!(
            applied(decision),
            Apply {
                set_aside: false,
                fetch_ahead: false,
                last: true,
                progress: None,
            }
        );
        assert_eq!(state.cursor, 43);
    }

    #[test]
    fn a_large_first_pull_sets_the_indexes_aside_once_and_fetches_ahead() {
        let state = PullState::from(0);
        let (first, state) = decide(state, &page(LARGE_PAGE, 5_000, true, 12_000));
        let first = applied(first);
        assert!(first.set_aside && first.fetch_ahead && !first.last);
        assert_eq!(
            first.progress,
            Some(SyncProgress {
                done: 5_000,
                total: 12_000
            })
        );
        // The copy is no longer empty: the indexes are aside already, the next page still comes
        // ahead.
        let (second, state) = decide(state, &page(LARGE_PAGE, 10_000, true, 12_000));
        let second = applied(second);
        assert!(!second.set_aside && second.fetch_ahead);
        // The last page: nothing to fetch, settle and stop.
        let (last, state) = decide(state, &page(LARGE_PAGE, 12_000, false, 12_000));
        let last = applied(last);
        assert!(last.last && !last.fetch_ahead && !last.set_aside && last.progress.is_none());
        assert_eq!(state.cursor, 12_000);
    }

    #[test]
    fn small_pages_go_one_by_one_and_a_large_page_of_an_incremental_pull_keeps_the_indexes() {
        let (small, _) = decide(PullState::from(0), &page(25, 25, true, 100));
        let small = applied(small);
        assert!(!small.fetch_ahead && !small.set_aside);
        let (large, _) = decide(PullState::from(900), &page(LARGE_PAGE, 1_900, true, 5_000));
        let large = applied(large);
        assert!(large.fetch_ahead && !large.set_aside);
    }

    #[test]
    fn progress_counts_from_where_the_pull_began() {
        let (decision, _) = decide(PullState::from(1_000), &page(10, 1_010, true, 1_100));
        assert_eq!(
            applied(decision).progress,
            Some(SyncProgress {
                done: 10,
                total: 100
            })
        );
    }

    #[test]
    fn a_reset_starts_again_from_0_and_a_third_gives_up() {
        let state = PullState::from(700);
        let (decision, state) = decide(state, &RESET);
        assert_eq!(decision, Decision::Reset);
        assert_eq!(
            state,
            PullState {
                cursor: 0,
                start: 0,
                resets: 1
            }
        );
        // After the reset, a large page is a first pull again.
        let (after, state) = decide(state, &page(LARGE_PAGE, 2_000, true, 3_000));
        assert!(applied(after).set_aside);
        let (second, state) = decide(state, &RESET);
        assert_eq!(second, Decision::Reset);
        let (third, _) = decide(state, &RESET);
        assert_eq!(third, Decision::GiveUp);
    }
}
