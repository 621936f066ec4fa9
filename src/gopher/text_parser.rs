//! Parsing a text reply as it streams in, into a [`TextDoc`] it does not own: decoded in the
//! page's encoding and sanitised once, long lines added in pieces, and the `.` terminator
//! honoured only when the reply really ends after it (real servers send files raw).

use super::encoding::Encoding;
use super::line_splitter::{Piece, PieceSplitter};
use super::sanitize::sanitize;
use super::text::TextDoc;
use std::time::Duration;

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
#[path = "text_parser_tests.rs"]
mod tests;
