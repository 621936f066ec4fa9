//! The `burrow` command: parses the command line and starts the browser or the classic
//! one-shot client.

use burrow::app::page::Location;
use burrow::startup::{LimitFlags, load_settings};
use burrow::{oneshot, runtime};
use clap::Parser;
use std::process::ExitCode;

/// A terminal browser for Gopherspace.
#[derive(Debug, Parser)]
#[command(name = "burrow", version, about, after_help = AFTER_HELP)]
struct Cli {
    /// Address to open: gopher://host[:port]/Tselector, host, host:port/1/path, [::1]:7070.
    /// Without one, Burrow opens its built-in start page.
    url: Option<String>,

    /// Write the reply's exact bytes to standard output and exit (works for any item type).
    #[arg(long, requires = "url", conflicts_with = "print")]
    raw: bool,

    /// Write the page as plain text to standard output and exit.
    #[arg(long, requires = "url")]
    print: bool,

    /// Seconds to wait for a connection to each address [default: 10, or the config's].
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..))]
    connect_timeout: Option<u64>,

    /// Seconds the server may stay silent before the transfer is abandoned [default: 30, or
    /// the config's].
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..))]
    idle_timeout: Option<u64>,

    /// Seconds a page may take to arrive in all (raw downloads have no total limit)
    /// [default: 300, or the config's].
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..))]
    total_timeout: Option<u64>,

    /// Connect through a SOCKS5 proxy, e.g. socks5://127.0.0.1:9050 for Tor. Host names are
    /// resolved by the proxy. Overrides `proxy` in the config file.
    #[arg(long, value_name = "URL")]
    proxy: Option<String>,

    /// Read this config file instead of the standard one (see `assets/config.example.toml`).
    #[arg(long, value_name = "PATH")]
    config: Option<std::path::PathBuf>,
}

const AFTER_HELP: &str = "Keys: Up/Down (k/j) pick a link, Enter/Right follow, Left/Backspace back, \
f forward, g go to an address, G edit the current one, r reload, Esc cancel, ? help, q quit.";

fn run(cli: Cli) -> anyhow::Result<()> {
    let limits = LimitFlags {
        connect_timeout: cli.connect_timeout,
        idle_timeout: cli.idle_timeout,
        total_timeout: cli.total_timeout,
    };
    let location = cli.url.as_deref().map(Location::parse).transpose()?;
    let settings = load_settings(limits, cli.config.clone(), cli.proxy.as_deref())?;
    let one_shot = cli.raw || cli.print;
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
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let message = burrow::gopher::sanitize(&format!("{error:#}"));
            eprintln!("burrow: {message}");
            ExitCode::FAILURE
        }
    }
}
