//! The status-bar notices, the ones waiting their turn, and the log of every notice of the
//! session (the messages page, `about:messages`, lists it).
//!
//! An error is never replaced before the user has had it on screen: what arrives meanwhile (a
//! second start-up warning, a history file that cannot be written) waits, and each key shows
//! the next. While a page loads the status bar shows the loading line, so a key then does not
//! count as having seen an error. Start-up warnings (config problems) are sticky: they stay
//! while other keys work, until Esc dismisses each (Esc then does nothing else) or the
//! messages page, which lists them, is opened.

use super::input::Key;
use super::{App, Notice};
use std::collections::VecDeque;

/// The log keeps the newest this many notices.
pub const NOTICE_LOG_LIMIT: usize = 500;

/// One notice in the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedNotice {
    /// Its number in the session, from 1.
    pub number: u64,
    pub text: String,
    pub is_error: bool,
    /// How many times in a row it was given (a key pressed again and again).
    pub times: usize,
}

/// Every notice of the session, oldest first, bounded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoticeLog {
    entries: VecDeque<LoggedNotice>,
    given: u64,
}

impl NoticeLog {
    /// Adds `notice`; the same one again right after only counts.
    pub fn record(&mut self, notice: &Notice) {
        if let Some(last) = self.entries.back_mut()
            && last.text == notice.text
            && last.is_error == notice.is_error
        {
            last.times += 1;
            return;
        }
        self.given += 1;
        self.entries.push_back(LoggedNotice {
            number: self.given,
            text: notice.text.clone(),
            is_error: notice.is_error,
            times: 1,
        });
        if self.entries.len() > NOTICE_LOG_LIMIT {
            self.entries.pop_front();
        }
    }

    pub fn newest_first(&self) -> impl Iterator<Item = &LoggedNotice> {
        self.entries.iter().rev()
    }

    /// How many notices were given in the session (more than are kept, past the limit).
    pub fn given(&self) -> u64 {
        self.given
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl App {
    /// Shows `notice`, or queues it behind an error not yet seen; the log keeps it either way.
    pub(super) fn show_notice(&mut self, notice: Notice) {
        self.notice_log.record(&notice);
        let repeated =
            self.notice.as_ref() == Some(&notice) || self.waiting_notices.contains(&notice);
        match &self.notice {
            _ if repeated => {}
            Some(shown) if shown.is_error => self.waiting_notices.push_back(notice),
            _ => self.notice = Some(notice),
        }
    }

    /// A key was pressed: the notice it saw goes and the next waiting one (if any) shows. A
    /// sticky notice goes only with Esc, which it then takes (returns true).
    pub(super) fn dismiss_notice(&mut self, key: Key) -> bool {
        let Some(shown) = &self.notice else {
            return false;
        };
        let hidden_by_loading = self.is_loading() && shown.is_error;
        if hidden_by_loading {
            return false;
        }
        if shown.sticky {
            let covered = matches!(
                self.layer(),
                super::Layer::Prompt(_) | super::Layer::Question(_)
            );
            if covered || key != Key::Esc {
                return false;
            }
            self.notice = self.waiting_notices.pop_front();
            return true;
        }
        self.notice = self.waiting_notices.pop_front();
        false
    }

    /// The messages page lists every notice: the sticky ones have been read.
    pub(super) fn clear_sticky_notices(&mut self) {
        self.waiting_notices.retain(|n| !n.sticky);
        if self.notice.as_ref().is_some_and(|n| n.sticky) {
            self.notice = self.waiting_notices.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice(text: &str, is_error: bool) -> Notice {
        Notice {
            text: text.to_owned(),
            is_error,
            sticky: false,
        }
    }

    #[test]
    fn the_log_keeps_the_newest_notices_and_counts_repeats() {
        let mut log = NoticeLog::default();
        log.record(&notice("first", false));
        log.record(&notice("again", true));
        log.record(&notice("again", true));
        let newest: Vec<_> = log.newest_first().map(|n| (n.number, n.times)).collect();
        assert_eq!(newest, [(2, 2), (1, 1)]);
        for n in 0..NOTICE_LOG_LIMIT + 10 {
            log.record(&notice(&format!("n{n}"), false));
        }
        assert_eq!(log.len(), NOTICE_LOG_LIMIT);
        assert_eq!(log.given(), NOTICE_LOG_LIMIT as u64 + 12);
        assert_eq!(
            log.newest_first().next().map(|n| n.text.as_str()),
            Some("n509")
        );
    }
}
