//! What a key in the filter prompt (`&`) costs on a 100,000-link menu: the whole work of one
//! key (every slice it takes, which the app spreads over wakes so keys are answered between
//! them), and one slice alone.
//!
//! Steps, each timed from the query being set until every line is decided:
//! - `first key`: the first letter typed, every line tested (display texts of ~40 bytes);
//! - `narrowing key`: one more letter, testing only the lines the query before kept;
//! - `narrowing key, few kept`: `gopher menu se` after `gopher menu s`, three words that
//!   leave few lines;
//! - `second word`: `gopher m` after `gopher`, testing both words on the lines `gopher` kept;
//! - `backspace`: `gopher m` back to `gopher `, a query already decided (no line tested);
//! - `kind prefix`: `:dir`, deciding by item type alone;
//! - `one slice, query nowhere`: a single `step` of a query that matches no line.
//!
//! Then the same through the app, as a user types into the `&` prompt (`App::update` with
//! the key, the narrowed view settled; the page is a menu tab on an 80x24 screen):
//! - `update: first key`: the key's own update (the query set, one slice decided): what a
//!   key waits for;
//! - `update: first key and its wakes`: that and every `Msg::Wake` it asks for, until every
//!   line is decided (the wakes run between keys, never before one);
//! - `update: narrowing key and its wakes`: one more letter, all of it;
//! - `frame of the narrowed view`: drawing the screen once narrowed.
//!
//! Run: `cargo bench --bench filter` (add `-- --quick` for a fast pass).

mod pages;

use burrow::app::filter::{Filter, FilterQuery};
use burrow::app::input::Key;
use burrow::app::page::{Content, Page};
use burrow::app::{App, AppConfig, Command, Location, Msg};
use burrow::gopher::menu::parse_menu;
use criterion::Criterion;
use std::hint::black_box;
use std::time::{Duration, Instant};

const LINKS: usize = 100_000;

/// A menu of `LINKS` links (menus, texts and files in turn) with prose display texts, and an
/// info line every 50 links.
fn big_menu() -> Page {
    let mut body = Vec::with_capacity(LINKS * 90);
    let mut prose = pages::Prose::default();
    for n in 0..LINKS {
        if n % 50 == 0 {
            body.extend_from_slice(b"i");
            let start = body.len();
            prose.line(&mut body, start, 40, usize::MAX);
            body.extend_from_slice(b"\tfake\t(NULL)\t0\r\n");
        }
        body.push([b'1', b'0', b'9'][n % 3]);
        let start = body.len();
        prose.line(&mut body, start, 40, usize::MAX);
        body.extend_from_slice(format!("\t/item/{n}\tgopher.example.org\t70\r\n").as_bytes());
    }
    Page::new(Location::Start, Content::Menu(parse_menu(&body)))
}

fn query(typed: &str) -> FilterQuery {
    FilterQuery::parse(typed, true, false)
}

fn decide(filter: &mut Filter, page: &Page, typed: &str) {
    filter.set_query(query(typed));
    while !filter.step(page) {}
}

