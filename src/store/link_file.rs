//! Bookmarks and visit history as files: a list of saved links kept in gophermap form, so any
//! Gopher tool (or a Gopher server) can read them. Each link is one menu line,
//! `<type><title>\t<selector>\t<host>\t<port>`, followed by a fifth field holding the full URL
//! only when the four fields cannot say everything (TLS, a search query, a selector that is not
//! plain text). Lines that are not links (blank lines, `i` info lines, `#` comments, the `.`
//! terminator, plain text) are kept exactly as they were, so editing through Burrow never loses
//! what a person wrote by hand.
//!
//! Pure text work; `store::update_link_file` does the reading and atomic writing.

use super::error::LineError;
use crate::gopher::sanitize;
use crate::gopher::{GopherUrl, ItemType};

/// One saved link: a title to show and the exact address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedLink {
    pub title: String,
    pub url: GopherUrl,
}

impl SavedLink {
    /// A link with its title made safe for one menu line (no controls, tabs or line breaks).
    pub fn new(title: &str, url: GopherUrl) -> SavedLink {
        let title = sanitize(&title.replace(['\t', '\r', '\n'], " "));
        let title = title.trim();
        let title = if title.is_empty() {
            url.to_string()
        } else {
            title.to_owned()
        };
        SavedLink { title, url }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Line {
    Link(SavedLink),
    /// Anything else, kept verbatim.
    Other(String),
}

/// The contents of a bookmarks or history file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkFile {
    lines: Vec<Line>,
}

impl LinkFile {
    /// Parses a file; an error reads "line N: reason". A line with tabs must be a well-formed
    /// link (a type, a host, a port from 1 to 65535, a valid URL in the fifth field if any).
    pub fn parse(text: &str) -> Result<LinkFile, LineError> {
        let mut lines = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let parsed = parse_line(line).map_err(|reason| LineError::new(index + 1, reason))?;
            lines.push(parsed);
        }
        Ok(LinkFile { lines })
    }

    /// The file's text: every line as it was, links written in canonical form.
    pub fn to_file_text(&self) -> String {
        let mut out = String::new();
        for line in &self.lines {
            match line {
                Line::Link(link) => out.push_str(&format_link(link)),
                Line::Other(text) => out.push_str(text),
            }
            out.push_str("\r\n");
        }
        out
    }

    /// The links, in file order.
    pub fn links(&self) -> impl Iterator<Item = &SavedLink> {
        self.lines.iter().filter_map(|line| match line {
            Line::Link(link) => Some(link),
            Line::Other(_) => None,
        })
    }

    pub fn contains(&self, url: &GopherUrl) -> bool {
        self.links().any(|link| link.url == *url)
    }

    /// Adds a bookmark at the end, before a `.` terminator if the file has one. A URL already
    /// saved is left as it is (its title is the user's; renaming is a separate step). Returns
    /// whether it was new.
    pub fn add(&mut self, link: SavedLink) -> bool {
        if self.contains(&link.url) {
            return false;
        }
        let at = self
            .lines
            .iter()
            .rposition(|line| matches!(line, Line::Other(text) if text == "."))
            .unwrap_or(self.lines.len());
        self.lines.insert(at, Line::Link(link));
        true
    }

    /// Gives the link to `url` a new title; false if there is none.
    pub fn rename(&mut self, url: &GopherUrl, title: &str) -> bool {
        let renamed = SavedLink::new(title, url.clone());
        match self.link_mut(url) {
            Some(link) => {
                *link = renamed;
                true
            }
            None => false,
        }
    }

    /// Removes every link to `url`; false if there was none.
    pub fn remove(&mut self, url: &GopherUrl) -> bool {
        let before = self.lines.len();
        self.lines
            .retain(|line| !matches!(line, Line::Link(link) if link.url == *url));
        self.lines.len() != before
    }

    /// Records a visit: the link goes to the top (once), and only the newest `limit` links stay.
    pub fn record_visit(&mut self, link: SavedLink, limit: usize) {
        self.remove(&link.url);
        self.lines.insert(0, Line::Link(link));
        let mut kept = 0;
        self.lines.retain(|line| match line {
            Line::Link(_) => {
                kept += 1;
                kept <= limit
            }
            Line::Other(_) => true,
        });
    }

