//! Filter as you type (`&`) and hiding info lines (`I`): the narrowed view, its status, the
//! moves, following and link numbers on it, Esc, other pages and tabs, big and growing pages.
//! State-machine and screen (TestBackend) level.

use crate::harness::driver::{app, fetched, keys, notice, screen_rows, show, type_text, url};
use burrow::app::input::Key;
use burrow::app::{App, Command, Location, Msg};
use burrow::gopher::transfer::{FetchEvent, FetchUpdate};

/// A small archive menu: info lines, menus, texts, a file and a search.
fn archive() -> Vec<u8> {
    let lines = [
        "iWelcome to the gopher archive\tfake\t(NULL)\t0",
        "1Phlogs\t/phlogs\tgopher.example\t70",
        "0About this server\t/about.txt\tgopher.example\t70",
        "iFiles below\tfake\t(NULL)\t0",
        "9gopher-3.0.tar.gz\t/files/gopher.tgz\tgopher.example\t70",
        "0Gopher history\t/history.txt\tgopher.example\t70",
        "7Search the gopher archive\t/search\tgopher.example\t70",
        "1Old gopher clients\t/old\tgopher.example\t70",
        "0Recipes\t/recipes.txt\tgopher.example\t70",
        "1More gopher holes\t/holes\tgopher.example\t70",
    ];
    let mut body: Vec<u8> = lines
        .iter()
        .flat_map(|l| format!("{l}\r\n").into_bytes())
        .collect();
    body.extend(b".\r\n");
    body
}

fn archive_app() -> App {
    let mut app = app();
    show(&mut app, "gopher://gopher.example/1/", &archive());
    app
}

/// The display text of the selected item.
fn selected(app: &App) -> String {
    app.selected_item()
        .map(|item| item.display.to_owned())
        .unwrap_or_default()
}

/// The rows of the content area (between the title bar and the status bar), labels included.
fn content(app: &App) -> Vec<String> {
    let rows = screen_rows(app);
    let bars = 1 + usize::from(app.tabs.bar_shown());
    rows[bars..rows.len() - 1]
        .iter()
        .filter(|r| !r.is_empty())
        .cloned()
        .collect()
}

fn status(app: &App) -> String {
    screen_rows(app).last().cloned().unwrap_or_default()
}

/// Runs every wake the commands ask for (0 ms ones), and those they ask for in turn.
fn run_wakes(app: &mut App, mut commands: Vec<Command>) -> usize {
    let mut wakes = 0;
    while let Some(token) = commands.iter().find_map(|c| match c {
        Command::WakeAfter { token, after_ms: 0 } => Some(*token),
        _ => None,
    }) {
        wakes += 1;
        commands = app.update(Msg::Wake(token));
    }
    wakes
}

#[test]
fn typing_after_ampersand_narrows_the_menu_to_the_matching_lines_and_counts_them() {
    let mut app = archive_app();
    keys(&mut app, &[Key::Char('&')]);
    type_text(&mut app, "gopher");
    let shown = content(&app);
    assert_eq!(shown.len(), 6, "{shown:#?}");
    assert!(
        shown.iter().all(|r| r.to_lowercase().contains("gopher")),
        "{shown:#?}"
    );
    assert!(
        !shown
            .iter()
            .any(|r| r.contains("Recipes") || r.contains("Phlogs"))
    );
    assert_eq!(status(&app), "Filter (6 of 10 lines): gopher");
    // Smart case, as find: a capital makes it exact.
    keys(&mut app, &[Key::Backspace; 6]);
    type_text(&mut app, "Gopher");
    assert_eq!(content(&app).len(), 1);
    assert_eq!(selected(&app), "Gopher history");
    type_text(&mut app, "zz");
    assert_eq!(
        content(&app),
        ["No line matches the filter (Esc shows the whole page)"]
    );
    assert_eq!(selected(&app), "", "nothing shown is selected");
}

#[test]
fn enter_keeps_the_narrowed_view_and_the_status_says_so() {
    let mut app = archive_app();
    keys(&mut app, &[Key::Char('&')]);
    type_text(&mut app, "old");
    keys(&mut app, &[Key::Enter]);
    assert!(app.prompt().is_none());
    assert_eq!(content(&app).len(), 1);
    assert!(
        notice(&app).contains("1 of 10 lines") && notice(&app).contains("Esc shows the whole page"),
        "{}",
        notice(&app)
    );
    // Once the notice goes, the status keeps the count at its right end.
    keys(&mut app, &[Key::Down]);
    assert!(
        status(&app).ends_with("filtered: 1 of 10 lines"),
        "{}",
        status(&app)
    );
    assert!(status(&app).starts_with("gopher://gopher.example/1/old"));
}

