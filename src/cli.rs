//! The command line: the flags and their checks, and the help around them. The definition lives
//! in the library so the man page and the shell completions in `assets/` can be generated from
//! it (`tests/it/generated_docs.rs` fails when they are stale). `--help` names the files where they
//! really are on this machine; the man page names them the way the XDG rules find them.

use crate::startup::Environment;
use clap::{CommandFactory, FromArgMatches, Parser};
use std::path::PathBuf;

/// The longest time limit a flag takes: one day.
pub const MAX_SECONDS: u64 = 86_400;

/// The example config (every key, commented out, with its default), printed by
/// `--print-default-config`.
pub const EXAMPLE_CONFIG: &str = include_str!("../assets/config.example.toml");

/// A terminal browser for Gopherspace.
#[derive(Debug, Parser)]
#[command(name = "burrow", version, about, long_about = LONG_ABOUT)]
pub struct Cli {
    /// Address to open: gopher://host[:port]/Tselector, gophers://host/ (over TLS),
    /// finger://host[:port]/user (RFC 1288), host, host:port/1/path, [::1]:7070. Without one,
    /// Burrow opens its start page.
    pub url: Option<String>,

    /// Write the reply's exact bytes to standard output and exit (works for any item type).
    #[arg(long, requires = "url", conflicts_with = "print")]
    pub raw: bool,

    /// Write the page as plain text to standard output and exit.
    #[arg(long, requires = "url")]
    pub print: bool,

    /// Seconds to wait for a connection to each address, 1–86400 [default: 10, or the config's].
    #[arg(long, value_name = "SECS", value_parser = seconds)]
    pub connect_timeout: Option<u64>,

    /// Seconds the server may stay silent before the transfer is abandoned, 1–86400
    /// [default: 30, or the config's].
    #[arg(long, value_name = "SECS", value_parser = seconds)]
    pub idle_timeout: Option<u64>,

    /// Seconds a page may take to arrive in all, 1–86400 (raw downloads have no total limit)
    /// [default: 300, or the config's].
    #[arg(long, value_name = "SECS", value_parser = seconds)]
    pub total_timeout: Option<u64>,

    /// Connect through a SOCKS5 proxy, e.g. socks5://127.0.0.1:9050 for Tor. Host names are
    /// resolved by the proxy. Overrides `proxy` in the config file.
    #[arg(long, value_name = "URL")]
    pub proxy: Option<String>,

    /// Read this config file instead of the standard one.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Write a debug log to this file (requests, timings, TLS decisions, errors; never page
    /// contents). It is appended to. Without --log nothing is logged.
    #[arg(long, value_name = "FILE")]
    pub log: Option<PathBuf>,

    /// Start on a fresh tab instead of reopening the last session, and leave the saved session
    /// as it is for the next run (`restore_session = false` in the config turns sessions off).
    #[arg(long)]
    pub no_session: bool,

    /// Print the example config file (every key, commented out, with its default) and exit.
    #[arg(long, exclusive = true)]
    pub print_default_config: bool,
}

const LONG_ABOUT: &str = "A terminal browser for Gopherspace (RFC 1436, gopher:// and gophers:// \
URLs) and finger (RFC 1288, finger:// URLs). Menus become selectable lines, arrow keys follow \
links, history goes back and forward, and nothing a server sends can drive the terminal. With \
--print or --raw it fetches one page to standard output instead.";

/// The keys worth knowing before the first start (`?` in Burrow lists every key).
pub const KEYS: &str = "Up/Down (k/j) pick a link, Enter/Right follow, Left/Backspace back,
f forward, g go to an address, G edit the current one, r reload, Esc cancel,
? help (every key), q quit.";

/// A time limit in seconds, 1–86400.
fn seconds(text: &str) -> Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(n) if (1..=MAX_SECONDS).contains(&n) => Ok(n),
        _ => Err(format!("must be 1–{MAX_SECONDS} seconds")),
    }
}

/// One file Burrow uses: what it is, where the XDG rules put it, and where it is here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEntry {
    pub what: &'static str,
    /// The location in XDG terms, the same on every machine (for the man page).
    pub generic: &'static str,
    /// The location on this machine, when there is a home directory.
    pub here: Option<PathBuf>,
}

/// The files Burrow reads and writes, located in `env`.
pub fn files(env: &Environment) -> Vec<FileEntry> {
    let paths = env.paths.as_ref();
    vec![
        FileEntry {
            what: "config",
            generic: "$XDG_CONFIG_HOME/burrow/config.toml (~/.config/burrow/config.toml)",
            here: paths.map(|p| p.config_file.clone()),
        },
        FileEntry {
            what: "bookmarks",
            generic: "$XDG_CONFIG_HOME/burrow/bookmarks.gophermap",
            here: paths.map(|p| p.bookmarks.clone()),
        },
        FileEntry {
            what: "history",
            generic: "$XDG_STATE_HOME/burrow/history.gophermap (~/.local/state/burrow/)",
            here: paths.map(|p| p.history.clone()),
        },
        FileEntry {
            what: "session",
            generic: "$XDG_STATE_HOME/burrow/session (the tabs open when Burrow last ran)",
            here: paths.map(|p| p.session()),
        },
        FileEntry {
            what: "known hosts",
            generic: "$XDG_DATA_HOME/burrow/known_hosts (pinned TLS certificates)",
            here: paths.map(|p| p.known_hosts.clone()),
        },
        FileEntry {
            what: "downloads",
            generic: "XDG_DOWNLOAD_DIR (~/Downloads), or download_dir in the config",
            here: env.default_download_dir.clone(),
        },
    ]
}

