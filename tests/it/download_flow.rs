//! Downloads as the user sees them, without a network: following a file link or pressing `s`
//! starts a background download, progress shows on a line above the status bar, `w` lists the
//! downloads and `x` cancels one, finished ones show the name they were saved under and Enter
//! opens them (after a yes), `X` clears finished rows, a second copy of a running download is
//! asked about first, images go to the viewer, and quitting asks first while downloads run. (Byte-level download behaviour against a real
//! server is in `tests/it/downloads.rs`.)

use crate::harness::driver::{app, keys, notice, question, screen_rows, show, url};
use burrow::app::Location;
use burrow::app::input::Key;
use burrow::app::{App, Command, Msg};
use burrow::gopher::transfer::{DownloadEvent, DownloadUpdate, RequestId};
use std::path::PathBuf;
use std::time::Duration;

const MENU: &[u8] = b"1Docs\t/docs\texample.org\t70\r\n\
9Archive\t/files/big.tar.gz\texample.org\t70\r\n\
IPhoto\t/pics/cat.jpg\texample.org\t70\r\n\
.\r\n";

fn app_on_menu() -> App {
    let mut app = app();
    show(&mut app, "gopher://example.org/", MENU);
    app
}

/// Follows the menu's `index`th item and returns the id of the download it started.
fn download_item(app: &mut App, index: usize) -> RequestId {
    let mut commands = keys(app, &[Key::Home]);
    for _ in 0..index {
        commands.extend(keys(app, &[Key::Down]));
    }
    commands.extend(keys(app, &[Key::Enter]));
    match commands.as_slice() {
        [Command::Download { id, .. }] => *id,
        other => panic!("expected one download, got {other:?}"),
    }
}

fn event(app: &mut App, id: RequestId, event: DownloadEvent) -> Vec<Command> {
    app.update(Msg::Download(DownloadUpdate { id, event }))
}

fn screen_text(app: &App) -> String {
    screen_rows(app).join("\n")
}

#[test]
fn a_download_has_no_total_time_limit_but_a_size_cap_and_the_page_stays() {
    let mut app = app_on_menu();
    let commands = keys(&mut app, &[Key::Down, Key::Enter]);
    let [Command::Download { limits, name, .. }] = commands.as_slice() else {
        panic!("{commands:?}")
    };
    assert_eq!(name, "big.tar.gz");
    assert_eq!(limits.total_timeout, Duration::MAX);
    assert_eq!(limits.max_bytes, app.download_cap);
    assert_eq!(
        app.tab.page.location,
        Location::Gopher(url("gopher://example.org/"))
    );
    assert!(
        notice(&app).contains("Downloading big.tar.gz"),
        "{}",
        notice(&app)
    );
}

#[test]
fn progress_shows_on_a_line_above_the_status_bar_while_browsing_goes_on() {
    let mut app = app_on_menu();
    let id = download_item(&mut app, 1);
    event(
        &mut app,
        id,
        DownloadEvent::Progress {
            bytes: 2_500_000,
            elapsed_ms: 1000,
        },
    );
    let rows = screen_rows(&app);
    let line = &rows[rows.len() - 2];
    assert!(line.contains("big.tar.gz"), "{line}");
    assert!(
        line.contains("2.4 MiB") || line.contains("2.5 MB"),
        "{line}"
    );
    assert!(line.contains("/s"), "a rate is shown: {line}");
    // Browsing goes on: following a menu link still fetches.
    let commands = keys(&mut app, &[Key::Home, Key::Enter]);
    assert!(
        matches!(commands.as_slice(), [Command::Fetch { .. }]),
        "{commands:?}"
    );
}

#[test]
fn the_download_line_goes_away_when_nothing_runs_and_the_path_is_reported() {
    let mut app = app_on_menu();
    let id = download_item(&mut app, 1);
    let path = PathBuf::from("/home/someone/Downloads/big.tar.gz");
    let commands = event(
        &mut app,
        id,
        DownloadEvent::Finished {
            path: path.clone(),
            bytes: 10,
        },
    );
    assert!(
        commands.is_empty(),
        "no viewer for a non-image: {commands:?}"
    );
    assert!(notice(&app).contains("/home/someone/Downloads/big.tar.gz"));
    assert!(
        !screen_text(&app).contains("Downloading"),
        "{}",
        screen_text(&app)
    );
    keys(&mut app, &[Key::Char('w')]);
    let text = screen_text(&app);
    assert!(
        text.contains("done       big.tar.gz  10 B  in /home/someone/Downloads"),
        "{text}"
    );
}