#[test]
fn a_kind_prefix_keeps_one_kind_of_item() {
    let mut app = archive_app();
    keys(&mut app, &[Key::Char('&')]);
    type_text(&mut app, ":dir");
    let shown = content(&app);
    assert_eq!(shown.len(), 3, "{shown:#?}");
    assert!(
        shown.iter().all(|r| r.trim_start().starts_with("DIR")),
        "{shown:#?}"
    );
    type_text(&mut app, " old");
    assert_eq!(content(&app).len(), 1);
    assert_eq!(selected(&app), "Old gopher clients");
}

#[test]
fn i_hides_and_shows_info_lines_with_or_without_a_query() {
    let mut app = archive_app();
    keys(&mut app, &[Key::Char('I')]);
    assert_eq!(content(&app).len(), 8, "two info lines hidden");
    assert!(
        notice(&app).starts_with("Info lines hidden: 8 of 10 lines"),
        "{}",
        notice(&app)
    );
    keys(&mut app, &[Key::Char('I')]);
    assert_eq!(content(&app).len(), 10);
    assert!(app.tab.filter.is_none(), "nothing left to filter by");
    // With a query: the info line that holds the word goes and comes back.
    keys(&mut app, &[Key::Char('&')]);
    type_text(&mut app, "gopher");
    keys(&mut app, &[Key::Enter]);
    assert_eq!(content(&app).len(), 6);
    keys(&mut app, &[Key::Char('I')]);
    assert_eq!(content(&app).len(), 5);
    keys(&mut app, &[Key::Down]);
    assert!(
        status(&app).contains("filtered: 5 of 10 lines"),
        "{}",
        status(&app)
    );
    keys(&mut app, &[Key::Char('I')]);
    assert_eq!(content(&app).len(), 6);
}

#[test]
fn esc_shows_the_whole_page_with_the_cursor_on_the_item_it_was_on() {
    let mut app = archive_app();
    keys(&mut app, &[Key::Char('&')]);
    type_text(&mut app, "gopher");
    keys(&mut app, &[Key::Enter, Key::Down, Key::Down]);
    assert_eq!(selected(&app), "Search the gopher archive");
    keys(&mut app, &[Key::Esc]);
    assert!(app.tab.filter.is_none());
    assert_eq!(content(&app).len(), 10);
    assert_eq!(selected(&app), "Search the gopher archive");
    assert_eq!(app.tab.page.cursor, 6, "the same item, not the third row");
    // Esc in the prompt does the same.
    keys(&mut app, &[Key::Char('&')]);
    type_text(&mut app, "recipes");
    assert_eq!(selected(&app), "Recipes");
    keys(&mut app, &[Key::Esc]);
    assert!(app.prompt().is_none() && app.tab.filter.is_none());
    assert_eq!((app.tab.page.cursor, content(&app).len()), (8, 10));
}

#[test]
fn follow_on_the_narrowed_view_opens_the_selected_kept_link() {
    let mut app = archive_app();
    keys(&mut app, &[Key::Char('&')]);
    type_text(&mut app, "gopher");
    keys(&mut app, &[Key::Enter, Key::Down, Key::Down, Key::Down]);
    let commands = keys(&mut app, &[Key::Enter]);
    let (_, fetched_url) = fetched(&commands);
    assert_eq!(fetched_url, url("gopher://gopher.example/1/old"));
}

#[test]
fn link_numbers_count_the_links_the_narrowed_view_shows() {
    let mut app = archive_app();
    keys(&mut app, &[Key::Char('&')]);
    type_text(&mut app, ":dir");
    keys(&mut app, &[Key::Enter, Key::Char('#')]);
    let shown = content(&app);
    assert!(
        shown[1].starts_with("2 ") && shown[1].contains("Old gopher clients"),
        "{shown:#?}"
    );
    type_text(&mut app, "3");
    assert_eq!(selected(&app), "More gopher holes");
    let commands = keys(&mut app, &[Key::Enter]);
    assert_eq!(fetched(&commands).1, url("gopher://gopher.example/1/holes"));
}

#[test]
fn a_click_on_a_row_of_the_narrowed_view_selects_the_item_shown_there() {
    let mut app = archive_app();
    keys(&mut app, &[Key::Char('&')]);
    type_text(&mut app, ":txt");
    keys(&mut app, &[Key::Enter]);
    // Row 0 is the title bar; the third row of the view is the third text.
    app.update(Msg::Click { column: 10, row: 3 });
    assert_eq!(selected(&app), "Recipes");
}