fn main() {
    let mut criterion = Criterion::default()
        .configure_from_args()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    let page = big_menu();
    let mut group = criterion.benchmark_group("filter a 100,000-link menu");
    group.sample_size(30);
    group.bench_function("first key", |b| {
        b.iter(|| {
            let mut filter = Filter::default();
            decide(&mut filter, &page, "g");
            black_box(filter.kept().len())
        });
    });
    let mut filter = Filter::default();
    decide(&mut filter, &page, "go");
    group.bench_function("narrowing key", |b| {
        b.iter(|| {
            decide(&mut filter, &page, "gop");
            let kept = filter.kept().len();
            filter.set_query(query("go"));
            black_box(kept)
        });
    });
    decide(&mut filter, &page, "gopher menu s");
    group.bench_function("narrowing key, few kept", |b| {
        b.iter(|| {
            decide(&mut filter, &page, "gopher menu se");
            let kept = filter.kept().len();
            filter.set_query(query("gopher menu s"));
            black_box(kept)
        });
    });
    decide(&mut filter, &page, "gopher");
    group.bench_function("second word", |b| {
        b.iter(|| {
            decide(&mut filter, &page, "gopher m");
            let kept = filter.kept().len();
            filter.set_query(query("gopher"));
            black_box(kept)
        });
    });
    decide(&mut filter, &page, "gopher");
    decide(&mut filter, &page, "gopher m");
    group.bench_function("backspace", |b| {
        b.iter_custom(|iterations| {
            let mut spent = Duration::ZERO;
            for _ in 0..iterations {
                let started = Instant::now();
                decide(&mut filter, &page, "gopher ");
                black_box(filter.kept().len());
                spent += started.elapsed();
                decide(&mut filter, &page, "gopher m");
            }
            spent
        });
    });
    group.bench_function("kind prefix", |b| {
        b.iter(|| {
            let mut filter = Filter::default();
            decide(&mut filter, &page, ":dir");
            black_box(filter.kept().len())
        });
    });
    group.bench_function("one slice, query nowhere", |b| {
        b.iter(|| {
            let mut filter = Filter::default();
            filter.set_query(query("zqxj"));
            black_box(filter.step(&page))
        });
    });
    through_the_app(&mut group, &page);
    group.finish();
    criterion.final_summary();
}

/// Runs the 0 ms wakes `commands` ask for, and those they ask for in turn.
fn run_wakes(app: &mut App, mut commands: Vec<Command>) {
    while let Some(token) = commands.iter().find_map(|c| match c {
        Command::WakeAfter { token, after_ms: 0 } => Some(*token),
        _ => None,
    }) {
        commands = app.update(Msg::Wake(token));
    }
}

fn key(app: &mut App, c: char) -> Vec<Command> {
    app.update(Msg::Key(Key::Char(c)))
}

/// An app showing `page`, with the filter prompt freshly opened (nothing decided yet).
fn fresh_prompt(app: &mut App) {
    app.update(Msg::Key(Key::Esc));
    key(app, '&');
}

fn through_the_app(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    page: &Page,
) {
    let mut app = App::new(AppConfig::default(), (80, 24));
    app.tab.page = page.clone();
    group.bench_function("update: first key", |b| {
        b.iter_custom(|iterations| {
            let mut spent = Duration::ZERO;
            for _ in 0..iterations {
                fresh_prompt(&mut app);
                let started = Instant::now();
                black_box(key(&mut app, 'g'));
                spent += started.elapsed();
            }
            spent
        });
    });
    group.bench_function("update: first key and its wakes", |b| {
        b.iter_custom(|iterations| {
            let mut spent = Duration::ZERO;
            for _ in 0..iterations {
                fresh_prompt(&mut app);
                let started = Instant::now();
                let commands = key(&mut app, 'g');
                run_wakes(&mut app, commands);
                spent += started.elapsed();
            }
            spent
        });
    });
    fresh_prompt(&mut app);
    let commands = key(&mut app, 'g');
    run_wakes(&mut app, commands);
    let commands = key(&mut app, 'o');
    run_wakes(&mut app, commands);
    group.bench_function("update: narrowing key and its wakes", |b| {
        b.iter_custom(|iterations| {
            let mut spent = Duration::ZERO;
            for _ in 0..iterations {
                let started = Instant::now();
                let commands = key(&mut app, 'p');
                run_wakes(&mut app, commands);
                spent += started.elapsed();
                let commands = app.update(Msg::Key(Key::Backspace));
                run_wakes(&mut app, commands);
            }
            spent
        });
    });
    let commands = key(&mut app, 'p');
    run_wakes(&mut app, commands);
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("terminal");
    let theme = burrow::ui::Theme::colour();
    group.bench_function("frame of the narrowed view", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| burrow::ui::render(&app, &theme, frame))
                .expect("draw");
        });
    });
}
