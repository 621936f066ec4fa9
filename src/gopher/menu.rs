//! Gopher menus (RFC 1436 plus `i` info lines and `h` `URL:` web links), parsed leniently and
//! as they stream in, into one compact form: display texts (sanitised) in one `String`, selectors
//! and hosts (raw bytes) in one buffer, and a small fixed-size record per line. Display texts
//! are decoded in the parser's `Encoding`; selectors and hosts are never decoded. How a line
//! is read is `menu_line.rs`; here a `+` (redundant server) item takes the type of the link
//! above it, and gophernicus's `TITLE` info line names the menu.

use super::encoding::Encoding;
use super::item_type::{ItemKind, ItemType};
use super::line_splitter::LineSplitter;
use super::menu_line::{LineProblem, MenuLine, read_menu_line};
use super::sanitize::{sanitize, sanitize_bytes};
use super::url::{GopherUrl, UrlError};

/// A range into one of the menu's buffers. `u32` keeps a line's record small; `MenuParser`
/// stops adding lines before a buffer could outgrow it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Span {
    start: u32,
    end: u32,
}

impl Span {
    fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ItemRecord {
    item_type: ItemType,
    /// The type the link opens as: its own, or for a `+` item the type of the link above.
    opens_as: ItemType,
    port: u16,
    display: Span,
    selector: Span,
    host: Span,
}

/// One menu line, borrowed from the menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MenuItem<'a> {
    pub item_type: ItemType,
    /// Sanitised display text, safe to show.
    pub display: &'a str,
    /// Raw selector bytes, exactly as the server sent them.
    pub selector: &'a [u8],
    /// Raw host bytes, exactly as the server sent them.
    pub host: &'a [u8],
    pub port: u16,
    /// How the item opens: its own type, or for a `+` (mirror) item the type of the item above.
    pub opens_as: ItemType,
    /// Why the line cannot be followed, when the line itself says (missing host or port).
    pub problem: Option<LinkProblem<'a>>,
}

/// Why a link line cannot be followed, found while parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkProblem<'a> {
    MissingHost,
    MissingPort,
    /// The port field as sent.
    BadPort(&'a [u8]),
    /// A `+` line with no link above it.
    MirrorOfNothing,
}

impl LinkProblem<'_> {
    fn to_error(self) -> UrlError {
        match self {
            LinkProblem::MissingHost => UrlError::MissingHost,
            LinkProblem::MissingPort => UrlError::MissingPort,
            LinkProblem::BadPort(port) => UrlError::BadPort(sanitize_bytes(port)),
            LinkProblem::MirrorOfNothing => UrlError::MirrorOfNothing,
        }
    }
}

/// A `LinkProblem` as stored: the bad port's bytes live in the menu's raw buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StoredProblem {
    MissingHost,
    MissingPort,
    BadPort(Span),
    MirrorOfNothing,
}

impl MenuItem<'_> {
    pub fn is_selectable(&self) -> bool {
        self.item_type.is_selectable()
    }

    /// The web address of an `h` item whose selector is `URL:...` (or `/URL:...`).
    pub fn web_link(&self) -> Option<&[u8]> {
        if self.item_type.kind() == ItemKind::Html {
            web_link_in_selector(self.selector)
        } else {
            None
        }
    }

    /// The Gopher URL this item leads to, built from its real host, port and selector (and
    /// for a `+` item, the type of the item above).
    pub fn url(&self) -> Result<GopherUrl, UrlError> {
        if let Some(problem) = self.problem {
            return Err(problem.to_error());
        }
        let host = std::str::from_utf8(self.host)
            .map_err(|_| UrlError::BadHost(sanitize_bytes(self.host)))?;
        GopherUrl::new(host, self.port, self.opens_as, self.selector)
    }

    /// Whether following the item can work: a web link, or a Gopher URL that can be built.
    pub fn can_follow(&self) -> bool {
        self.is_selectable() && (self.web_link().is_some() || self.url().is_ok())
    }
}

/// The web address an `h` selector names: `URL:https://…` by the convention, or
/// `/URL:https://…` as gophermaps written for servers that prefix every selector with `/`
/// send it (phetch reads both).
pub fn web_link_in_selector(selector: &[u8]) -> Option<&[u8]> {
    selector
        .strip_prefix(b"URL:")
        .or_else(|| selector.strip_prefix(b"/URL:"))
}

/// A menu stops growing at this many lines (about 28 MB of records), bounding memory.
pub const MAX_MENU_ITEMS: usize = 1_000_000;

/// A parsed menu.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Menu {
    text: String,
    raw: Vec<u8>,
    items: Vec<ItemRecord>,
    truncated: bool,
    /// The most recent link's host, reused when the next link names the same host.
    last_host: Span,
    /// The line index of every selectable item, in order: link N is `links[N - 1]`.
    links: Vec<u32>,
    /// Whether `Encoding::Auto` decoded some display text as Latin-1 (it was not valid UTF-8).
    fell_back: bool,
    /// The lines that cannot be followed and why, in line order (rare, so kept aside).
    problems: Vec<(u32, StoredProblem)>,
    /// The type of the latest link that is not a `+`, which a following `+` item mirrors.
    mirrored: Option<ItemType>,
    /// The display text of the first `i` line whose selector is `TITLE` (gophernicus).
    title: Option<Span>,
    /// How many lines were too long to keep whole and were cut.
    cut_lines: u64,
}

