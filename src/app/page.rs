//! Pages: where one came from, what it holds (menu, text or error), and where the user left the
//! cursor and scroll, and the encoding it was decoded in. Also turns a finished or failed
//! transfer into a page.

use super::actions::{ACTIONS, Section};
use super::keymap::Keymap;
use crate::gopher::error_reply::ErrorReplyWatch;
use crate::gopher::menu::parse_menu;
use crate::gopher::source::{parse_source, source_parser};
use crate::gopher::transfer::{FetchError, Fingerprint, TlsTrust, format_bytes};
use crate::gopher::{
    Encoding, GopherUrl, ItemKind, Menu, MenuParser, TextDoc, TextParser, escape_bytes,
};
use crate::store::link_file::SavedLink;
use std::fmt;

/// What the address of a source page starts with.
const SOURCE_PREFIX: &str = "source of ";

/// Where a page came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Start,
    Help,
    /// The bookmarks file, as a menu.
    Bookmarks,
    /// The pages visited, newest first, as a menu.
    History,
    Gopher(GopherUrl),
    /// The raw source of another location (never of a source page).
    Source(Box<Location>),
}

impl Location {
    /// Parses what a person typed: `about:start`, `about:help`, a Gopher URL, or one of these
    /// after `source of `.
    pub fn parse(input: &str) -> Result<Location, crate::gopher::UrlError> {
        match input.trim() {
            "about:start" => Ok(Location::Start),
            "about:help" => Ok(Location::Help),
            "about:bookmarks" => Ok(Location::Bookmarks),
            "about:history" => Ok(Location::History),
            other => match other.strip_prefix(SOURCE_PREFIX) {
                Some(inner) => Location::parse(inner).map(Location::source_of),
                None => GopherUrl::parse(other).map(Location::Gopher),
            },
        }
    }

    /// The source page of `location` (a source page's source is the same source page).
    pub fn source_of(location: Location) -> Location {
        match location {
            Location::Source(_) => location,
            other => Location::Source(Box::new(other)),
        }
    }

    /// The Gopher URL this page was fetched from (for a source page, its page's URL).
    pub fn gopher_url(&self) -> Option<&GopherUrl> {
        match self {
            Location::Gopher(url) => Some(url),
            Location::Source(inner) => inner.gopher_url(),
            _ => None,
        }
    }

    pub fn is_source(&self) -> bool {
        matches!(self, Location::Source(_))
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Start => f.write_str("about:start"),
            Location::Help => f.write_str("about:help"),
            Location::Bookmarks => f.write_str("about:bookmarks"),
            Location::History => f.write_str("about:history"),
            Location::Gopher(url) => url.fmt(f),
            Location::Source(inner) => write!(f, "{SOURCE_PREFIX}{inner}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    Menu(Menu),
    Text(TextDoc),
    /// What went wrong: a headline, and details whose first line repeats the headline.
    Error {
        headline: String,
        details: TextDoc,
    },
}

/// A position in a page: a line, and the screen row within that line once wrapped (always 0 for
/// menus, which do not wrap).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub row: usize,
}

/// Where the user was on a page: the menu cursor and the scroll.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Place {
    pub cursor: usize,
    pub top: Position,
}

/// An offer to trust a certificate, attached to the error page that explains it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustOffer {
    /// The page to load once the certificate is trusted.
    pub url: GopherUrl,
    pub host_port: String,
    pub fingerprint: Fingerprint,
    /// The pinned fingerprint this one would replace (the certificate changed).
    pub replaces: Option<Fingerprint>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub location: Location,
    pub content: Content,
    /// The encoding the page was decoded in.
    pub encoding: Encoding,
    /// How the page arrived over TLS (`None`: plain Gopher or built in).
    pub security: Option<TlsTrust>,
    /// Set on certificate error pages: what pressing t would trust.
    pub trust_offer: Option<TrustOffer>,
    /// Why the page is not complete (the transfer failed or was cancelled part-way).
    pub incomplete: Option<String>,
    /// Keep the view at the end while the page grows (set by End, cleared by moving up).
    pub follow_end: bool,
    /// The selected menu line (menus only).
    pub cursor: usize,
    /// The first line (and wrapped row) on screen.
    pub top: Position,
    /// The text of the link that led here, if known (the title for bookmarks and history).
    pub title: Option<String>,
    /// On the bookmarks and history pages: the saved link of each menu line, in order.
    pub saved_links: Vec<SavedLink>,
    /// Set while the page's body is not in memory (dropped from history to keep within the
    /// memory budget, or the first page still on its way): the screen says so instead of
    /// showing an empty page, and the place to land at when the body comes is kept here.
    pub unloaded: Option<Place>,
}

