//! What start-up does with the user's files: the history moves once from the data folder to
//! the state folder without ever being lost (also in the real binary), and every start-up
//! warning is seen, one after another, never replaced by a later problem.

use crate::harness::driver::{environment, fetched, notice, reply, screen_rows, url};
use crate::harness::pty::{BURROW, PtySession};
use burrow::app::Location;
use burrow::app::input::Key;
use burrow::app::{Msg, SavedList};
use burrow::startup::{LimitFlags, Settings, settings_in, start_app};
use burrow::store::StoreError;
use std::fs;
use std::path::Path;

const OLD_HISTORY: &str = "1Visited long ago\t/old\tarchive.example\t70\r\n# a note by hand\r\n";

/// The settings Burrow starts with in `home`, with no flags.
fn settings_for(home: &Path) -> Settings {
    settings_in(&environment(home, true), LimitFlags::default(), None, None).expect("settings")
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    fs::write(path, text).expect("write");
}

#[test]
fn an_old_history_moves_to_the_state_folder_at_start_up_and_is_used_there() {
    let home = tempfile::tempdir().expect("home");
    let old = home.path().join("data/burrow/history.gophermap");
    let new = home.path().join("state/burrow/history.gophermap");
    write(&old, OLD_HISTORY);
    let settings = settings_for(home.path());
    assert_eq!(settings.history_path.as_deref(), Some(new.as_path()));
    assert_eq!(fs::read_to_string(&new).expect("moved"), OLD_HISTORY);
    assert!(!old.exists());
    assert!(settings.warnings.is_empty(), "{:?}", settings.warnings);
    // The next start finds it in place and moves nothing.
    let again = settings_for(home.path());
    assert_eq!(again.history_path.as_deref(), Some(new.as_path()));
    assert_eq!(fs::read_to_string(&new).expect("kept"), OLD_HISTORY);
}

#[test]
fn when_the_history_cannot_move_the_old_file_is_kept_in_use_and_the_user_told() {
    let home = tempfile::tempdir().expect("home");
    let old = home.path().join("data/burrow/history.gophermap");
    write(&old, OLD_HISTORY);
    fs::write(
        home.path().join("state"),
        "a file where the folder should be",
    )
    .expect("write");
    let settings = settings_for(home.path());
    assert_eq!(settings.history_path.as_deref(), Some(old.as_path()));
    assert_eq!(fs::read_to_string(&old).expect("kept"), OLD_HISTORY);
    assert!(
        settings
            .warnings
            .iter()
            .any(|w| w.contains("could not move the history") && w.contains("stays where it is")),
        "{:?}",
        settings.warnings
    );
}

/// A home whose config file and known-hosts file are both broken: two start-up warnings.
fn home_with_two_problems() -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("home");
    write(
        &home.path().join("config/burrow/config.toml"),
        "link_numbers = \"maybe\"\n",
    );
    write(&home.path().join("data/burrow/known_hosts"), "not a pin\n");
    home
}

#[test]
fn every_start_up_warning_is_shown_in_turn_and_a_later_problem_waits_behind_them() {
    let home = home_with_two_problems();
    let settings = settings_for(home.path());
    assert_eq!(settings.warnings.len(), 2, "{:?}", settings.warnings);
    let (mut app, commands) = start_app(
        &settings,
        (100, 10),
        Some(Location::Gopher(url("gopher://example.org/1/"))),
    );
    let (id, _) = fetched(&commands);
    // The first page arrives, and recording the visit fails: it must not replace the warning.
    reply(&mut app, id, b"iHello\t\t\t0\r\n.\r\n");
    app.update(Msg::LinksSaved {
        list: SavedList::History,
        result: Err("the history file is malformed (line 3: junk)".to_owned()),
    });
    assert!(
        notice(&app).contains("config.toml is invalid"),
        "{}",
        notice(&app)
    );
    let status = screen_rows(&app).pop().expect("status row");
    assert!(status.starts_with("(2 more: Esc)"), "{status}");
    // A start-up warning stays while other keys work; Esc shows the next.
    app.update(Msg::Key(Key::Down));
    assert!(notice(&app).contains("config.toml is invalid"));
    app.update(Msg::Key(Key::Esc));
    assert!(
        notice(&app).contains("known_hosts is malformed"),
        "{}",
        notice(&app)
    );
    app.update(Msg::Key(Key::Esc));
    assert!(
        notice(&app).contains("history file is malformed"),
        "{}",
        notice(&app)
    );
    app.update(Msg::Key(Key::Down));
    assert_eq!(notice(&app), "");
}

