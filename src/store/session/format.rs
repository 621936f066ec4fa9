//! Reading and writing the session format (described in `super`): the strict parser, whose
//! every refusal names the line and the reason, and the text of a session within bounds.

use super::{HEADER, MAX_PAGES_PER_TAB, MAX_TABS, Session, SessionEntry, SessionTab};
use std::fmt;

/// What every version's first line starts with.
const HEADER_PREFIX: &str = "burrow session ";

/// Why a session file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionProblem {
    /// The first line is not a session header.
    NotASession,
    /// The first line names another version of the format.
    OtherVersion(String),
    NotUtf8,
    ControlCharacter,
    /// A line that is neither a tab, a page, a comment nor blank.
    UnknownLine,
    PageBeforeTab,
    /// A field is missing from a page line (its name).
    MissingField(&'static str),
    /// A field is not a whole number (its name and text).
    BadNumber(&'static str, String),
    /// The address was refused (why).
    BadAddress(String),
    SecondPageShown,
    BackAfterPageShown,
    ForwardBeforePageShown,
    /// A tab (starting on the line given) has no `here` page.
    NoPageShown,
    SecondCurrentTab,
    NoCurrentTab,
    TooManyTabs,
    TooManyPages,
}

impl fmt::Display for SessionProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SessionProblem::NotASession => {
                write!(
                    f,
                    "not a Burrow session (it should start with \"{HEADER}\")"
                )
            }
            SessionProblem::OtherVersion(version) => write!(
                f,
                "written in session format {version}; this Burrow reads format 1 (a newer \
                 Burrow wrote it?)"
            ),
            SessionProblem::NotUtf8 => f.write_str("not UTF-8 text"),
            SessionProblem::ControlCharacter => f.write_str("holds a control character"),
            SessionProblem::UnknownLine => f.write_str(
                "expected \"tab\", \"tab current\" or a page (\"back\", \"here\" or \"forward\" \
                 CURSOR TOP ROW ADDRESS)",
            ),
            SessionProblem::PageBeforeTab => f.write_str("a page before the first \"tab\" line"),
            SessionProblem::MissingField(field) => write!(f, "the {field} is missing"),
            SessionProblem::BadNumber(field, text) => {
                write!(f, "the {field} \"{text}\" is not a whole number")
            }
            SessionProblem::BadAddress(why) => write!(f, "the address cannot be used: {why}"),
            SessionProblem::SecondPageShown => f.write_str("a second \"here\" page in one tab"),
            SessionProblem::BackAfterPageShown => {
                f.write_str("a \"back\" page after the page shown (\"here\")")
            }
            SessionProblem::ForwardBeforePageShown => {
                f.write_str("a \"forward\" page before the page shown (\"here\")")
            }
            SessionProblem::NoPageShown => f.write_str("this tab has no \"here\" page"),
            SessionProblem::SecondCurrentTab => f.write_str("a second \"tab current\""),
            SessionProblem::NoCurrentTab => f.write_str("no tab is marked \"tab current\""),
            SessionProblem::TooManyTabs => {
                write!(
                    f,
                    "more than {MAX_TABS} tabs (Burrow keeps at most {MAX_TABS})"
                )
            }
            SessionProblem::TooManyPages => write!(
                f,
                "more than {MAX_PAGES_PER_TAB} pages in one tab (Burrow keeps at most \
                 {MAX_PAGES_PER_TAB})"
            ),
        }
    }
}

/// A session file that cannot be read: the line (from 1) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionError {
    pub line: usize,
    pub problem: SessionProblem,
}

impl fmt::Display for SessionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.problem)
    }
}

impl std::error::Error for SessionError {}

/// Which list of a tab's history a page line belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Back,
    Here,
    Forward,
}

/// A tab being read: its entries, where `here` was, and the line it started on.
struct OpenTab {
    tab: SessionTab,
    shown: Option<usize>,
    line: usize,
}