impl Page {
    pub fn new(location: Location, content: Content) -> Page {
        let cursor = match &content {
            Content::Menu(menu) => menu.next_selectable(0, true).unwrap_or(0),
            _ => 0,
        };
        Page {
            location,
            content,
            encoding: Encoding::Auto,
            security: None,
            trust_offer: None,
            incomplete: None,
            follow_end: false,
            cursor,
            top: Position::default(),
            title: None,
            saved_links: Vec::new(),
            unloaded: None,
        }
    }

    /// The document shown by the text view (text and error pages).
    pub fn text_doc(&self) -> Option<&TextDoc> {
        match &self.content {
            Content::Menu(_) => None,
            Content::Text(doc) | Content::Error { details: doc, .. } => Some(doc),
        }
    }

    pub fn menu(&self) -> Option<&Menu> {
        match &self.content {
            Content::Menu(menu) => Some(menu),
            _ => None,
        }
    }

    /// The title the page gives itself (a gophernicus menu's `TITLE` line), if any.
    pub fn server_title(&self) -> Option<&str> {
        self.menu().and_then(Menu::title)
    }

    /// The title for bookmarks and history: the page's own, else the text of the link that
    /// led here.
    pub fn best_title(&self) -> Option<String> {
        self.server_title()
            .map(str::to_owned)
            .or_else(|| self.title.clone())
    }

    /// Whether `Encoding::Auto` decoded some of the page as Latin-1 (it was not valid UTF-8).
    pub fn fell_back_to_latin1(&self) -> bool {
        match &self.content {
            Content::Menu(menu) => menu.fell_back_to_latin1(),
            Content::Text(doc) => doc.fell_back_to_latin1(),
            Content::Error { .. } => false,
        }
    }

    /// Whether the page was cut short because it had too many lines to keep.
    pub fn was_truncated(&self) -> bool {
        match &self.content {
            Content::Menu(menu) => menu.was_truncated(),
            Content::Text(doc) => doc.was_truncated(),
            Content::Error { .. } => false,
        }
    }
}

const START_PAGE: &[u8] = include_bytes!("../../assets/start.gophermap");
const HELP_PAGE: &str = include_str!("../../assets/help.txt");

/// The built-in page for a location, if it is one (or the source of one). The help page lists
/// `keymap`'s keys.
pub fn builtin_page(location: &Location, keymap: &Keymap) -> Option<Page> {
    let content = match location {
        Location::Start => Content::Menu(parse_menu(START_PAGE)),
        Location::Help => Content::Text(TextDoc::from_lines(help_text(keymap).lines())),
        Location::Source(inner) => {
            Content::Text(parse_source(builtin_bytes(inner)?, Encoding::Auto))
        }
        Location::Bookmarks | Location::History | Location::Gopher(_) => return None,
    };
    Some(Page::new(location.clone(), content))
}

/// The compiled-in bytes of a built-in page (the help page's source is its template).
fn builtin_bytes(location: &Location) -> Option<&'static [u8]> {
    match location {
        Location::Start => Some(START_PAGE),
        Location::Help => Some(HELP_PAGE.as_bytes()),
        Location::Bookmarks | Location::History | Location::Gopher(_) | Location::Source(_) => None,
    }
}

/// The help text with each `{keys:SECTION}` line replaced by that section's actions and the
/// keys `keymap` gives them, one action a line: keys, at least two spaces, description.
pub fn help_text(keymap: &Keymap) -> String {
    let mut text = String::with_capacity(HELP_PAGE.len() * 2);
    for line in HELP_PAGE.lines() {
        let section = Section::ALL
            .into_iter()
            .find(|s| line.trim() == format!("{{keys:{}}}", s.id()));
        let Some(section) = section else {
            text.push_str(line);
            text.push('\n');
            continue;
        };
        for row in ACTIONS.iter().filter(|row| row.section == section) {
            let keys: Vec<String> = keymap
                .keys_for(row.action)
                .iter()
                .map(|k| k.name())
                .collect();
            let keys = if keys.is_empty() {
                "(no key)".to_owned()
            } else {
                keys.join(", ")
            };
            text.push_str(&format!("  {keys:<19}  {}\n", row.description));
        }
    }
    text
}

