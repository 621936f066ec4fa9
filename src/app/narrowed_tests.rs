//! Tests of the narrowed view: its links and their numbers, the menu moves over kept rows,
//! scrolling wrapped kept lines, and where the whole page's view goes when the filter ends.

use super::*;
use crate::app::Location;
use crate::app::page::Content;
use crate::gopher::TextDoc;
use crate::gopher::menu::parse_menu;

const VIEW: Viewport = Viewport {
    width: 10,
    height: 3,
};

/// One line per char: `g` a link holding "gopher", `x` a link without, `i` an info line
/// holding "gopher".
fn menu_page(spec: &str) -> Page {
    let mut raw = Vec::new();
    for (n, c) in spec.chars().enumerate() {
        let line = match c {
            'g' => format!("1gopher {n}\t/{n}\th\t70\r\n"),
            'x' => format!("1other {n}\t/{n}\th\t70\r\n"),
            _ => format!("igopher note {n}\tfake\t(NULL)\t0\r\n"),
        };
        raw.extend_from_slice(line.as_bytes());
    }
    Page::new(Location::Start, Content::Menu(parse_menu(&raw)))
}

fn narrowed(page: &Page, typed: &str, hide_info: bool) -> Narrowed {
    let mut view = Narrowed::new(page, hide_info, VIEW);
    view.set_typed(typed, page.menu().is_some());
    while !view.step(page) {}
    view
}

#[test]
fn an_empty_query_narrows_nothing_and_hidden_info_lines_do() {
    let page = menu_page("gixg");
    assert!(!narrowed(&page, "", false).is_active());
    let hidden = narrowed(&page, "", true);
    assert!(hidden.is_active());
    assert_eq!(hidden.filter.kept(), &[0, 2, 3]);
}

#[test]
fn kept_links_are_numbered_from_one_in_page_order_and_info_lines_get_no_number() {
    let page = menu_page("xgixgg");
    let view = narrowed(&page, "gopher", false);
    assert_eq!(view.filter.kept(), &[1, 2, 4, 5]);
    assert_eq!(view.links, vec![1, 4, 5]);
    assert_eq!(view.link_number(4), Some(2));
    assert_eq!(view.link_number(2), None, "an info line");
    assert_eq!(view.link_number(3), None, "not kept");
    assert_eq!(view.link_line(3), Some(5));
    assert_eq!(view.link_line(0), None);
}

#[test]
fn down_and_up_step_over_kept_info_lines_and_scroll_the_kept_rows() {
    // Kept rows: 0 g, 1 i, 2 i, 3 g, 4 g (lines 0, 2, 3, 5, 7).
    let page = menu_page("gxiixgxg");
    let mut view = narrowed(&page, "gopher", false);
    let mut cursor = 0;
    view.menu_down(&mut cursor, VIEW);
    assert_eq!((cursor, view.top.line), (5, 1), "row 3 shown at the bottom");
    view.menu_down(&mut cursor, VIEW);
    assert_eq!((cursor, view.top.line), (7, 2));
    view.menu_down(&mut cursor, VIEW);
    assert_eq!((cursor, view.top.line), (7, 2), "the end: nothing below");
    view.menu_up(&mut cursor, VIEW);
    view.menu_up(&mut cursor, VIEW);
    assert_eq!((cursor, view.top.line), (0, 0));
    view.menu_bottom(&mut cursor, VIEW);
    assert_eq!((cursor, view.top.line), (7, 2));
    view.menu_top(&mut cursor);
    assert_eq!((cursor, view.top.line), (0, 0));
    view.scroll_menu(&mut cursor, 2, VIEW);
    assert_eq!(
        (cursor, view.top.line),
        (5, 2),
        "the cursor follows onto a link in view"
    );
    assert_eq!(view.menu_line_on_screen(1, VIEW), Some(5));
    assert_eq!(view.menu_line_on_screen(3, VIEW), None, "below the view");
}

#[test]
fn while_typing_the_cursor_stays_on_the_item_it_started_on_or_the_nearest_kept_link() {
    let mut page = menu_page("xxgxgxg");
    page.cursor = 3;
    let mut view = Narrowed::new(&page, false, VIEW);
    view.typing = true;
    view.set_typed("gopher", true);
    while !view.step(&page) {}
    view.settle_menu(&mut page.cursor, VIEW);
    assert_eq!(page.cursor, 4, "the first kept link after line 3");
    view.set_typed("other", true);
    while !view.step(&page) {}
    view.settle_menu(&mut page.cursor, VIEW);
    assert_eq!(page.cursor, 3, "back on the item the prompt opened on");
}

#[test]
fn the_whole_page_comes_back_with_the_cursor_item_where_it_was_on_screen() {
    let mut page = menu_page("xxgxxgxxg");
    let mut view = narrowed(&page, "gopher", false);
    view.menu_down(&mut page.cursor, VIEW);
    page.cursor = 5;
    view.top.line = 0;
    // Line 5 is on row 1 of the view: on the whole page it is on the second row too.
    assert_eq!(
        view.whole_page_top(&page, page.menu()),
        Some(Position { line: 4, row: 0 })
    );
}

#[test]
fn a_text_view_scrolls_by_the_wrapped_rows_of_its_kept_lines() {
    let lines = [
        "gopher 0123456789",
        "x",
        "gopher a",
        "y",
        "gopher b",
        "gopher c",
    ];
    let page = Page::new(Location::Start, Content::Text(TextDoc::from_lines(lines)));
    let mut view = narrowed(&page, "gopher", false);
    assert_eq!(view.rows(), 4);
    // Rows: "gopher " "0123456789" "gopher a" "gopher b" "gopher c": five, three shown.
    view.scroll_text(&page, 1, VIEW);
    assert_eq!(view.top, Position { line: 0, row: 1 });
    view.scroll_text(&page, 5, VIEW);
    assert_eq!(view.top, Position { line: 1, row: 0 }, "the last top");
    view.text_bottom(&page, VIEW);
    assert_eq!(view.top, Position { line: 1, row: 0 });
    assert_eq!(
        view.whole_page_top(&page, None),
        Some(Position { line: 2, row: 0 }),
        "the kept line on top, as a line of the page"
    );
}
