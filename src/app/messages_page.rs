//! The messages page (`about:messages`, `M`, named on the help page): every notice of this session, newest first,
//! errors marked, each in full (a text page wraps what the status bar had to cut). The log
//! keeps the newest `NOTICE_LOG_LIMIT`. Opening the page counts as having read the start-up
//! warnings, so they leave the status bar.

use super::find_text::grouped;
use super::loading::LoadPurpose;
use super::location::Location;
use super::notices::{NOTICE_LOG_LIMIT, NoticeLog};
use super::page::{Content, Page};
use super::{App, Command};
use crate::gopher::TextDoc;

/// The page's lines: a heading, then one line a notice, newest first.
pub fn messages_lines(log: &NoticeLog) -> Vec<String> {
    let kept = log.len() as u64;
    let heading = match log.given() {
        0 => "No messages yet in this session.".to_owned(),
        given if given > kept => format!(
            "Messages of this session, newest first: the last {} of {}.",
            grouped(kept as usize),
            grouped(given as usize)
        ),
        given => format!(
            "Messages of this session, newest first ({}; the last {NOTICE_LOG_LIMIT} are kept).",
            grouped(given as usize)
        ),
    };
    let mut lines = vec![heading, String::new()];
    for notice in log.newest_first() {
        let mark = if notice.is_error { "error" } else { "     " };
        let times = match notice.times {
            1 => String::new(),
            n => format!(" ({n} times)"),
        };
        lines.push(format!(
            "{:>4}  {mark}  {}{times}",
            notice.number, notice.text
        ));
    }
    lines
}

impl App {
    /// Shows the messages page (a new page, or this one again for a reload).
    pub(super) fn open_messages(&mut self, purpose: LoadPurpose) -> Vec<Command> {
        let mut commands = self.cancel_loading();
        self.clear_sticky_notices();
        let doc = TextDoc::from_lines(messages_lines(&self.notice_log));
        self.show_loaded(Page::new(Location::Messages, Content::Text(doc)), purpose);
        commands.shrink_to_fit();
        commands
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Notice;

    #[test]
    fn notices_are_listed_newest_first_with_errors_marked() {
        let mut log = NoticeLog::default();
        assert_eq!(messages_lines(&log)[0], "No messages yet in this session.");
        for (text, is_error) in [("Saved a.txt", false), ("Not saved: disk full", true)] {
            log.record(&Notice {
                text: text.into(),
                is_error,
                sticky: false,
            });
        }
        let lines = messages_lines(&log);
        assert_eq!(
            &lines[2..],
            [
                "   2  error  Not saved: disk full",
                "   1         Saved a.txt"
            ]
        );
    }
}
