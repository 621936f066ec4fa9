//! The session writer of the runtime (`burrow::runtime::session_writer`), as the browser uses
//! it: a burst of snapshots becomes one write of the last, quitting writes the latest at once,
//! a file unreadable at start-up is left alone until removed, and a process killed with
//! SIGKILL at random moments while it saves leaves the previous or the new session, whole,
//! and no temp files piling up. The killed processes are this test binary run again
//! (`each_writer_process_leaves_its_last_session`, told by environment variables where).

use burrow::app::Msg;
use burrow::runtime::session_writer::{SessionTarget, SessionWriter};
use burrow::store::session::{
    Overwrite, Session, SessionEntry, SessionTab, read_session, write_session,
};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

/// Set in a child process: the session file to write.
const CHILD_SESSION: &str = "BURROW_KILL_TEST_SESSION";
/// Set in a child process: the first snapshot number it writes.
const CHILD_FIRST: &str = "BURROW_KILL_TEST_FIRST";
/// Set in a child process: the file it creates once its first session is written.
const CHILD_READY: &str = "BURROW_KILL_TEST_READY";

/// Snapshot `n`: 1 to 5 tabs of 1 to 7 pages, every address naming `n` and long enough
/// (about 4 KiB) that a write takes more than one system call.
fn snapshot(n: u64) -> Session {
    let tabs = (n % 5 + 1) as usize;
    let pages = (n % 7 + 1) as usize;
    let padding = "x".repeat(4096);
    Session {
        tabs: (0..tabs)
            .map(|t| SessionTab {
                entries: (0..pages)
                    .map(|p| SessionEntry {
                        address: format!("gopher://s{n}.example/0/tab{t}/page{p}/{padding}"),
                        cursor: p,
                        top_line: t,
                        top_row: 0,
                    })
                    .collect(),
                at: pages / 2,
            })
            .collect(),
        current: tabs - 1,
    }
}

/// Which snapshot a session read back is, if it is one of them whole.
fn snapshot_number(session: &Session) -> Option<u64> {
    let first = session.tabs.first()?.entries.first()?;
    let n: u64 = first
        .address
        .strip_prefix("gopher://s")?
        .split('.')
        .next()?
        .parse()
        .ok()?;
    (*session == snapshot(n)).then_some(n)
}

fn any_address(_: &str) -> Result<(), String> {
    Ok(())
}

fn writer(
    path: &Path,
    overwrite: Overwrite,
    debounce: Duration,
) -> (SessionWriter, mpsc::UnboundedReceiver<Msg>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let target = SessionTarget {
        path: path.to_path_buf(),
        overwrite,
        debounce,
    };
    (SessionWriter::spawn(target, tx), rx)
}

async fn wait_for_writes(writer: &SessionWriter, count: usize) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while writer.writes() < count {
        assert!(
            Instant::now() < deadline,
            "{} writes of {count}",
            writer.writes()
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

fn temp_files(folder: &Path) -> Vec<String> {
    std::fs::read_dir(folder)
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".tmp-"))
        .collect()
}

#[tokio::test]
async fn a_burst_of_snapshots_is_written_once_with_the_last() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("state/burrow/session");
    let (mut writer, _problems) = writer(&path, Overwrite::IfReadable, Duration::from_millis(300));
    // All handed over before the writer runs (this test's runtime has one thread).
    for n in 0..50 {
        writer.save(snapshot(n));
    }
    wait_for_writes(&writer, 1).await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(writer.writes(), 1);
    let read = read_session(&path, &any_address).expect("parses");
    assert_eq!(read.as_ref().and_then(snapshot_number), Some(49));
    // A later change is written too.
    writer.save(snapshot(50));
    wait_for_writes(&writer, 2).await;
    let read = read_session(&path, &any_address).expect("parses");
    assert_eq!(read.as_ref().and_then(snapshot_number), Some(50));
    writer.finish(Duration::from_secs(5)).await;
    assert_eq!(writer.writes(), 2, "nothing left to write on quit");
}

#[tokio::test]
async fn quitting_writes_the_latest_at_once_without_waiting_out_the_debounce() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("session");
    let (mut writer, _problems) = writer(&path, Overwrite::IfReadable, Duration::from_secs(60));
    writer.save(snapshot(1));
    writer.save(snapshot(2));
    let started = Instant::now();
    writer.finish(Duration::from_secs(30)).await;
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "did not wait a minute"
    );
    assert_eq!(writer.writes(), 1);
    let read = read_session(&path, &any_address).expect("parses");
    assert_eq!(read.as_ref().and_then(snapshot_number), Some(2));
}

