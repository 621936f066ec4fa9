//! Text documents (item type 0 and friends): streaming parse with the `.` terminator and
//! dot-unstuffing, decoded and sanitised once into one compact buffer with line offsets.

use super::line_splitter::LineSplitter;
use super::sanitize::sanitize_bytes;

/// A sanitised text document: all lines in one `String`, plus where each line ends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextDoc {
    text: String,
    line_ends: Vec<usize>,
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
            doc.push_line(line.as_ref().as_bytes());
        }
        doc
    }

    fn push_line(&mut self, bytes: &[u8]) {
        self.text.push_str(&sanitize_bytes(bytes));
        self.line_ends.push(self.text.len());
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
        &self.text[start..end]
    }

    pub fn lines(&self) -> impl Iterator<Item = &str> {
        (0..self.line_count()).map(|i| self.line(i))
    }
}

/// Parses a text reply as it streams in.
#[derive(Debug, Default)]
pub struct TextParser {
    splitter: LineSplitter,
    doc: TextDoc,
    ended: bool,
}

impl TextParser {
    pub fn push(&mut self, chunk: &[u8]) {
        let Self {
            splitter,
            doc,
            ended,
        } = self;
        splitter.push(chunk, |line| accept_text_line(doc, ended, line));
    }

    /// The document so far (for showing a page while it loads).
    pub fn doc(&self) -> &TextDoc {
        &self.doc
    }

    pub fn finish(mut self) -> TextDoc {
        let Self {
            splitter,
            doc,
            ended,
        } = &mut self;
        splitter.finish(|line| accept_text_line(doc, ended, line));
        self.doc
    }
}

fn accept_text_line(doc: &mut TextDoc, ended: &mut bool, line: &[u8]) {
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
    doc.push_line(unstuffed);
}

/// Parses a whole text reply at once.
pub fn parse_text(bytes: &[u8]) -> TextDoc {
    let mut parser = TextParser::default();
    parser.push(bytes);
    parser.finish()
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
    fn streaming_in_one_byte_chunks_gives_the_same_document() {
        let input = b"alpha\r\n..beta\r\ngamma\r\n.\r\n";
        let mut parser = TextParser::default();
        for b in input {
            parser.push(std::slice::from_ref(b));
        }
        assert_eq!(parser.finish(), parse_text(input));
    }

    #[test]
    fn line_past_the_end_is_empty() {
        let doc = TextDoc::from_lines(["a"]);
        assert_eq!(doc.line(0), "a");
        assert_eq!(doc.line(5), "");
    }
}