/// Parses a reply as it streams in: as a menu or as text depending on the item type, or as
/// source for the view-source page. A text reply is also watched for being, in full, one
/// server error line (`3…`), which then becomes an error page as it would for a menu.
#[derive(Debug)]
pub struct ReplyParser {
    kind: ReplyKind,
    /// Text replies only: whether the whole reply was one error line.
    error_watch: Option<ErrorReplyWatch>,
}

#[derive(Debug)]
enum ReplyKind {
    Menu(MenuParser),
    Text(TextParser),
    Source(TextParser),
}

impl ReplyParser {
    /// The parser for `url`'s reply, decoding as `Encoding::Auto`.
    pub fn for_url(url: &GopherUrl) -> ReplyParser {
        ReplyParser::for_url_as(url, Encoding::Auto)
    }

    /// The parser for `url`'s reply, decoding as `encoding`.
    pub fn for_url_as(url: &GopherUrl, encoding: Encoding) -> ReplyParser {
        if url.item_type.is_menu_reply() {
            ReplyParser {
                kind: ReplyKind::Menu(MenuParser::new(encoding)),
                error_watch: None,
            }
        } else {
            ReplyParser {
                kind: ReplyKind::Text(TextParser::new(encoding)),
                error_watch: Some(ErrorReplyWatch::default()),
            }
        }
    }

    /// The parser for a source page: every line verbatim, decoded as `encoding`.
    pub fn source_as(encoding: Encoding) -> ReplyParser {
        ReplyParser {
            kind: ReplyKind::Source(source_parser(encoding)),
            error_watch: None,
        }
    }

    /// An empty body of the kind this parser fills.
    pub fn empty_content(&self) -> Content {
        match self.kind {
            ReplyKind::Menu(_) => Content::Menu(Menu::default()),
            ReplyKind::Text(_) | ReplyKind::Source(_) => Content::Text(TextDoc::default()),
        }
    }

    /// Appends what `chunk` completes to `content` (which must be of this parser's kind).
    pub fn push(&mut self, content: &mut Content, chunk: &[u8]) {
        if let Some(watch) = &mut self.error_watch {
            watch.push(chunk);
        }
        match (&mut self.kind, content) {
            (ReplyKind::Menu(p), Content::Menu(menu)) => p.push(menu, chunk),
            (ReplyKind::Text(p), Content::Text(doc)) => p.push(doc, chunk),
            (ReplyKind::Source(p), Content::Text(doc)) => p.push(doc, chunk),
            _ => {}
        }
    }

    /// Whether a text reply so far ends with a `.` line that ends it if the server closes or
    /// stays silent now (see `TextParser::awaits_end`).
    pub fn awaits_end(&self) -> bool {
        match &self.kind {
            ReplyKind::Menu(_) => false,
            ReplyKind::Text(p) | ReplyKind::Source(p) => p.awaits_end(),
        }
    }

    /// Ends a reply that was cut off: a text shows all that arrived; a menu drops its partial
    /// last line (a cut selector or port would be a wrong link).
    pub fn finish_cut(&mut self, content: &mut Content) {
        if let (ReplyKind::Text(p) | ReplyKind::Source(p), Content::Text(doc)) =
            (&mut self.kind, content)
        {
            p.finish_cut(doc);
        }
    }

    /// Whether the reply is complete before the server closes: a menu's `.` terminator
    /// arrived, or the page is full.
    pub fn has_ended(&self) -> bool {
        match &self.kind {
            ReplyKind::Menu(p) => p.has_ended(),
            ReplyKind::Text(p) => p.has_ended(),
            ReplyKind::Source(p) => p.has_ended(),
        }
    }