#[test]
fn the_downloads_list_shows_every_download_and_x_cancels_the_selected_one() {
    let mut app = app_on_menu();
    let first = download_item(&mut app, 1);
    let second = download_item(&mut app, 2);
    keys(&mut app, &[Key::Char('w')]);
    let text = screen_text(&app);
    assert!(
        text.contains("big.tar.gz") && text.contains("cat.jpg"),
        "{text}"
    );
    // The newest is selected; Up moves to the first, x cancels it.
    let commands = keys(&mut app, &[Key::Up, Key::Char('x')]);
    assert_eq!(commands, vec![Command::CancelDownload(first)]);
    assert!(
        notice(&app).contains("nothing was kept"),
        "{}",
        notice(&app)
    );
    // A late progress report for the cancelled download changes nothing.
    event(
        &mut app,
        first,
        DownloadEvent::Progress {
            bytes: 5,
            elapsed_ms: 5,
        },
    );
    assert_eq!(app.running_downloads(), 1);
    // The other keeps running; Esc closes the list and browsing keys work again.
    event(
        &mut app,
        second,
        DownloadEvent::Progress {
            bytes: 5,
            elapsed_ms: 5,
        },
    );
    keys(&mut app, &[Key::Esc]);
    assert_eq!(app.downloads_list(), None);
}

#[test]
fn a_failed_download_says_why() {
    let mut app = app_on_menu();
    let id = download_item(&mut app, 1);
    event(
        &mut app,
        id,
        DownloadEvent::Failed("the server closed early".into()),
    );
    assert!(
        notice(&app).contains("the server closed early"),
        "{}",
        notice(&app)
    );
    assert_eq!(app.running_downloads(), 0);
}

#[test]
fn s_saves_the_current_page_and_has_nothing_to_save_on_built_in_pages() {
    let mut app = app();
    assert!(keys(&mut app, &[Key::Char('s')]).is_empty());
    assert!(
        notice(&app).contains("built into Burrow"),
        "{}",
        notice(&app)
    );
    let mut app = app_on_menu();
    let commands = keys(&mut app, &[Key::Char('s')]);
    assert!(
        matches!(commands.as_slice(), [Command::Download { url: u, .. }] if *u == url("gopher://example.org/")),
        "{commands:?}"
    );
}

#[test]
fn an_image_opens_in_the_configured_viewer_once_complete() {
    let mut app = app_on_menu();
    app.programs.image_viewer = vec!["feh".into(), "--scale-down".into()];
    let id = download_item(&mut app, 2);
    let path = PathBuf::from("/tmp/dl/cat.jpg");
    let commands = event(&mut app, id, DownloadEvent::Finished { path, bytes: 3 });
    assert_eq!(
        commands,
        vec![Command::RunDetached(vec![
            "feh".into(),
            "--scale-down".into(),
            "/tmp/dl/cat.jpg".into()
        ])]
    );
}

#[test]
fn without_a_viewer_an_image_is_only_saved() {
    let mut app = app_on_menu();
    app.programs.image_viewer.clear();
    let id = download_item(&mut app, 2);
    let commands = event(
        &mut app,
        id,
        DownloadEvent::Finished {
            path: "/tmp/cat.jpg".into(),
            bytes: 3,
        },
    );
    assert!(commands.is_empty(), "{commands:?}");
}

#[test]
fn quitting_while_downloads_run_asks_first() {
    let mut app = app_on_menu();
    download_item(&mut app, 1);
    assert!(keys(&mut app, &[Key::Char('q')]).is_empty());
    assert!(
        question(&app).contains("1 download is still running"),
        "{}",
        question(&app)
    );
    assert!(keys(&mut app, &[Key::Char('n')]).is_empty());
    assert_eq!(question(&app), "");
    keys(&mut app, &[Key::Char('q')]);
    assert_eq!(keys(&mut app, &[Key::Char('y')]), vec![Command::Quit]);
}

#[test]
fn quitting_with_only_finished_downloads_does_not_ask() {
    let mut app = app_on_menu();
    let id = download_item(&mut app, 1);
    event(
        &mut app,
        id,
        DownloadEvent::Finished {
            path: "/tmp/x".into(),
            bytes: 1,
        },
    );
    assert_eq!(keys(&mut app, &[Key::Char('q')]), vec![Command::Quit]);
}

#[test]
fn the_menu_cursor_stays_on_screen_when_the_download_line_appears() {
    let mut app = app();
    let mut menu = Vec::new();
    for n in 0..40 {
        menu.extend_from_slice(format!("9File {n}\t/f{n}\texample.org\t70\r\n").as_bytes());
    }
    show(&mut app, "gopher://example.org/", &menu);
    keys(&mut app, &[Key::End]);
    keys(&mut app, &[Key::Enter]);
    let rows = screen_rows(&app);
    let body = &rows[1..rows.len() - 2];
    assert!(body.iter().any(|r| r.contains("File 39")), "{rows:#?}");
}

