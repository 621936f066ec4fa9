//! The prompts as a user meets them: a refused address says why above the prompt and keeps the
//! text, web addresses go to the opener, Up/Down recall typed addresses, Tab completes from
//! bookmarks and history, a paste is one edit with a maximum, long text is marked where it is
//! scrolled out, and the search prompt names its item. Also the small feedback of issue 11.8:
//! Esc in link-number mode, Back and Forward at the ends, unbound keys.
//! State-machine and screen (TestBackend) level.

use crate::harness::driver::{
    app, fetched, keys, notice, question, screen_rows, show, type_text, url,
};
use crate::harness::pty::{BURROW, ENTER, PtySession, UP};
use crate::harness::{Reply, TestServer, info};
use burrow::app::input::Key;
use burrow::app::input::line_editor::MAX_PROMPT_BYTES;
use burrow::app::{Command, Msg, PromptPurpose, SavedList};
use burrow::store::address_history::AddressEdit;
use burrow::store::link_file::SavedLink;

fn prompt_text(app: &burrow::app::App) -> String {
    app.prompt()
        .map(|p| p.editor.text().to_owned())
        .unwrap_or_default()
}

fn menu_of_links(count: usize) -> Vec<u8> {
    let mut menu = Vec::new();
    for n in 1..=count {
        menu.extend(format!("0Item {n}\t/item/{n}\tgopher.example\t70\r\n").as_bytes());
    }
    menu.extend(b".\r\n");
    menu
}

#[test]
fn a_refused_address_says_why_above_the_prompt_and_keeps_the_text_for_editing() {
    let mut app = app();
    keys(&mut app, &[Key::Char('g')]);
    type_text(&mut app, "gopher://h:99999/");
    keys(&mut app, &[Key::Left]);
    let commands = keys(&mut app, &[Key::Enter]);
    assert!(!commands.iter().any(|c| matches!(c, Command::Fetch { .. })));
    let prompt = app.prompt().expect("the prompt stays open");
    assert_eq!(prompt.purpose, PromptPurpose::GoTo);
    assert_eq!(prompt.editor.text(), "gopher://h:99999/");
    assert_eq!(prompt.editor.cursor(), 16, "the cursor stays where it was");
    let screen = screen_rows(&app);
    assert!(
        screen[22].starts_with("Cannot open that address: bad port \"99999\""),
        "{screen:#?}"
    );
    assert_eq!(screen[23], "Go to: gopher://h:99999/");
    // Fixing the text and pressing Enter opens it; the message goes with the next key.
    keys(&mut app, &[Key::Backspace, Key::Backspace, Key::Backspace]);
    assert!(notice(&app).is_empty());
    let (_, opened) = fetched(&keys(&mut app, &[Key::Enter]));
    assert_eq!(opened, url("gopher://h:99/"));
    assert!(app.prompt().is_none());
}

#[test]
fn a_web_address_typed_into_go_to_is_offered_to_the_opener_with_the_usual_question() {
    let mut app = app();
    keys(&mut app, &[Key::Char('g')]);
    type_text(&mut app, "https://example.org/a?b=c");
    keys(&mut app, &[Key::Enter]);
    assert!(app.prompt().is_none());
    assert_eq!(
        question(&app),
        "(y/n) Open https://example.org/a?b=c with xdg-open?"
    );
    let commands = keys(&mut app, &[Key::Char('y')]);
    assert_eq!(
        commands,
        [Command::RunDetached(vec![
            "xdg-open".into(),
            "https://example.org/a?b=c".into()
        ])]
    );
    // A web address the opener must not get is refused in the prompt, which stays.
    keys(&mut app, &[Key::Char('g')]);
    type_text(&mut app, "http://a b");
    keys(&mut app, &[Key::Enter]);
    assert!(question(&app).is_empty());
    assert_eq!(prompt_text(&app), "http://a b");
    assert!(notice(&app).contains("spaces"), "{}", notice(&app));
}

#[test]
fn up_and_down_recall_typed_addresses_newest_first_and_bring_back_the_draft() {
    let mut app = app();
    for address in [
        "gopher://one.example/",
        "two.example",
        "gopher://three.example/",
    ] {
        keys(&mut app, &[Key::Char('g')]);
        type_text(&mut app, address);
        keys(&mut app, &[Key::Enter]);
    }
    keys(&mut app, &[Key::Char('g')]);
    type_text(&mut app, "gopher");
    keys(&mut app, &[Key::Up]);
    assert_eq!(prompt_text(&app), "gopher://three.example/");
    keys(&mut app, &[Key::Up]);
    assert_eq!(
        prompt_text(&app),
        "gopher://one.example/",
        "only addresses starting with the draft"
    );
    keys(&mut app, &[Key::Up]);
    assert_eq!(prompt_text(&app), "gopher://one.example/");
    assert!(notice(&app).contains("oldest"), "{}", notice(&app));
    keys(&mut app, &[Key::Down, Key::Down]);
    assert_eq!(prompt_text(&app), "gopher", "the draft comes back");
    keys(&mut app, &[Key::Ctrl('u'), Key::Up, Key::Up]);
    assert_eq!(prompt_text(&app), "two.example");
}

