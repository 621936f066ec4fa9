//! Text documents (item type 0 and friends): streaming parse with the `.` terminator and
//! dot-unstuffing, decoded (in a chosen `Encoding`) and sanitised once into one compact buffer
//! with line offsets. Raw bytes are not kept: another encoding means parsing the reply again.

use super::encoding::Encoding;
use super::line_splitter::LineSplitter;
use super::sanitize::sanitize;
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

    /// Decodes and adds a line; returns false once the document is full (and marks it
    /// truncated).
    fn push_line(&mut self, bytes: &[u8], encoding: Encoding) -> bool {
        let (text, used) = encoding.decode_resolved(bytes);
        if encoding.fell_back(used) {
            self.mark_fell_back();
        }
        self.push_text(&text)
    }

    /// Records that `Encoding::Auto` decoded a line as Latin-1.
    pub(crate) fn mark_fell_back(&mut self) {
        self.fell_back = true;
    }

    /// Sanitises and adds a line of text; returns false once the document is full.
    pub(crate) fn push_text(&mut self, text: &str) -> bool {
        let line = sanitize(text);
        let mut rest = line.as_str();
        loop {
            let piece = if rest.len() <= MAX_LINE_BYTES {
                rest
            } else {
                let cut = rest
                    .grapheme_indices(true)
                    .map(|(at, _)| at)
                    .take_while(|&at| at <= MAX_LINE_BYTES)
                    .last()
                    .filter(|&at| at > 0)
                    .unwrap_or_else(|| rest.len().min(MAX_LINE_BYTES));
                let cut = (cut..=rest.len())
                    .find(|&i| rest.is_char_boundary(i))
                    .unwrap_or(rest.len());
                &rest[..cut]
            };
            let end = self.text.len() + piece.len();
            if self.line_ends.len() >= MAX_TEXT_LINES || end > u32::MAX as usize {
                self.truncated = true;
                return false;
            }
            self.text.push_str(piece);
            self.line_ends.push(end as u32);
            rest = &rest[piece.len()..];
            if rest.is_empty() {
                return true;
            }
        }
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
        self.text.len() + self.line_ends.len() * size_of::<u32>()
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

/// What one complete line does to the document: append it (or not), and set `ended` when the
/// reply is complete. Text pages and the source view differ only in this.
pub(crate) type LineRule = fn(&mut TextDoc, &mut bool, Encoding, &[u8]);

/// Parses a text reply as it streams in, appending to a `TextDoc` it does not own (so the
/// document can be shown and scrolled while it grows).
#[derive(Debug)]
pub struct TextParser {
    splitter: LineSplitter,
    ended: bool,
    encoding: Encoding,
    rule: LineRule,
}

impl Default for TextParser {
    fn default() -> Self {
        TextParser::new(Encoding::Auto)
    }
}

impl TextParser {
    /// A parser decoding lines as `encoding` (`default()` is `Encoding::Auto`).
    pub fn new(encoding: Encoding) -> TextParser {
        TextParser::with_rule(encoding, accept_text_line)
    }

    /// A parser that hands each line to `rule` (see the source view).
    pub(crate) fn with_rule(encoding: Encoding, rule: LineRule) -> TextParser {
        TextParser {
            splitter: LineSplitter::default(),
            ended: false,
            encoding,
            rule,
        }
    }

    /// Adds the lines `chunk` completes to `doc`.
    pub fn push(&mut self, doc: &mut TextDoc, chunk: &[u8]) {
        let (ended, encoding, rule) = (&mut self.ended, self.encoding, self.rule);
        self.splitter
            .push(chunk, |line| rule(doc, ended, encoding, line));
    }

    /// Whether the reply is complete: the `.` terminator arrived, or the document is full.
    pub fn has_ended(&self) -> bool {
        self.ended
    }

    /// The document a whole reply makes.
    pub fn parse_whole(mut self, bytes: &[u8]) -> TextDoc {
        let mut doc = TextDoc::default();
        self.push(&mut doc, bytes);
        self.finish(&mut doc);
        doc
    }

    /// Ends the stream: a last line without a line ending still counts.
    pub fn finish(&mut self, doc: &mut TextDoc) {
        let (ended, encoding, rule) = (&mut self.ended, self.encoding, self.rule);
        self.splitter
            .finish(|line| rule(doc, ended, encoding, line));
    }
}

fn accept_text_line(doc: &mut TextDoc, ended: &mut bool, encoding: Encoding, line: &[u8]) {
    if *ended {
        return;
    }
    if line == b"." {
        *ended = true;
        return;
    }
    let unstuffed = if line.starts_with(b"..") {
        &line[1..]
    } else {
        line
    };
    if !doc.push_line(unstuffed, encoding) {
        *ended = true;
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
    fn the_terminator_ends_the_document_and_what_follows_is_ignored() {
        let doc = parse_text(b"one\r\ntwo\r\n.\r\nafter\r\n");
        assert_eq!(lines(&doc), ["one", "two"]);
    }

    #[test]
    fn a_missing_terminator_is_normal() {
        assert_eq!(lines(&parse_text(b"one\ntwo")), ["one", "two"]);
    }

    #[test]
    fn dot_stuffed_lines_lose_one_dot() {
        let doc = parse_text(b"..hidden\r\n...three\r\n.single\r\n.\r\n");
        assert_eq!(lines(&doc), [".hidden", "..three", ".single"]);
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
    fn the_terminator_is_reported_so_a_reply_can_end_before_the_server_closes() {
        let mut doc = TextDoc::default();
        let mut parser = TextParser::default();
        parser.push(&mut doc, b"one\r\n");
        assert!(!parser.has_ended());
        parser.push(&mut doc, b".\r\n");
        assert!(parser.has_ended());
    }

    #[test]
    fn line_past_the_end_is_empty() {
        let doc = TextDoc::from_lines(["a"]);
        assert_eq!(doc.line(0), "a");
        assert_eq!(doc.line(5), "");
    }
}
