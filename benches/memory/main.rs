//! Bounded memory: the peak resident memory (RSS) of the real `burrow` binary loading
//! generated pages from a Gopher server on 127.0.0.1 (issue 5).
//!
//! A Gopher server (testkit's, in this bench binary re-run as a separate process) serves a 50 MB text (`/big.txt`), a 100,000-link menu of about 6.7 MB (`/menu`) and a 50 MB
//! binary (`/blob.bin`). It is a separate process because `ru_maxrss` of a child counts the
//! memory of the parent it was forked from: pages held by the bench itself would inflate every
//! figure. Each case runs the binary three times with an empty temporary HOME and reports the
//! median peak RSS, read with `wait4`'s `ru_maxrss`:
//! - `--print` of the text and of the menu (loads the page exactly as the browser does, then
//!   writes it): goals 1.3x the text's size, 15 MB for the menu;
//! - `--raw` of the binary (streams): goal 8 MB;
//! - the interactive browser in an 80x24 pseudo-terminal opening the text and the menu and
//!   pressing End (the same goals).
//!
//! - the browser opening the text 10 times (each a new page, so the ones left pile up in
//!   history): goal 1.5x the page memory budget plus one page, with the default budget and
//!   with 64 MiB; and with no budget reached, for comparison.
//!
//! - tabs (issue 13.9): the browser on the 1 KB page alone, and with 49 more tabs opened on
//!   the start page with Ctrl-t (checked by the bar scrolling): the difference over 49 is the
//!   cost of a tab.
//!
//! A 1 KB page is measured too, as the binary's baseline. The output is checked (byte counts,
//! line counts, a hash for `--raw`), and the bench exits non-zero if any goal is missed or any
//! run fails. MB here is 1,000,000 bytes.
//!
//! Run: `cargo bench --bench memory` (optionally `-- text menu raw tui` to pick cases by name).
//! The server is in `served.rs`, one measured run (one-shot or browser) in `runs.rs`.

#[path = "../pages/mod.rs"]
mod pages;
mod runs;
mod served;

use runs::{Output, interactive, interactive_tabs, interactive_visits, one_shot};
use served::{SERVER_ENV, Served, server_main, start_server_process};
use std::process::ExitCode;
use std::time::{Duration, Instant};

const MB: f64 = 1_000_000.0;
const TEXT_SIZE: usize = 50_000_000;
const MENU_LINKS: usize = 100_000;
const BLOB_SIZE: usize = 50_000_000;
const RUNS: usize = 3;
const MIB: u64 = 1024 * 1024;
/// How many times the history cases open the big text.
const HISTORY_VISITS: usize = 10;
/// A run taking longer than this is killed and counts as a failure.
const TIME_LIMIT: Duration = Duration::from_secs(120);
const TEXT_END_MARKER: &str = "End of the generated text (marker 7f3a).";

enum Goal {
    /// Peak RSS at most this many times the page's size.
    Ratio(f64),
    /// Peak RSS at most this many bytes.
    Bytes(f64),
}

struct Case {
    name: &'static str,
    what: String,
    page_bytes: usize,
    goal: Option<Goal>,
    run: Box<dyn Fn() -> Result<u64, String>>,
}

fn median(mut values: Vec<u64>) -> u64 {
    values.sort_unstable();
    values[values.len() / 2]
}

/// This process's resident memory now, in bytes: a floor under every child's figure.
fn own_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

