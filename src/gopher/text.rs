//! Text documents (item type 0 and friends): streaming parse, decoded (in a chosen `Encoding`)
//! and sanitised once into one compact buffer with line offsets; long lines are added in
//! pieces as they arrive. A `.` line ends the document only when the reply ends after it, and
//! `..` is unstuffed only then (real servers send files raw). Raw bytes are not kept: another
//! encoding means parsing the reply again.

use super::encoding::Encoding;
use super::line_splitter::{Piece, PieceSplitter};
use super::sanitize::sanitize;
use super::text_links::LinkList;
use std::time::Duration;
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
    fn unstuff(&mut self, stuffed: &[u32]) {
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

/// How lines become a document's lines: text pages and the source view differ only in this.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LineRule {
    /// Turns decoded text into display text (sanitised).
    pub display: fn(&str) -> String,
    /// Whether every line is kept as sent: the `.` terminator is shown and dot-stuffing is
    /// never undone (the source view).
    pub verbatim: bool,
}

const TEXT_RULE: LineRule = LineRule {
    display: sanitize,
    verbatim: false,
};

/// How long a `.` line must be followed by silence (or by nothing but empty lines) before it
/// ends a document whose server keeps the connection open.
pub const TERMINATOR_GRACE: Duration = Duration::from_millis(1000);

/// Parses a text reply as it streams in, appending to a `TextDoc` it does not own (so the
/// document can be shown and scrolled while it grows).
///
/// Real servers send files raw, without dot-stuffing or terminator, so a line that is just
/// `.` is held back: it ends the document only if the reply ends after it (with nothing but
/// empty lines between), and otherwise it is content, shown as soon as more arrives. Lines
/// starting with `..` lose a dot only when the reply did end with the terminator (RFC 1436
/// servers that dot-stuff). Long lines are added in pieces as they arrive.
#[derive(Debug)]
pub struct TextParser {
    splitter: PieceSplitter,
    lines: Lines,
}

/// The parser's state apart from its splitter (so the splitter can call into it).
#[derive(Debug)]
struct Lines {
    encoding: Encoding,
    rule: LineRule,
    /// Part of the current line has been added already.
    mid_line: bool,
    /// A `.` line was held back, followed by this many empty lines.
    held_dot: Option<u64>,
    /// Lines (document indexes) that began with `..`, to unstuff if the terminator came.
    stuffed: Vec<u32>,
    /// The document is full.
    full: bool,
    /// The reply ended with the `.` terminator.
    terminated: bool,
}

impl Default for TextParser {
    fn default() -> Self {
        TextParser::new(Encoding::Auto)
    }
}

impl TextParser {
    /// A parser decoding lines as `encoding` (`default()` is `Encoding::Auto`).
    pub fn new(encoding: Encoding) -> TextParser {
        TextParser::with_rule(encoding, TEXT_RULE)
    }

    /// A parser that turns lines into display text by `rule` (see the source view).
    pub(crate) fn with_rule(encoding: Encoding, rule: LineRule) -> TextParser {
        TextParser {
            splitter: PieceSplitter::default(),
            lines: Lines {
                encoding,
                rule,
                mid_line: false,
                held_dot: None,
                stuffed: Vec::new(),
                full: false,
                terminated: false,
            },
        }
    }

    /// Adds what `chunk` completes to `doc`.
    pub fn push(&mut self, doc: &mut TextDoc, chunk: &[u8]) {
        let lines = &mut self.lines;
        self.splitter.push(chunk, |piece| lines.take(doc, piece));
        if !self.splitter.pending_is_blank()
            && let Some(empty_lines) = lines.held_dot.take()
        {
            // A line with content has begun: the `.` line was content too.
            lines.release(doc, empty_lines);
        }
    }

    /// Whether the document is full, so nothing more will be added.
    pub fn has_ended(&self) -> bool {
        self.lines.full
    }