#[test]
fn each_tab_keeps_its_own_filter() {
    let mut app = archive_app();
    keys(&mut app, &[Key::Char('&')]);
    type_text(&mut app, "old");
    keys(&mut app, &[Key::Enter, Key::Ctrl('t')]);
    assert!(app.tab.filter.is_none(), "a new tab is not filtered");
    show(&mut app, "gopher://gopher.example/1/", &archive());
    assert_eq!(content(&app).len(), 10);
    keys(&mut app, &[Key::BackTab]);
    assert_eq!(content(&app).len(), 1);
    assert_eq!(selected(&app), "Old gopher clients");
}

#[test]
fn a_click_on_another_tab_while_typing_a_filter_ends_it_as_esc_would() {
    let mut app = archive_app();
    keys(&mut app, &[Key::Ctrl('t'), Key::BackTab, Key::Char('&')]);
    type_text(&mut app, "old");
    assert_eq!(content(&app).len(), 1);
    app.update(Msg::ClickTab(Some(1)));
    assert!(
        app.prompt().is_none(),
        "the filter prompt went with its page"
    );
    keys(&mut app, &[Key::Char('j')]);
    keys(&mut app, &[Key::BackTab]);
    assert!(
        app.tab.filter.is_none(),
        "the first tab's page is whole again"
    );
    assert_eq!(content(&app).len(), 10);
    // A find prompt goes the same way.
    keys(&mut app, &[Key::Char('/')]);
    type_text(&mut app, "old");
    app.update(Msg::ClickTab(Some(1)));
    assert!(app.prompt().is_none(), "the find prompt went with its page");
}

#[test]
fn another_page_clears_the_filter_and_back_shows_the_page_whole_on_the_followed_item() {
    let mut app = archive_app();
    keys(&mut app, &[Key::Char('&')]);
    type_text(&mut app, "holes");
    keys(&mut app, &[Key::Enter]);
    let (id, _) = fetched(&keys(&mut app, &[Key::Enter]));
    crate::harness::driver::reply(&mut app, id, b"iA hole\tfake\t(NULL)\t0\r\n.\r\n");
    assert!(app.tab.filter.is_none());
    keys(&mut app, &[Key::Left]);
    assert_eq!(content(&app).len(), 10);
    assert_eq!(selected(&app), "More gopher holes");
}

#[test]
fn an_empty_filter_entered_shows_the_whole_page() {
    let mut app = archive_app();
    keys(&mut app, &[Key::Char('&')]);
    type_text(&mut app, "old");
    keys(&mut app, &[Key::Enter, Key::Char('&')]);
    keys(
        &mut app,
        &[Key::Backspace, Key::Backspace, Key::Backspace, Key::Enter],
    );
    assert!(app.tab.filter.is_none());
    assert_eq!(content(&app).len(), 10);
    assert_eq!(selected(&app), "Old gopher clients");
}

#[test]
fn find_on_a_narrowed_page_is_refused_with_the_way_out() {
    let mut app = archive_app();
    keys(&mut app, &[Key::Char('&')]);
    type_text(&mut app, "gopher");
    keys(&mut app, &[Key::Enter, Key::Char('/')]);
    assert!(app.prompt().is_none());
    assert!(app.tab.find.is_none());
    assert!(notice(&app).starts_with("Find searches the whole page: Esc ends the filter"));
}

fn big_menu(links: usize) -> Vec<u8> {
    let mut body = Vec::new();
    for n in 0..links {
        let word = if n % 1000 == 7 { "needle" } else { "hay" };
        body.extend(
            format!("0Item {n} of {word} and more words\t/{n}\th.example\t70\r\n").as_bytes(),
        );
    }
    body.extend(b".\r\n");
    body
}

#[test]
fn on_a_big_menu_a_key_decides_one_slice_and_wakes_decide_the_rest_while_it_says_counting() {
    let mut app = app();
    show(&mut app, "gopher://h.example/1/", &big_menu(100_000));
    keys(&mut app, &[Key::Char('&')]);
    // A paste is one edit of the prompt: one query, one slice.
    let commands = app.update(Msg::Paste("needle".into()));
    assert!(
        status(&app).contains("+ of 100,000 lines, counting"),
        "{}",
        status(&app)
    );
    let wakes = run_wakes(&mut app, commands);
    assert!(wakes >= 2, "the rest came by {wakes} wakes");
    assert_eq!(status(&app), "Filter (100 of 100,000 lines): needle");
    assert_eq!(selected(&app), "Item 7 of needle and more words");
    keys(&mut app, &[Key::Enter, Key::End]);
    assert_eq!(selected(&app), "Item 99007 of needle and more words");
    let commands = keys(&mut app, &[Key::Up, Key::Enter]);
    assert_eq!(
        fetched(&commands).1,
        url("gopher://h.example/0/98007"),
        "a kept link far down the page follows"
    );
}