#[tokio::test]
async fn a_file_unreadable_at_start_up_is_kept_until_removed_and_a_write_problem_told_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("session");
    std::fs::write(&path, "broken\n").expect("write");
    let (mut writer, mut problems) =
        writer(&path, Overwrite::OnlyIfMissing, Duration::from_millis(10));
    writer.save(snapshot(1));
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(std::fs::read_to_string(&path).expect("kept"), "broken\n");
    assert!(problems.try_recv().is_err(), "start-up already said why");
    std::fs::remove_file(&path).expect("the user removes it");
    writer.save(snapshot(2));
    wait_for_writes(&writer, 1).await;
    // Once written, the file is this Burrow's own: a broken one now is another matter, told
    // once however many saves it refuses.
    std::fs::write(&path, "broken again\n").expect("write");
    for n in 3..6 {
        writer.save(snapshot(n));
        tokio::time::sleep(Duration::from_millis(60)).await;
    }
    writer.finish(Duration::from_secs(5)).await;
    assert_eq!(
        writer.writes(),
        1,
        "only the save after the removal was written"
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("kept"),
        "broken again\n"
    );
    let told: Vec<Msg> = std::iter::from_fn(|| problems.try_recv().ok()).collect();
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(
        matches!(&told[0], Msg::Problem(why) if why.contains("session was not saved")
            && why.contains("line 1") && why.contains("left as it is")),
        "{told:?}"
    );
}

/// Run alone it saves snapshots for a moment and finds the last in the file; run by the kill
/// test below it saves until it is killed (at most 2 minutes).
#[test]
fn each_writer_process_leaves_its_last_session() {
    let own = tempfile::tempdir().expect("temp dir");
    let child = std::env::var_os(CHILD_SESSION).map(PathBuf::from);
    let path = child.clone().unwrap_or_else(|| own.path().join("session"));
    let first: u64 = std::env::var(CHILD_FIRST)
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let ready = std::env::var_os(CHILD_READY).map(PathBuf::from);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let (mut writer, _problems) =
            writer(&path, Overwrite::IfReadable, Duration::from_millis(1));
        let until = Instant::now() + Duration::from_secs(if child.is_some() { 120 } else { 1 });
        let mut n = first;
        while Instant::now() < until {
            writer.save(snapshot(n));
            n += 1;
            if writer.writes() > 0
                && let Some(ready) = &ready
                && !ready.exists()
            {
                std::fs::write(ready, b"").expect("ready");
            }
            tokio::time::sleep(Duration::from_micros(200)).await;
        }
        writer.finish(Duration::from_secs(10)).await;
        let read = read_session(&path, &any_address).expect("parses");
        assert_eq!(read.as_ref().and_then(snapshot_number), Some(n - 1));
    });
}

#[test]
fn a_kill_at_any_moment_while_saving_leaves_the_previous_or_the_new_session_whole() {
    const KILLS: u64 = 50;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("state/burrow/session");
    let me = std::env::current_exe().expect("test binary");
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        | 1;
    println!("seed {seed}");
    let mut last_seen = None;
    let mut mid_write_leftovers = 0;
    let mut slowest_start = Duration::ZERO;
    for round in 0..KILLS {
        let ready = dir.path().join(format!("ready-{round}"));
        let mut child = Command::new(&me)
            .args([
                "--exact",
                "session_writer::each_writer_process_leaves_its_last_session",
                "--test-threads=1",
            ])
            .env(CHILD_SESSION, &path)
            .env(CHILD_FIRST, (round * 1_000_000).to_string())
            .env(CHILD_READY, &ready)
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("child starts");
        // Long: on a loaded machine one fsync can take seconds.
        let started = Instant::now();
        let deadline = started + Duration::from_secs(90);
        while !ready.exists() {
            assert!(
                Instant::now() < deadline,
                "round {round}: the child never wrote"
            );
            assert!(
                child.try_wait().expect("poll").is_none(),
                "round {round}: it ended"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        slowest_start = slowest_start.max(started.elapsed());
        // xorshift: a moment 0-20 ms into its saving.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_micros(seed % 20_000));
        child.kill().expect("SIGKILL");
        child.wait().expect("reaped");
        let read = read_session(&path, &any_address)
            .unwrap_or_else(|why| panic!("round {round} (seed {seed}): {why}"));
        let n = read
            .as_ref()
            .and_then(snapshot_number)
            .unwrap_or_else(|| panic!("round {round}: not one of the sessions written"));
        assert!(
            n >= round * 1_000_000,
            "round {round}: {n} is from before the round"
        );
        assert!(
            last_seen.is_none_or(|last| n > last),
            "round {round}: went back"
        );
        last_seen = Some(n);
        // A write cut short leaves its temp file; the next write removes it under the lock.
        let leftovers = temp_files(path.parent().expect("folder"));
        assert!(leftovers.len() <= 1, "round {round}: {leftovers:?}");
        mid_write_leftovers += leftovers.len();
    }
    println!(
        "{mid_write_leftovers} of {KILLS} kills came in the middle of a write; the slowest \
         first write took {slowest_start:?}"
    );
    let last = snapshot(7);
    assert_eq!(write_session(&path, &last, Overwrite::IfReadable), Ok(true));
    assert!(temp_files(path.parent().expect("folder")).is_empty());
}
