//! Two Burrow processes saving into one home at the same moment: every bookmark, visit and pin
//! either process saved is in the files afterwards. The test binary runs itself twice as the
//! two processes (`each_process_finds_every_save_it_made`, told by environment variables which
//! files to use), so the real store code races across real process boundaries; and two real
//! Burrow windows in pseudo-terminals bookmark at the same moment, as a user would.

use crate::harness::pty::{BURROW, DOWN, PtySession};
use crate::harness::{Reply, TestServer, link};
use burrow::gopher::GopherUrl;
use burrow::gopher::transfer::Fingerprint;
use burrow::store::known_hosts::KnownHosts;
use burrow::store::link_file::SavedLink;
use burrow::store::{LinkEdit, add_pin, update_link_file};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Set in a child process: the folder holding the shared files.
const SHARED_FOLDER: &str = "BURROW_RACE_FOLDER";
/// Set in a child process: what it calls its saves, so the parent can tell them apart.
const TAG: &str = "BURROW_RACE_TAG";
/// Saves of each kind per process.
const ROUNDS: usize = 200;

struct Files {
    bookmarks: PathBuf,
    history: PathBuf,
    known_hosts: PathBuf,
    start: PathBuf,
}

fn files_in(folder: &Path) -> Files {
    Files {
        bookmarks: folder.join("config/burrow/bookmarks.gophermap"),
        history: folder.join("state/burrow/history.gophermap"),
        known_hosts: folder.join("data/burrow/known_hosts"),
        start: folder.join("start"),
    }
}

fn bookmark(tag: &str, round: usize) -> SavedLink {
    let url = GopherUrl::parse(&format!("gopher://{tag}.example/1/bookmark/{round}")).expect("url");
    SavedLink::new(&format!("{tag} bookmark {round}"), url)
}

fn visit(tag: &str, round: usize) -> SavedLink {
    let url = GopherUrl::parse(&format!("gopher://{tag}.example/0/visit/{round}")).expect("url");
    SavedLink::new(&format!("{tag} visit {round}"), url)
}

fn pin_host(tag: &str, round: usize) -> String {
    format!("{tag}-{round}.example:7443")
}

fn fingerprint(round: usize) -> Fingerprint {
    Fingerprint([(round % 251) as u8; 32])
}

/// One process's share of the race: each round adds a bookmark, records a visit and pins a
/// certificate, each a separate read-modify-write of its file.
fn save_everything(files: &Files, tag: &str) {
    for round in 0..ROUNDS {
        update_link_file(&files.bookmarks, LinkEdit::Add(bookmark(tag, round))).expect("bookmark");
        update_link_file(
            &files.history,
            LinkEdit::RecordVisit {
                link: visit(tag, round),
                limit: 10 * ROUNDS,
            },
        )
        .expect("visit");
        add_pin(
            &files.known_hosts,
            &pin_host(tag, round),
            fingerprint(round),
        )
        .expect("pin");
    }
}

/// What is missing from the files of the saves made under `tag`, one line each.
fn missing_saves(files: &Files, tag: &str) -> Vec<String> {
    let bookmarks = update_link_file(&files.bookmarks, LinkEdit::Read).expect("bookmarks read");
    let history = update_link_file(&files.history, LinkEdit::Read).expect("history read");
    let pins = std::fs::read_to_string(&files.known_hosts).expect("known hosts read");
    let pins = KnownHosts::parse(&pins).expect("known hosts parse");
    let mut missing = Vec::new();
    for round in 0..ROUNDS {
        if !bookmarks.contains(&bookmark(tag, round)) {
            missing.push(format!("bookmark {tag} {round}"));
        }
        if !history.contains(&visit(tag, round)) {
            missing.push(format!("visit {tag} {round}"));
        }
        if pins.get(&pin_host(tag, round)) != Some(fingerprint(round)) {
            missing.push(format!("pin {tag} {round}"));
        }
    }
    missing
}