#[test]
fn a_page_still_arriving_is_filtered_as_it_grows() {
    let mut app = app();
    let commands = app.update(Msg::Open(Location::Gopher(url("gopher://h.example/1/"))));
    let (id, _) = fetched(&commands);
    let chunk = |app: &mut App, bytes: &[u8]| {
        let commands = app.update(Msg::Fetch(FetchUpdate {
            id,
            event: FetchEvent::Chunk(bytes.to_vec()),
        }));
        run_wakes(app, commands);
    };
    chunk(
        &mut app,
        b"0one needle\t/1\th\t70\r\n0one hay\t/2\th\t70\r\n",
    );
    keys(&mut app, &[Key::Char('&')]);
    type_text(&mut app, "needle");
    keys(&mut app, &[Key::Enter]);
    assert_eq!(content(&app).len(), 1);
    chunk(
        &mut app,
        b"0two hay\t/3\th\t70\r\n0two needle\t/4\th\t70\r\n",
    );
    let shown = content(&app);
    assert_eq!(shown.len(), 2, "{shown:#?}");
    assert!(shown[1].contains("two needle"));
    // Esc shows the whole page first, as the status says; the load goes on.
    keys(&mut app, &[Key::Esc]);
    assert!(app.tab.filter.is_none());
    assert!(app.tab.loading.is_some(), "the page is still arriving");
    assert_eq!(content(&app).len(), 4);
    keys(&mut app, &[Key::Esc]);
    assert!(app.tab.loading.is_none(), "a second Esc stops the load");
}

#[test]
fn a_text_page_narrows_to_its_lines_with_the_words_and_scrolls_them() {
    let mut app = app();
    let text: String = (1..=300)
        .map(|n| match n % 5 {
            0 => format!("line {n} mentions a gopher\r\n"),
            _ => format!("line {n}\r\n"),
        })
        .collect();
    show(&mut app, "gopher://h.example/0/t", text.as_bytes());
    keys(&mut app, &[Key::Char('&')]);
    type_text(&mut app, "gopher");
    keys(&mut app, &[Key::Enter, Key::Down]);
    let shown = content(&app);
    assert_eq!(shown.len(), 22);
    assert_eq!(
        shown[0], "line 10 mentions a gopher",
        "Down scrolled one row"
    );
    assert_eq!(shown[21], "line 115 mentions a gopher");
    assert!(
        status(&app).starts_with("Filter: 60 of 300 lines (\"gopher\")   Esc shows all"),
        "{}",
        status(&app)
    );
    assert!(
        !status(&app).contains("filtered:"),
        "said once: {}",
        status(&app)
    );
    keys(&mut app, &[Key::End]);
    assert_eq!(
        content(&app).last().map(String::as_str),
        Some("line 300 mentions a gopher")
    );
    keys(&mut app, &[Key::Home, Key::Down, Key::Esc]);
    let whole = content(&app);
    assert_eq!(
        whole[0], "line 10 mentions a gopher",
        "the same line on top"
    );
    assert_eq!(whole[1], "line 11");
}

#[test]
fn a_narrowed_menu_draws_only_its_kept_rows_with_the_cursor_on_a_kept_link() {
    let mut app = archive_app();
    keys(&mut app, &[Key::Char('&')]);
    type_text(&mut app, "gopher");
    keys(&mut app, &[Key::Enter, Key::Down]);
    let rows = screen_rows(&app);
    assert_eq!(
        rows[1..7],
        [
            "       Welcome to the gopher archive",
            "   BIN gopher-3.0.tar.gz",
            "   TXT Gopher history",
            "SEARCH Search the gopher archive",
            "   DIR Old gopher clients",
            "   DIR More gopher holes",
        ]
    );
    assert!(rows[7..23].iter().all(|r| r.is_empty()), "{rows:#?}");
    let buffer = crate::harness::driver::draw(&app);
    let theme = burrow::ui::Theme::colour();
    let selected_row = (1..7)
        .find(|&y| {
            buffer.cell((10, y)).is_some_and(|c| {
                c.style().add_modifier == theme.selected.add_modifier
                    && c.style()
                        .add_modifier
                        .contains(ratatui::style::Modifier::REVERSED)
            })
        })
        .expect("a row is selected");
    assert_eq!(
        selected_row, 3,
        "Down moved from the first kept link to the second"
    );
}

