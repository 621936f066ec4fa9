//! The classic, non-interactive client: `--raw` streams the reply's exact bytes to stdout;
//! `--print` writes the rendered page as plain sanitised text. Both use the same fetch layer as
//! the browser and fail with a one-line error.

use crate::app::page::{
    Content, Location, Page, ReplyParser, builtin_page, completed_page, failed_page,
};
use crate::fetch::fetch;
use crate::gopher::transfer::{FetchEvent, FetchLimits, FetchUpdate};
use crate::gopher::{GopherUrl, ItemKind};
use crate::ui::menu_view::menu_line_text;
use anyhow::{Context, anyhow, bail};
use std::io::Write;
use tokio::io::AsyncWriteExt;
use tokio::sync::mpsc;

/// Runs `work` on a fresh runtime and does not wait for blocking work left behind (a slow DNS
/// lookup after a timeout, say) when it is done.
fn run_async<T>(work: impl Future<Output = anyhow::Result<T>>) -> anyhow::Result<T> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let result = runtime.block_on(work);
    runtime.shutdown_background();
    result
}

fn is_broken_pipe(error: &std::io::Error) -> bool {
    error.kind() == std::io::ErrorKind::BrokenPipe
}

/// Writes the reply to stdout byte for byte as it arrives (binary too; nothing added). Memory
/// stays constant, so there is no size cap: a file is as long as the server sends.
pub fn run_raw(url: GopherUrl, limits: FetchLimits) -> anyhow::Result<()> {
    let limits = FetchLimits {
        max_bytes: u64::MAX,
        ..limits
    };
    run_async(async move {
        let (tx, mut rx) = mpsc::channel(8);
        tokio::spawn(fetch(1, url.clone(), limits, tx));
        let mut out = tokio::io::stdout();
        while let Some(FetchUpdate { event, .. }) = rx.recv().await {
            match event {
                FetchEvent::Connected(_) => {}
                FetchEvent::Chunk(bytes) => {
                    let written = match out.write_all(&bytes).await {
                        Ok(()) => out.flush().await,
                        Err(e) => Err(e),
                    };
                    match written {
                        Ok(()) => {}
                        Err(e) if is_broken_pipe(&e) => return Ok(()),
                        Err(e) => return Err(e).context("writing to standard output"),
                    }
                }
                FetchEvent::Done => return Ok(()),
                FetchEvent::Failed(error) => bail!("could not load {url}: {error}"),
            }
        }
        Err(anyhow!(
            "could not load {url}: the transfer stopped unexpectedly"
        ))
    })
}

/// Loads the page at `location`; an error page becomes an error.
fn load_page(location: Location, limits: FetchLimits) -> anyhow::Result<Page> {
    let page = match &location {
        Location::Gopher(url) => fetch_page(url.clone(), limits)?,
        builtin => builtin_page(builtin).ok_or_else(|| anyhow!("no such page {builtin}"))?,
    };
    if let Content::Error { details, .. } = &page.content {
        let why = details
            .lines()
            .find_map(|l| l.strip_prefix("Why: "))
            .unwrap_or("unknown error");
        bail!("{}: {why}", details.line(0));
    }
    Ok(page)
}

/// Writes a page as plain text: menus as on screen (label column, then text), text as is.
fn write_page(page: &Page, out: &mut impl Write) -> std::io::Result<()> {
    match &page.content {
        Content::Menu(menu) => {
            for item in menu.items() {
                writeln!(out, "{}", menu_line_text(&item).trim_end())?;
            }
        }
        Content::Text(doc) | Content::Error { details: doc, .. } => {
            for line in doc.lines() {
                writeln!(out, "{line}")?;
            }
        }
    }
    out.flush()
}

fn fetch_page(url: GopherUrl, limits: FetchLimits) -> anyhow::Result<Page> {
    match url.item_type.kind() {
        ItemKind::Menu | ItemKind::Text | ItemKind::Html => {}
        ItemKind::Search if url.query.is_some() => {}
        ItemKind::Search => bail!("{url} is a search: add the query as %09query to the URL"),
        _ => bail!(
            "{url} is not a page (item type {}): use --raw",
            url.item_type.label()
        ),
    }
    run_async(async move {
        let (tx, mut rx) = mpsc::channel(8);
        tokio::spawn(fetch(1, url.clone(), limits, tx));
        let mut parser = ReplyParser::for_url(&url);
        let mut bytes = 0u64;
        while let Some(FetchUpdate { event, .. }) = rx.recv().await {
            match event {
                FetchEvent::Connected(_) => {}
                FetchEvent::Chunk(chunk) => {
                    bytes += chunk.len() as u64;
                    parser.push(&chunk);
                    if parser.has_ended() {
                        break;
                    }
                }
                FetchEvent::Done => return Ok(completed_page(&url, parser.finish(), bytes)),
                FetchEvent::Failed(error) => return Ok(failed_page(&url, &error, bytes)),
            }
        }
        if parser.has_ended() {
            return Ok(completed_page(&url, parser.finish(), bytes));
        }
        Err(anyhow!(
            "could not load {url}: the transfer stopped unexpectedly"
        ))
    })
}

/// `--print`: writes the page's plain text to stdout.
pub fn run_print(location: Location, limits: FetchLimits) -> anyhow::Result<()> {
    let page = load_page(location, limits)?;
    if page.was_truncated() {
        eprintln!("burrow: the page has too many lines: only the first part is printed");
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match write_page(&page, &mut out) {
        Err(e) if is_broken_pipe(&e) => Ok(()),
        other => other.context("writing to standard output"),
    }
}