fn links(pairs: &[(&str, &str)]) -> Vec<SavedLink> {
    pairs
        .iter()
        .map(|(title, address)| SavedLink::new(title, url(address)))
        .collect()
}

#[test]
fn go_to_asks_for_bookmarks_and_history_and_tab_completes_from_them() {
    let mut app = app();
    let commands = keys(&mut app, &[Key::Char('g')]);
    for list in [SavedList::Bookmarks, SavedList::History] {
        assert!(
            commands
                .iter()
                .any(|c| matches!(c, Command::EditLinks { list: l, .. } if *l == list)),
            "{commands:?}"
        );
    }
    app.update(Msg::LinksSaved {
        list: SavedList::Bookmarks,
        result: Ok(links(&[("Floodgap", "gopher://gopher.floodgap.com/")])),
    });
    app.update(Msg::LinksSaved {
        list: SavedList::History,
        result: Ok(links(&[
            ("Veronica-2", "gopher://gopher.floodgap.com/7/v2/vs"),
            ("Quux", "gopher://quux.org/"),
        ])),
    });
    type_text(&mut app, "flood");
    let screen = screen_rows(&app);
    let listed: Vec<&String> = screen.iter().filter(|r| r.contains("floodgap")).collect();
    assert_eq!(listed.len(), 2, "{screen:#?}");
    assert!(listed[0].contains("Floodgap") && listed[1].contains("Veronica-2"));
    keys(&mut app, &[Key::Tab]);
    assert_eq!(prompt_text(&app), "gopher://gopher.floodgap.com/");
    keys(&mut app, &[Key::Tab]);
    assert_eq!(prompt_text(&app), "gopher://gopher.floodgap.com/7/v2/vs");
    keys(&mut app, &[Key::BackTab]);
    assert_eq!(prompt_text(&app), "gopher://gopher.floodgap.com/");
    // Titles match too.
    keys(&mut app, &[Key::Ctrl('u')]);
    type_text(&mut app, "quu");
    keys(&mut app, &[Key::Tab]);
    let (_, opened) = fetched(&keys(&mut app, &[Key::Enter]));
    assert_eq!(opened, url("gopher://quux.org/"));
}

#[test]
fn a_huge_paste_is_one_edit_cut_at_the_maximum_and_the_prompt_says_it_is_full() {
    let mut app = app();
    keys(&mut app, &[Key::Char('g')]);
    let paste = format!("gopher://a.example/\r\n{}", "x".repeat(128 * 1024));
    app.paste_into_prompt(&paste);
    let text = prompt_text(&app);
    assert_eq!(text.len(), MAX_PROMPT_BYTES);
    assert!(
        text.starts_with("gopher://a.example/x"),
        "line breaks dropped"
    );
    assert!(app.prompt().is_some(), "a pasted line break never submits");
    assert!(notice(&app).contains("full"), "{}", notice(&app));
    keys(&mut app, &[Key::Char('y')]);
    assert!(notice(&app).contains("full"), "typing more says so again");
    assert_eq!(prompt_text(&app).len(), MAX_PROMPT_BYTES);
    // Drawn with marks on the side scrolled out.
    keys(&mut app, &[Key::Home, Key::CtrlRight, Key::CtrlRight]);
    let screen = screen_rows(&app);
    assert!(screen[23].starts_with("Go to: gopher://a.example/xxx"));
    assert!(screen[23].ends_with('…'), "{}", screen[23]);
    keys(&mut app, &[Key::End]);
    assert!(screen_rows(&app)[23].starts_with("Go to: …xxx"));
}

#[test]
fn the_search_prompt_names_the_item_it_searches() {
    let mut app = app();
    show(
        &mut app,
        "gopher://gopher.example/",
        b"7Veronica-2 search\t/v2/vs\tgopher.floodgap.com\t70\r\n",
    );
    keys(&mut app, &[Key::Enter]);
    let screen = screen_rows(&app);
    assert_eq!(screen[23], "Search Veronica-2 search:");
}

