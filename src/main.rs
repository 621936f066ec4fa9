//! The `burrow` command: parses the command line (defined in `burrow::cli`) and starts the
//! browser or the classic one-shot client.

use burrow::app::Location;
use burrow::cli::{self, Cli};
use burrow::startup::{Environment, LimitFlags, load_settings};
use burrow::{oneshot, runtime};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// What Burrow says when started without a terminal and without `--print` or `--raw`.
const NEEDS_A_TERMINAL: &str = "burrow needs a terminal; use --print or --raw";

/// Whether the browser can run: its screen goes to standard output, and keys come from
/// standard input or, when that is redirected, the controlling terminal.
fn has_terminal() -> bool {
    std::io::stdout().is_terminal()
        && (std::io::stdin().is_terminal() || std::fs::File::open("/dev/tty").is_ok())
}

fn run(cli: Cli) -> anyhow::Result<()> {
    if cli.print_default_config {
        let mut out = std::io::stdout().lock();
        out.write_all(cli::EXAMPLE_CONFIG.as_bytes())?;
        return Ok(out.flush()?);
    }
    if let Some(file) = &cli.log {
        burrow::debug_log::start(file)?;
    }
    let limits = LimitFlags {
        connect_timeout: cli.connect_timeout,
        idle_timeout: cli.idle_timeout,
        total_timeout: cli.total_timeout,
    };
    let location = cli.url.as_deref().map(Location::parse).transpose()?;
    let one_shot = cli.raw || cli.print;
    if !one_shot && !has_terminal() {
        anyhow::bail!(NEEDS_A_TERMINAL);
    }
    let mut settings = load_settings(limits, cli.config.clone(), cli.proxy.as_deref())?;
    // Kept until the window ends: while it lives, other windows leave the session alone.
    let _session_owner = match one_shot {
        true => None,
        false => settings.open_session(cli.no_session),
    };
    log::debug!(
        "mode: {}; proxy: {}; config: {}",
        match (cli.raw, cli.print) {
            (true, _) => "--raw",
            (_, true) => "--print",
            _ => "browser",
        },
        settings
            .proxy
            .as_ref()
            .map_or_else(|| "none".to_owned(), ToString::to_string),
        cli.config
            .as_ref()
            .map_or_else(|| "standard".to_owned(), |p| p.display().to_string()),
    );
    for warning in &settings.warnings {
        log::warn!("start-up: {warning}");
    }
    if one_shot {
        for warning in &settings.warnings {
            eprintln!("burrow: warning: {}", burrow::gopher::sanitize(warning));
        }
    }
    match location {
        Some(Location::Gopher(url)) if cli.raw => oneshot::run_raw(url, &settings),
        Some(_) if cli.raw => anyhow::bail!("--raw needs a gopher:// or gophers:// address"),
        Some(location) if cli.print => oneshot::run_print(location, &settings),
        initial => runtime::run_tui(initial, settings),
    }
}

fn main() -> ExitCode {
    let outcome = run(cli::parse(&Environment::current()));
    if let Err(error) = &outcome {
        log::error!("ended with an error: {error:#}");
    } else {
        log::info!("ended");
    }
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.to_string() == NEEDS_A_TERMINAL => {
            eprintln!("{NEEDS_A_TERMINAL}");
            ExitCode::FAILURE
        }
        Err(error) => {
            let message = burrow::gopher::sanitize(&format!("{error:#}"));
            eprintln!("burrow: {message}");
            ExitCode::FAILURE
        }
    }
}
