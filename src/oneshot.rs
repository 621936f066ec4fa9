//! The classic, non-interactive client: `--raw` streams the reply's exact bytes to stdout;
//! `--print` writes the rendered page as plain sanitised text, decided as the browser decides
//! it (a `.` line ends a text only if the reply ends after it; a page that lost anything ends
//! with an `[incomplete]` line and the command fails saying why). Both use the same fetch
//! layer as the browser and fail with a one-line error.

use crate::app::Location;
use crate::app::builtin_pages::builtin_page;
use crate::app::page::{Content, Page};
use crate::app::reply::{ReplyParser, completed_page, failed_page};
use crate::fetch::fetch;
use crate::gopher::text_parser::TERMINATOR_GRACE;
use crate::gopher::transfer::{FetchError, FetchEvent, FetchUpdate};
use crate::gopher::{GopherUrl, ItemKind};
use crate::startup::Settings;
use crate::ui::menu_view::menu_line_text;
use anyhow::{Context, anyhow, bail};
use std::io::Write;
use std::time::Duration;
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
pub fn run_raw(url: GopherUrl, settings: &Settings) -> anyhow::Result<()> {
    let mut options = settings.fetch_options(&url);
    options.limits.max_bytes = u64::MAX;
    options.limits.total_timeout = Duration::MAX;
    run_async(async move {
        let (tx, mut rx) = mpsc::channel(8);
        tokio::spawn(fetch(1, url.clone(), options, tx));
        let mut out = tokio::io::stdout();
        while let Some(FetchUpdate { event, .. }) = rx.recv().await {
            match event {
                FetchEvent::Connected(_) | FetchEvent::Secured(_) => {}
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
                FetchEvent::Failed(error) => {
                    bail!("could not load {url}: {error}{}", trust_hint(&error))
                }
            }
        }
        Err(anyhow!(
            "could not load {url}: the transfer stopped unexpectedly"
        ))
    })
}

/// How to get past a certificate error, which the one-shot modes cannot ask about.
fn trust_hint(error: &FetchError) -> &'static str {
    match error {
        FetchError::UntrustedCertificate { .. } | FetchError::CertificateChanged { .. } => {
            " (open the address in burrow to review and trust the certificate)"
        }
        _ => "",
    }
}

/// Loads the page at `location`; an error page becomes an error.
fn load_page(location: Location, settings: &Settings) -> anyhow::Result<Page> {
    let page = match &location {
        Location::Gopher(url) => fetch_page(url.clone(), settings)?,
        builtin => builtin_page(builtin, &settings.keymap)
            .ok_or_else(|| anyhow!("no such page {builtin}"))?,
    };
    if let Content::Error { details, .. } = &page.content {
        let why = details
            .lines()
            .find_map(|l| l.strip_prefix("Why: "))
            .unwrap_or("unknown error");
        let hint = if page.trust_offer.is_some() {
            " (open the address in burrow to review and trust the certificate)"
        } else {
            ""
        };
        bail!("{}: {why}{hint}", details.line(0));
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

fn fetch_page(url: GopherUrl, settings: &Settings) -> anyhow::Result<Page> {
    let options = settings.fetch_options(&url);
    match url.item_type.kind() {
        ItemKind::Menu | ItemKind::Text | ItemKind::Html => {}
        ItemKind::Search if url.query.is_some() => {}
        ItemKind::Search => bail!("{url} is a search: add the query as %09query to the URL"),
        _ => bail!(
            "{url} is not a page (item type {}): use --raw",
            url.item_type.label()
        ),
    }
    let encoding = settings.encoding;
    run_async(async move {
        let (tx, mut rx) = mpsc::channel(8);
        tokio::spawn(fetch(1, url.clone(), options, tx));
        let mut parser = ReplyParser::for_url_as(&url, encoding);
        let mut content = parser.empty_content();
        let mut bytes = 0u64;
        let mut secured = None;
        let mut complete = false;
        loop {
            let next = if parser.awaits_end() {
                // A `.` line ends the reply if the server says nothing more for a moment.
                match tokio::time::timeout(TERMINATOR_GRACE, rx.recv()).await {
                    Ok(next) => next,
                    Err(_) => {
                        complete = true;
                        break;
                    }
                }
            } else {
                rx.recv().await
            };
            let Some(FetchUpdate { event, .. }) = next else {
                break;
            };
            match event {
                FetchEvent::Connected(_) => {}
                FetchEvent::Secured(trust) => secured = Some(trust),
                FetchEvent::Chunk(chunk) => {
                    bytes += chunk.len() as u64;
                    parser.push(&mut content, &chunk);
                    // A menu's terminator (or a full page) ends it even if the server keeps
                    // the connection.
                    if parser.has_ended() {
                        complete = true;
                        break;
                    }
                }
                FetchEvent::Done => {
                    complete = true;
                    break;
                }
                FetchEvent::Failed(error) if bytes == 0 => {
                    return Ok(failed_page(&url, &error, bytes));
                }
                FetchEvent::Failed(error) => {
                    // Keep what arrived, marked incomplete, as the browser does.
                    parser.finish_cut(&mut content);
                    let mut page = completed_page(&url, content, bytes);
                    page.mark_incomplete(error.to_string());
                    return Ok(page);
                }
            }
        }
        if !complete {
            bail!("could not load {url}: the transfer stopped unexpectedly");
        }
        parser.finish(&mut content);
        let mut page = completed_page(&url, content, bytes);
        page.security = secured;
        if let Some(why) = page.truncation_reason() {
            page.mark_incomplete(why);
        }
        Ok(page)
    })
}

/// `--print`: writes the page's plain text to stdout.
pub fn run_print(location: Location, settings: &Settings) -> anyhow::Result<()> {
    let page = load_page(location, settings)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match write_page(&page, &mut out) {
        Err(e) if is_broken_pipe(&e) => return Ok(()),
        other => other.context("writing to standard output")?,
    }
    match &page.incomplete {
        Some(why) => bail!("the page is incomplete: {why}"),
        None => Ok(()),
    }
}
