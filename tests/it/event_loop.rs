//! The real event loop (`burrow::runtime::event_loop`) run in-process on ratatui's
//! `TestBackend` against the in-process server: input applied in batches with one frame per
//! batch, a growing page drawn at most once a frame and its end at once, nothing drawn while
//! idle, and the terminal handed to a program (input stopped first, taken back after, the
//! program's Ctrl-C kept from Burrow). What needs a real terminal (raw mode, restoring it,
//! signals, pastes and clicks as bytes) stays in the pty tests.

use crate::harness::driver::environment;
use crate::harness::host::{HostCall, Observed, Program, run_loop};
use crate::harness::{Reply, TestServer, link};
use burrow::app::Location;
use burrow::app::Msg;
use burrow::gopher::GopherUrl;
use burrow::runtime::{FRAME, JobControl};
use burrow::startup::{LimitFlags, Settings, settings_in};
use crossterm::event::KeyCode;
use std::time::{Duration, Instant};

/// Settings for a fresh temporary home (kept alive beside them).
fn settings() -> (tempfile::TempDir, Settings) {
    let home = tempfile::tempdir().expect("temporary home");
    let settings = settings_in(
        &environment(home.path(), true),
        LimitFlags::default(),
        None,
        None,
    )
    .expect("settings");
    (home, settings)
}

fn open(url: &str) -> Option<Location> {
    Some(Location::Gopher(GopherUrl::parse(url).expect("a test URL")))
}

fn no_program() -> Program {
    Box::new(|argv, _| panic!("no program should run, but {argv:?} did"))
}

/// A menu of `count` text links named `Item 0`, `Item 1`, ….
fn items(port: u16, range: std::ops::Range<usize>) -> String {
    range
        .map(|i| link('0', &format!("Item {i}"), &format!("/{i}"), port))
        .collect()
}

fn quit(observed: &Observed) {
    observed.key(KeyCode::Char('q'));
}

#[test]
fn two_thousand_keys_arriving_at_once_are_all_applied_in_order_in_far_fewer_frames() {
    let server = TestServer::start(|port| {
        let menu = items(port, 0..2500) + ".\r\n";
        vec![("", Reply::Bytes(menu.into_bytes()))]
    });
    let (_home, settings) = settings();
    let observed = run_loop(
        &settings,
        open(&server.url('1', "")),
        no_program(),
        |o| async move {
            o.wait_until("the whole menu", |o| {
                o.status_bar().contains("item 1 of 2,500")
            })
            .await;
            let before = o.frames();
            // 1,500 downs then 500 ups at once: the cursor must end on item 1,000.
            o.type_keys(&("j".repeat(1500) + &"k".repeat(500)));
            o.wait_until("the cursor on item 1000", |o| {
                o.status_bar().contains("item 1,001 of 2,500")
            })
            .await;
            let frames = o.frames() - before;
            assert!(
                frames <= 200,
                "{frames} frames for 2,000 keys: they were not applied in batches"
            );
            quit(&o);
        },
    );
    assert!(observed.status_bar().contains("/0/1000"));
}

#[test]
fn the_first_screen_appears_while_the_rest_is_still_arriving() {
    let server = TestServer::start(|port| {
        let first = items(port, 0..40);
        let rest = items(port, 40..80) + ".\r\n";
        let whole = [first.as_bytes(), rest.as_bytes()].concat();
        // The first 40 lines at once, then a 3 s pause before the rest.
        vec![("", Reply::Drip(whole, first.len(), Duration::from_secs(3)))]
    });
    let (_home, settings) = settings();
    run_loop(
        &settings,
        open(&server.url('1', "")),
        no_program(),
        |o| async move {
            o.wait_until("the first lines while still loading", |o| {
                o.screen_contains("   TXT Item 0") && o.status_bar().contains("Esc cancels")
            })
            .await;
            o.type_keys("jj");
            o.wait_until("moving while it loads", |o| o.status_bar().contains("/0/2"))
                .await;
            o.key(KeyCode::End);
            o.wait_for_text("   TXT Item 79").await;
            quit(&o);
        },
    );
}