fn main() -> ExitCode {
    if std::env::var_os(SERVER_ENV).is_some() {
        return server_main();
    }
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();

    let started = Instant::now();
    let (mut server, served) = match start_server_process() {
        Ok(started) => started,
        Err(why) => {
            println!("could not start the test server: {why}");
            return ExitCode::FAILURE;
        }
    };
    let Served {
        port,
        text_len,
        text_lines,
        menu_len,
        blob_len,
        blob_hash,
        tiny_len,
        tiny_lines,
    } = served;
    eprintln!(
        "serving on 127.0.0.1:{port}: text {text_len} B ({text_lines} lines), menu {menu_len} B \
         ({MENU_LINKS} links), blob {blob_len} B, tiny {tiny_len} B (built in {:.1?}); this \
         process's RSS {:.1} MB",
        started.elapsed(),
        own_rss().unwrap_or(0) as f64 / MB
    );
    let base = format!("gopher://127.0.0.1:{port}");

    let text_lines = text_lines as u64;
    let tiny_lines = tiny_lines as u64;
    let blob_bytes = blob_len as u64;
    let lines_check = move |want: u64| {
        move |out: &Output| {
            if out.newlines == want {
                Ok(())
            } else {
                Err(format!("printed {} lines, expected {want}", out.newlines))
            }
        }
    };
    let cases = vec![
        Case {
            name: "baseline",
            what: format!("baseline --print {tiny_len} B text"),
            page_bytes: tiny_len,
            goal: None,
            run: Box::new({
                let url = format!("{base}/0/tiny.txt");
                move || one_shot(&["--print", &url], &lines_check(tiny_lines))
            }),
        },
        Case {
            name: "text",
            what: format!("text --print {:.1} MB", text_len as f64 / MB),
            page_bytes: text_len,
            goal: Some(Goal::Ratio(1.3)),
            run: Box::new({
                let url = format!("{base}/0/big.txt");
                move || one_shot(&["--print", &url], &lines_check(text_lines))
            }),
        },
        Case {
            name: "menu",
            what: format!(
                "menu --print {:.1} MB ({MENU_LINKS} links)",
                menu_len as f64 / MB
            ),
            page_bytes: menu_len,
            goal: Some(Goal::Bytes(15.0 * MB)),
            run: Box::new({
                let url = format!("{base}/1/menu");
                move || one_shot(&["--print", &url], &lines_check(MENU_LINKS as u64))
            }),
        },
        Case {
            name: "raw",
            what: format!("raw --raw {:.1} MB binary", blob_len as f64 / MB),
            page_bytes: blob_len,
            goal: Some(Goal::Bytes(8.0 * MB)),
            run: Box::new({
                let url = format!("{base}/9/blob.bin");
                move || {
                    one_shot(&["--raw", &url], &|out: &Output| {
                        if out.bytes == blob_bytes && out.hash == blob_hash {
                            Ok(())
                        } else {
                            Err(format!(
                                "wrote {} bytes (hash {:x}), expected {blob_bytes} (hash \
                                 {blob_hash:x})",
                                out.bytes, out.hash
                            ))
                        }
                    })
                }
            }),
        },
        Case {
            name: "tui-baseline",
            what: format!("baseline browser {tiny_len} B text"),
            page_bytes: tiny_len,
            goal: None,
            run: Box::new({
                let url = format!("{base}/0/tiny.txt");
                move || interactive(&url, TEXT_END_MARKER)
            }),
        },
        Case {
            name: "tui-text",
            what: format!("text browser {:.1} MB", text_len as f64 / MB),
            page_bytes: text_len,
            goal: Some(Goal::Ratio(1.3)),
            run: Box::new({
                let url = format!("{base}/0/big.txt");
                move || interactive(&url, TEXT_END_MARKER)
            }),
        },
        Case {
            name: "tui-menu",
            what: format!(
                "menu browser {:.1} MB ({MENU_LINKS} links)",
                menu_len as f64 / MB
            ),
            page_bytes: menu_len,
            goal: Some(Goal::Bytes(15.0 * MB)),
            run: Box::new({
                let url = format!("{base}/1/menu");
                let last = format!("Document {:06} (archive)", MENU_LINKS - 1);
                move || interactive(&url, &last)
            }),
        },
    ];
    // Ten visits of the 50 MB text: the pages left pile up in history until the page memory
    // budget drops the oldest bodies. Goal: 1.5x the budget plus one page. The unbounded case
    // (a budget no history reaches) is how Burrow behaved before the budget.
    let mut cases = cases;
    for (name, budget, goal) in [
        ("tui-history-default", 256 * MIB, true),
        ("tui-history-64mib", 64 * MIB, true),
        ("tui-history-unbounded", 1 << 40, false),
    ] {
        let budget_mb = budget as f64 / MB;
        cases.push(Case {
            name,
            what: if goal {
                format!(
                    "{HISTORY_VISITS} visits of the {:.0} MB text, page_memory {budget_mb:.1} MB",
                    text_len as f64 / MB
                )
            } else {
                format!(
                    "{HISTORY_VISITS} visits of the {:.0} MB text, page_memory unbounded (as \
                     before the budget)",
                    text_len as f64 / MB
                )
            },
            page_bytes: text_len,
            goal: goal.then_some(Goal::Bytes(1.5 * budget as f64 + text_len as f64)),
            run: Box::new({
                let url = format!("{base}/0/big.txt");
                let config = format!("[history]\npage_memory = {budget}\n");
                move || interactive_visits(&url, HISTORY_VISITS, Some(&config))
            }),
        });
    }

    // Tabs (issue 13.9): the 1 KB page, then 49 more tabs on the start page; each tab should
    // cost its page and a few KB more, so the two peaks differ by little.
    for (name, tabs) in [("tui-tabs-1", 1), ("tui-tabs-50", 50)] {
        cases.push(Case {
            name,
            what: format!("{tabs} tab(s): the {tiny_len} B text, then start pages (Ctrl-t)"),
            page_bytes: tiny_len,
            goal: None,
            run: Box::new({
                let url = format!("{base}/0/tiny.txt");
                move || interactive_tabs(&url, tabs)
            }),
        });
    }

    let mut failures = 0;
    for case in &cases {
        if !filters.is_empty() && !filters.iter().any(|f| case.name.contains(f.as_str())) {
            continue;
        }
        let mut peaks = Vec::new();
        let mut error = None;
        for _ in 0..RUNS {
            match (case.run)() {
                Ok(peak) => peaks.push(peak),
                Err(why) => {
                    error = Some(why);
                    break;
                }
            }
        }
        if let Some(why) = error {
            println!("{}: FAILED to measure: {why}", case.what);
            failures += 1;
            continue;
        }
        let runs: Vec<String> = peaks
            .iter()
            .map(|&p| format!("{:.1}", p as f64 / MB))
            .collect();
        let peak = median(peaks) as f64;
        let ratio = peak / case.page_bytes as f64;
        let (goal, met) = match case.goal {
            None if case.name.starts_with("tui-history") || case.name.starts_with("tui-tabs") => {
                ("(no goal)".to_owned(), true)
            }
            None => ("(the binary's own footprint, no goal)".to_owned(), true),
            Some(Goal::Ratio(max)) => (format!("= {ratio:.2}x (goal <= {max:.2}x)"), ratio <= max),
            Some(Goal::Bytes(max)) => (
                format!("= {ratio:.2}x (goal <= {:.1} MB)", max / MB),
                peak <= max,
            ),
        };
        let verdict = match (&case.goal, met) {
            (None, _) => "",
            (Some(_), true) => " OK",
            (Some(_), false) => " MISSED",
        };
        println!(
            "{}: peak RSS {:.1} MB {goal}{verdict}   [runs: {} MB]",
            case.what,
            peak / MB,
            runs.join(", ")
        );
        if !met {
            failures += 1;
        }
    }
    let _ = server.kill();
    let _ = server.wait();
    if failures > 0 {
        println!("{failures} case(s) missed their goal or failed");
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
