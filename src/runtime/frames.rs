//! When to draw. Anything the user does, and the batch that first puts a new page on screen
//! or completes it, is drawn at once; a page that is only growing is redrawn at most once a
//! frame, with a deadline so the last chunks are never left undrawn. Nothing is scheduled
//! while nothing changes, so an idle browser wakes for nothing.

use std::time::{Duration, Instant};

/// The shortest time between two frames of a growing page (about 40 frames a second).
pub const FRAME: Duration = Duration::from_millis(25);

/// What a batch of messages changed, as far as drawing goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Keys, ticks, a page appearing or finishing, anything else: draw now.
    Now,
    /// Only more of a page that is already on screen (or collected aside): draw within a frame.
    Growth,
}

/// Whether a frame is due, and when.
#[derive(Debug, Clone, Copy)]
pub struct DrawSchedule {
    last_draw: Option<Instant>,
    /// Set while a change waits to be drawn.
    due: Option<Instant>,
}

impl Default for DrawSchedule {
    fn default() -> Self {
        DrawSchedule::new()
    }
}

impl DrawSchedule {
    /// The first frame is due at once.
    pub fn new() -> DrawSchedule {
        DrawSchedule {
            last_draw: None,
            due: Some(Instant::now()),
        }
    }

    /// Records a batch's change at `now`.
    pub fn changed(&mut self, change: Change, now: Instant) {
        let at = match (change, self.last_draw) {
            (Change::Growth, Some(last)) => (last + FRAME).max(now),
            _ => now,
        };
        self.due = Some(self.due.map_or(at, |due| due.min(at)));
    }

    /// Whether a frame should be drawn at `now`.
    pub fn is_due(&self, now: Instant) -> bool {
        self.due.is_some_and(|due| due <= now)
    }

    /// When the loop must wake to draw a waiting change (`None`: nothing waits).
    pub fn deadline(&self) -> Option<Instant> {
        self.due
    }

    pub fn drawn(&mut self, now: Instant) {
        self.last_draw = Some(now);
        self.due = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_frame_and_anything_but_growth_are_drawn_at_once() {
        let mut schedule = DrawSchedule::new();
        let start = Instant::now();
        assert!(schedule.is_due(start));
        schedule.drawn(start);
        assert_eq!(schedule.deadline(), None, "nothing waits after a draw");
        let soon = start + Duration::from_millis(1);
        schedule.changed(Change::Now, soon);
        assert!(schedule.is_due(soon), "a key right after a frame is drawn");
    }

    #[test]
    fn a_growing_page_is_redrawn_at_most_once_a_frame_and_never_left_undrawn() {
        let start = Instant::now();
        let mut schedule = DrawSchedule::new();
        schedule.drawn(start);
        let soon = start + Duration::from_millis(5);
        schedule.changed(Change::Growth, soon);
        assert!(!schedule.is_due(soon), "growth waits for the frame");
        assert_eq!(schedule.deadline(), Some(start + FRAME));
        assert!(schedule.is_due(start + FRAME));
        // A key in between is drawn at once, taking the growth with it.
        schedule.changed(Change::Now, soon);
        assert!(schedule.is_due(soon));
        schedule.drawn(soon);
        // Growth long after the last frame is drawn at once.
        let later = soon + FRAME * 3;
        schedule.changed(Change::Growth, later);
        assert!(schedule.is_due(later));
    }
}