/// Run alone it saves into a fresh folder; run by the race below it is one of the two racing
/// processes. Either way every save it made must be in the files when it is done.
#[test]
fn each_process_finds_every_save_it_made() {
    let own_folder = tempfile::tempdir().expect("temp dir");
    let (folder, tag) = match std::env::var_os(SHARED_FOLDER) {
        Some(shared) => (
            PathBuf::from(shared),
            std::env::var(TAG).expect("a tag from the parent"),
        ),
        None => (own_folder.path().to_path_buf(), "alone".to_owned()),
    };
    let files = files_in(&folder);
    // Both processes start saving together, once the parent says so.
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::env::var_os(SHARED_FOLDER).is_some() && !files.start.exists() {
        assert!(Instant::now() < deadline, "the parent never said start");
        std::thread::sleep(Duration::from_millis(1));
    }
    save_everything(&files, &tag);
    let missing = missing_saves(&files, &tag);
    assert!(
        missing.is_empty(),
        "{} of {} saves lost by {tag}: {:?}",
        missing.len(),
        3 * ROUNDS,
        &missing[..missing.len().min(10)]
    );
}

#[test]
fn two_processes_saving_at_once_lose_nothing() {
    let folder = tempfile::tempdir().expect("temp dir");
    let files = files_in(folder.path());
    let me = std::env::current_exe().expect("test binary");
    let children: Vec<_> = ["left", "right"]
        .into_iter()
        .map(|tag| {
            let child = Command::new(&me)
                .args([
                    "--exact",
                    "store_race::each_process_finds_every_save_it_made",
                    "--test-threads=1",
                    "--nocapture",
                ])
                .env(SHARED_FOLDER, folder.path())
                .env(TAG, tag)
                .spawn()
                .expect("child starts");
            (tag, child)
        })
        .collect();
    std::fs::write(&files.start, b"go").expect("start");
    for (tag, mut child) in children {
        let status = child.wait().expect("child ends");
        assert!(status.success(), "the {tag} process lost saves: {status}");
    }
    let lost: Vec<String> = ["left", "right"]
        .into_iter()
        .flat_map(|tag| missing_saves(&files, tag))
        .collect();
    assert!(
        lost.is_empty(),
        "{} of {} saves lost: {:?}",
        lost.len(),
        2 * 3 * ROUNDS,
        &lost[..lost.len().min(10)]
    );
}

#[test]
fn two_burrow_windows_bookmarking_at_the_same_moment_keep_every_bookmark() {
    const LINKS: usize = 20;
    let server = TestServer::start(|port| {
        ["left", "right"]
            .into_iter()
            .map(|side| {
                let menu: String = (0..LINKS)
                    .map(|n| link('0', &format!("{side} {n}"), &format!("/{side}/{n}"), port))
                    .chain([".\r\n".to_owned()])
                    .collect();
                let selector: &'static str = if side == "left" { "/left" } else { "/right" };
                (selector, Reply::Bytes(menu.into_bytes()))
            })
            .collect()
    });
    let home = tempfile::tempdir().expect("temporary home");
    let mut windows: Vec<PtySession> = ["left", "right"]
        .into_iter()
        .map(|side| {
            let address = format!("gopher://127.0.0.1:{}/1/{side}", server.port());
            let window = PtySession::spawn_in(BURROW, &[&address], home.path());
            window.wait_for_text(&format!("{side} {}", LINKS - 1));
            window
        })
        .collect();
    for n in 0..LINKS {
        for window in &mut windows {
            window.send("A");
        }
        for window in &windows {
            window.wait_for_status("Bookmark as:");
        }
        // Enter in both windows at once: both save at the same moment.
        for window in &mut windows {
            window.send("\r");
        }
        for (window, side) in windows.iter().zip(["left", "right"]) {
            window.wait_for_status(&format!("Bookmarked {side} {n}"));
        }
        for window in &mut windows {
            window.send(DOWN);
        }
    }
    for window in &mut windows {
        window.send("q");
        assert!(window.wait_for_exit().success());
    }
    let saved = update_link_file(
        &home.path().join("config/burrow/bookmarks.gophermap"),
        LinkEdit::Read,
    )
    .expect("the bookmarks file");
    let mut titles: Vec<&str> = saved.iter().map(|l| l.title.as_str()).collect();
    titles.sort_unstable();
    let mut expected: Vec<String> = ["left", "right"]
        .into_iter()
        .flat_map(|side| (0..LINKS).map(move |n| format!("{side} {n}")))
        .collect();
    expected.sort_unstable();
    assert_eq!(
        titles,
        expected,
        "{} of {} bookmarks kept",
        saved.len(),
        2 * LINKS
    );
}
