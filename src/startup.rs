//! What Burrow starts with: the command line's choices merged with the config file, and the
//! pinned certificates, and the app set up from them. Problems with either file become
//! warnings shown at start-up, never silent resets.

use crate::app::Location;
use crate::app::external::ExternalPrograms;
use crate::app::history::DEFAULT_PAGE_MEMORY;
use crate::app::input::Keymap;
use crate::app::{App, AppConfig, Command, HistorySettings, Msg, downloads::DEFAULT_DOWNLOAD_CAP};
use crate::fetch::FetchOptions;
use crate::fetch::socks::ProxyAddr;
use crate::gopher::transfer::FetchLimits;
use crate::gopher::{Encoding, GopherUrl};
use crate::store::address_history::read_address_history;
use crate::store::config::{
    Config, ProxyInInvalidConfig, TabBarMode, parse_config, proxy_in_invalid_config,
};
use crate::store::history_move::{HistoryMove, move_history};
use crate::store::known_hosts::KnownHosts;
use crate::store::session::{Session, read_session};
use crate::store::{Paths, read_optional};
use crate::ui::Theme;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Settings {
    pub limits: FetchLimits,
    pub proxy: Option<ProxyAddr>,
    /// Where the known-hosts file lives (`None`: no home directory; pins last one session).
    pub known_hosts_path: Option<PathBuf>,
    pub known_hosts: KnownHosts,
    /// Why the known-hosts file could not be used; while set it is never written.
    pub known_hosts_problem: Option<String>,
    /// The bookmarks file (`None`: no home directory).
    pub bookmarks_path: Option<PathBuf>,
    /// The visit history file (`None`: no home directory).
    pub history_path: Option<PathBuf>,
    /// The addresses typed into Go to, beside the history in the state folder.
    pub address_history_path: Option<PathBuf>,
    /// What that file held at start-up, newest first.
    pub typed_addresses: Vec<String>,
    /// Where downloads go (`None`: no home directory and none configured).
    pub download_dir: Option<PathBuf>,
    /// Downloads stop at this many bytes.
    pub download_cap: u64,
    /// The page opened when no address is given (`None`: the built-in start page).
    pub start_page: Option<Location>,
    /// Whether menus show link numbers from the start.
    pub link_numbers: bool,
    /// Whether Burrow takes clicks and the wheel (`mouse` in the config).
    pub mouse: bool,
    /// The programs web links, sessions and images are handed to.
    pub programs: ExternalPrograms,
    /// The colours (monochrome under `NO_COLOR`) with the config's `[theme]` on top.
    pub theme: Theme,
    /// Which key does what (the defaults changed by the config's `[keys]`).
    pub keymap: Keymap,
    /// Whether visited pages are remembered and how many (`[history] enabled` and `size`).
    pub history: HistorySettings,
    /// Bytes of page bodies kept for Back and Forward (`[history] page_memory`).
    pub page_memory: u64,
    /// The encoding pages are decoded in unless `e` changes one (the browser and `--print`).
    pub encoding: Encoding,
    /// When the tab bar shows (`tab_bar`).
    pub tab_bar: TabBarMode,
    /// Whether the last session is reopened and this one saved (`restore_session`; off with
    /// `--no-session`, see [`Settings::open_session`]).
    pub restore_session: bool,
    /// The session file, read and written while sessions are on (`None`: they are off, or
    /// there is no home directory).
    pub session_path: Option<PathBuf>,
    /// The session to reopen, read by [`Settings::open_session`] (`None`: nothing saved).
    pub session: Option<Session>,
    /// Why the session file could not be read; while set it is left as it is (written again
    /// only once the user removes it).
    pub session_problem: Option<String>,
    /// Problems to show the user (invalid config, unreadable files).
    pub warnings: Vec<String>,
    /// Set when a configured proxy cannot be used: every fetch fails with this reason instead
    /// of connecting without the proxy.
    pub network_blocked: Option<String>,
}

