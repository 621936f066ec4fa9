//! Recognising a server's error reply whatever was asked for: servers such as pygopherd answer
//! a missing text or file with a one-line menu, `3'/x' does not exist (no handler found)<TAB>
//! <TAB>error.host<TAB>1`. A reply is such an error when it is, in full, one type-3 line with
//! the four menu fields, optionally followed by the `.` terminator and blank lines. Only the
//! first `MAX_ERROR_REPLY` bytes are kept to decide, so a real file costs nothing more.

use super::sanitize::sanitize_bytes;

/// Replies longer than this are never taken for an error line.
pub const MAX_ERROR_REPLY: usize = 4096;

/// Watches a reply as it streams in, keeping just enough to tell whether it was an error line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorReplyWatch {
    head: Vec<u8>,
    /// More than `MAX_ERROR_REPLY` bytes arrived, or the start already rules an error out.
    ruled_out: bool,
}

impl ErrorReplyWatch {
    pub fn push(&mut self, chunk: &[u8]) {
        if self.ruled_out {
            return;
        }
        if self.head.len() + chunk.len() > MAX_ERROR_REPLY {
            self.ruled_out = true;
            self.head = Vec::new();
            return;
        }
        self.head.extend_from_slice(chunk);
        if self.head.first().is_some_and(|&b| b != b'3') {
            self.ruled_out = true;
            self.head = Vec::new();
        }
    }

    /// The whole reply, when it may still be an error line (at most `MAX_ERROR_REPLY` bytes).
    pub fn reply(&self) -> Option<&[u8]> {
        (!self.ruled_out).then_some(self.head.as_slice())
    }

    /// The server's message (sanitised and trimmed) if the complete reply was one error line.
    pub fn error_message(&self) -> Option<String> {
        error_line_message(self.reply()?)
    }
}

/// The message of `reply` if it is, in full, one type-3 menu line (then optionally `.` and
/// blank lines).
pub fn error_line_message(reply: &[u8]) -> Option<String> {
    let mut lines = reply
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l));
    let first = lines.next()?;
    let rest_is_empty = lines.all(|l| l.trim_ascii().is_empty() || l == b".");
    let fields = first.split(|&b| b == b'\t').count();
    let display = first.strip_prefix(b"3")?.split(|&b| b == b'\t').next()?;
    (rest_is_empty && fields >= 4).then(|| sanitize_bytes(display).trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_that_is_one_error_line_is_recognised_with_its_message() {
        let table: &[(&[u8], Option<&str>)] = &[
            (
                b"3'/x' does not exist (no handler found)\t\terror.host\t1\r\n",
                Some("'/x' does not exist (no handler found)"),
            ),
            (b"3Gone\t\terror.host\t1\r\n.\r\n", Some("Gone")),
            (b"3Gone\t\terror.host\t1\n\n", Some("Gone")),
            (b"3Gone\tx\th\t0", Some("Gone")),
            (b"3 \x1b[31mred\x1b[0m \t\th\t1\r\n", Some("red")),
            // Not error replies: text, more lines, too few fields, a menu with links.
            (b"3 little pigs\r\n", None),
            (b"3Gone\t\terror.host\r\n", None),
            (b"3Gone\t\th\t1\r\nmore text\r\n", None),
            (b"3Gone\t\th\t1\r\n1Dir\t/\th\t70\r\n", None),
            (b"iInfo\t\th\t1\r\n", None),
            (b"", None),
        ];
        for (reply, message) in table {
            let mut watch = ErrorReplyWatch::default();
            for chunk in reply.chunks(3) {
                watch.push(chunk);
            }
            assert_eq!(
                watch.error_message().as_deref(),
                *message,
                "{}",
                String::from_utf8_lossy(reply)
            );
        }
    }

    #[test]
    fn the_watch_keeps_nothing_once_the_reply_cannot_be_an_error() {
        let mut watch = ErrorReplyWatch::default();
        watch.push(b"GIF89a");
        assert_eq!(watch.reply(), None);
        let mut long = ErrorReplyWatch::default();
        long.push(b"3");
        long.push(&vec![b'x'; MAX_ERROR_REPLY]);
        long.push(b"\t\th\t1\r\n");
        assert_eq!(long.reply(), None);
        assert_eq!(long.error_message(), None);
    }
}