#[test]
fn a_growing_page_is_drawn_at_most_once_a_frame_and_its_end_at_once() {
    let server = TestServer::start(|port| {
        let menu = items(port, 0..4000) + ".\r\n";
        // About 70 chunks, 4 ms apart: unthrottled, each would be a frame.
        vec![(
            "",
            Reply::Drip(menu.into_bytes(), 4096, Duration::from_millis(4)),
        )]
    });
    let (_home, settings) = settings();
    run_loop(
        &settings,
        open(&server.url('1', "")),
        no_program(),
        |o| async move {
            o.wait_for_text("   TXT Item 0").await;
            let (start, before) = (Instant::now(), o.frames());
            o.wait_until("the page complete", |o| {
                o.status_bar().contains("item 1 of 4,000")
            })
            .await;
            let (elapsed, frames) = (start.elapsed(), o.frames() - before);
            // Growth frames are a FRAME apart; the spinner's ticks (every 100 ms) and the page's
            // end are drawn at once.
            let allowed = elapsed.as_millis() / FRAME.as_millis() + elapsed.as_millis() / 100 + 3;
            assert!(
                frames as u128 <= allowed,
                "{frames} frames in {elapsed:?} of growth (at most {allowed})"
            );
            quit(&o);
        },
    );
}

#[test]
fn an_idle_browser_draws_nothing() {
    let (_home, settings) = settings();
    run_loop(&settings, None, no_program(), |o| async move {
        o.wait_for_text("about:start").await;
        // Start-up's own answers (the history file read for visited links) may each draw a
        // frame as they arrive; after them, a browser left alone draws nothing, so a quiet
        // 300 ms stretch must come (a spinner or any timer drawing would never leave one).
        let started = Instant::now();
        loop {
            let before = o.frames();
            tokio::time::sleep(Duration::from_millis(300)).await;
            if o.frames() == before {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "frames kept being drawn while nothing happened"
            );
        }
        quit(&o);
    });
}

#[test]
fn a_telnet_link_hands_the_terminal_over_with_input_stopped_and_takes_it_back() {
    let server = TestServer::start(|port| {
        let menu = link('8', "Log in", "", port) + ".\r\n";
        vec![("", Reply::Bytes(menu.into_bytes()))]
    });
    let port = server.port();
    // Ctrl-C pressed in the program reaches Burrow as SIGINT; it was the program's.
    let program: Program = Box::new(|_, observed| {
        observed.signal(Msg::Interrupt);
        "telnet ended".to_owned()
    });
    let (_home, settings) = settings();
    let observed = run_loop(
        &settings,
        open(&server.url('1', "")),
        program,
        |o| async move {
            o.wait_for_text("Log in").await;
            o.key(KeyCode::Enter);
            o.wait_until("the question", |o| o.status_bar().contains("(y/n)"))
                .await;
            o.key(KeyCode::Char('y'));
            o.wait_until("the program's end reported", |o| {
                o.status_bar().contains("telnet ended")
            })
            .await;
            quit(&o);
        },
    );
    let calls = observed.calls();
    let handed = calls
        .iter()
        .position(|c| matches!(c, HostCall::Program(_)))
        .expect("a program ran");
    assert_eq!(
        calls[handed],
        HostCall::Program(vec![
            "telnet".to_owned(),
            "127.0.0.1".to_owned(),
            port.to_string()
        ])
    );
    assert_eq!(
        calls[handed - 2..handed + 3],
        [
            HostCall::InputDropped,
            HostCall::Released,
            calls[handed].clone(),
            HostCall::TookBack,
            HostCall::InputStarted,
        ]
    );
}

#[test]
fn ctrl_z_suspends_and_takes_back_ctrl_l_and_sigcont_take_back_and_repaint() {
    let (_home, settings) = settings();
    let observed = run_loop(&settings, None, no_program(), |o| async move {
        o.wait_for_text("about:start").await;
        o.ctrl('z');
        o.wait_until("the terminal back", |o| {
            o.calls().contains(&HostCall::TookBack)
        })
        .await;
        let frames = o.frames();
        o.ctrl('l');
        o.wait_until("a repaint", |o| o.frames() > frames).await;
        let frames = o.frames();
        o.job(JobControl::Continue);
        o.wait_until("a repaint", |o| o.frames() > frames).await;
        quit(&o);
    });
    let handoffs: Vec<HostCall> = observed
        .calls()
        .into_iter()
        .filter(|c| !matches!(c, HostCall::InputStarted | HostCall::InputDropped))
        .collect();
    assert_eq!(
        handoffs,
        [
            HostCall::Suspended,
            HostCall::TookBack,
            HostCall::TookBack,
            HostCall::TookBack
        ]
    );
}

#[test]
fn the_end_of_input_quits() {
    let (_home, settings) = settings();
    run_loop(&settings, None, no_program(), |o| async move {
        o.wait_for_text("about:start").await;
        o.end_input();
    });
}