    /// Forgets every link (other lines stay).
    pub fn clear_links(&mut self) {
        self.lines.retain(|line| matches!(line, Line::Other(_)));
    }

    fn link_mut(&mut self, url: &GopherUrl) -> Option<&mut SavedLink> {
        self.lines.iter_mut().find_map(|line| match line {
            Line::Link(link) if link.url == *url => Some(link),
            _ => None,
        })
    }
}

fn parse_line(line: &str) -> Result<Line, String> {
    if !line.contains('\t') || line.starts_with('i') || line.starts_with('#') {
        return Ok(Line::Other(line.to_owned()));
    }
    let fields: Vec<&str> = line.split('\t').collect();
    if fields.len() < 4 {
        return Err("a link needs a title, selector, host and port separated by tabs".into());
    }
    let mut first = fields[0].chars();
    let Some(type_char) = first.next().filter(char::is_ascii) else {
        return Err("a link must start with its one-character item type".into());
    };
    let title = first.as_str();
    let url = match fields.get(4).map(|f| f.trim()).filter(|f| !f.is_empty()) {
        Some(full)
            if full.starts_with("gopher://")
                || full.starts_with("gophers://")
                || full.starts_with("finger://") =>
        {
            GopherUrl::parse(full).map_err(|e| format!("the address {full:?} is invalid: {e}"))?
        }
        // A Gopher+ marker or anything else after the port is not ours to interpret.
        Some(_) | None => {
            let port: u16 = fields[3]
                .trim()
                .parse()
                .ok()
                .filter(|&p| p > 0)
                .ok_or_else(|| {
                    format!("the port {:?} is not a number from 1 to 65535", fields[3])
                })?;
            GopherUrl::new(
                fields[2],
                port,
                ItemType(type_char as u8),
                fields[1].as_bytes(),
            )
            .map_err(|e| format!("the link is invalid: {e}"))?
        }
    };
    Ok(Line::Link(SavedLink::new(title, url)))
}

/// Whether the four classic fields describe `url` completely.
fn fits_four_fields(url: &GopherUrl) -> bool {
    !url.tls
        && url.protocol == crate::gopher::url::Protocol::Gopher
        && url.query.is_none()
        && url.gopher_plus.is_none()
        && std::str::from_utf8(&url.selector).is_ok_and(|s| !s.contains(['\t', '\r', '\n']))
}

