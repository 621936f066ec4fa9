//! Text documents (item type 0 and friends): streaming parse, decoded (in a chosen `Encoding`)
//! and sanitised once into one compact buffer with line offsets; long lines are added in
//! pieces as they arrive. A `.` line ends the document only when the reply ends after it, and
//! `..` is unstuffed only then (real servers send files raw). Raw bytes are not kept: another
//! encoding means parsing the reply again.

use super::sanitize::sanitize;
use super::text_links::{LinkList, TextLink};
use unicode_segmentation::UnicodeSegmentation;

/// Longer lines are stored as several lines of at most this many bytes, split between
/// grapheme clusters, so that wrapping or drawing any one line stays cheap.
pub const MAX_LINE_BYTES: usize = 8192;
/// A document stops growing at this many lines (bounding memory for replies of empty lines).
pub const MAX_TEXT_LINES: usize = 8_000_000;

/// A sanitised text document: all lines in one `String`, plus where each line ends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextDoc {
    text: String,
    line_ends: Vec<u32>,
    truncated: bool,
    /// Whether `Encoding::Auto` decoded some line as Latin-1 (it was not valid UTF-8).
    fell_back: bool,
    /// The URLs in the lines, found as each line is added (`text_links.rs`).
    pub(super) links: LinkList,
}

impl TextDoc {
    /// Builds a document from trusted or already-sanitised lines (built-in and error pages).
    /// Lines are sanitised anyway, so nothing can reach the terminal through this door either.
    pub fn from_lines<I, S>(lines: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut doc = TextDoc::default();
        for line in lines {
            doc.push_text(line.as_ref());
        }
        doc
    }

    /// Records that `Encoding::Auto` decoded a line as Latin-1.
    pub(crate) fn mark_fell_back(&mut self) {
        self.fell_back = true;
    }

    /// Sanitises and adds a whole line of text; returns false once the document is full.
    pub(crate) fn push_text(&mut self, text: &str) -> bool {
        self.push_fragment(&sanitize(text)) && self.end_line()
    }

    /// Where the line being built (not yet a line of the document) starts in `text`.
    fn open_start(&self) -> usize {
        self.line_ends.last().map_or(0, |&end| end as usize)
    }

    /// Adds already-sanitised text to the line being built. Whenever that line has grown past
    /// `MAX_LINE_BYTES`, its first part up to a grapheme boundary becomes a line of the
    /// document, so a long line shows while it arrives. Returns false once the document is
    /// full (it is then marked truncated and the open line dropped).
    pub(crate) fn push_fragment(&mut self, fragment: &str) -> bool {
        if self.truncated {
            return false;
        }
        if self.text.len() + fragment.len() > u32::MAX as usize {
            return self.stop();
        }
        self.text.push_str(fragment);
        while self.text.len() - self.open_start() > MAX_LINE_BYTES {
            let open = &self.text[self.open_start()..];
            let cut = if open.as_bytes()[..=MAX_LINE_BYTES].is_ascii() {
                // Sanitised ASCII has no CR: every byte boundary is a grapheme boundary.
                MAX_LINE_BYTES
            } else {
                open.grapheme_indices(true)
                    .map(|(at, _)| at)
                    .take_while(|&at| at <= MAX_LINE_BYTES)
                    .last()
                    .filter(|&at| at > 0)
                    .unwrap_or(MAX_LINE_BYTES)
            };
            let cut = (cut..=open.len())
                .find(|&i| open.is_char_boundary(i))
                .unwrap_or(open.len());
            let end = self.open_start() + cut;
            if !self.close_line_at(end) {
                return false;
            }
        }
        true
    }

    /// Ends the line being built (an empty one too); returns false once the document is full.
    pub(crate) fn end_line(&mut self) -> bool {
        !self.truncated && self.close_line_at(self.text.len())
    }

    fn close_line_at(&mut self, end: usize) -> bool {
        if self.line_ends.len() >= MAX_TEXT_LINES {
            return self.stop();
        }
        self.line_ends.push(end as u32);
        let index = self.line_ends.len() - 1;
        let start = self.text_before(index);
        self.links.scan(index, &self.text[start..end]);
        true
    }

