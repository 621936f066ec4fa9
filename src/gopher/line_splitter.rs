//! Splits a byte stream that arrives in arbitrary chunks into lines: split on LF, strip one
//! trailing CR. `LineSplitter` hands on whole lines (menus); `PieceSplitter` hands long lines
//! on in parts as they arrive (texts), so no line is buffered whole.

/// A line a `LineSplitter` hands on whole is cut after this many bytes (the rest of it is
/// skipped and counted), so one endless line can neither fill memory nor stall the parser.
pub const MAX_WHOLE_LINE_BYTES: usize = 64 * 1024;

#[derive(Debug, Default)]
pub struct LineSplitter {
    partial: Vec<u8>,
    /// The current line is longer than `MAX_WHOLE_LINE_BYTES`: the rest is being skipped.
    overflowing: bool,
    cut_lines: u64,
}

fn strip_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// The longest prefix of `bytes` of at most `at` bytes that does not end inside a UTF-8
/// sequence (when the bytes look like UTF-8 there).
fn utf8_prefix(bytes: &[u8], at: usize) -> &[u8] {
    if bytes.len() <= at {
        return bytes;
    }
    let mut cut = at;
    while cut > at.saturating_sub(3) && bytes[cut] & 0xC0 == 0x80 {
        cut -= 1;
    }
    if bytes[cut] & 0xC0 == 0x80 || cut == 0 {
        cut = at;
    }
    &bytes[..cut]
}

impl LineSplitter {
    /// Feeds a chunk; calls `on_line` for every line the chunk completes.
    pub fn push(&mut self, chunk: &[u8], mut on_line: impl FnMut(&[u8])) {
        let mut rest = chunk;
        while let Some(newline) = rest.iter().position(|&b| b == b'\n') {
            let (head, tail) = rest.split_at(newline);
            if self.partial.is_empty() && !self.overflowing {
                if head.len() > MAX_WHOLE_LINE_BYTES {
                    self.cut_lines += 1;
                }
                on_line(strip_cr(utf8_prefix(head, MAX_WHOLE_LINE_BYTES)));
            } else {
                self.keep(head);
                self.end_line(&mut on_line);
            }
            rest = &tail[1..];
        }
        self.keep(rest);
    }

    /// Keeps `bytes` of the current line, up to the cap.
    fn keep(&mut self, bytes: &[u8]) {
        if self.overflowing {
            return;
        }
        let room = MAX_WHOLE_LINE_BYTES + 1 - self.partial.len().min(MAX_WHOLE_LINE_BYTES);
        self.partial
            .extend_from_slice(&bytes[..bytes.len().min(room)]);
        self.overflowing = self.partial.len() > MAX_WHOLE_LINE_BYTES;
    }

    fn end_line(&mut self, on_line: &mut impl FnMut(&[u8])) {
        if self.overflowing {
            self.cut_lines += 1;
        }
        on_line(strip_cr(utf8_prefix(&self.partial, MAX_WHOLE_LINE_BYTES)));
        self.partial.clear();
        self.overflowing = false;
    }

    /// How many lines were longer than `MAX_WHOLE_LINE_BYTES` and cut.
    pub fn cut_lines(&self) -> u64 {
        self.cut_lines
    }

    /// Ends the stream: a last line without LF is still a line.
    pub fn finish(&mut self, mut on_line: impl FnMut(&[u8])) {
        if !self.partial.is_empty() {
            self.end_line(&mut on_line);
            self.partial = Vec::new();
        }
    }
}

/// Longest piece of a line a `PieceSplitter` hands on before the line ends.
pub const PIECE_BYTES: usize = 8192;

/// What a `PieceSplitter` hands on: part of a line that goes on, or a line's last part
/// (without its line ending).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Part(&'a [u8]),
    End(&'a [u8]),
}

/// Like `LineSplitter`, but a long line is handed on in parts of at most `PIECE_BYTES` as
/// it arrives, so nothing waits for (or buffers) a whole line. Where a line is cut depends
/// only on its bytes, never on how the stream was chunked: a part never ends inside a UTF-8
/// sequence, nor just after the start of an escape sequence (so the sanitiser sees each
/// sequence whole), and never takes the last byte before the line feed (a CR to strip).
#[derive(Debug, Default)]
pub struct PieceSplitter {
    partial: Vec<u8>,
}

/// Bytes before a cut searched for an escape sequence's start.
const ESCAPE_LOOKBACK: usize = 64;

