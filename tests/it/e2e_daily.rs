//! End-to-end tests of the everyday features in the real binary, in a pseudo-terminal, each
//! with its own temporary home (config, data and download folders): a bookmark survives a
//! restart, a file link downloads into the download folder, and history remembers visits.

use crate::harness::pty::*;
use crate::harness::{Reply, TestServer, info, link};

fn menu_server() -> TestServer {
    TestServer::start(|port| {
        let menu = info("Daily test menu")
            + &link('1', "Weekly notes", "/notes", port)
            + &link('9', "Archive file", "/files/archive.bin", port)
            + ".\r\n";
        let notes = link('0', "Monday", "/notes/monday", port) + ".\r\n";
        vec![
            ("", Reply::Bytes(menu.into_bytes())),
            ("/notes", Reply::Bytes(notes.into_bytes())),
            (
                "/files/archive.bin",
                Reply::Bytes((0u8..=255).cycle().take(70_000).collect()),
            ),
        ]
    })
}

#[test]
fn a_bookmark_added_in_one_run_is_there_in_the_next() {
    let server = menu_server();
    let home = tempfile::tempdir().expect("temporary home");
    let start = format!("gopher://127.0.0.1:{}/", server.port());

    let mut first = PtySession::spawn_in(BURROW, &[&start], home.path());
    first.wait_for_text("Weekly notes");
    first.send("A");
    first.wait_for_status("Bookmark as: Weekly notes");
    // Edit the title: erase it and type another.
    first.send("\x15My notes\r");
    first.wait_for_status("Bookmarked My notes");
    first.send("q");
    assert!(first.wait_for_exit().success());
    let saved = std::fs::read_to_string(home.path().join("config/burrow/bookmarks.gophermap"))
        .expect("the bookmarks file was written");
    assert!(
        saved.starts_with("1My notes\t/notes\t127.0.0.1\t"),
        "{saved:?}"
    );

    let mut second = PtySession::spawn_in(BURROW, &[], home.path());
    second.wait_for_text("Burrow");
    second.send("B");
    second.wait_for_title("about:bookmarks");
    second.wait_for_text("My notes");
    second.send(ENTER);
    second.wait_for_text("Monday");
    second.send("q");
    assert!(second.wait_for_exit().success());
}

#[test]
fn a_file_link_downloads_in_the_background_into_the_download_folder() {
    let server = menu_server();
    let home = tempfile::tempdir().expect("temporary home");
    let start = format!("gopher://127.0.0.1:{}/", server.port());
    let mut burrow = PtySession::spawn_in(BURROW, &[&start], home.path());
    burrow.wait_for_text("Archive file");
    burrow.send(&format!("{DOWN}{ENTER}"));
    let expected = home.path().join("Downloads/archive.bin");
    burrow.wait_for_status(&format!("Saved {}", expected.display()));
    let bytes = std::fs::read(&expected).expect("the file was saved");
    let sent: Vec<u8> = (0u8..=255).cycle().take(70_000).collect();
    assert_eq!(bytes, sent);
    // The list shows the finished download with its full path.
    burrow.send("w");
    burrow.wait_for_text("archive.bin");
    burrow.send(ESC);
    burrow.send("q");
    assert!(burrow.wait_for_exit().success());
}

#[test]
fn visited_pages_show_in_history_after_a_restart() {
    let server = menu_server();
    let home = tempfile::tempdir().expect("temporary home");
    let start = format!("gopher://127.0.0.1:{}/", server.port());
    let mut first = PtySession::spawn_in(BURROW, &[&start], home.path());
    first.wait_for_text("Weekly notes");
    first.send(ENTER);
    first.wait_for_text("Monday");
    first.send("q");
    assert!(first.wait_for_exit().success());

    let mut second = PtySession::spawn_in(BURROW, &[], home.path());
    second.wait_for_text("Burrow");
    second.send("H");
    second.wait_for_title("about:history");
    second.wait_for_text("Weekly notes");
    let rows = second.rows();
    let notes = rows.iter().position(|r| r.contains("Weekly notes"));
    let menu = rows.iter().position(|r| r.contains(&start));
    assert!(notes < menu, "newest first:\n{}", second.dump());
    second.send("q");
    assert!(second.wait_for_exit().success());
}

#[test]
fn a_telnet_link_hands_the_terminal_to_the_telnet_program_and_gets_it_back() {
    let server = TestServer::start(|port| {
        let menu =
            link('1', "Back home", "/", port) + "8Chat room\tguest\t127.0.0.1\t2323\r\n" + ".\r\n";
        vec![("", Reply::Bytes(menu.into_bytes()))]
    });
    let home = tempfile::tempdir().expect("temporary home");
    // A stand-in `telnet` first on PATH: it records its arguments, shows a line and ends.
    let bin = home.path().join("bin");
    std::fs::create_dir_all(&bin).expect("bin folder");
    let marker = home.path().join("telnet-args");
    let script = bin.join("telnet");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\necho FAKE TELNET SESSION\nsleep 0.3\n",
            marker.display()
        ),
    )
    .expect("script");
    std::os::unix::fs::PermissionsExt::set_mode(
        &mut std::fs::metadata(&script).expect("meta").permissions(),
        0o755,
    );
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("chmod");
    let mut path = std::ffi::OsString::from(&bin);
    path.push(":");
    path.push(std::env::var_os("PATH").unwrap_or_default());

    let start = format!("gopher://127.0.0.1:{}/", server.port());
    let mut burrow = PtySession::spawn_with_env(BURROW, &[&start], home.path(), &[("PATH", path)]);
    burrow.wait_for_text("Chat room");
    burrow.send(&format!("{DOWN}{ENTER}"));
    burrow.wait_for_status("(y/n) Start a telnet session to 127.0.0.1 port 2323");
    burrow.wait_for_status("guest");
    burrow.send("y");
    burrow.wait_for_status("telnet ended");
    // The browser is back: its screen is redrawn and keys work.
    burrow.wait_for_text("Back home");
    let args = std::fs::read_to_string(&marker).expect("the telnet program ran");
    assert_eq!(args, "127.0.0.1\n2323\n");
    burrow.send("q");
    assert!(burrow.wait_for_exit().success());
    burrow.assert_terminal_restored("quitting after a telnet session");
}