impl Menu {
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// The bytes the menu's buffers fill (spare capacity a growing buffer reserved is never
    /// written, so it costs no resident memory).
    pub fn heap_bytes(&self) -> usize {
        self.text.len()
            + self.raw.len()
            + self.items.len() * size_of::<ItemRecord>()
            + self.links.len() * size_of::<u32>()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Whether the menu was cut short because it was too long to keep.
    pub fn was_truncated(&self) -> bool {
        self.truncated
    }

    /// How many lines were longer than `MAX_WHOLE_LINE_BYTES` and were cut.
    pub fn cut_lines(&self) -> u64 {
        self.cut_lines
    }

    pub fn item(&self, index: usize) -> Option<MenuItem<'_>> {
        let record = self.items.get(index)?;
        Some(MenuItem {
            item_type: record.item_type,
            display: &self.text[record.display.range()],
            selector: &self.raw[record.selector.range()],
            host: &self.raw[record.host.range()],
            port: record.port,
            opens_as: record.opens_as,
            problem: self.problem(index),
        })
    }

    fn problem(&self, index: usize) -> Option<LinkProblem<'_>> {
        if self.problems.is_empty() {
            return None;
        }
        let line = u32::try_from(index).ok()?;
        let at = self
            .problems
            .binary_search_by_key(&line, |&(l, _)| l)
            .ok()?;
        Some(match self.problems[at].1 {
            StoredProblem::MissingHost => LinkProblem::MissingHost,
            StoredProblem::MissingPort => LinkProblem::MissingPort,
            StoredProblem::BadPort(span) => LinkProblem::BadPort(&self.raw[span.range()]),
            StoredProblem::MirrorOfNothing => LinkProblem::MirrorOfNothing,
        })
    }

    /// The menu's own title, from gophernicus's `i<title><TAB>TITLE<TAB>…` line.
    pub fn title(&self) -> Option<&str> {
        self.title
            .map(|span| self.text[span.range()].trim())
            .filter(|t| !t.is_empty())
    }

    pub fn items(&self) -> impl Iterator<Item = MenuItem<'_>> {
        (0..self.len()).filter_map(|i| self.item(i))
    }

    /// Whether the reply reads as a menu: empty, or some line names a host (a text file
    /// parsed as a menu is all plain lines, with no host).
    pub fn reads_as_menu(&self) -> bool {
        self.items.is_empty() || self.items.iter().any(|r| !r.host.range().is_empty())
    }

    pub fn is_selectable(&self, index: usize) -> bool {
        self.items
            .get(index)
            .is_some_and(|r| r.item_type.is_selectable())
    }

    /// Whether some display text was decoded as Latin-1 because it was not valid UTF-8 (only
    /// `Encoding::Auto` falls back).
    pub fn fell_back_to_latin1(&self) -> bool {
        self.fell_back
    }

    /// How many selectable items (links) the menu has.
    pub fn link_count(&self) -> usize {
        self.links.len()
    }

    /// The line of link `number` (counting from 1).
    pub fn link_line(&self, number: usize) -> Option<usize> {
        let at = number.checked_sub(1)?;
        self.links.get(at).map(|&line| line as usize)
    }

    /// The number (counting from 1) of the link on `line`, if that line is a link.
    pub fn link_number(&self, line: usize) -> Option<usize> {
        let line = u32::try_from(line).ok()?;
        self.links.binary_search(&line).ok().map(|at| at + 1)
    }

    /// The first selectable line after `index` (or at or after it when `inclusive`).
    pub fn next_selectable(&self, index: usize, inclusive: bool) -> Option<usize> {
        let start = if inclusive { index } else { index + 1 };
        (start..self.len()).find(|&i| self.is_selectable(i))
    }

    /// The last selectable line before `index` (or at or before it when `inclusive`).
    pub fn prev_selectable(&self, index: usize, inclusive: bool) -> Option<usize> {
        let end = if inclusive { index + 1 } else { index };
        (0..end.min(self.len()))
            .rev()
            .find(|&i| self.is_selectable(i))
    }

    fn push_text(&mut self, bytes: &[u8], encoding: Encoding) -> Span {
        let start = self.text.len() as u32;
        let (text, used) = encoding.decode_resolved(bytes);
        if encoding.fell_back(used) {
            self.fell_back = true;
        }
        self.text.push_str(&sanitize(&text));
        Span {
            start,
            end: self.text.len() as u32,
        }
    }

    fn push_raw(&mut self, bytes: &[u8]) -> Span {
        let start = self.raw.len() as u32;
        self.raw.extend_from_slice(bytes);
        Span {
            start,
            end: self.raw.len() as u32,
        }
    }

    /// Stores a host, reusing the previous link's bytes when it is the same host (most menus
    /// link to one server, so this saves a copy per line).
    fn push_host(&mut self, host: &[u8]) -> Span {
        if self.last_host.end > self.last_host.start && &self.raw[self.last_host.range()] == host {
            return self.last_host;
        }
        self.last_host = self.push_raw(host);
        self.last_host
    }

    fn push_info(&mut self, item_type: ItemType, display: &[u8], encoding: Encoding) -> Span {
        let display = self.push_text(display, encoding);
        self.items.push(ItemRecord {
            item_type,
            opens_as: item_type,
            port: 0,
            display,
            selector: Span::default(),
            host: Span::default(),
        });
        display
    }

    /// Adds an info line of Burrow's own (saying the menu is incomplete, say).
    pub fn push_notice(&mut self, text: &str) {
        self.push_info(ItemType::INFO, text.as_bytes(), Encoding::Utf8);
    }

    /// Adds one menu line (without its line ending).
    fn push_line(&mut self, line: &[u8], encoding: Encoding) {
        let (item_type, display, selector, host, port, problem) = match read_menu_line(line) {
            MenuLine::Text {
                item_type,
                display,
                selector,
            } => {
                let shown = self.push_info(item_type, display, encoding);
                if self.title.is_none() && item_type == ItemType::INFO && selector == Some(b"TITLE")
                {
                    self.title = Some(shown);
                }
                return;
            }
            MenuLine::Link {
                item_type,
                display,
                selector,
                host,
                port,
                problem,
            } => (item_type, display, selector, host, port, problem),
        };
        let mut problem = problem.map(|p| match p {
            LineProblem::MissingHost => StoredProblem::MissingHost,
            LineProblem::MissingPort => StoredProblem::MissingPort,
            LineProblem::BadPort(port) => StoredProblem::BadPort(self.push_raw(port)),
        });
        let opens_as = if item_type == ItemType::MIRROR {
            match self.mirrored {
                Some(above) => above,
                None => {
                    problem = problem.or(Some(StoredProblem::MirrorOfNothing));
                    item_type
                }
            }
        } else {
            self.mirrored = Some(item_type);
            item_type
        };
        let display = self.push_text(display, encoding);
        let selector = self.push_raw(selector);
        let host = self.push_host(host);
        let line = self.items.len() as u32;
        if let Some(problem) = problem {
            self.problems.push((line, problem));
        }
        self.links.push(line);
        self.items.push(ItemRecord {
            item_type,
            opens_as,
            port,
            display,
            selector,
            host,
        });
    }
}