impl Settings {
    /// What the app is built from: the part of the settings that belongs to browsing.
    pub fn app_config(&self) -> AppConfig {
        AppConfig {
            limits: self.limits,
            keymap: self.keymap.clone(),
            known_hosts: self.known_hosts.clone(),
            known_hosts_problem: self.known_hosts_problem.clone(),
            programs: self.programs.clone(),
            download_cap: self.download_cap,
            show_link_numbers: self.link_numbers,
            history: self.history,
            page_memory: self.page_memory,
            default_encoding: self.encoding,
            typed_addresses: self.typed_addresses.clone(),
            warnings: self.warnings.clone(),
            home: self.start_page.clone().unwrap_or(Location::Start),
        }
    }

    /// Reads the session to reopen, for the browser (not `--print` or `--raw`). With
    /// `no_session` (`--no-session`) sessions are off for this run: nothing is read, and the
    /// saved session is not replaced. A file that cannot be read is reported (a start-up
    /// warning) and left as it is.
    pub fn open_session(&mut self, no_session: bool) {
        if no_session {
            self.restore_session = false;
            self.session_path = None;
        }
        let Some(path) = &self.session_path else {
            return;
        };
        let check = |address: &str| {
            Location::parse(address)
                .map(drop)
                .map_err(|e| e.to_string())
        };
        match read_session(path, &check) {
            Ok(session) => self.session = session,
            Err(why) => {
                self.warnings.push(format!(
                    "{why}; Burrow starts without it, and saves no session until it is removed"
                ));
                self.session_problem = Some(why);
            }
        }
    }

    /// The options for fetching `url`: limits, proxy and the pin for its host, if any.
    pub fn fetch_options(&self, url: &GopherUrl) -> FetchOptions {
        let mut options = FetchOptions::new(self.limits);
        options.proxy = self.proxy.clone();
        options.blocked = self.network_blocked.clone();
        if url.tls {
            options.pinned = self.known_hosts.get(&url.host_port());
        }
        options
    }
}

/// Time limits given on the command line, in seconds; each overrides the config's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LimitFlags {
    pub connect_timeout: Option<u64>,
    pub idle_timeout: Option<u64>,
    pub total_timeout: Option<u64>,
}

/// What settings depend on outside the files: where the files are, the home directory, the
/// usual download folder and `NO_COLOR`. Tests give their own instead of the real home.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    pub paths: Option<Paths>,
    pub home: Option<PathBuf>,
    pub default_download_dir: Option<PathBuf>,
    pub no_color: bool,
}

impl Environment {
    pub fn current() -> Environment {
        let user_dirs = directories::UserDirs::new();
        Environment {
            paths: Paths::standard(),
            home: user_dirs.as_ref().map(|d| d.home_dir().to_path_buf()),
            default_download_dir: user_dirs.map(|dirs| {
                dirs.download_dir()
                    .map(|d| d.to_path_buf())
                    .unwrap_or_else(|| dirs.home_dir().join("Downloads"))
            }),
            no_color: crate::ui::theme::no_color_from_env(),
        }
    }
}

/// A valid config file and the keymap its `[keys]` make.
struct Configured {
    config: Config,
    keymap: Keymap,
    /// Keys that moved from one action to another, and actions left without keys.
    notes: Vec<String>,
}

/// Parses a config file and applies its `[keys]`; an error reads "line N: reason".
fn configure(text: &str) -> Result<Configured, String> {
    let config = parse_config(text)?;
    let mut keymap = Keymap::default();
    let mut notes = Vec::new();
    for binding in &config.keys {
        let line = binding.line;
        let moved = keymap
            .remap(&binding.action, &binding.keys)
            .map_err(|why| format!("line {line}: {why}"))?;
        notes.extend(
            moved
                .into_iter()
                .map(|m| format!("config line {line}: {m}")),
        );
    }
    Ok(Configured {
        config,
        keymap,
        notes,
    })
}

/// `~` or a leading `~/` stands for the home directory.
pub fn expand_home(path: &Path, home: Option<&Path>) -> Result<PathBuf, String> {
    if path.as_os_str().is_empty() {
        return Err("download_dir is empty; using the default download folder".to_owned());
    }
    let Ok(rest) = path.strip_prefix("~") else {
        // A relative folder is taken from where Burrow started, and reported in full.
        return std::path::absolute(path)
            .map_err(|e| format!("download_dir {} cannot be used: {e}", path.display()));
    };
    match home {
        Some(home) => Ok(home.join(rest)),
        None => Err(format!(
            "download_dir {} names the home directory, but there is none",
            path.display()
        )),
    }
}