    /// Ends the stream: a last line without a line ending still counts. A text reply that was
    /// one error line becomes that one-line menu, which `reply_problem` makes an error page.
    pub fn finish(&mut self, content: &mut Content) {
        match (&mut self.kind, &mut *content) {
            (ReplyKind::Menu(p), Content::Menu(menu)) => p.finish(menu),
            (ReplyKind::Text(p), Content::Text(doc)) => p.finish(doc),
            (ReplyKind::Source(p), Content::Text(doc)) => p.finish(doc),
            _ => {}
        }
        let error_reply = self
            .error_watch
            .as_ref()
            .filter(|watch| watch.error_message().is_some())
            .and_then(ErrorReplyWatch::reply);
        if let Some(reply) = error_reply {
            *content = Content::Menu(parse_menu(reply));
        }
    }
}

/// The lines naming what was tried: host, port, selector and query.
fn request_lines(url: &GopherUrl) -> Vec<String> {
    let mut lines = vec![
        format!("  URL:       {url}"),
        format!("  Host:      {}", url.host),
        format!("  Port:      {}", url.port),
        format!("  Selector:  {}", escape_bytes(&url.selector)),
    ];
    if let Some(query) = &url.query {
        lines.push(format!("  Query:     {}", escape_bytes(query)));
    }
    lines
}

fn error_content(headline: String, url: &GopherUrl, reason: &str, extra: &[String]) -> Content {
    let mut lines = vec![
        headline.clone(),
        String::new(),
        "What was tried:".to_owned(),
    ];
    lines.extend(request_lines(url));
    lines.push(String::new());
    lines.push(format!("Why: {reason}"));
    if !extra.is_empty() {
        lines.push(String::new());
        lines.extend(extra.iter().cloned());
    }
    lines.push(String::new());
    lines.push("Press Left or Backspace to go back, r to try again.".to_owned());
    Content::Error {
        headline,
        details: TextDoc::from_lines(lines),
    }
}

/// The page for a transfer that failed. Certificate errors explain the choice and carry a
/// `TrustOffer`.
pub fn failed_page(url: &GopherUrl, error: &FetchError, bytes_received: u64) -> Page {
    let mut reason = error.to_string();
    if bytes_received > 0 && !matches!(error, FetchError::TooLarge(_)) {
        reason.push_str(&format!(" ({} had arrived)", format_bytes(bytes_received)));
    }
    let (headline, extra, offer) = match error {
        FetchError::UntrustedCertificate {
            host_port,
            fingerprint,
            reason,
        } => (
            format!("Unverified certificate for {host_port}"),
            [
                vec![
                    format!("The server's certificate could not be verified: {reason}."),
                    "Many Gopher servers use self-signed certificates. Its SHA-256 fingerprint:"
                        .to_owned(),
                ],
                fingerprint
                    .as_two_lines()
                    .map(|l| format!("  {l}"))
                    .to_vec(),
                vec![
                    String::new(),
                    "Press t to trust it: Burrow pins it for this host and port and warns if it"
                        .to_owned(),
                    "ever changes.".to_owned(),
                ],
            ]
            .concat(),
            Some(TrustOffer {
                url: url.clone(),
                host_port: host_port.clone(),
                fingerprint: *fingerprint,
                replaces: None,
            }),
        ),
        FetchError::CertificateChanged {
            host_port,
            pinned,
            presented,
        } => (
            format!("WARNING: the certificate of {host_port} has changed"),
            vec![
                "This is not the certificate you trusted for this server before.".to_owned(),
                "  Pinned:".to_owned(),
                format!("    {}", pinned.as_two_lines()[0]),
                format!("    {}", pinned.as_two_lines()[1]),
                "  Presented now:".to_owned(),
                format!("    {}", presented.as_two_lines()[0]),
                format!("    {}", presented.as_two_lines()[1]),
                String::new(),
                "The server may have a new certificate, or someone may be intercepting the"
                    .to_owned(),
                "connection. Nothing was sent. Press t only if you know the new certificate is"
                    .to_owned(),
                "genuine: it replaces the pinned one.".to_owned(),
            ],
            Some(TrustOffer {
                url: url.clone(),
                host_port: host_port.clone(),
                fingerprint: *presented,
                replaces: Some(*pinned),
            }),
        ),
        _ => (format!("Could not load {url}"), Vec::new(), None),
    };
    let content = error_content(headline, url, &reason, &extra);
    let mut page = Page::new(Location::Gopher(url.clone()), content);
    page.trust_offer = offer;
    page
}

