//! Tests of the filter engine: what it keeps in menus and texts, the narrowing it does from
//! the query before, and that slices give the same lines as one pass.

use super::*;
use crate::app::Location;
use crate::gopher::TextDoc;
use crate::gopher::menu::parse_menu;

fn menu_page(lines: &[&str]) -> Page {
    let body: String = lines.iter().map(|l| format!("{l}\r\n")).collect();
    Page::new(Location::Start, Content::Menu(parse_menu(body.as_bytes())))
}

fn text_page(lines: &[String]) -> Page {
    Page::new(
        Location::Start,
        Content::Text(TextDoc::from_lines(lines.iter().map(String::as_str))),
    )
}

/// A small menu in the shape of a real archive: info lines, menus, texts, files, a search.
fn archive() -> Page {
    menu_page(&[
        "iWelcome to the Gopher archive\tfake\t(NULL)\t0",
        "1Phlogs\t/phlogs/\texample.org\t70",
        "0About this server\t/about.txt\texample.org\t70",
        "iFiles below\tfake\t(NULL)\t0",
        "9gopher-3.0.tar.gz\t/files/gopher-3.0.tar.gz\texample.org\t70",
        "IGopher logo\t/files/logo.png\texample.org\t70",
        "7Search the Gopher archive\t/search\texample.org\t70",
        "+Search mirror\t/search\tmirror.example.org\t70",
        "1Old Gopher clients\t/old/\texample.org\t70",
    ])
}

fn run(page: &Page, typed: &str, hide_info: bool) -> Vec<u32> {
    let mut filter = Filter::default();
    let in_menu = matches!(page.content, Content::Menu(_));
    filter.set_query(FilterQuery::parse(typed, in_menu, hide_info));
    while !filter.step(page) {}
    filter.kept().to_vec()
}

#[test]
fn lower_case_words_match_any_case_and_a_capital_makes_the_filter_exact() {
    let page = archive();
    assert_eq!(run(&page, "gopher", false), vec![0, 4, 5, 6, 8]);
    assert_eq!(run(&page, "Gopher", false), vec![0, 5, 6, 8]);
    assert_eq!(run(&page, "GOPHER", false), Vec::<u32>::new());
    assert_eq!(run(&page, "", false), (0..9).collect::<Vec<u32>>());
}

#[test]
fn kind_prefixes_keep_one_kind_of_item_and_mirrors_count_as_the_item_they_mirror() {
    let page = archive();
    assert_eq!(run(&page, ":dir", false), vec![1, 8]);
    assert_eq!(run(&page, ":dir old", false), vec![8]);
    assert_eq!(run(&page, ":txt", false), vec![2]);
    assert_eq!(run(&page, ":file", false), vec![4, 5]);
    assert_eq!(run(&page, ":search", false), vec![6, 7]);
    assert_eq!(run(&page, ":search mirror", false), vec![7]);
    assert_eq!(run(&page, ":DIR", false), vec![1, 8], "in any case");
    assert_eq!(run(&page, ":Dir old", false), vec![8]);
    assert_eq!(
        run(&page, ":SE", false),
        (0..9).collect::<Vec<u32>>(),
        "still typing"
    );
}

#[test]
fn an_unknown_kind_is_named_once_it_cannot_be_the_start_of_one() {
    assert_eq!(unknown_kind(":foo"), Some(":foo"));
    assert_eq!(unknown_kind(":foo bar"), Some(":foo"));
    assert_eq!(unknown_kind(":dirs"), Some(":dirs"));
    assert_eq!(unknown_kind(":di"), None, "still typing :dir");
    assert_eq!(unknown_kind(":di x"), Some(":di"));
    assert_eq!(unknown_kind(":DIR x"), None);
    assert_eq!(unknown_kind(":"), None);
    assert_eq!(unknown_kind("foo"), None);
    assert_eq!(kind_names(), ":dir :txt :file :search");
}

#[test]
fn a_kind_name_being_typed_filters_nothing_and_an_unknown_one_is_text() {
    let page = archive();
    let all: Vec<u32> = (0..9).collect();
    assert_eq!(run(&page, ":", false), all);
    assert_eq!(run(&page, ":se", false), all);
    assert_eq!(run(&page, ":gz", false), Vec::<u32>::new());
    let colons = menu_page(&["0time: 12:30\t/t\th\t70", "0nothing\t/n\th\t70"]);
    assert_eq!(run(&colons, ":30", false), vec![0]);
}

