//! Network integration tests of downloads to a file against an in-process Gopher server on
//! 127.0.0.1: byte-exact content, never overwriting or following symlinks, nothing left after
//! a cancel or a failure, progress events, hostile selectors, folder creation and file mode.

use crate::harness::{Reply, TestServer};
use burrow::fetch::FetchOptions;
use burrow::fetch::download::download;
use burrow::gopher::GopherUrl;
use burrow::gopher::download_name::safe_file_name;
use burrow::gopher::transfer::{DownloadEvent, FetchLimits};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tokio::sync::mpsc;

fn options() -> FetchOptions {
    FetchOptions::new(FetchLimits {
        connect_timeout: Duration::from_secs(2),
        idle_timeout: Duration::from_secs(5),
        ..FetchLimits::default()
    })
}

fn folder() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("list the download folder")
        .map(|entry| {
            let entry = entry.expect("a folder entry");
            entry.file_name().to_string_lossy().into_owned()
        })
        .collect();
    names.sort();
    names
}

fn parse(url: &str) -> GopherUrl {
    GopherUrl::parse(url).expect("test URL parses")
}

/// Runs one download to the end and returns its events (with a hard deadline).
async fn download_events(
    url: GopherUrl,
    options: FetchOptions,
    dir: &Path,
    name: &str,
) -> Vec<DownloadEvent> {
    let (tx, mut rx) = mpsc::unbounded_channel();
    tokio::spawn(download(
        11,
        url,
        options,
        dir.to_path_buf(),
        name.to_owned(),
        tx,
    ));
    let mut events = Vec::new();
    let deadline = tokio::time::sleep(Duration::from_secs(15));
    tokio::pin!(deadline);
    loop {
        tokio::select! {
            update = rx.recv() => match update {
                Some(update) => {
                    assert_eq!(update.id, 11, "every event carries the request id");
                    events.push(update.event);
                }
                None => return events,
            },
            _ = &mut deadline => panic!("download did not finish; events so far: {events:?}"),
        }
    }
}

/// The path of the one `Finished` event, which must be the last event.
fn finished_path(events: &[DownloadEvent]) -> PathBuf {
    match events.last() {
        Some(DownloadEvent::Finished { path, .. }) => path.clone(),
        other => panic!("expected Finished last, got {other:?} in {events:?}"),
    }
}

fn failure(events: &[DownloadEvent]) -> String {
    match events.last() {
        Some(DownloadEvent::Failed(why)) => why.clone(),
        other => panic!("expected Failed last, got {other:?} in {events:?}"),
    }
}

fn terminal_count(events: &[DownloadEvent]) -> usize {
    events
        .iter()
        .filter(|e| !matches!(e, DownloadEvent::Progress { .. }))
        .count()
}