/// The error page to show instead of a completed reply, if any: when a menu (or a text reply
/// that was one error line) held nothing but the server's error lines. An empty reply is an
/// empty page, not an error: an empty file and a server that sends nothing look the same.
pub fn reply_problem(url: &GopherUrl, content: &Content, _bytes_received: u64) -> Option<Page> {
    let location = Location::Gopher(url.clone());
    let Content::Menu(menu) = content else {
        return None;
    };
    let only_errors = menu.items().any(|i| i.item_type.kind() == ItemKind::Error)
        && menu
            .items()
            .all(|i| matches!(i.item_type.kind(), ItemKind::Error | ItemKind::Info));
    if !only_errors {
        return None;
    }
    let first_error = menu
        .items()
        .find(|i| i.item_type.kind() == ItemKind::Error)
        .map(|i| i.display.trim().to_owned())
        .unwrap_or_default();
    let said: Vec<String> = std::iter::once("The server's reply:".to_owned())
        .chain(menu.items().map(|i| format!("  {}", i.display)))
        .collect();
    let content = error_content(
        format!("The server reported an error for {url}"),
        url,
        &format!("the server said \"{first_error}\""),
        if menu.len() > 1 { &said } else { &[] },
    );
    Some(Page::new(location, content))
}

/// The page for a transfer that completed: its content, or an error page (see
/// `reply_problem`).
pub fn completed_page(url: &GopherUrl, content: Content, bytes_received: u64) -> Page {
    reply_problem(url, &content, bytes_received)
        .unwrap_or_else(|| Page::new(Location::Gopher(url.clone()), content))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url() -> GopherUrl {
        GopherUrl::parse("gopher://example.org:7070/1/missing").expect("valid")
    }

    fn error_text(page: &Page) -> (String, String) {
        match &page.content {
            Content::Error { headline, details } => (
                headline.clone(),
                details.lines().collect::<Vec<_>>().join("\n"),
            ),
            other => panic!("expected an error page, got {other:?}"),
        }
    }

    #[test]
    fn failed_pages_say_what_was_tried_and_why() {
        let page = failed_page(&url(), &FetchError::Resolve("no such host".into()), 0);
        let (headline, body) = error_text(&page);
        assert_eq!(
            headline,
            "Could not load gopher://example.org:7070/1/missing"
        );
        assert!(body.contains("Host:      example.org"));
        assert!(body.contains("Port:      7070"));
        assert!(body.contains("Selector:  /missing"));
        assert!(body.contains("Why: could not resolve the host name: no such host"));
    }

    #[test]
    fn an_empty_reply_is_an_empty_page_not_an_error() {
        let page = completed_page(&url(), Content::Menu(Menu::default()), 0);
        assert!(matches!(&page.content, Content::Menu(m) if m.is_empty()));
        let text = completed_page(&url(), Content::Text(TextDoc::default()), 0);
        assert!(matches!(&text.content, Content::Text(d) if d.line_count() == 0));
    }

    /// Streams `reply` through the parser for `address` in small chunks, as the network would.
    fn parse_reply(address: &str, reply: &[u8]) -> Page {
        let url = GopherUrl::parse(address).expect("valid");
        let mut parser = ReplyParser::for_url(&url);
        let mut content = parser.empty_content();
        for chunk in reply.chunks(5) {
            parser.push(&mut content, chunk);
        }
        parser.finish(&mut content);
        completed_page(&url, content, reply.len() as u64)
    }

    #[test]
    fn a_text_reply_that_is_one_error_line_is_an_error_page_as_for_a_menu() {
        let page = parse_reply(
            "gopher://h/0/x.txt",
            b"3'/x.txt' does not exist (no handler found)\t\terror.host\t1\r\n",
        );
        let (headline, body) = error_text(&page);
        assert_eq!(
            headline,
            "The server reported an error for gopher://h/0/x.txt"
        );
        assert!(
            body.contains("Why: the server said \"'/x.txt' does not exist (no handler found)\""),
            "{body}"
        );
        for text in [&b"3 little pigs\r\n"[..], b"3Gone\t\th\t1\r\nand more\r\n"] {
            let page = parse_reply("gopher://h/0/x.txt", text);
            assert!(matches!(page.content, Content::Text(_)), "{page:?}");
        }
        let source = {
            let mut parser = ReplyParser::source_as(Encoding::Auto);
            let mut content = parser.empty_content();
            parser.push(&mut content, b"3Gone\t\th\t1\r\n");
            parser.finish(&mut content);
            content
        };
        assert!(
            matches!(source, Content::Text(_)),
            "the source view shows it as sent"
        );
    }

    #[test]
    fn a_menu_of_only_error_lines_is_an_error_page_quoting_the_server() {
        let menu = parse_menu(b"3'/missing' does not exist\t\terror.host\t1\r\n.\r\n");
        let page = completed_page(&url(), Content::Menu(menu), 40);
        let (headline, body) = error_text(&page);
        assert!(headline.starts_with("The server reported an error"));
        assert!(body.contains("Why: the server said \"'/missing' does not exist\""));
    }

    #[test]
    fn a_menu_with_links_and_errors_stays_a_menu() {
        let menu = parse_menu(b"3oops\t\th\t1\r\n1ok\t/\th\t70\r\n");
        let page = completed_page(&url(), Content::Menu(menu), 40);
        assert!(matches!(page.content, Content::Menu(_)));
        assert_eq!(page.cursor, 1);
    }

    #[test]
    fn builtin_pages_parse() {
        let start = builtin_page(&Location::Start, &Keymap::default()).expect("start page");
        let Content::Menu(menu) = &start.content else {
            panic!("start page is a menu");
        };
        assert!(menu.items().any(|i| i.is_selectable()));
        assert!(builtin_page(&Location::Help, &Keymap::default()).is_some());
        assert_eq!(Location::parse("about:help"), Ok(Location::Help));
    }

    #[test]
    fn source_locations_print_and_parse_back_and_never_nest() {
        let source = Location::source_of(Location::Gopher(url()));
        assert_eq!(
            source.to_string(),
            "source of gopher://example.org:7070/1/missing"
        );
        assert_eq!(Location::parse(&source.to_string()), Ok(source.clone()));
        assert_eq!(Location::source_of(source.clone()), source);
        assert_eq!(
            Location::parse("source of source of about:help"),
            Ok(Location::source_of(Location::Help))
        );
        assert_eq!(source.gopher_url(), Some(&url()));
    }

    #[test]
    fn the_start_page_source_shows_its_menu_lines_with_visible_tabs() {
        let page = builtin_page(&Location::source_of(Location::Start), &Keymap::default())
            .expect("source");
        let doc = page.text_doc().expect("text");
        let first =
            String::from_utf8_lossy(START_PAGE.split(|&b| b == b'\n').next().unwrap_or_default())
                .trim_end_matches('\r')
                .replace('\t', "");
        assert!(doc.lines().any(|l| l.contains('\u{2192}')));
        assert_eq!(
            doc.line(0).replace(['\u{2192}', ' '], ""),
            first.replace(' ', "")
        );
    }

    #[test]
    fn the_help_page_shows_the_keys_in_use() {
        let default = help_text(&Keymap::default());
        assert!(!default.contains("{keys:"), "every placeholder is filled");
        assert!(
            default.contains("\n  q, Ctrl-C            quit\n"),
            "{default}"
        );
        assert!(default.contains("\n  Up, k                previous link"));
        let mut keymap = Keymap::default();
        keymap.remap("quit", &["Q".to_owned()]).expect("valid");
        keymap
            .remap("top", &["Home".to_owned(), "C-a".to_owned()])
            .expect("valid");
        keymap.remap("back", &[]).expect("valid");
        let remapped = help_text(&keymap);
        assert!(
            remapped.contains("\n  Q                    quit\n"),
            "{remapped}"
        );
        assert!(!remapped.contains("q, Ctrl-C"));
        assert!(remapped.contains("\n  Home, Ctrl-A         go to the top"));
        assert!(remapped.contains("\n  (no key)             go back"));
        let Some(page) = builtin_page(&Location::Help, &keymap) else {
            panic!("help is built in");
        };
        let lines: Vec<&str> = page
            .text_doc()
            .map(|d| d.lines().collect())
            .unwrap_or_default();
        assert!(lines.contains(&"  Q                    quit"));
    }
}