#[test]
fn a_key_pressed_while_the_first_page_loads_does_not_dismiss_an_unseen_warning() {
    let home = home_with_two_problems();
    let settings = settings_for(home.path());
    let (mut app, commands) = start_app(
        &settings,
        (100, 10),
        Some(Location::Gopher(url("gopher://example.org/1/"))),
    );
    // The status row shows the loading line, so the warning is not on screen yet.
    app.update(Msg::Key(Key::Down));
    assert!(
        notice(&app).contains("config.toml is invalid"),
        "{}",
        notice(&app)
    );
    let (id, _) = fetched(&commands);
    reply(&mut app, id, b"iHello\t\t\t0\r\n.\r\n");
    let status = screen_rows(&app).pop().expect("status row");
    assert!(status.contains("config.toml is invalid"), "{status}");
}

#[test]
fn the_real_binary_moves_an_old_history_and_shows_it() {
    let home = tempfile::tempdir().expect("home");
    let old = home.path().join("data/burrow/history.gophermap");
    write(&old, OLD_HISTORY);
    let mut burrow = PtySession::spawn_in(BURROW, &[], home.path());
    burrow.wait_for_text("Burrow");
    burrow.send("H");
    burrow.wait_for_title("about:history");
    burrow.wait_for_text("Visited long ago");
    burrow.send("q");
    assert!(burrow.wait_for_exit().success());
    let new = home.path().join("state/burrow/history.gophermap");
    assert_eq!(fs::read_to_string(&new).expect("moved"), OLD_HISTORY);
    assert!(!old.exists());
}

const SAVED_SESSION: &str = "burrow session 1\ntab\nback 2 0 0 gopher://example.org/\n\
here 5 3 0 gopher://example.org/0/notes\ntab current\nhere 0 0 0 about:start\n";

#[test]
fn the_browser_reads_the_saved_session_and_a_malformed_one_is_a_warning_and_left_untouched() {
    let home = tempfile::tempdir().expect("home");
    let path = home.path().join("state/burrow/session");
    let mut settings = settings_in(
        &environment(home.path(), true),
        LimitFlags::default(),
        None,
        None,
    )
    .expect("ok");
    assert!(settings.restore_session);
    assert_eq!(settings.session_path.as_deref(), Some(path.as_path()));
    settings.open_session(false);
    assert_eq!(
        (settings.session.clone(), settings.session_problem.clone()),
        (None, None)
    );
    write(&path, SAVED_SESSION);
    settings.open_session(false);
    let session = settings.session.clone().expect("read");
    assert_eq!((session.tabs.len(), session.current), (2, 1));
    assert_eq!(
        session.tabs[0].entries[1].address,
        "gopher://example.org/0/notes"
    );
    assert!(settings.warnings.is_empty(), "{:?}", settings.warnings);

    let broken = SAVED_SESSION.replace("gopher://example.org/0/notes", "gopher://[::1/");
    write(&path, &broken);
    let mut settings = settings_in(
        &environment(home.path(), true),
        LimitFlags::default(),
        None,
        None,
    )
    .expect("ok");
    settings.open_session(false);
    assert_eq!(settings.session, None);
    let problem = settings.session_problem.clone().expect("a problem");
    assert!(
        matches!(&problem, StoreError::Malformed { line: 4, reason, .. }
            if reason.starts_with("the address cannot be used")),
        "{problem:?}"
    );
    assert!(
        settings.warnings.iter().any(|w| w.contains("line 4")
            && w.contains("left as it is")
            && w.contains("saves no session until it is removed")),
        "{:?}",
        settings.warnings
    );
    let (app, _) = start_app(&settings, (100, 10), None);
    assert!(notice(&app).contains("session"), "{}", notice(&app));
    assert_eq!(fs::read_to_string(&path).expect("kept"), broken);
}

#[test]
fn no_session_and_restore_session_false_read_nothing_and_keep_the_saved_session_as_it_is() {
    let home = tempfile::tempdir().expect("home");
    let path = home.path().join("state/burrow/session");
    write(&path, "not a session at all\n");
    let mut settings = settings_in(
        &environment(home.path(), true),
        LimitFlags::default(),
        None,
        None,
    )
    .expect("ok");
    settings.open_session(true);
    assert!(!settings.restore_session);
    assert_eq!(settings.session_path, None, "nothing is written this run");
    assert_eq!(settings.session, None);
    assert!(settings.warnings.is_empty(), "{:?}", settings.warnings);
    write(
        &home.path().join("config/burrow/config.toml"),
        "restore_session = false\n",
    );
    let mut settings = settings_in(
        &environment(home.path(), true),
        LimitFlags::default(),
        None,
        None,
    )
    .expect("ok");
    assert!(!settings.restore_session);
    settings.open_session(false);
    assert_eq!(
        (settings.session_path.clone(), settings.session.clone()),
        (None, None)
    );
    assert!(settings.warnings.is_empty(), "{:?}", settings.warnings);
    assert_eq!(
        fs::read_to_string(&path).expect("kept"),
        "not a session at all\n"
    );
}