fn format_link(link: &SavedLink) -> String {
    let url = &link.url;
    let selector = String::from_utf8_lossy(&url.selector).replace(['\t', '\r', '\n'], " ");
    let mut line = format!(
        "{}{}\t{}\t{}\t{}",
        char::from(url.item_type.0),
        link.title,
        selector,
        url.host,
        url.port
    );
    if !fits_four_fields(url) {
        line.push('\t');
        line.push_str(&url.to_string());
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> GopherUrl {
        GopherUrl::parse(text).expect("url")
    }

    #[test]
    fn a_plain_link_is_an_ordinary_menu_line() {
        let mut file = LinkFile::default();
        file.add(SavedLink::new(
            "Floodgap",
            url("gopher://gopher.floodgap.com/1/world"),
        ));
        assert_eq!(
            file.to_file_text(),
            "1Floodgap\t/world\tgopher.floodgap.com\t70\r\n"
        );
    }

    #[test]
    fn tls_queries_and_odd_selectors_keep_the_full_url_in_a_fifth_field() {
        for address in [
            "gophers://example.org:7070/1/secure",
            "gopher://example.org/7/search%09gopher%20news",
            "gopher://example.org/9/%FF%FEbinary",
            "finger://example.org/w/alice",
        ] {
            let mut file = LinkFile::default();
            file.add(SavedLink::new("x", url(address)));
            let text = file.to_file_text();
            assert_eq!(text.trim_end().split('\t').count(), 5, "{text}");
            let again = LinkFile::parse(&text).expect("parses");
            assert_eq!(again.links().next().expect("link").url, url(address));
        }
    }

    #[test]
    fn other_lines_are_kept_verbatim_and_new_bookmarks_go_before_the_terminator() {
        let text = "iMy links\t\tnull.host\t1\r\n# a comment\r\n\r\n0Doc\t/d\th.org\t70\r\n.\r\n";
        let mut file = LinkFile::parse(text).expect("parses");
        assert!(file.add(SavedLink::new("New", url("gopher://new.org/1/"))));
        assert_eq!(
            file.to_file_text(),
            "iMy links\t\tnull.host\t1\r\n# a comment\r\n\r\n0Doc\t/d\th.org\t70\r\n\
             1New\t/\tnew.org\t70\r\n.\r\n"
        );
    }

    #[test]
    fn adding_a_saved_url_again_keeps_the_saved_title() {
        let mut file = LinkFile::default();
        file.add(SavedLink::new("One", url("gopher://a.org/1/")));
        file.add(SavedLink::new("Two", url("gopher://b.org/1/")));
        assert!(!file.add(SavedLink::new("First", url("gopher://a.org/1/"))));
        let titles: Vec<_> = file.links().map(|l| l.title.as_str()).collect();
        assert_eq!(titles, ["One", "Two"]);
    }

    #[test]
    fn titles_lose_controls_tabs_and_line_breaks_and_empty_ones_become_the_url() {
        let link = SavedLink::new("A\x1b[2J\tB\r\nC\x07", url("gopher://a.org/1/"));
        assert_eq!(link.title, "A B  C");
        assert_eq!(
            SavedLink::new("  ", url("gopher://a.org/1/")).title,
            "gopher://a.org/1/"
        );
    }

    #[test]
    fn rename_and_remove_find_links_by_url() {
        let mut file = LinkFile::default();
        file.add(SavedLink::new("One", url("gopher://a.org/1/")));
        assert!(file.rename(&url("gopher://a.org/1/"), "Renamed"));
        assert!(!file.rename(&url("gopher://zzz.org/1/"), "x"));
        assert_eq!(file.links().next().expect("link").title, "Renamed");
        assert!(file.remove(&url("gopher://a.org/1/")));
        assert!(!file.remove(&url("gopher://a.org/1/")));
        assert_eq!(file.links().count(), 0);
    }

    #[test]
    fn visits_are_newest_first_without_duplicates_and_bounded() {
        let mut file = LinkFile::default();
        for host in ["a", "b", "c", "b"] {
            file.record_visit(
                SavedLink::new(host, url(&format!("gopher://{host}.org/"))),
                3,
            );
        }
        let titles: Vec<_> = file.links().map(|l| l.title.as_str()).collect();
        assert_eq!(titles, ["b", "c", "a"]);
        file.record_visit(SavedLink::new("d", url("gopher://d.org/")), 3);
        let titles: Vec<_> = file.links().map(|l| l.title.as_str()).collect();
        assert_eq!(titles, ["d", "b", "c"]);
        file.clear_links();
        assert_eq!(file.links().count(), 0);
    }

    #[test]
    fn malformed_link_lines_are_reported_with_their_line_number() {
        for (text, expected) in [
            (
                "1Ok\t/\th.org\t70\n0Bad\t/x\th.org\tseventy\n",
                "line 2: the port",
            ),
            ("0Short\t/x\n", "line 1: a link needs"),
            ("1Host\t/\tbad host\t70\n", "line 1: the link is invalid"),
            ("1Url\t/\th.org\t70\thttp://x/\n", ""),
            ("1Url\t/\th.org\t70\tgopher://[bad\n", "line 1: the address"),
            ("1Zero\t/\th.org\t0\n", "line 1: the port"),
        ] {
            match LinkFile::parse(text) {
                Ok(_) => assert!(expected.is_empty(), "{text:?} should fail"),
                Err(why) => assert!(
                    why.to_string().starts_with(expected) && !expected.is_empty(),
                    "{text:?}: {why}"
                ),
            }
        }
    }

    #[test]
    fn parsing_what_was_written_gives_the_same_links() {
        let mut file = LinkFile::default();
        file.add(SavedLink::new(
            "Caf\u{e9} \u{263a}",
            url("gopher://h.org/0/caf%C3%A9.txt"),
        ));
        file.add(SavedLink::new("Search", url("gopher://h.org/7/s%09q")));
        let again = LinkFile::parse(&file.to_file_text()).expect("parses");
        assert_eq!(again, file);
    }
}
