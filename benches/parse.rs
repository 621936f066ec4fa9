//! Parse throughput (MB/s) of Gopher menus and text documents, on about 5 MB of each.
//!
//! For both formats two ways in are measured: the whole reply at once (`parse_menu`,
//! `parse_text`) and streaming, the way a fetch feeds the browser (`MenuParser` / `TextParser`
//! pushed 64 KiB chunks into a document they append to, then `finish`). Criterion reports the throughput of each.
//!
//! Run: `cargo bench --bench parse` (add `-- --quick` for a fast pass).

mod pages;

use burrow::gopher::menu::parse_menu;
use burrow::gopher::text_parser::parse_text;
use burrow::gopher::{Menu, MenuParser, TextDoc, TextParser};
use criterion::{Criterion, SamplingMode, Throughput};
use std::hint::black_box;
use std::time::Duration;

const SIZE: usize = 5_000_000;
const CHUNK: usize = 64 * 1024;

/// About `size` bytes of menu: every fifth line is an info line, the others are links of
/// assorted types, with a few Gopher+ fields, bare-LF endings and non-ASCII text mixed in.
fn menu_bytes(size: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(size + 256);
    let mut i = 0usize;
    while out.len() < size {
        let line = match i % 10 {
            0 | 5 => format!("iSection {i}: notes about the next few entries\tfake\t(NULL)\t0\r\n"),
            1 => format!("1Directory number {i}\t/dir/{i}\tgopher.example.org\t70\r\n"),
            2 => format!("0Plain text file {i}.txt\t/files/{i}.txt\tgopher.example.org\t70\r\n"),
            3 => {
                format!("9Binary blob {i}.tar.gz\t/bin/{i}.tar.gz\tmirror.example.net\t7070\t+\r\n")
            }
            4 => format!("hWeb page {i}\tURL:https://example.com/{i}\tgopher.example.org\t70\n"),
            6 => format!("7Search café {i}\t/search\tgopher.example.org\t70\r\n"),
            _ => format!(
                "0Article {i} – a longer title for wrapping\t/a/{i}\tgopher.example.org\t70\r\n"
            ),
        };
        out.extend_from_slice(line.as_bytes());
        i += 1;
    }
    out.extend_from_slice(b".\r\n");
    out
}

/// About `size` bytes of prose in lines of roughly 70 characters (every tenth about 150),
/// with a little UTF-8 and an occasional dot-stuffed line.
fn text_bytes(size: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(size + 256);
    let mut prose = pages::Prose::default();
    let mut line_no = 0usize;
    while out.len() < size {
        let target = if line_no % 10 == 9 { 150 } else { 70 };
        let start = out.len();
        if line_no.is_multiple_of(97) {
            out.extend_from_slice(b"..");
        }
        prose.line(&mut out, start, target, usize::MAX);
        out.extend_from_slice(b"\r\n");
        line_no += 1;
    }
    out.extend_from_slice(b".\r\n");
    out
}

fn main() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .sample_size(20)
        .configure_from_args();

    let menu_input = menu_bytes(SIZE);
    let text_input = text_bytes(SIZE);
    eprintln!(
        "menu input: {} bytes, {} items; text input: {} bytes, {} lines",
        menu_input.len(),
        parse_menu(&menu_input).len(),
        text_input.len(),
        parse_text(&text_input).line_count()
    );

    let mut group = c.benchmark_group("parse/menu");
    group.sampling_mode(SamplingMode::Flat);
    group.throughput(Throughput::Bytes(menu_input.len() as u64));
    group.bench_function("whole", |b| b.iter(|| parse_menu(black_box(&menu_input))));
    group.bench_function("stream 64 KiB", |b| {
        b.iter(|| {
            let mut menu = Menu::default();
            let mut parser = MenuParser::default();
            for chunk in black_box(&menu_input).chunks(CHUNK) {
                parser.push(&mut menu, chunk);
            }
            parser.finish(&mut menu);
            menu
        })
    });
    group.finish();

    let mut group = c.benchmark_group("parse/text");
    group.sampling_mode(SamplingMode::Flat);
    group.throughput(Throughput::Bytes(text_input.len() as u64));
    group.bench_function("whole", |b| b.iter(|| parse_text(black_box(&text_input))));
    group.bench_function("stream 64 KiB", |b| {
        b.iter(|| {
            let mut doc = TextDoc::default();
            let mut parser = TextParser::default();
            for chunk in black_box(&text_input).chunks(CHUNK) {
                parser.push(&mut doc, chunk);
            }
            parser.finish(&mut doc);
            doc
        })
    });
    group.finish();

    c.final_summary();
}