fn finish(app: &mut App, id: RequestId, path: &str) {
    event(
        app,
        id,
        DownloadEvent::Finished {
            path: PathBuf::from(path),
            bytes: 70_000,
        },
    );
}

#[test]
fn following_a_link_that_is_downloading_asks_before_a_second_copy() {
    let mut app = app_on_menu();
    let first = download_item(&mut app, 1);
    let commands = keys(&mut app, &[Key::Enter]);
    assert!(commands.is_empty(), "{commands:?}");
    assert_eq!(
        question(&app),
        "(y/n) big.tar.gz is already downloading: download a second copy?"
    );
    assert!(keys(&mut app, &[Key::Char('n')]).is_empty());
    assert_eq!(app.running_downloads(), 1);
    let commands = keys(&mut app, &[Key::Enter, Key::Char('y')]);
    assert!(
        matches!(commands.as_slice(), [Command::Download { id, name, .. }] if *id != first && name == "big.tar.gz"),
        "{commands:?}"
    );
    assert_eq!(app.running_downloads(), 2);
    // Once it is done, following the link again just downloads.
    let mut app = app_on_menu();
    let id = download_item(&mut app, 1);
    finish(&mut app, id, "/dl/big.tar.gz");
    let again = keys(&mut app, &[Key::Enter]);
    assert!(
        matches!(again.as_slice(), [Command::Download { .. }]),
        "{again:?}"
    );
}

#[test]
fn a_running_download_shows_a_travelling_marker_bytes_and_rate_never_a_filled_bar() {
    let mut app = app_on_menu();
    let id = download_item(&mut app, 1);
    let mut lines = Vec::new();
    for bytes in [0u64, 64 * 1024, 128 * 1024] {
        event(
            &mut app,
            id,
            DownloadEvent::Progress {
                bytes,
                elapsed_ms: 1000,
            },
        );
        let rows = screen_rows(&app);
        lines.push(rows[rows.len() - 2].clone());
    }
    for line in &lines {
        assert!(line.contains("<=>") && !line.contains('['), "{line}");
        assert!(line.contains("KiB/s") || line.contains(" B/s"), "{line}");
    }
    assert_ne!(lines[0], lines[1], "the marker moves as data arrives");
    assert!(lines[2].contains("128 KiB"), "{}", lines[2]);
}

#[test]
fn enter_on_a_finished_download_asks_then_opens_it_with_the_opener() {
    let mut app = app_on_menu();
    let id = download_item(&mut app, 1);
    keys(&mut app, &[Key::Char('w')]);
    assert!(keys(&mut app, &[Key::Enter]).is_empty());
    assert!(
        notice(&app).contains("Still downloading"),
        "{}",
        notice(&app)
    );
    finish(&mut app, id, "/home/me/Downloads/big (1).tar.gz");
    assert!(keys(&mut app, &[Key::Enter]).is_empty());
    let opener = app.programs.opener[0].clone();
    assert_eq!(
        question(&app),
        format!("(y/n) Open big (1).tar.gz with {opener}?")
    );
    let commands = keys(&mut app, &[Key::Char('y')]);
    assert_eq!(
        commands,
        vec![Command::RunDetached(vec![
            opener,
            "/home/me/Downloads/big (1).tar.gz".to_owned()
        ])]
    );
    // No is no.
    keys(&mut app, &[Key::Enter]);
    assert!(keys(&mut app, &[Key::Char('n')]).is_empty());
}

#[test]
fn x_capital_in_the_list_clears_finished_failed_and_cancelled_rows_but_keeps_running_ones() {
    let mut app = app_on_menu();
    let done = download_item(&mut app, 1);
    finish(&mut app, done, "/dl/big.tar.gz");
    let failed = download_item(&mut app, 2);
    event(&mut app, failed, DownloadEvent::Failed("reset".into()));
    let cancelled = download_item(&mut app, 1);
    keys(&mut app, &[Key::Char('w')]);
    assert_eq!(
        keys(&mut app, &[Key::Char('x')]),
        vec![Command::CancelDownload(cancelled)]
    );
    keys(&mut app, &[Key::Char('w')]);
    let running = download_item(&mut app, 2);
    keys(&mut app, &[Key::Char('w'), Key::Char('X')]);
    assert_eq!(app.downloads.len(), 1);
    assert_eq!(app.downloads[0].id, running);
    assert!(notice(&app).contains("Cleared 3 rows"), "{}", notice(&app));
    let text = screen_text(&app);
    assert!(
        !text.contains("done") && !text.contains("failed") && !text.contains("cancelled"),
        "{text}"
    );
    assert!(text.contains("X clears"), "the list names the key: {text}");
}