#[test]
fn on_a_narrowed_text_its_links_wait_for_the_whole_page_and_a_hidden_one_never_follows() {
    let mut app = app();
    let text = "see gopher://h.example/1/away here\r\nplain\r\na word line\r\n.\r\n";
    show(&mut app, "gopher://h.example/0/t", text.as_bytes());
    keys(&mut app, &[Key::Char(']')]);
    assert_eq!(app.selected_text_link(), Some(0), "the link is selected");
    keys(&mut app, &[Key::Char('&')]);
    type_text(&mut app, "word");
    keys(&mut app, &[Key::Enter]);
    assert_eq!(content(&app), ["a word line"]);
    let commands = keys(&mut app, &[Key::Enter]);
    assert!(
        !commands.iter().any(|c| matches!(c, Command::Fetch { .. })),
        "the hidden link is not followed: {commands:?}"
    );
    keys(&mut app, &[Key::Char(']')]);
    assert!(notice(&app).starts_with("A text's links are stepped through on the whole page"));
    keys(&mut app, &[Key::Esc]);
    assert!(app.tab.filter.is_none());
    assert_eq!(
        app.selected_text_link(),
        Some(0),
        "the whole page keeps its selection"
    );
}

#[test]
fn bracket_keys_on_a_narrowed_menu_step_through_the_kept_links() {
    let mut app = archive_app();
    keys(&mut app, &[Key::Char('&')]);
    type_text(&mut app, ":dir");
    keys(&mut app, &[Key::Enter, Key::Char(']')]);
    assert_eq!(selected(&app), "Old gopher clients");
    keys(&mut app, &[Key::Char('['), Key::Char('[')]);
    assert_eq!(selected(&app), "Phlogs");
}

#[test]
fn wrapping_turned_off_on_a_narrowed_text_shows_each_kept_line_as_one_row() {
    let mut app = app();
    let long = "gopher ".repeat(30);
    let text = format!("{long}\r\nplain\r\nshort gopher\r\n.\r\n");
    show(&mut app, "gopher://h.example/0/t", text.as_bytes());
    keys(&mut app, &[Key::Char('&')]);
    type_text(&mut app, "gopher");
    keys(&mut app, &[Key::Enter]);
    assert_eq!(content(&app).len(), 4, "the long line wraps to three rows");
    keys(&mut app, &[Key::Char('W')]);
    let shown = content(&app);
    assert_eq!(shown.len(), 2, "{shown:#?}");
    assert_eq!(shown[1], "short gopher");
}

#[test]
fn a_narrowed_text_shows_no_link_numbers_and_the_whole_page_shows_them_again() {
    let mut app = app();
    let text = "see gopher://h.example/1/away here\r\na word line gopher://h.example/1/w\r\n";
    show(&mut app, "gopher://h.example/0/t", text.as_bytes());
    keys(&mut app, &[Key::Char('#')]);
    assert!(app.link_gutter() > 0, "numbers show on the whole page");
    keys(&mut app, &[Key::Char('&')]);
    type_text(&mut app, "word");
    keys(&mut app, &[Key::Enter]);
    assert_eq!(app.link_gutter(), 0, "no numbers that could not be typed");
    assert_eq!(content(&app), ["a word line gopher://h.example/1/w"]);
    keys(&mut app, &[Key::Esc]);
    assert!(app.link_gutter() > 0);
}

#[test]
fn page_down_and_the_wheel_scroll_a_narrowed_menu_past_kept_info_lines() {
    let mut app = app();
    let mut menu = String::from("1zz first\t/first\th.example\t70\r\n");
    for n in 0..100 {
        menu.push_str(&format!("izz info {n}\tfake\t(NULL)\t0\r\n"));
    }
    menu.push_str("1zz last\t/last\th.example\t70\r\n.\r\n");
    show(&mut app, "gopher://h.example/1/", menu.as_bytes());
    keys(&mut app, &[Key::Char('&')]);
    type_text(&mut app, "zz");
    keys(&mut app, &[Key::Enter, Key::PageDown]);
    let top = app.tab.filter.as_ref().expect("filtered").top.line;
    assert!(top > 0, "PageDown scrolled the narrowed view (top {top})");
    keys(&mut app, &[Key::PageDown]);
    let further = app.tab.filter.as_ref().expect("filtered").top.line;
    assert!(further > top, "and again ({top} -> {further})");
    app.update(Msg::Scroll(5));
    let wheel = app.tab.filter.as_ref().expect("filtered").top.line;
    assert!(wheel > further, "the wheel too ({further} -> {wheel})");
}