impl Session {
    /// Parses a session file. `check_address` decides whether an address can be used (the app
    /// parses it as a location); its refusal is reported with the line.
    pub fn parse(
        bytes: &[u8],
        check_address: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<Session, SessionError> {
        let fail = |line, problem| Err(SessionError { line, problem });
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let line = bytes[..e.valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
                    + 1;
                return fail(line, SessionProblem::NotUtf8);
            }
        };
        let mut lines = text.lines().enumerate().map(|(n, line)| (n + 1, line));
        match lines.next().map(|(_, first)| first.trim_end()) {
            Some(HEADER) => {}
            Some(first) => {
                let problem = match first.strip_prefix(HEADER_PREFIX) {
                    Some(version) if !version.is_empty() && !version.contains(char::is_control) => {
                        SessionProblem::OtherVersion(version.to_owned())
                    }
                    _ => SessionProblem::NotASession,
                };
                return fail(1, problem);
            }
            None => return fail(1, SessionProblem::NotASession),
        }
        let mut session = Session::default();
        let mut current = None;
        let mut open: Option<OpenTab> = None;
        for (number, line) in lines {
            if line.contains(char::is_control) {
                return fail(number, SessionProblem::ControlCharacter);
            }
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            if trimmed == "tab" || trimmed == "tab current" {
                if let Some(done) = open.take() {
                    session.tabs.push(finish_tab(done)?);
                }
                if session.tabs.len() == MAX_TABS {
                    return fail(number, SessionProblem::TooManyTabs);
                }
                if trimmed == "tab current" {
                    if current.is_some() {
                        return fail(number, SessionProblem::SecondCurrentTab);
                    }
                    current = Some(session.tabs.len());
                }
                open = Some(OpenTab {
                    tab: SessionTab {
                        entries: Vec::new(),
                        at: 0,
                    },
                    shown: None,
                    line: number,
                });
                continue;
            }
            let (kind, rest) = match line.trim_start().split_once(' ') {
                Some(("back", rest)) => (Kind::Back, rest),
                Some(("here", rest)) => (Kind::Here, rest),
                Some(("forward", rest)) => (Kind::Forward, rest),
                _ => return fail(number, SessionProblem::UnknownLine),
            };
            let Some(tab) = open.as_mut() else {
                return fail(number, SessionProblem::PageBeforeTab);
            };
            let entry = parse_entry(rest, check_address).map_err(|problem| SessionError {
                line: number,
                problem,
            })?;
            let order = match (kind, tab.shown) {
                (Kind::Here, Some(_)) => Err(SessionProblem::SecondPageShown),
                (Kind::Back, Some(_)) => Err(SessionProblem::BackAfterPageShown),
                (Kind::Forward, None) => Err(SessionProblem::ForwardBeforePageShown),
                _ => Ok(()),
            };
            order.map_err(|problem| SessionError {
                line: number,
                problem,
            })?;
            if tab.tab.entries.len() == MAX_PAGES_PER_TAB {
                return fail(number, SessionProblem::TooManyPages);
            }
            if kind == Kind::Here {
                tab.shown = Some(tab.tab.entries.len());
            }
            tab.tab.entries.push(entry);
        }
        if let Some(done) = open.take() {
            session.tabs.push(finish_tab(done)?);
        }
        match current {
            Some(current) => session.current = current,
            None if session.tabs.is_empty() => {}
            None => {
                let end = text.lines().count().max(1);
                return fail(end, SessionProblem::NoCurrentTab);
            }
        }
        Ok(session)
    }

    /// The file's text, of the session within its bounds ([`Session::bounded`]). Addresses are
    /// written exactly as they are.
    pub fn to_file_text(&self) -> String {
        self.bounded().text()
    }

    /// The text of a session already within bounds.
    pub(super) fn text(&self) -> String {
        let mut text = format!(
            "{HEADER}\n# Burrow's open tabs: \"tab\" (\"tab current\": the one shown), then its \
             pages, oldest first:\n# back|here|forward CURSOR TOP-LINE TOP-ROW ADDRESS\n"
        );
        for (index, tab) in self.tabs.iter().enumerate() {
            text.push_str(if index == self.current {
                "tab current\n"
            } else {
                "tab\n"
            });
            for (at, entry) in tab.entries.iter().enumerate() {
                text.push_str(&entry_line(entry, kind_at(at, tab.at)));
            }
        }
        text
    }
}

fn kind_at(index: usize, at: usize) -> Kind {
    match index.cmp(&at) {
        std::cmp::Ordering::Less => Kind::Back,
        std::cmp::Ordering::Equal => Kind::Here,
        std::cmp::Ordering::Greater => Kind::Forward,
    }
}

pub(super) fn entry_line(entry: &SessionEntry, kind: Kind) -> String {
    let word = match kind {
        Kind::Back => "back",
        Kind::Here => "here",
        Kind::Forward => "forward",
    };
    format!(
        "{word} {} {} {} {}\n",
        entry.cursor, entry.top_line, entry.top_row, entry.address
    )
}

/// Whether an address can stand on a line of its own and be read back the same (a line break
/// or other control character would break the format; no address the app makes holds one).
pub(super) fn is_writable(address: &str) -> bool {
    !address.trim().is_empty() && address.trim() == address && !address.contains(char::is_control)
}

/// `CURSOR TOP ROW ADDRESS` after the page line's first word.
fn parse_entry(
    rest: &str,
    check_address: &dyn Fn(&str) -> Result<(), String>,
) -> Result<SessionEntry, SessionProblem> {
    let mut rest = rest;
    let mut number = |field: &'static str| {
        let (word, after) = rest.split_once(' ').unwrap_or((rest, ""));
        rest = after;
        if word.is_empty() {
            return Err(SessionProblem::MissingField(field));
        }
        word.parse::<usize>()
            .map_err(|_| SessionProblem::BadNumber(field, word.to_owned()))
    };
    let cursor = number("cursor")?;
    let top_line = number("top line")?;
    let top_row = number("top row")?;
    if rest.trim().is_empty() {
        return Err(SessionProblem::MissingField("address"));
    }
    let address = rest.trim_end();
    check_address(address).map_err(SessionProblem::BadAddress)?;
    Ok(SessionEntry {
        address: address.to_owned(),
        cursor,
        top_line,
        top_row,
    })
}

fn finish_tab(open: OpenTab) -> Result<SessionTab, SessionError> {
    match open.shown {
        Some(at) => Ok(SessionTab { at, ..open.tab }),
        None => Err(SessionError {
            line: open.line,
            problem: SessionProblem::NoPageShown,
        }),
    }
}