    /// Marks the document full and drops the line being built.
    fn stop(&mut self) -> bool {
        self.truncated = true;
        let keep = self.open_start();
        self.text.truncate(keep);
        false
    }

    /// Adds a line of Burrow's own (saying the page is incomplete, say), even to a full
    /// document.
    pub(crate) fn push_note(&mut self, text: &str) {
        let note = sanitize(text);
        let keep = self.open_start();
        self.text.truncate(keep);
        if let Some(&last) = self.line_ends.last() {
            let previous = self.line(self.line_ends.len() - 1);
            if !previous.is_empty() {
                self.line_ends.push(last);
            }
        }
        if self.text.len() + note.len() <= u32::MAX as usize {
            self.text.push_str(&note);
            self.line_ends.push(self.text.len() as u32);
        }
    }

    /// Takes the first character (a dot) off each of these lines, in ascending order: the
    /// dot-stuffing of a reply that turned out to end with the `.` terminator. Done in place.
    pub(crate) fn unstuff(&mut self, stuffed: &[u32]) {
        if stuffed.is_empty() {
            return;
        }
        let mut bytes = std::mem::take(&mut self.text).into_bytes();
        let (mut read, mut write, mut removed) = (0usize, 0usize, 0u32);
        let mut next = stuffed.iter().copied().peekable();
        for index in 0..self.line_ends.len() {
            let start = if index == 0 {
                0
            } else {
                (self.line_ends[index - 1] + removed) as usize
            };
            if next.next_if(|&s| s as usize == index).is_some() && bytes.get(start) == Some(&b'.') {
                bytes.copy_within(read..start, write);
                write += start - read;
                read = start + 1;
                removed += 1;
            }
            self.line_ends[index] -= removed;
        }
        bytes.copy_within(read.., write);
        write += bytes.len() - read;
        bytes.truncate(write);
        self.links.shift_unstuffed(stuffed);
        self.text = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    }

    /// Whether the document was cut short because it was too long to keep.
    pub fn was_truncated(&self) -> bool {
        self.truncated
    }

    /// Whether some line was decoded as Latin-1 because it was not valid UTF-8 (only
    /// `Encoding::Auto` falls back).
    pub fn fell_back_to_latin1(&self) -> bool {
        self.fell_back
    }

    pub fn line_count(&self) -> usize {
        self.line_ends.len()
    }

    /// Line `index`, or "" past the end.
    pub fn line(&self, index: usize) -> &str {
        let Some(&end) = self.line_ends.get(index) else {
            return "";
        };
        let start = if index == 0 {
            0
        } else {
            self.line_ends[index - 1]
        };
        &self.text[start as usize..end as usize]
    }

    pub fn lines(&self) -> impl Iterator<Item = &str> {
        (0..self.line_count()).map(|i| self.line(i))
    }

    /// The bytes the document's text and line index fill (spare capacity a growing buffer
    /// reserved is never written, so it costs no resident memory).
    pub fn heap_bytes(&self) -> usize {
        self.text.len() + self.line_ends.len() * size_of::<u32>() + self.links.heap_bytes()
    }

    /// How many bytes of text come before line `index` (all of them past the end): where the
    /// view stands in the page, for the position in the status bar.
    pub fn text_before(&self, index: usize) -> usize {
        match index.checked_sub(1) {
            None => 0,
            Some(previous) => self
                .line_ends
                .get(previous)
                .or(self.line_ends.last())
                .map_or(0, |&end| end as usize),
        }
    }
}

impl TextDoc {
    /// Every link in the document, in line order: link `k` (from 1) is `links()[k - 1]`.
    pub fn links(&self) -> &[TextLink] {
        &self.links.links
    }

    /// The links on line `index`, left to right.
    pub fn links_on(&self, index: usize) -> &[TextLink] {
        let links = self.links();
        let line = u32::try_from(index).unwrap_or(u32::MAX);
        let from = links.partition_point(|l| l.line < line);
        let to = from + links[from..].partition_point(|l| l.line == line);
        &links[from..to]
    }

    /// The text of `link` (sanitised, as shown).
    pub fn link_text(&self, link: &TextLink) -> &str {
        self.line(link.line as usize)
            .get(link.range())
            .unwrap_or("")
    }
}