/// Parses a menu reply as it streams in, appending to a `Menu` it does not own (so the menu
/// can be shown and browsed while it grows). Stops at a line that is exactly `.`.
#[derive(Debug, Default)]
pub struct MenuParser {
    splitter: LineSplitter,
    ended: bool,
    encoding: Encoding,
}

/// Keeps both buffers well inside `u32` offsets (a line adds at most a few times its length).
const BUFFER_LIMIT: usize = (u32::MAX / 4) as usize;

fn accept_menu_line(menu: &mut Menu, ended: &mut bool, encoding: Encoding, line: &[u8]) {
    if *ended {
        return;
    }
    if line == b"." {
        *ended = true;
        return;
    }
    let buffers = menu.text.len().max(menu.raw.len());
    if menu.items.len() >= MAX_MENU_ITEMS || buffers + line.len() * 8 > BUFFER_LIMIT {
        menu.truncated = true;
        *ended = true;
        return;
    }
    menu.push_line(line, encoding);
}

impl MenuParser {
    /// A parser decoding display texts as `encoding` (`default()` is `Encoding::Auto`).
    pub fn new(encoding: Encoding) -> MenuParser {
        MenuParser {
            encoding,
            ..MenuParser::default()
        }
    }

    /// Adds the lines `chunk` completes to `menu`.
    pub fn push(&mut self, menu: &mut Menu, chunk: &[u8]) {
        let (ended, encoding) = (&mut self.ended, self.encoding);
        self.splitter
            .push(chunk, |line| accept_menu_line(menu, ended, encoding, line));
        menu.cut_lines = self.splitter.cut_lines();
    }

    /// Whether the reply is complete: the `.` terminator arrived, or the menu is full.
    pub fn has_ended(&self) -> bool {
        self.ended
    }

    /// Ends the stream: a last line without a line ending still counts.
    pub fn finish(&mut self, menu: &mut Menu) {
        let (ended, encoding) = (&mut self.ended, self.encoding);
        self.splitter
            .finish(|line| accept_menu_line(menu, ended, encoding, line));
        menu.cut_lines = self.splitter.cut_lines();
    }
}

/// Parses a whole menu reply at once (`Encoding::Auto`).
pub fn parse_menu(bytes: &[u8]) -> Menu {
    parse_menu_as(bytes, Encoding::Auto)
}

/// Parses a whole menu reply at once, decoding display texts as `encoding`.
pub fn parse_menu_as(bytes: &[u8], encoding: Encoding) -> Menu {
    let mut menu = Menu::default();
    let mut parser = MenuParser::new(encoding);
    parser.push(&mut menu, bytes);
    parser.finish(&mut menu);
    menu
}

#[cfg(test)]
#[path = "menu_tests.rs"]
mod tests;