/// Loads settings from the real environment; see [`settings_in`].
pub fn load_settings(
    flags: LimitFlags,
    config_path: Option<PathBuf>,
    proxy: Option<&str>,
) -> anyhow::Result<Settings> {
    settings_in(&Environment::current(), flags, config_path, proxy)
}

/// Loads settings. `config_path` overrides the standard config file; `flags` override the
/// config's time limits and `proxy` (from the command line) its `proxy`. Errors in `proxy`
/// given on the command line are errors; everything else becomes a warning.
pub fn settings_in(
    env: &Environment,
    flags: LimitFlags,
    config_path: Option<PathBuf>,
    proxy: Option<&str>,
) -> anyhow::Result<Settings> {
    let paths = env.paths.clone();
    let mut warnings = Vec::new();
    let config_file = config_path
        .clone()
        .or_else(|| paths.as_ref().map(|p| p.config_file.clone()));
    // A proxy named in the config but unusable blocks the network rather than going direct.
    let mut network_blocked = None;
    let mut configured_proxy = None;
    let mut configured = Configured {
        config: Config::default(),
        keymap: Keymap::default(),
        notes: Vec::new(),
    };
    if let Some(file) = &config_file {
        match read_optional(file) {
            Ok(None) if config_path.is_some() => {
                warnings.push(format!(
                    "config file {} not found; using defaults",
                    file.display()
                ));
            }
            Ok(None) => {}
            Ok(Some(text)) => match configure(&text) {
                Ok(valid) => {
                    configured_proxy = valid.config.proxy.clone();
                    configured = valid;
                }
                Err(why) => {
                    warnings.push(format!(
                        "config file {} is invalid, {why}; using defaults",
                        file.display()
                    ));
                    match proxy_in_invalid_config(&text) {
                        ProxyInInvalidConfig::None => {}
                        ProxyInInvalidConfig::Named(proxy) => configured_proxy = Some(proxy),
                        ProxyInInvalidConfig::Unclear => {
                            network_blocked = Some(format!(
                                "not connecting: the config file {} may name a proxy but is \
                                 invalid; fix it or give --proxy",
                                file.display()
                            ));
                        }
                    }
                }
            },
            Err(e) => warnings.push(format!(
                "cannot read {}: {e}; using defaults",
                file.display()
            )),
        }
    }
    let proxy = match (proxy, configured_proxy) {
        (Some(flag), _) => {
            network_blocked = None;
            Some(ProxyAddr::parse(flag).map_err(anyhow::Error::msg)?)
        }
        (None, Some(configured)) => match ProxyAddr::parse(&configured) {
            Ok(proxy) => Some(proxy),
            Err(why) => {
                network_blocked = Some(format!(
                    "not connecting: the proxy in the config file is unusable ({why}); fix it or \
                     give --proxy"
                ));
                None
            }
        },
        (None, None) => None,
    };
    if let Some(why) = &network_blocked {
        warnings.push(why.clone());
    }
    let bookmarks_path = paths.as_ref().map(|p| p.bookmarks.clone());
    let address_history_path = paths
        .as_ref()
        .map(|p| p.history.with_file_name("typed_addresses"));
    let typed_addresses = match address_history_path.as_deref().map(read_address_history) {
        Some(Err(why)) => {
            warnings.push(why);
            Vec::new()
        }
        Some(Ok(addresses)) => addresses,
        None => Vec::new(),
    };
    let history_path = paths.as_ref().map(|p| match &p.old_history {
        Some(old) => {
            let (used, outcome) = move_history(old, &p.history);
            if let HistoryMove::Failed(why) = outcome {
                warnings.push(why);
            }
            used
        }
        None => p.history.clone(),
    });
    let known_hosts_path = paths.as_ref().map(|p| p.known_hosts.clone());
    let (known_hosts, known_hosts_problem) = match &known_hosts_path {
        None => (KnownHosts::default(), None),
        Some(file) => match read_optional(file) {
            Ok(None) => (KnownHosts::default(), None),
            Ok(Some(text)) => match KnownHosts::parse(&text) {
                Ok(known) => (known, None),
                Err(why) => {
                    let problem = format!("{} is malformed, {why}", file.display());
                    warnings.push(format!("{problem}; it is left untouched"));
                    (KnownHosts::default(), Some(problem))
                }
            },
            Err(e) => {
                let problem = format!("cannot read {}: {e}", file.display());
                warnings.push(problem.clone());
                (KnownHosts::default(), Some(problem))
            }
        },
    };
    let Configured {
        config,
        keymap,
        notes,
    } = configured;
    warnings.extend(notes);
    let restore_session = config.restore_session.unwrap_or(true);
    let session_path = paths
        .as_ref()
        .filter(|_| restore_session)
        .map(Paths::session);
    let download_dir = match &config.download_dir {
        None => env.default_download_dir.clone(),
        Some(dir) => match expand_home(dir, env.home.as_deref()) {
            Ok(dir) => Some(dir),
            Err(why) => {
                warnings.push(why);
                env.default_download_dir.clone()
            }
        },
    };
    let network = config.network;
    let seconds = |flag: Option<u64>, configured: Option<_>, default: Duration| {
        flag.or(configured.map(|c: crate::store::config::Positive| c.0))
            .map_or(default, Duration::from_secs)
    };
    let defaults = FetchLimits::default();
    let limits = FetchLimits {
        connect_timeout: seconds(
            flags.connect_timeout,
            network.connect_timeout,
            defaults.connect_timeout,
        ),
        idle_timeout: seconds(
            flags.idle_timeout,
            network.idle_timeout,
            defaults.idle_timeout,
        ),
        total_timeout: seconds(
            flags.total_timeout,
            network.total_timeout,
            defaults.total_timeout,
        ),
        max_bytes: network.max_page_size.map_or(defaults.max_bytes, |p| p.0),
    };
    let mut programs = ExternalPrograms::default();
    let commands = &config.commands;
    for (program, configured) in [
        (&mut programs.opener, &commands.opener),
        (&mut programs.telnet, &commands.telnet),
        (&mut programs.tn3270, &commands.tn3270),
        (&mut programs.image_viewer, &commands.image_viewer),
        (&mut programs.clipboard, &commands.clipboard),
    ] {
        if let Some(argv) = configured {
            *program = argv.0.clone();
        }
    }
    Ok(Settings {
        bookmarks_path,
        history_path,
        address_history_path,
        typed_addresses,
        keymap,
        download_dir,
        download_cap: network
            .max_download_size
            .map_or(DEFAULT_DOWNLOAD_CAP, |p| p.0),
        start_page: config
            .start_page
            .as_ref()
            .and_then(|page| Location::parse(&page.0).ok()),
        link_numbers: config.link_numbers,
        mouse: config.mouse.unwrap_or(true),
        programs,
        theme: Theme::configured(&config.theme, env.no_color),
        history: HistorySettings {
            enabled: config.history.enabled,
            size: usize::try_from(config.history.size.0).unwrap_or(usize::MAX),
        },
        page_memory: config
            .history
            .page_memory
            .map_or(DEFAULT_PAGE_MEMORY, |p| p.0),
        encoding: config
            .encoding
            .as_ref()
            .and_then(|e| Encoding::from_name(e.as_str()))
            .unwrap_or_default(),
        limits,
        proxy,
        known_hosts_path,
        known_hosts,
        known_hosts_problem,
        tab_bar: config.tab_bar.unwrap_or_default(),
        restore_session,
        session_path,
        session: None,
        session_problem: None,
        warnings,
        network_blocked,
    })
}

/// The app as Burrow starts: settings applied, start-up warnings in the status bar (one after
/// another, each until a key), and the address given (or the configured start page) opening.
/// Returns the commands that opening asks for.
pub fn start_app(
    settings: &Settings,
    screen: (u16, u16),
    initial: Option<Location>,
) -> (App, Vec<Command>) {
    let mut app = App::new(settings.app_config(), screen);
    let first = initial
        .or_else(|| settings.start_page.clone())
        .filter(|l| *l != Location::Start);
    let commands = first
        .map(|l| app.update(Msg::StartWith(l)))
        .unwrap_or_default();
    (app, commands)
}
