//! Splits a byte stream that arrives in arbitrary chunks into lines: split on LF, strip one
//! trailing CR. Shared by the menu and text parsers so both can parse while a reply streams in.

#[derive(Debug, Default)]
pub struct LineSplitter {
    partial: Vec<u8>,
}

fn strip_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

impl LineSplitter {
    /// Feeds a chunk; calls `on_line` for every line the chunk completes.
    pub fn push(&mut self, chunk: &[u8], mut on_line: impl FnMut(&[u8])) {
        let mut rest = chunk;
        while let Some(newline) = rest.iter().position(|&b| b == b'\n') {
            let (head, tail) = rest.split_at(newline);
            if self.partial.is_empty() {
                on_line(strip_cr(head));
            } else {
                self.partial.extend_from_slice(head);
                on_line(strip_cr(&self.partial));
                self.partial.clear();
            }
            rest = &tail[1..];
        }
        self.partial.extend_from_slice(rest);
    }

    /// Ends the stream: a last line without LF is still a line.
    pub fn finish(&mut self, mut on_line: impl FnMut(&[u8])) {
        if !self.partial.is_empty() {
            on_line(strip_cr(&self.partial));
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
}