#[test]
fn esc_in_link_number_mode_puts_the_cursor_back() {
    let mut app = app();
    show(&mut app, "gopher://gopher.example/", &menu_of_links(60));
    keys(&mut app, &[Key::Down, Key::Down]);
    let (cursor, top) = (app.tab.page.cursor, app.tab.page.top);
    type_text(&mut app, "5");
    type_text(&mut app, "0");
    assert_eq!(
        app.tab.page.cursor, 49,
        "the typed link is shown as a preview"
    );
    keys(&mut app, &[Key::Esc]);
    assert_eq!((app.tab.page.cursor, app.tab.page.top), (cursor, top));
    assert!(app.tab.link_entry.is_none());
    // Erasing every digit does the same.
    type_text(&mut app, "4");
    keys(&mut app, &[Key::Backspace]);
    assert_eq!((app.tab.page.cursor, app.tab.page.top), (cursor, top));
}

#[test]
fn back_on_the_first_page_forward_at_the_end_and_an_unbound_key_say_so() {
    let mut app = app();
    keys(&mut app, &[Key::Left]);
    assert!(
        notice(&app).contains("nothing to go back to"),
        "{}",
        notice(&app)
    );
    keys(&mut app, &[Key::Char('f')]);
    assert!(
        notice(&app).contains("nothing to go forward to"),
        "{}",
        notice(&app)
    );
    keys(&mut app, &[Key::Ctrl('e')]);
    assert_eq!(notice(&app), "Ctrl-E does nothing here (? lists the keys)");
    // Esc then q typed quickly arrive as Alt-q, which means nothing: it is Esc, then q.
    assert_eq!(keys(&mut app, &[Key::Alt('q')]), [Command::Quit]);
    keys(&mut app, &[Key::Char('Z')]);
    assert_eq!(notice(&app), "Z does nothing here (? lists the keys)");
}

#[test]
fn a_long_reason_is_shown_whole_on_the_rows_above_the_prompt() {
    let mut app = app();
    keys(&mut app, &[Key::Char('g')]);
    type_text(&mut app, "foo bar");
    keys(&mut app, &[Key::Enter]);
    let reason = notice(&app);
    assert!(reason.len() > 80, "{reason}");
    let screen = screen_rows(&app);
    assert_eq!(screen[23], "Go to: foo bar");
    // Rows are compared without spaces (a row may end where a space was, and is trimmed).
    let bare = |text: &str| text.replace(' ', "");
    assert!(
        bare(&screen[21..23].concat()).ends_with(&bare(&reason)),
        "{screen:#?}"
    );
    assert!(
        bare(&reason).ends_with(&bare(&screen[22])),
        "no page text is left beside the message: {screen:#?}"
    );
}

#[test]
fn typed_addresses_are_read_on_each_go_to_saved_when_history_is_on_and_recalled() {
    let mut app = app();
    let commands = keys(&mut app, &[Key::Char('g')]);
    assert!(commands.contains(&Command::EditAddressHistory(AddressEdit::Read)));
    app.update(Msg::AddressHistory(Ok(vec![
        "gopher://from.another.window/".into(),
    ])));
    keys(&mut app, &[Key::Up]);
    assert_eq!(prompt_text(&app), "gopher://from.another.window/");
    keys(&mut app, &[Key::Esc]);
    let commands = keys(&mut app, &[Key::Char('g')]);
    assert!(
        commands.contains(&Command::EditAddressHistory(AddressEdit::Read)),
        "read again for what other windows typed"
    );
    type_text(&mut app, "new.example");
    let commands = keys(&mut app, &[Key::Enter]);
    assert!(
        commands.contains(&Command::EditAddressHistory(AddressEdit::Add {
            address: "new.example".into(),
            limit: burrow::app::completion::ADDRESS_HISTORY_LIMIT,
        }))
    );
    // With history turned off, nothing typed is written.
    app.history.enabled = false;
    keys(&mut app, &[Key::Char('g')]);
    type_text(&mut app, "private.example");
    let commands = keys(&mut app, &[Key::Enter]);
    assert!(
        !commands
            .iter()
            .any(|c| matches!(c, Command::EditAddressHistory(_))),
        "{commands:?}"
    );
    // A file that cannot be used is reported (once).
    app.update(Msg::AddressHistory(Err(
        "typed_addresses is malformed".into()
    )));
    assert!(notice(&app).contains("malformed"));
}