#[test]
fn hiding_info_lines_keeps_links_and_error_lines() {
    let page = menu_page(&[
        "iAn info line\tfake\t(NULL)\t0",
        "3An error line\terror\terror.host\t1",
        "0A text\t/t\th\t70",
    ]);
    assert_eq!(run(&page, "", true), vec![1, 2]);
    assert_eq!(run(&page, "line", true), vec![1]);
    assert_eq!(run(&page, "line", false), vec![0, 1]);
}

#[test]
fn on_a_text_page_prefixes_are_text_and_every_line_is_a_candidate() {
    let page = text_page(&[
        ":dir is not special here".into(),
        "see gopher://example.org/".into(),
        String::new(),
    ]);
    assert_eq!(run(&page, ":dir", false), vec![0]);
    assert_eq!(run(&page, "", true), vec![0, 1, 2]);
}

#[test]
fn a_growing_query_tests_only_the_lines_the_shorter_one_kept() {
    let lines: Vec<String> = (0..10_000)
        .map(|n| {
            if n % 100 == 0 {
                format!("{n} gopher hole")
            } else {
                format!("{n} web page")
            }
        })
        .collect();
    let page = text_page(&lines);
    let mut filter = Filter::default();
    filter.set_query(FilterQuery::parse("goph", false, false));
    while !filter.step(&page) {}
    assert_eq!(filter.kept().len(), 100);
    filter.set_query(FilterQuery::parse("gopher h", false, false));
    let level = filter.levels.last().expect("a level");
    assert_eq!((level.candidates.len(), level.next_line), (100, 10_000));
    while !filter.step(&page) {}
    assert_eq!(filter.kept().len(), 100);
    assert_eq!(filter.kept(), run(&page, "gopher h", false).as_slice());
}

#[test]
fn backspace_returns_to_the_result_already_computed_and_a_new_query_starts_afresh() {
    let page = archive();
    let mut filter = Filter::default();
    for typed in ["g", "go", "gop"] {
        filter.set_query(FilterQuery::parse(typed, true, false));
        while !filter.step(&page) {}
    }
    assert_eq!(filter.levels.len(), 3);
    filter.set_query(FilterQuery::parse("go", true, false));
    assert_eq!(filter.levels.len(), 2);
    assert!(filter.is_done(&page), "the level for `go` was complete");
    filter.set_query(FilterQuery::parse("tar", true, false));
    assert_eq!(filter.levels.len(), 1, "`tar` narrows none of them");
    while !filter.step(&page) {}
    assert_eq!(filter.kept(), [4]);
}

#[test]
fn narrowing_from_a_query_still_being_decided_gives_what_one_pass_gives() {
    // Each slice decides about SLICE_WORK / (LINE_COST + 40) lines, far fewer than the page.
    let lines: Vec<String> = (0..200_000)
        .map(|n| format!("{n:06} line of text {}", ["alpha", "beta", "gamma"][n % 3]))
        .collect();
    let page = text_page(&lines);
    let mut filter = Filter::default();
    filter.set_query(FilterQuery::parse("a", false, false));
    assert!(
        !filter.step(&page),
        "one slice does not decide 200,000 lines"
    );
    filter.set_query(FilterQuery::parse("al", false, false));
    assert!(!filter.step(&page));
    filter.set_query(FilterQuery::parse("alp", false, false));
    let mut slices = 1;
    while !filter.step(&page) {
        slices += 1;
    }
    assert!(slices > 1);
    assert_eq!(filter.kept(), run(&page, "alp", false).as_slice());
    filter.set_query(FilterQuery::parse("al", false, false));
    while !filter.step(&page) {}
    assert_eq!(filter.kept(), run(&page, "al", false).as_slice());
}

#[test]
fn a_page_that_grows_is_read_on_as_it_arrives() {
    let mut lines: Vec<String> = vec!["gopher one".into(), "web".into()];
    let mut filter = Filter::default();
    filter.set_query(FilterQuery::parse("gopher", false, false));
    while !filter.step(&text_page(&lines)) {}
    lines.push("gopher two".into());
    let page = text_page(&lines);
    assert!(!filter.is_done(&page));
    assert_eq!(filter.status(&page), "1+ of 3 lines");
    while !filter.step(&page) {}
    assert_eq!(filter.kept(), [0, 2]);
    assert_eq!(filter.status(&page), "2 of 3 lines");
}

