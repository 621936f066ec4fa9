//! The status-bar notices and the ones waiting their turn. An error is never replaced before
//! the user has had it on screen: what arrives meanwhile (a second start-up warning, a history
//! file that cannot be written) waits, and each key shows the next. While a page loads the
//! status bar shows the loading line, so a key then does not count as having seen an error.

use super::{App, Notice};

impl App {
    /// Shows `notice`, or queues it behind an error not yet seen.
    pub(super) fn show_notice(&mut self, notice: Notice) {
        let repeated =
            self.notice.as_ref() == Some(&notice) || self.waiting_notices.contains(&notice);
        match &self.notice {
            _ if repeated => {}
            Some(shown) if shown.is_error => self.waiting_notices.push_back(notice),
            _ => self.notice = Some(notice),
        }
    }

    /// A key was pressed: the notice it saw goes and the next waiting one (if any) shows.
    pub(super) fn dismiss_notice(&mut self) {
        let hidden_by_loading =
            self.is_loading() && self.notice.as_ref().is_some_and(|n| n.is_error);
        if !hidden_by_loading {
            self.notice = self.waiting_notices.pop_front();
        }
    }
}