#[tokio::test]
async fn binary_content_with_every_byte_value_and_a_megabyte_arrive_byte_exact() {
    let every_byte: Vec<u8> = (0..=255u8).cycle().take(256 * 3 + 17).collect();
    let megabyte: Vec<u8> = (0..1024 * 1024u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let (small, big) = (every_byte.clone(), megabyte.clone());
    let server = TestServer::start(move |_| {
        vec![
            ("/bytes.bin", Reply::Bytes(small)),
            ("/big.bin", Reply::Bytes(big)),
        ]
    });
    let dir = folder();
    for (selector, expected) in [("/bytes.bin", every_byte), ("/big.bin", megabyte)] {
        let url = parse(&server.url('9', selector));
        let name = safe_file_name(&url.selector, &url.host);
        let events = download_events(url, options(), dir.path(), &name).await;
        let path = finished_path(&events);
        assert_eq!(path, dir.path().join(&selector[1..]));
        assert_eq!(fs::read(&path).expect("read the download"), expected);
        assert!(
            matches!(events.last(), Some(DownloadEvent::Finished { bytes, .. }) if *bytes == expected.len() as u64)
        );
        assert_eq!(terminal_count(&events), 1, "exactly one Finished");
    }
    assert_eq!(
        names_in(dir.path()),
        ["big.bin", "bytes.bin"],
        "no .part left"
    );
}

#[tokio::test]
async fn an_existing_file_is_left_untouched_and_the_new_one_is_numbered() {
    let server = TestServer::start(|_| vec![("/report.txt", Reply::Bytes(b"new".to_vec()))]);
    let dir = folder();
    fs::write(dir.path().join("report.txt"), b"old").expect("write the existing file");
    let url = parse(&server.url('0', "/report.txt"));
    let events = download_events(url.clone(), options(), dir.path(), "report.txt").await;
    let path = finished_path(&events);
    assert_eq!(path, dir.path().join("report (1).txt"));
    assert_eq!(fs::read(&path).expect("read the new file"), b"new");
    assert_eq!(
        fs::read(dir.path().join("report.txt")).expect("read the old file"),
        b"old"
    );
    let again = download_events(url, options(), dir.path(), "report.txt").await;
    assert_eq!(finished_path(&again), dir.path().join("report (2).txt"));
}

#[tokio::test]
async fn an_aborted_download_leaves_no_file_at_all() {
    let slow = vec![b'x'; 100_000];
    let server = TestServer::start(move |_| {
        vec![(
            "/slow.bin",
            Reply::Drip(slow, 500, Duration::from_millis(20)),
        )]
    });
    let dir = folder();
    let (tx, mut rx) = mpsc::unbounded_channel();
    let task = tokio::spawn(download(
        3,
        parse(&server.url('9', "/slow.bin")),
        options(),
        dir.path().to_path_buf(),
        "slow.bin".to_owned(),
        tx,
    ));
    let first = tokio::time::timeout(Duration::from_secs(5), rx.recv())
        .await
        .expect("progress arrives in time");
    assert!(
        matches!(first, Some(ref u) if matches!(u.event, DownloadEvent::Progress { .. })),
        "{first:?}"
    );
    assert_eq!(
        names_in(dir.path()),
        ["slow.bin.part"],
        "writing to a part file"
    );
    task.abort();
    assert!(task.await.is_err_and(|e| e.is_cancelled()));
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(names_in(dir.path()), Vec::<String>::new());
}

#[tokio::test]
async fn a_reset_mid_transfer_reports_failed_and_leaves_nothing() {
    let server = TestServer::start(|_| vec![("/cut.bin", Reply::Reset(vec![b'y'; 50_000]))]);
    let dir = folder();
    let url = parse(&server.url('9', "/cut.bin"));
    let events = download_events(url, options(), dir.path(), "cut.bin").await;
    let why = failure(&events);
    assert!(why.contains("reset"), "a clear reason: {why}");
    assert_eq!(terminal_count(&events), 1, "exactly one Failed");
    assert_eq!(names_in(dir.path()), Vec::<String>::new());
}

#[tokio::test]
async fn the_size_cap_applies_and_leaves_nothing() {
    let server = TestServer::start(|_| vec![("/huge", Reply::Bytes(vec![0; 10_000]))]);
    let dir = folder();
    let mut capped = options();
    capped.limits.max_bytes = 1000;
    let events =
        download_events(parse(&server.url('9', "/huge")), capped, dir.path(), "huge").await;
    let why = failure(&events);
    assert!(why.contains("larger than"), "{why}");
    assert_eq!(names_in(dir.path()), Vec::<String>::new());
}

#[tokio::test]
async fn progress_arrives_before_finished_for_a_dripping_server() {
    let server = TestServer::start(|_| {
        vec![(
            "/drip",
            Reply::Drip(vec![b'z'; 3000], 300, Duration::from_millis(60)),
        )]
    });
    let dir = folder();
    let events = download_events(
        parse(&server.url('9', "/drip")),
        options(),
        dir.path(),
        "drip",
    )
    .await;
    finished_path(&events);
    let progress: Vec<(u64, u64)> = events
        .iter()
        .filter_map(|e| match e {
            DownloadEvent::Progress { bytes, elapsed_ms } => Some((*bytes, *elapsed_ms)),
            _ => None,
        })
        .collect();
    assert!(progress.len() >= 3, "several progress events: {events:?}");
    assert!(
        progress.len() <= 12,
        "throttled to about one per 100 ms: {events:?}"
    );
    assert!(
        progress
            .windows(2)
            .all(|w| w[0].0 <= w[1].0 && w[0].1 <= w[1].1)
    );
    assert!(progress[0].0 < 3000, "the first arrives before the end");
    assert_eq!(
        progress.last().map(|p| p.0),
        Some(3000),
        "one more at the end"
    );
    assert!(
        progress.last().is_some_and(|p| p.1 >= 500),
        "elapsed time counts"
    );
}

#[tokio::test]
async fn hostile_selectors_land_inside_the_folder() {
    let server = TestServer::start(|_| {
        vec![
            ("/../../etc/passwd", Reply::Bytes(b"root".to_vec())),
            ("/..", Reply::Bytes(b"dots".to_vec())),
        ]
    });
    let outer = folder();
    let dir = outer.path().join("downloads");
    for (selector, file) in [
        ("/../../etc/passwd", "passwd"),
        ("/..", "download-from-127-0-0-1"),
    ] {
        let url = parse(&server.url('9', selector));
        assert_eq!(
            url.selector,
            selector.as_bytes(),
            "the selector is sent as is"
        );
        let name = safe_file_name(&url.selector, &url.host);
        let events = download_events(url, options(), &dir, &name).await;
        assert_eq!(finished_path(&events), dir.join(file));
    }
    assert_eq!(names_in(outer.path()), ["downloads"]);
}

#[tokio::test]
async fn a_name_that_would_leave_the_folder_is_refused() {
    let server = TestServer::start(|_| vec![("/x", Reply::Bytes(b"x".to_vec()))]);
    let outer = folder();
    let dir = outer.path().join("inner");
    let events = download_events(parse(&server.url('9', "/x")), options(), &dir, "../x").await;
    assert!(failure(&events).contains("not a usable file name"));
    assert_eq!(names_in(outer.path()), Vec::<String>::new());
}

#[tokio::test]
async fn a_missing_folder_is_created_and_files_are_never_executable() {
    let server = TestServer::start(|_| vec![("/tool", Reply::Bytes(b"#!/bin/sh\n".to_vec()))]);
    let outer = folder();
    let dir = outer.path().join("a").join("b");
    let events = download_events(parse(&server.url('9', "/tool")), options(), &dir, "tool").await;
    let path = finished_path(&events);
    assert_eq!(path, dir.join("tool"));
    let mode = fs::metadata(&path)
        .expect("stat the download")
        .permissions()
        .mode();
    assert_eq!(mode & 0o111, 0, "no execute bit in {mode:o}");
}

#[tokio::test]
async fn symlinks_at_the_target_or_part_name_are_not_followed() {
    let server = TestServer::start(|_| vec![("/file.bin", Reply::Bytes(b"payload".to_vec()))]);
    let dir = folder();
    let elsewhere = folder();
    let victim = elsewhere.path().join("victim");
    fs::write(&victim, b"precious").expect("write the link target");
    let planted = elsewhere.path().join("planted");
    std::os::unix::fs::symlink(&victim, dir.path().join("file.bin")).expect("symlink the name");
    std::os::unix::fs::symlink(&planted, dir.path().join("file.bin.part"))
        .expect("symlink the part name");

    let url = parse(&server.url('9', "/file.bin"));
    let events = download_events(url, options(), dir.path(), "file.bin").await;
    let path = finished_path(&events);
    assert_eq!(path, dir.path().join("file (1).bin"));
    assert_eq!(fs::read(&path).expect("read the download"), b"payload");
    assert_eq!(
        fs::read(&victim).expect("read the link target"),
        b"precious"
    );
    assert!(!planted.exists(), "the dangling part link was not followed");
    let link = fs::symlink_metadata(dir.path().join("file.bin")).expect("stat the link");
    assert!(
        link.file_type().is_symlink(),
        "the link itself is untouched"
    );
    assert_eq!(
        names_in(dir.path()),
        ["file (1).bin", "file.bin", "file.bin.part"]
    );
}

#[tokio::test]
async fn a_reply_that_is_one_server_error_line_is_not_saved_and_the_failure_quotes_it() {
    let error = b"3'/missing.wav' does not exist (no handler found)\t\terror.host\t1\r\n";
    let server = TestServer::start(move |_| {
        vec![
            ("/missing.wav", Reply::Bytes(error.to_vec())),
            (
                "/tiny.bin",
                Reply::Bytes(b"3 bytes\t\tlook\tlike 1\r\nbut more\r\n".to_vec()),
            ),
        ]
    });
    let dir = folder();
    let url = parse(&server.url('s', "/missing.wav"));
    let events = download_events(url, options(), dir.path(), "missing.wav").await;
    let why = failure(&events);
    assert_eq!(
        why,
        "the server answered with an error instead of the file: \
         \"'/missing.wav' does not exist (no handler found)\""
    );
    assert_eq!(names_in(dir.path()), Vec::<String>::new());
    let url = parse(&server.url('9', "/tiny.bin"));
    let events = download_events(url, options(), dir.path(), "tiny.bin").await;
    assert_eq!(finished_path(&events), dir.path().join("tiny.bin"));
}