    /// Whether the reply so far ends with a `.` line (and perhaps empty lines): it is complete
    /// if the server closes now or stays silent for `TERMINATOR_GRACE`.
    pub fn awaits_end(&self) -> bool {
        self.lines.held_dot.is_some() && self.splitter.pending_is_blank() && !self.lines.full
    }

    /// Whether the reply ended with the `.` terminator (known once finished).
    pub fn ended_with_terminator(&self) -> bool {
        self.lines.terminated
    }

    /// The document a whole reply makes.
    pub fn parse_whole(mut self, bytes: &[u8]) -> TextDoc {
        let mut doc = TextDoc::default();
        self.push(&mut doc, bytes);
        self.finish(&mut doc);
        doc
    }

    /// Ends a reply that is complete (the server closed, or went silent after a `.` line): a
    /// last line without a line ending still counts, and a held-back `.` line was the
    /// terminator.
    pub fn finish(&mut self, doc: &mut TextDoc) {
        let lines = &mut self.lines;
        self.splitter.finish(|piece| lines.take(doc, piece));
        if lines.held_dot.take().is_some() {
            lines.terminated = true;
            if lines.rule.verbatim {
                lines.add(doc, b".");
                lines.end_line(doc);
            } else {
                doc.unstuff(&lines.stuffed);
            }
        }
        lines.stuffed = Vec::new();
    }

    /// Ends a reply that was cut off (failed or cancelled): everything that arrived is shown,
    /// a held-back `.` line as content.
    pub fn finish_cut(&mut self, doc: &mut TextDoc) {
        let lines = &mut self.lines;
        self.splitter.finish(|piece| lines.take(doc, piece));
        if let Some(empty_lines) = lines.held_dot.take() {
            lines.release(doc, empty_lines);
        }
        lines.stuffed = Vec::new();
    }
}

impl Lines {
    fn take(&mut self, doc: &mut TextDoc, piece: Piece<'_>) {
        if self.full {
            return;
        }
        let (bytes, ends_line) = match piece {
            Piece::Part(bytes) => (bytes, false),
            Piece::End(bytes) => (bytes, true),
        };
        if !self.mid_line {
            if ends_line && bytes == b"." {
                if let Some(empty_lines) = self.held_dot.take() {
                    self.release(doc, empty_lines);
                }
                self.held_dot = Some(0);
                return;
            }
            if let Some(empty_lines) = self.held_dot.as_mut() {
                if ends_line && bytes.is_empty() {
                    *empty_lines += 1;
                    return;
                }
                let empty_lines = *empty_lines;
                self.held_dot = None;
                self.release(doc, empty_lines);
            }
            if !self.rule.verbatim && bytes.starts_with(b"..") {
                self.stuffed.push(doc.line_count() as u32);
            }
        }
        self.add(doc, bytes);
        if ends_line {
            self.end_line(doc);
        } else {
            self.mid_line = true;
        }
    }

    /// Shows a held-back `.` line and the empty lines after it: they were content.
    fn release(&mut self, doc: &mut TextDoc, empty_lines: u64) {
        self.add(doc, b".");
        self.end_line(doc);
        for _ in 0..empty_lines {
            if self.full {
                return;
            }
            self.end_line(doc);
        }
    }

    fn add(&mut self, doc: &mut TextDoc, bytes: &[u8]) {
        let (text, used) = self.encoding.decode_resolved(bytes);
        if self.encoding.fell_back(used) {
            doc.mark_fell_back();
        }
        if !doc.push_fragment(&(self.rule.display)(&text)) {
            self.full = true;
        }
    }

    fn end_line(&mut self, doc: &mut TextDoc) {
        self.mid_line = false;
        if !doc.end_line() {
            self.full = true;
        }
    }
}

/// Parses a whole text reply at once (`Encoding::Auto`).
pub fn parse_text(bytes: &[u8]) -> TextDoc {
    parse_text_as(bytes, Encoding::Auto)
}

