//! A reply that is one 100 MB line (no line feed at all), served in-process on 127.0.0.1, in
//! the real binary in a pseudo-terminal (issue 10.3): the line shows while it arrives, and a
//! key pressed at any moment of the load is answered (the test waits, bounded, for each key's
//! effect to show; the lag itself is measured by `benches/key_lag.rs`).

use crate::harness::pty::*;
use crate::harness::{Reply, TestServer};
use burrow::app::wrap::row_count;

const SIZE: usize = 100_000_000;

#[test]
fn a_100_mb_single_line_reply_shows_while_it_arrives_and_keys_are_answered_throughout() {
    let line: Vec<u8> = b"gopher burrow long line "
        .iter()
        .copied()
        .cycle()
        .take(SIZE)
        .collect();
    let served = line.clone();
    let server = TestServer::start(move |_| vec![("/line", Reply::Bytes(served))]);
    let mut burrow = PtySession::spawn(BURROW, &[&server.url('0', "/line")]);
    burrow.wait_until("the line to show while it loads", |s| {
        s.status_bar().contains("Esc cancels") && s.screen_contains("gopher burrow long line")
    });
    let mut presses = 0;
    loop {
        burrow.send("g");
        burrow.wait_until("g to open the Go to prompt", |s| {
            s.status_bar().contains("Go to:")
        });
        burrow.send(ESC);
        burrow.wait_until("Esc to close the prompt", |s| {
            !s.status_bar().contains("Go to:")
        });
        presses += 1;
        if !burrow.status_bar().contains("Esc cancels") {
            break;
        }
    }
    assert!(presses > 1, "keys were pressed while the reply arrived");
    burrow.wait_until("the page to be complete", |s| {
        !s.title_bar().contains("[incomplete]") && s.status_bar().contains("Row 1 of")
    });
    // Kept in pieces of 8 KiB, each wrapped at the screen's width (at spaces).
    let width = usize::from(COLS);
    let rows: usize = line
        .chunks(8192)
        .map(|piece| row_count(std::str::from_utf8(piece).expect("ASCII"), width))
        .sum();
    assert!(rows > SIZE / width, "{rows}");
    let status = burrow.status_bar();
    let grouped = rows
        .to_string()
        .as_bytes()
        .rchunks(3)
        .rev()
        .map(|group| std::str::from_utf8(group).expect("digits"))
        .collect::<Vec<_>>()
        .join(",");
    assert!(
        status.contains(&format!("of {grouped} ")),
        "the whole line is kept, every row counted: {status}"
    );
    burrow.send("q");
    assert!(burrow.wait_for_exit().success());
}
