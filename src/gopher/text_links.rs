//! URLs inside text documents (`gopher://`, `gophers://`, `finger://`, `http://`, `https://`,
//! `gemini://`, `mailto:`), found once as each line is added to a [`TextDoc`] and kept as a
//! compact list in line order (12 bytes a link), so drawing, numbering and following them
//! never scans the text again.
//!
//! What counts as the URL, as a reader of prose expects: the scheme must start a word
//! (`xhttp://` is not a link, `URL:gopher://` and `(https://` are); the URL runs to white space,
//! a quote, `<`, `>` or another character URLs never hold, and then loses trailing sentence
//! punctuation (`.`, `,`, `;`, `:`, `!`, `?`, quotes) and a closing `)` or `]` that it did not
//! open. A URL needs something after its scheme. At most [`MAX_LINKS_PER_LINE`] links a line.

use std::ops::Range;

/// The most links recorded on one line (a document line is at most 8 KiB).
pub const MAX_LINKS_PER_LINE: usize = 64;

/// The scheme a link in text starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LinkScheme {
    Gopher,
    Gophers,
    Finger,
    Http,
    Https,
    Gemini,
    Mailto,
}

impl LinkScheme {
    const ALL: [(LinkScheme, &'static str); 7] = [
        (LinkScheme::Gopher, "gopher"),
        (LinkScheme::Gophers, "gophers"),
        (LinkScheme::Finger, "finger"),
        (LinkScheme::Http, "http"),
        (LinkScheme::Https, "https"),
        (LinkScheme::Gemini, "gemini"),
        (LinkScheme::Mailto, "mailto"),
    ];

    fn from_name(name: &[u8]) -> Option<LinkScheme> {
        LinkScheme::ALL
            .iter()
            .find(|(_, n)| name.eq_ignore_ascii_case(n.as_bytes()))
            .map(|&(scheme, _)| scheme)
    }

    /// Whether Burrow opens it itself (the others go to the system opener, after asking).
    pub fn is_gopherspace(self) -> bool {
        matches!(
            self,
            LinkScheme::Gopher | LinkScheme::Gophers | LinkScheme::Finger
        )
    }
}

/// A link in a text document: its line, its byte range in that line, and its scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextLink {
    pub line: u32,
    pub start: u16,
    pub end: u16,
    pub scheme: LinkScheme,
}

impl TextLink {
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// The links of `line`, as byte ranges and schemes, left to right.
pub fn scan_line(line: &str) -> Vec<(Range<usize>, LinkScheme)> {
    let mut found = Vec::new();
    let bytes = line.as_bytes();
    let mut at = 0;
    while found.len() < MAX_LINKS_PER_LINE {
        let Some(colon) = bytes[at..].iter().position(|&b| b == b':').map(|p| at + p) else {
            break;
        };
        at = colon + 1;
        let start = bytes[..colon]
            .iter()
            .rposition(|b| !b.is_ascii_alphabetic())
            .map_or(0, |p| p + 1);
        if start > 0 && bytes[start - 1].is_ascii_digit() {
            continue;
        }
        let Some(scheme) = LinkScheme::from_name(&bytes[start..colon]) else {
            continue;
        };
        let body = if scheme == LinkScheme::Mailto {
            colon + 1
        } else if bytes[colon + 1..].starts_with(b"//") {
            colon + 3
        } else {
            continue;
        };
        let end = trim_trailing(line, start, url_end(line, body));
        if end > body {
            found.push((start..end, scheme));
            at = end;
        }
    }
    found
}

/// Where a URL starting to be read at `from` stops: the first character no URL holds, or a
/// `)` or `]` closing a bracket the URL did not open (as in Markdown's `[url](url)`, where the
/// first URL ends at its `]` and the second at its `)`).
fn url_end(line: &str, from: usize) -> usize {
    let (mut parens, mut squares) = (0usize, 0usize);
    line[from..]
        .char_indices()
        .find(|&(_, c)| match c {
            '(' => {
                parens += 1;
                false
            }
            '[' => {
                squares += 1;
                false
            }
            ')' if parens == 0 => true,
            ']' if squares == 0 => true,
            ')' => {
                parens -= 1;
                false
            }
            ']' => {
                squares -= 1;
                false
            }
            c => !url_char(c),
        })
        .map_or(line.len(), |(i, _)| from + i)
}

fn url_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_graphic() && !matches!(c, '<' | '>' | '"' | '`' | '{' | '}' | '|' | '\\' | '^')
    } else {
        // Internationalised paths, but not typographic quotes, dashes or ellipses.
        c.is_alphanumeric()
    }
}

/// `end` moved back over trailing punctuation, and over `)` or `]` the URL did not open.
fn trim_trailing(line: &str, start: usize, mut end: usize) -> usize {
    let bytes = line.as_bytes();
    while end > start {
        let last = bytes[end - 1];
        let strip = match last {
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b'*' => true,
            b')' => unbalanced(&bytes[start..end], b'(', b')'),
            b']' => unbalanced(&bytes[start..end], b'[', b']'),
            _ => false,
        };
        if !strip {
            break;
        }
        end -= 1;
    }
    end
}

fn unbalanced(url: &[u8], open: u8, close: u8) -> bool {
    let opens = url.iter().filter(|&&b| b == open).count();
    let closes = url.iter().filter(|&&b| b == close).count();
    closes > opens
}

/// The links of a document, in line order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct LinkList {
    pub(super) links: Vec<TextLink>,
}

impl LinkList {
    /// Records the links of line `index`, whose text is `line`.
    pub(crate) fn scan(&mut self, index: usize, line: &str) {
        let Ok(index) = u32::try_from(index) else {
            return;
        };
        for (range, scheme) in scan_line(line) {
            let (Ok(start), Ok(end)) = (u16::try_from(range.start), u16::try_from(range.end))
            else {
                break;
            };
            self.links.push(TextLink {
                line: index,
                start,
                end,
                scheme,
            });
        }
    }

    /// Shifts the links on these lines (ascending) one byte left: their first byte, a dot, was
    /// taken off (dot-stuffing undone).
    pub(crate) fn shift_unstuffed(&mut self, lines: &[u32]) {
        let mut lines = lines.iter().copied().peekable();
        for link in &mut self.links {
            while lines.next_if(|&l| l < link.line).is_some() {}
            if lines.peek() == Some(&link.line) && link.start > 0 {
                link.start -= 1;
                link.end -= 1;
            }
        }
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.links.len() * size_of::<TextLink>()
    }
}

#[cfg(test)]
#[path = "text_links_tests.rs"]
mod tests;