/// Parses a whole text reply at once, decoding it as `encoding`.
pub fn parse_text_as(bytes: &[u8], encoding: Encoding) -> TextDoc {
    TextParser::new(encoding).parse_whole(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(doc: &TextDoc) -> Vec<&str> {
        doc.lines().collect()
    }

    #[test]
    fn a_dot_line_followed_by_more_is_content_and_one_at_the_end_is_the_terminator() {
        let doc = parse_text(b"one\r\n.\r\nafter\r\n.\r\n");
        assert_eq!(lines(&doc), ["one", ".", "after"]);
        let doc = parse_text(b"one\n.\n\n\r\n");
        assert_eq!(
            lines(&doc),
            ["one"],
            "empty lines after the terminator are dropped"
        );
        let doc = parse_text(b"one\n.\n\nmore");
        assert_eq!(lines(&doc), ["one", ".", "", "more"]);
        let doc = parse_text(b"a\n.\n.\n");
        assert_eq!(
            lines(&doc),
            ["a", "."],
            "the last of two dot lines ends the reply"
        );
    }

    #[test]
    fn a_missing_terminator_is_normal() {
        assert_eq!(lines(&parse_text(b"one\ntwo")), ["one", "two"]);
    }

    #[test]
    fn dot_stuffed_lines_lose_one_dot_only_when_the_terminator_ended_the_reply() {
        let doc = parse_text(b"..hidden\r\n...three\r\n.single\r\n.\r\n");
        assert_eq!(lines(&doc), [".hidden", "..three", ".single"]);
        let raw = parse_text(b"..hidden\r\n...three\r\n.single\r\n");
        assert_eq!(lines(&raw), ["..hidden", "...three", ".single"]);
        let mut parser = TextParser::default();
        let doc = {
            let mut doc = TextDoc::default();
            parser.push(&mut doc, b"..a\r\nb\r\n..c\r\n.\r\n");
            parser.finish(&mut doc);
            doc
        };
        assert!(parser.ended_with_terminator());
        assert_eq!(lines(&doc), [".a", "b", ".c"]);
    }

    #[test]
    fn a_held_dot_line_shows_as_soon_as_more_arrives() {
        let mut doc = TextDoc::default();
        let mut parser = TextParser::default();
        parser.push(&mut doc, b"one\r\n.\r\n");
        assert_eq!(lines(&doc), ["one"]);
        assert!(parser.awaits_end());
        parser.push(&mut doc, b"\r\n\r");
        assert!(parser.awaits_end(), "empty lines keep it waiting");
        parser.push(&mut doc, b"\nx");
        assert!(!parser.awaits_end());
        assert_eq!(
            lines(&doc),
            ["one", ".", "", ""],
            "shown before the line ends"
        );
        parser.push(&mut doc, b"\n");
        parser.finish(&mut doc);
        assert_eq!(lines(&doc), ["one", ".", "", "", "x"]);
        assert!(!parser.ended_with_terminator());
    }

    #[test]
    fn a_cut_reply_shows_a_held_dot_line_and_the_last_partial_line() {
        let mut doc = TextDoc::default();
        let mut parser = TextParser::default();
        parser.push(&mut doc, b"..one\r\n.\r\n");
        parser.finish_cut(&mut doc);
        assert_eq!(lines(&doc), ["..one", "."]);
        let mut doc = TextDoc::default();
        let mut parser = TextParser::default();
        parser.push(&mut doc, b"one\r\npart");
        parser.finish_cut(&mut doc);
        assert_eq!(lines(&doc), ["one", "part"]);
    }

    #[test]
    fn lines_are_decoded_and_sanitised() {
        let doc = parse_text(b"caf\xe9\r\n\x1b[31mred\x1b[0m\r\n\xe4\xb8\xad\r\n");
        assert_eq!(lines(&doc), ["caf\u{e9}", "red", "\u{4e2d}"]);
    }

    #[test]
    fn the_chosen_encoding_decodes_every_line_and_auto_reports_a_fall_back() {
        let input = b"caf\xe9\r\n\xc9\xcd\xbb\r\n";
        let auto = parse_text(input);
        assert_eq!(lines(&auto), ["caf\u{e9}", "\u{c9}\u{cd}\u{bb}"]);
        assert!(auto.fell_back_to_latin1());
        let cp437 = parse_text_as(input, Encoding::Cp437);
        assert_eq!(lines(&cp437), ["caf\u{398}", "\u{2554}\u{2550}\u{2557}"]);
        assert!(!cp437.fell_back_to_latin1());
        let utf8 = parse_text_as(input, Encoding::Utf8);
        assert_eq!(utf8.line(0), "caf\u{fffd}");
        assert!(!parse_text("caf\u{e9}\n".as_bytes()).fell_back_to_latin1());
    }

    #[test]
    fn streaming_in_one_byte_chunks_gives_the_same_document() {
        let input = b"alpha\r\n..beta\r\ngamma\r\n.\r\n";
        let mut doc = TextDoc::default();
        let mut parser = TextParser::default();
        for b in input {
            parser.push(&mut doc, std::slice::from_ref(b));
        }
        parser.finish(&mut doc);
        assert_eq!(doc, parse_text(input));
    }

    #[test]
    fn very_long_lines_are_stored_in_pieces_without_splitting_characters() {
        let long = "\u{4e2d}".repeat(10_000); // 30,000 bytes
        let doc = parse_text(format!("{long}\r\nnext\r\n").as_bytes());
        assert_eq!(doc.line_count(), 5);
        assert!(doc.lines().all(|l| l.len() <= MAX_LINE_BYTES));
        let joined: String = doc.lines().take(4).collect();
        assert_eq!(joined, long);
        assert_eq!(doc.line(4), "next");
    }

    #[test]
    fn a_long_line_shows_in_pieces_while_it_arrives_and_ends_as_the_whole_parse() {
        let long = "word \u{4e2d}\u{301} ".repeat(20_000); // 200,000 bytes, combining marks
        let input = format!("..{long}\r\nnext\r\n.\r\n");
        let mut doc = TextDoc::default();
        let mut parser = TextParser::default();
        let mut shown_before_the_line_ended = 0;
        for chunk in input.as_bytes().chunks(1000) {
            parser.push(&mut doc, chunk);
            if !chunk.contains(&b'\n') {
                shown_before_the_line_ended = doc.line_count();
            }
        }
        assert!(
            shown_before_the_line_ended >= 20,
            "{shown_before_the_line_ended}"
        );
        parser.finish(&mut doc);
        assert_eq!(doc, parse_text(input.as_bytes()));
        assert!(doc.lines().all(|l| l.len() <= MAX_LINE_BYTES));
        let last = doc.line_count() - 1;
        let joined: String = doc.lines().take(last).collect();
        assert_eq!(
            joined,
            format!(".{long}"),
            "one dot unstuffed, nothing else"
        );
        assert!(
            doc.lines().all(|l| !l.starts_with('\u{301}')),
            "no piece starts inside a grapheme cluster"
        );
        assert_eq!(doc.line(last), "next");
    }

    #[test]
    fn a_reply_with_no_line_feed_shows_what_arrived() {
        let mut doc = TextDoc::default();
        let mut parser = TextParser::default();
        for _ in 0..100 {
            parser.push(&mut doc, &[b'x'; 10_000]);
        }
        assert!(doc.line_count() >= 100, "{}", doc.line_count());
        parser.finish_cut(&mut doc);
        assert_eq!(doc.lines().map(str::len).sum::<usize>(), 1_000_000);
    }

    #[test]
    fn line_past_the_end_is_empty() {
        let doc = TextDoc::from_lines(["a"]);
        assert_eq!(doc.line(0), "a");
        assert_eq!(doc.line(5), "");
    }
}