/// The environment variables Burrow reads, and what for.
pub const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "NO_COLOR",
        "set and non-empty: no colours, only bold, underline and reverse video",
    ),
    (
        "XDG_CONFIG_HOME",
        "where the config and bookmarks live (default ~/.config)",
    ),
    (
        "XDG_DATA_HOME",
        "where the known hosts live (default ~/.local/share)",
    ),
    (
        "XDG_STATE_HOME",
        "where the history and the session live (default ~/.local/state)",
    ),
    (
        "XDG_DOWNLOAD_DIR",
        "the download folder (set in ~/.config/user-dirs.dirs; default ~/Downloads)",
    ),
    ("HOME", "the home directory the defaults above are under"),
];

/// The text after the options in `--help`: keys, the files where they are here, and the
/// environment.
pub fn help_footer(env: &Environment) -> String {
    let mut text = format!("Keys:\n{}\n\nFiles:\n", indent(KEYS));
    for file in files(env) {
        let place = match &file.here {
            Some(path) => path.display().to_string(),
            None => format!("{} (no home directory here)", file.generic),
        };
        text.push_str(&format!("  {:<13}{place}\n", file.what));
    }
    text.push_str("  Run `burrow --print-default-config` for every config key.\n\nEnvironment:\n");
    for (name, what) in ENVIRONMENT {
        text.push_str(&format!("  {name:<18}{what}\n"));
    }
    text
}

fn indent(lines: &str) -> String {
    lines
        .lines()
        .map(|line| format!("  {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The command-line definition alone, the same on every machine (for the man page and the
/// completions).
pub fn command() -> clap::Command {
    Cli::command()
}

/// Parses the process's arguments; `--help` names the files as they are in `env`. Exits with
/// clap's message on an error, `--help` or `--version`.
pub fn parse(env: &Environment) -> Cli {
    let matches = command().after_help(help_footer(env)).get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Paths;

    fn parse_from(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("burrow").chain(args.iter().copied()))
    }

    #[test]
    fn time_limits_outside_one_second_to_a_day_are_refused_in_words() {
        for bad in ["0", "86401", "-3", "ten", ""] {
            let flag = format!("--idle-timeout={bad}");
            let error = parse_from(&[&flag]).expect_err(bad);
            assert!(
                error.to_string().contains("must be 1–86400 seconds"),
                "{bad}: {error}"
            );
        }
        let cli = parse_from(&["--idle-timeout", "86400", "--connect-timeout", "1"]).expect("ok");
        assert_eq!(cli.idle_timeout, Some(86_400));
        assert_eq!(cli.connect_timeout, Some(1));
    }

    #[test]
    fn no_session_is_a_flag_of_its_own() {
        assert!(!parse_from(&[]).expect("none").no_session);
        let cli = parse_from(&["--no-session", "gopher://example.org/"]).expect("with a url");
        assert!(cli.no_session);
        assert_eq!(cli.url.as_deref(), Some("gopher://example.org/"));
    }

    #[test]
    fn print_default_config_stands_alone() {
        assert!(
            parse_from(&["--print-default-config"])
                .expect("alone")
                .print_default_config
        );
        assert!(parse_from(&["--print-default-config", "gopher://x/"]).is_err());
    }

    #[test]
    fn the_help_footer_names_the_files_where_they_are_and_the_environment() {
        let paths = Paths::standard().expect("tests run with a home directory");
        let env = Environment {
            paths: Some(paths.clone()),
            default_download_dir: Some("/home/u/Downloads".into()),
            ..Environment::default()
        };
        let footer = help_footer(&env);
        let here = [
            &paths.config_file,
            &paths.bookmarks,
            &paths.history,
            &paths.session(),
            &paths.known_hosts,
        ]
        .map(|p| p.display().to_string());
        for expected in here.iter().map(String::as_str).chain([
            "/home/u/Downloads",
            "NO_COLOR",
            "XDG_CONFIG_HOME",
            "XDG_DATA_HOME",
            "XDG_STATE_HOME",
            "--print-default-config",
        ]) {
            assert!(footer.contains(expected), "{expected} in:\n{footer}");
        }
        assert!(!footer.contains("assets/"), "no source-tree path");
    }

    #[test]
    fn without_a_home_the_footer_says_where_the_files_would_be() {
        let footer = help_footer(&Environment::default());
        assert!(footer.contains("$XDG_CONFIG_HOME/burrow/config.toml"));
        assert!(footer.contains("no home directory here"));
    }
}
