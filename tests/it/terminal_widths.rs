//! Widths the terminal agrees with, checked in a real terminal emulator: tmux, which counts
//! columns with its own tables (unlike the vt100 crate, which uses unicode-width as ratatui
//! does and so cannot see a disagreement). The real binary shows a text full of characters
//! whose width tmux and unicode-width disagree on (a soft hyphen is one column to tmux and zero
//! to unicode-width; VS16, VS15, skin-tone modifiers and Hangul fillers change a sequence's
//! width), and every row must read exactly as Burrow laid it out, with nothing shifted and no
//! stale cell left when the next page is drawn over it.
//!
//! Without tmux the test is skipped with a message, except under CI, where it fails.

use crate::harness::{BURROW, Reply, TestServer};
use std::process::Command;
use std::time::{Duration, Instant};

const COLS: usize = 60;
const ROWS: usize = 16;

/// Each row: a label, then `a`, the characters under test, `b`, padding to column 30 and `#`.
/// Burrow removes the characters (see `sanitize`), so the `#` must stay in column 30.
const CASES: [(&str, &str); 13] = [
    ("shy", "\u{ad}\u{ad}\u{ad}"),
    ("hangul", "\u{3164}\u{ffa0}\u{115f}"),
    ("vs16", "\u{2764}\u{fe0f}"),
    ("vs15", "\u{231a}\u{fe0e}"),
    ("skin", "\u{1f44b}\u{1f3fd}"),
    ("zwj", "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}"),
    ("zwsp", "\u{200b}\u{2060}\u{feff}"),
    ("annot", "\u{fff9}\u{fffa}\u{fffb}"),
    ("egypt", "\u{13430}\u{13431}"),
    ("arabic", "\u{600}\u{601}"),
    ("tags", "\u{1f3f4}\u{e0067}\u{e0062}\u{e007f}"),
    ("invis", "\u{2062}\u{2063}\u{2064}"),
    ("kaithi", "\u{110bd}"),
];

/// The visible part of each case once sanitised.
fn shown(chars: &str) -> String {
    chars.replace(
        [
            '\u{ad}',
            '\u{3164}',
            '\u{ffa0}',
            '\u{115f}',
            '\u{fe0f}',
            '\u{fe0e}',
            '\u{1f3fd}',
            '\u{200d}',
            '\u{200b}',
            '\u{2060}',
            '\u{feff}',
            '\u{fff9}',
            '\u{fffa}',
            '\u{fffb}',
            '\u{13430}',
            '\u{13431}',
            '\u{600}',
            '\u{601}',
            '\u{e0067}',
            '\u{e0062}',
            '\u{e007f}',
            '\u{2062}',
            '\u{2063}',
            '\u{2064}',
            '\u{110bd}',
        ],
        "",
    )
}

/// The row for `label` with `middle` between `a` and `b`, padded so that `#` is in column 30
/// once the invisible characters are gone.
fn row_for(label: &str, middle: &str) -> String {
    use unicode_width::UnicodeWidthStr;
    let visible = format!("{label:<7}a{}b", shown(middle));
    let pad = 30usize.saturating_sub(visible.width());
    format!("{label:<7}a{middle}b{}#", " ".repeat(pad))
}

fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// A tmux server of its own (its own socket name), killed when the test ends.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn command(&self) -> Command {
        let mut command = Command::new("tmux");
        command.args(["-L", &self.socket, "-f", "/dev/null"]);
        command
    }

    fn capture(&self) -> Vec<String> {
        let output = self
            .command()
            .args(["capture-pane", "-p", "-t", "widths"])
            .output()
            .expect("tmux capture-pane");
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(|l| l.trim_end().to_owned())
            .collect()
    }

    /// The screen once `ready` holds for it (bounded wait).
    fn wait_for(&self, ready: impl Fn(&[String]) -> bool) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let screen = self.capture();
            if ready(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out; the screen:\n{}",
                screen.join("\n")
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn keys(&self, keys: &[&str]) {
        let status = self
            .command()
            .args(["send-keys", "-t", "widths"])
            .args(keys)
            .status()
            .expect("tmux send-keys");
        assert!(status.success());
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command().arg("kill-server").status();
    }
}

#[test]
fn characters_terminals_count_differently_never_shift_a_row_or_leave_stale_cells() {
    if Command::new("tmux").arg("-V").output().is_err() {
        assert!(!under_ci(), "tmux is needed for this test under CI");
        eprintln!("skipped: tmux is not installed");
        return;
    }
    let text: String = CASES
        .iter()
        .map(|(label, chars)| row_for(label, chars) + "\r\n")
        .collect();
    let server = TestServer::start(move |_port| {
        vec![
            ("/widths", Reply::Bytes(text.into_bytes())),
            ("/short", Reply::Bytes(b"x\r\ny\r\n".to_vec())),
        ]
    });
    let home = tempfile::tempdir().expect("home");
    let tmux = Tmux {
        socket: format!("burrow-widths-{}", std::process::id()),
    };
    let start = format!(
        "env HOME={home} XDG_CONFIG_HOME={home}/config XDG_DATA_HOME={home}/data \
         XDG_STATE_HOME={home}/state TERM=xterm-256color LANG=C.UTF-8 {burrow} {url}",
        home = home.path().display(),
        burrow = BURROW,
        url = server.url('0', "/widths"),
    );
    let status = tmux
        .command()
        .args(["new-session", "-d", "-s", "widths"])
        .args(["-x", &COLS.to_string(), "-y", &ROWS.to_string()])
        .arg(start)
        .status()
        .expect("tmux new-session");
    assert!(status.success());

    let expected: Vec<String> = CASES
        .iter()
        .map(|(label, chars)| row_for(label, &shown(chars)))
        .collect();
    let screen = tmux.wait_for(|s| s.iter().any(|r| r.starts_with("kaithi")));
    assert_eq!(screen[1..=CASES.len()], expected[..], "as tmux shows it");
    for row in &screen[1..=CASES.len()] {
        use unicode_width::UnicodeWidthStr;
        let hash = row.find('#').expect("the # marker");
        assert_eq!(row[..hash].width(), 30, "{row:?}");
    }

    // A short page drawn over it leaves no stale cell behind.
    tmux.keys(&["g"]);
    tmux.wait_for(|s| s.last().is_some_and(|r| r.starts_with("Go to")));
    tmux.keys(&["-l", &server.url('0', "/short")]);
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for(|s| s.get(1).is_some_and(|r| r == "x"));
    assert_eq!(screen[2], "y");
    for (at, row) in screen[3..ROWS - 1].iter().enumerate() {
        assert_eq!(row, "", "row {} is stale: {row:?}", at + 3);
    }
}
