//! The classic, non-interactive client: `--raw` streams the reply's exact bytes to stdout;
//! `--print` writes the rendered page as plain sanitised text. Both use the same fetch layer as
//! the browser and fail with a one-line error.

use crate::app::page::{Content, Location, ReplyParser, builtin_page, completed_page, failed_page};
use crate::fetch::fetch;
use crate::gopher::transfer::{FetchEvent, FetchLimits, FetchUpdate};
use crate::gopher::{GopherUrl, ItemKind};
use crate::ui::menu_view::menu_line_text;
use anyhow::{Context, anyhow, bail};
use std::io::Write;
use tokio::io::AsyncWriteExt;
use tokio::sync::mpsc;

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

fn is_broken_pipe(error: &std::io::Error) -> bool {
    error.kind() == std::io::ErrorKind::BrokenPipe
}

/// Writes the reply to stdout byte for byte as it arrives (binary too; nothing added).
pub fn run_raw(url: GopherUrl, limits: FetchLimits) -> anyhow::Result<()> {
    runtime()?.block_on(async move {
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

/// Loads the page at `location` and returns it as plain text lines.
pub fn printable_lines(location: Location, limits: FetchLimits) -> anyhow::Result<Vec<String>> {
    let page = match &location {
        Location::Gopher(url) => fetch_page(url.clone(), limits)?,
        builtin => builtin_page(builtin).ok_or_else(|| anyhow!("no such page {builtin}"))?,
    };
    Ok(match &page.content {
        Content::Menu(menu) => menu
            .items()
            .map(|i| menu_line_text(&i).trim_end().to_owned())
            .collect(),
        Content::Text(doc) => doc.lines().map(str::to_owned).collect(),
        Content::Error { details, .. } => {
            let why = details
                .lines()
                .find_map(|l| l.strip_prefix("Why: "))
                .unwrap_or("unknown error");
            let headline = details.line(0);
            bail!("{headline}: {why}")
        }
    })
}

fn fetch_page(url: GopherUrl, limits: FetchLimits) -> anyhow::Result<crate::app::page::Page> {
    match url.item_type.kind() {
        ItemKind::Menu | ItemKind::Text | ItemKind::Html => {}
        ItemKind::Search if url.query.is_some() => {}
        ItemKind::Search => bail!("{url} is a search: add the query as %09query to the URL"),
        _ => bail!(
            "{url} is not a page (item type {}): use --raw",
            url.item_type.label()
        ),
    }
    runtime()?.block_on(async move {
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
                }
                FetchEvent::Done => return Ok(completed_page(&url, parser.finish(), bytes)),
                FetchEvent::Failed(error) => return Ok(failed_page(&url, &error, bytes)),
            }
        }
        Err(anyhow!(
            "could not load {url}: the transfer stopped unexpectedly"
        ))
    })
}

/// `--print`: writes the page's plain text to stdout.
pub fn run_print(location: Location, limits: FetchLimits) -> anyhow::Result<()> {
    let lines = printable_lines(location, limits)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in lines {
        match writeln!(out, "{line}") {
            Err(e) if is_broken_pipe(&e) => return Ok(()),
            other => other.context("writing to standard output")?,
        }
    }
    match out.flush() {
        Err(e) if is_broken_pipe(&e) => Ok(()),
        other => other.context("writing to standard output"),
    }
}