#[test]
fn rows_map_back_to_lines_and_a_hidden_line_finds_its_nearest_row() {
    let page = archive();
    let mut filter = Filter::default();
    filter.set_query(FilterQuery::parse(":dir", true, false));
    while !filter.step(&page) {}
    assert_eq!(filter.kept(), [1, 8]);
    assert_eq!(filter.row_of(8), Some(1));
    assert_eq!(filter.row_of(2), None);
    assert_eq!(filter.nearest_row(2), Some(1));
    assert_eq!(filter.nearest_row(0), Some(0));
    assert_eq!(filter.nearest_row(100), Some(1));
    filter.set_query(FilterQuery::parse("nowhere", true, false));
    while !filter.step(&page) {}
    assert_eq!(filter.nearest_row(3), None);
}

#[test]
fn old_levels_are_forgotten_when_their_lists_outgrow_the_budget() {
    let lines: Vec<String> = (0..1_200_000).map(|n| format!("n{n}")).collect();
    let page = text_page(&lines);
    let mut filter = Filter::default();
    // Each query narrows the one before and keeps all 1.2 M lines (4.8 MB a list, and as
    // much again for a level's candidates): three levels are more than the budget.
    for (typed, hide_info) in [("", false), ("n", false), ("n", true)] {
        filter.set_query(FilterQuery::parse(typed, false, hide_info));
        while !filter.step(&page) {}
    }
    assert!(filter.levels.len() < 3, "the oldest level was forgotten");
    let bytes: usize = filter.levels.iter().map(Level::bytes).sum();
    assert!(
        bytes <= MAX_KEPT_BYTES || filter.levels.len() == 1,
        "{bytes}"
    );
    assert_eq!(filter.kept().len(), 1_200_000);
}

#[test]
fn every_word_must_match_in_any_order_each_with_its_own_smart_case() {
    let page = menu_page(&[
        "9README-1842-gamma.zip\t/a\th\t70",
        "9README-1843-delta.zip\t/b\th\t70",
        "0gamma notes\t/c\th\t70",
        "9Gamma-2.ZIP\t/d\th\t70",
    ]);
    assert_eq!(run(&page, "gamma zip", false), vec![0, 3]);
    assert_eq!(run(&page, "zip gamma", false), vec![0, 3], "in any order");
    assert_eq!(
        run(&page, "  gamma   zip ", false),
        vec![0, 3],
        "spaces only split"
    );
    assert_eq!(
        run(&page, "Gamma zip", false),
        vec![3],
        "the capital word is exact"
    );
    assert_eq!(run(&page, "gamma ZIP", false), vec![3]);
    assert_eq!(run(&page, ":file gamma zip", false), vec![0, 3]);
    assert_eq!(run(&page, "gamma nowhere", false), Vec::<u32>::new());
    assert_eq!(
        run(&page, "   ", false),
        vec![0, 1, 2, 3],
        "no word: every line"
    );
}

#[test]
fn a_second_word_tests_only_the_lines_the_first_kept_and_backspace_returns_to_them() {
    let lines: Vec<String> = (0..10_000)
        .map(|n| match n % 100 {
            0 => format!("{n} gopher hole zip"),
            1 => format!("{n} gopher hole"),
            _ => format!("{n} web page"),
        })
        .collect();
    let page = text_page(&lines);
    let mut filter = Filter::default();
    // What each query tests: every line, then only what the query before kept.
    for (typed, tested) in [
        ("hole", 0),
        ("hole ", 0),
        ("hole z", 200),
        ("hole zi", 100),
        ("zip hole", 100),
    ] {
        filter.set_query(FilterQuery::parse(typed, false, false));
        let level = filter.levels.last().expect("a level");
        assert_eq!(level.candidates.len(), tested, "{typed:?}");
        while !filter.step(&page) {}
    }
    assert_eq!(filter.kept(), run(&page, "zip hole", false).as_slice());
    assert_eq!(filter.kept().len(), 100);
    assert_eq!(
        filter.levels.len(),
        4,
        "`zip hole` narrows `hole zi`: hole, z, zi, zip"
    );
    filter.set_query(FilterQuery::parse("hole ", false, false));
    assert!(filter.is_done(&page), "back to `hole`, already decided");
    assert_eq!(filter.kept().len(), 200);
}
