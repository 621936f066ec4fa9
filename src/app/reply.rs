//! A reply turned into a page: the streaming parser that reads a reply as a menu, text or
//! source (the seam `--print` shares), and the pages for a finished, refused or failed
//! transfer (a server's error line, an empty reply, a connection that could not be made).

use super::location::Location;
use super::page::{Content, Page, TrustOffer};
use crate::gopher::error_reply::ErrorReplyWatch;
use crate::gopher::menu::parse_menu;
use crate::gopher::source::source_parser;
use crate::gopher::transfer::{FetchError, format_bytes};
use crate::gopher::{
    Encoding, GopherUrl, ItemKind, Menu, MenuParser, TextDoc, TextParser, escape_bytes,
};

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
        format!(
            "  {}  {}",
            url.selector_label(),
            escape_bytes(&url.selector)
        ),
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
}