/// Where to cut `window` (`PIECE_BYTES + 1` bytes of one line): at most `PIECE_BYTES`, never
/// zero.
fn safe_cut(window: &[u8]) -> usize {
    let mut cut = PIECE_BYTES.min(window.len().saturating_sub(1));
    let from = cut.saturating_sub(ESCAPE_LOOKBACK);
    let opens_sequence = |b: &u8| matches!(b, 0x1b | 0x90 | 0x98 | 0x9b | 0x9d..=0x9f);
    if let Some(at) = window[from..cut].iter().rposition(opens_sequence) {
        cut = from + at;
    }
    let before = cut;
    while cut > before.saturating_sub(3) && window[cut] & 0xC0 == 0x80 {
        cut -= 1;
    }
    if window[cut] & 0xC0 == 0x80 || cut == 0 {
        cut = before; // Not UTF-8 here: any byte boundary will do.
    }
    cut.max(1)
}

impl PieceSplitter {
    /// Feeds a chunk; calls `on_piece` for every part and line end it completes.
    pub fn push(&mut self, chunk: &[u8], mut on_piece: impl FnMut(Piece<'_>)) {
        let mut rest = chunk;
        loop {
            match rest.iter().position(|&b| b == b'\n') {
                Some(newline) => {
                    self.feed(&rest[..newline], true, &mut on_piece);
                    rest = &rest[newline + 1..];
                }
                None => {
                    self.feed(rest, false, &mut on_piece);
                    return;
                }
            }
        }
    }

    /// Takes in `part` of the current line (all of the rest of it when `ends_line`).
    fn feed(&mut self, mut part: &[u8], ends_line: bool, on_piece: &mut impl FnMut(Piece<'_>)) {
        loop {
            if self.partial.is_empty() {
                if part.len() > PIECE_BYTES {
                    let cut = safe_cut(&part[..=PIECE_BYTES]);
                    on_piece(Piece::Part(&part[..cut]));
                    part = &part[cut..];
                    continue;
                }
                if ends_line {
                    on_piece(Piece::End(strip_cr(part)));
                } else {
                    self.partial.extend_from_slice(part);
                }
                return;
            }
            let wanted = (PIECE_BYTES + 1).saturating_sub(self.partial.len());
            let take = wanted.min(part.len());
            self.partial.extend_from_slice(&part[..take]);
            part = &part[take..];
            if self.partial.len() <= PIECE_BYTES {
                if ends_line {
                    on_piece(Piece::End(strip_cr(&self.partial)));
                    self.partial.clear();
                }
                return;
            }
            let cut = safe_cut(&self.partial[..=PIECE_BYTES]);
            on_piece(Piece::Part(&self.partial[..cut]));
            self.partial.drain(..cut);
        }
    }

    /// Whether what waits for a line feed is nothing, or only a CR (an empty line coming).
    pub fn pending_is_blank(&self) -> bool {
        self.partial.is_empty() || self.partial == b"\r"
    }

    /// Ends the stream: a last line without LF is still a line.
    pub fn finish(&mut self, mut on_piece: impl FnMut(Piece<'_>)) {
        if !self.partial.is_empty() {
            on_piece(Piece::End(strip_cr(&self.partial)));
            self.partial = Vec::new();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_in_chunks(input: &[u8], chunk_size: usize) -> Vec<Vec<u8>> {
        let mut lines = Vec::new();
        let mut splitter = LineSplitter::default();
        for chunk in input.chunks(chunk_size) {
            splitter.push(chunk, |l| lines.push(l.to_vec()));
        }
        splitter.finish(|l| lines.push(l.to_vec()));
        lines
    }

    #[test]
    fn lines_are_the_same_however_the_stream_is_chunked() {
        let input = b"one\r\ntwo\nthree\r\r\n\nlast";
        let expected: Vec<Vec<u8>> = vec![
            b"one".to_vec(),
            b"two".to_vec(),
            b"three\r".to_vec(),
            b"".to_vec(),
            b"last".to_vec(),
        ];
        for size in 1..=input.len() {
            assert_eq!(split_in_chunks(input, size), expected, "chunk size {size}");
        }
    }

    #[test]
    fn a_trailing_newline_does_not_make_an_extra_empty_line() {
        assert_eq!(split_in_chunks(b"a\r\n", 2), vec![b"a".to_vec()]);
        assert!(split_in_chunks(b"", 1).is_empty());
    }

    fn pieces(input: &[u8], chunk_size: usize) -> Vec<(bool, Vec<u8>)> {
        let mut out = Vec::new();
        let mut splitter = PieceSplitter::default();
        let mut record = |piece: Piece<'_>| match piece {
            Piece::Part(b) => out.push((false, b.to_vec())),
            Piece::End(b) => out.push((true, b.to_vec())),
        };
        for chunk in input.chunks(chunk_size.max(1)) {
            splitter.push(chunk, &mut record);
        }
        splitter.finish(&mut record);
        out
    }

    #[test]
    fn short_lines_come_whole_and_the_same_as_from_the_line_splitter() {
        let input = b"one\r\ntwo\nthree\r\r\n\nlast";
        for size in 1..=input.len() {
            let ends: Vec<Vec<u8>> = pieces(input, size)
                .into_iter()
                .map(|(end, b)| {
                    assert!(end, "no part of a short line is handed on alone");
                    b
                })
                .collect();
            assert_eq!(ends, split_in_chunks(input, 1), "chunk size {size}");
        }
    }

    #[test]
    fn a_long_line_comes_in_parts_cut_in_the_same_places_however_it_is_chunked() {
        let mut line = Vec::new();
        while line.len() < 5 * PIECE_BYTES {
            line.extend_from_slice("ab\u{4e2d}\u{e9}\x1b[31mred ".as_bytes());
        }
        let mut input = line.clone();
        input.extend_from_slice(b"\r\nnext\n");
        let whole = pieces(&input, input.len());
        assert!(whole.len() >= 6, "{} pieces", whole.len());
        assert!(whole.iter().all(|(_, b)| b.len() <= PIECE_BYTES));
        for size in [1, 7, 4096, 8193, 65536] {
            assert_eq!(pieces(&input, size), whole, "chunk size {size}");
        }
        let (ends, parts): (Vec<_>, Vec<_>) = whole.iter().partition(|(end, _)| *end);
        assert_eq!(ends.len(), 2);
        let joined: Vec<u8> = parts
            .iter()
            .chain(ends.iter().take(1))
            .flat_map(|(_, b)| b.clone())
            .collect();
        assert_eq!(joined, line, "nothing lost, the CR stripped");
        for (_, part) in &parts {
            assert!(
                std::str::from_utf8(part).is_ok(),
                "a part ends between characters"
            );
            assert!(
                !part[part.len().saturating_sub(8)..].contains(&0x1b),
                "a part never ends just after an escape starts"
            );
        }
    }

    #[test]
    fn a_line_of_bytes_that_are_not_utf8_is_still_cut_and_nothing_is_lost() {
        let input = vec![0x80u8; 3 * PIECE_BYTES + 5];
        let got = pieces(&input, 1000);
        assert!(
            got.iter()
                .all(|(_, b)| !b.is_empty() && b.len() <= PIECE_BYTES)
        );
        assert_eq!(got.iter().map(|(_, b)| b.len()).sum::<usize>(), input.len());
    }

    #[test]
    fn only_a_pending_cr_or_nothing_counts_as_blank() {
        let mut splitter = PieceSplitter::default();
        assert!(splitter.pending_is_blank());
        splitter.push(b"a\r\n\r", |_| {});
        assert!(splitter.pending_is_blank());
        splitter.push(b"\nx", |_| {});
        assert!(!splitter.pending_is_blank());
    }

    #[test]
    fn a_whole_line_over_the_cap_is_cut_between_characters_and_counted() {
        let mut input = "\u{e9}".repeat(MAX_WHOLE_LINE_BYTES).into_bytes();
        input.extend_from_slice(b"\r\nshort\r\n");
        input.extend(std::iter::repeat_n(b'x', MAX_WHOLE_LINE_BYTES + 1));
        for size in [1000, 65536, input.len()] {
            let mut lines = Vec::new();
            let mut splitter = LineSplitter::default();
            for chunk in input.chunks(size) {
                splitter.push(chunk, |l| lines.push(l.to_vec()));
            }
            splitter.finish(|l| lines.push(l.to_vec()));
            assert_eq!(lines.len(), 3, "chunk size {size}");
            assert_eq!(lines[0].len(), MAX_WHOLE_LINE_BYTES);
            assert!(std::str::from_utf8(&lines[0]).is_ok());
            assert_eq!(lines[1], b"short");
            assert_eq!(lines[2].len(), MAX_WHOLE_LINE_BYTES);
            assert_eq!(splitter.cut_lines(), 2, "chunk size {size}");
        }
    }
}