#[test]
fn an_address_typed_in_one_run_is_recalled_with_up_in_the_next() {
    let server = TestServer::start(|_| {
        vec![(
            "",
            Reply::Bytes((info("Recall test hole") + ".\r\n").into_bytes()),
        )]
    });
    let home = tempfile::tempdir().expect("temporary home");
    let address = format!("127.0.0.1:{}", server.port());
    let mut first = PtySession::spawn_in(BURROW, &[], home.path());
    first.wait_for_text("Burrow");
    first.send("g");
    first.send(&format!("{address}{ENTER}"));
    first.wait_for_text("Recall test hole");
    first.send("q");
    assert!(first.wait_for_exit().success());
    let saved = std::fs::read_to_string(home.path().join("state/burrow/typed_addresses"))
        .expect("the address history was written");
    assert_eq!(saved, format!("{address}\n"));

    let mut second = PtySession::spawn_in(BURROW, &[], home.path());
    second.wait_for_text("Burrow");
    second.send("g");
    second.wait_for_status("Go to:");
    second.send(UP);
    second.wait_for_status(&format!("Go to: {address}"));
    second.send(ENTER);
    second.wait_for_text("Recall test hole");
    second.send("q");
    assert!(second.wait_for_exit().success());
}

#[test]
fn an_alt_key_the_editor_does_not_use_is_ignored_in_a_prompt_and_never_runs_on_the_page() {
    let mut app = app();
    show(&mut app, "gopher://gopher.example/", &menu_of_links(30));
    for opener in ['g', '&', '/'] {
        keys(&mut app, &[Key::Char(opener)]);
        type_text(&mut app, "item");
        let purpose = app.prompt().map(|p| p.purpose.clone());
        for alt in ['x', '2', 'q', 'r'] {
            let commands = keys(&mut app, &[Key::Alt(alt)]);
            assert!(commands.is_empty(), "Alt-{alt} in {opener}: {commands:?}");
            assert_eq!(app.prompt().map(|p| p.purpose.clone()), purpose);
            assert_eq!(prompt_text(&app), "item", "Alt-{alt} in {opener}");
            assert!(
                app.tab.link_entry.is_none(),
                "Alt-{alt} typed no link number"
            );
        }
        assert!(
            notice(&app).contains("does nothing in a prompt (Esc closes it)"),
            "{}",
            notice(&app)
        );
        // The editor's own Alt keys still edit.
        keys(&mut app, &[Key::Alt('b'), Key::Char('_')]);
        assert_eq!(prompt_text(&app), "_item");
        keys(&mut app, &[Key::Esc]);
        assert!(app.prompt().is_none());
    }
}

#[test]
fn alt_number_in_a_prompt_jumps_to_that_tab_ending_a_find_or_filter_as_esc_would() {
    let mut app = app();
    show(&mut app, "gopher://gopher.example/", &menu_of_links(30));
    keys(&mut app, &[Key::Ctrl('t'), Key::Alt('1'), Key::Char('&')]);
    type_text(&mut app, "item 1");
    assert!(app.tab.narrowed().is_some());
    keys(&mut app, &[Key::Alt('2')]);
    assert_eq!(app.tabs.shown_at, 1, "Alt-2 went to tab 2");
    assert!(
        app.prompt().is_none(),
        "the filter prompt went with its page"
    );
    keys(&mut app, &[Key::Alt('1')]);
    assert!(
        app.tab.filter.is_none(),
        "the first tab's page is whole again"
    );
    // Go to is the browser's: it stays open, with its text, over the tab shown.
    keys(&mut app, &[Key::Char('g')]);
    type_text(&mut app, "abc");
    keys(&mut app, &[Key::Alt('2')]);
    assert_eq!(app.tabs.shown_at, 1);
    assert_eq!(prompt_text(&app), "abc");
    keys(&mut app, &[Key::Alt('7')]);
    assert!(notice(&app).contains("no tab 7"), "{}", notice(&app));
    assert_eq!(prompt_text(&app), "abc");
}

#[test]
fn a_prompt_label_is_whole_when_the_row_holds_it_and_else_cut_with_a_mark_before_a_space() {
    use burrow::app::{App, AppConfig};
    for (columns, typed, label) in [
        (40, "item", "Filter (30 of 30 lines): item"),
        (50, "item 1", "Filter (12 of 30 lines): item 1"),
    ] {
        let mut app = App::new(AppConfig::default(), (columns, 24));
        show(&mut app, "gopher://gopher.example/", &menu_of_links(30));
        keys(&mut app, &[Key::Char('&')]);
        type_text(&mut app, typed);
        assert_eq!(screen_rows(&app)[23], label, "{columns} columns");
    }
    let mut app = App::new(AppConfig::default(), (40, 24));
    show(
        &mut app,
        "gopher://gopher.example/",
        b"7Search the whole of gopherspace by title\t/v2/vs\tgopher.floodgap.com\t70\r\n",
    );
    keys(&mut app, &[Key::Enter]);
    type_text(&mut app, "some words");
    assert_eq!(
        screen_rows(&app)[23],
        "Search Search the whole of\u{2026}: some words"
    );
}
