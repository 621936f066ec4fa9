//! What Burrow starts with: the command line's choices merged with the config file, the
//! user's files found and read, and the app set up from them. Problems with any file become
//! warnings shown at start-up, never silent resets.
//!
//! [`settings_in`] runs small steps, each returning its value and its warnings
//! ([`checked::Checked`]): the config file and the proxy (`config_file`), the user's files
//! (`user_files`) and the values taken from the checked config (`choices`).

mod checked;
mod choices;
mod config_file;
mod user_files;

pub use user_files::expand_home;

use crate::app::Location;
use crate::app::external::ExternalPrograms;
use crate::app::input::Keymap;
use crate::app::{App, AppConfig, Command, HistorySettings, Msg};
use crate::fetch::FetchOptions;
use crate::fetch::socks::ProxyAddr;
use crate::gopher::transfer::FetchLimits;
use crate::gopher::{Encoding, GopherUrl};
use crate::store::config::TabBarMode;
use crate::store::known_hosts::KnownHosts;
use crate::store::session::{Session, SessionOwner, claim_session, read_session};
use crate::store::{Paths, StoreError};
use crate::ui::Theme;
use config_file::{LoadedConfig, ProxyChoice, choose_proxy, read_config};
use std::path::PathBuf;
use user_files::{
    download_dir, history_in_place, read_known_hosts, read_typed_addresses, session_path,
};

#[derive(Debug, Clone)]
pub struct Settings {
    pub limits: FetchLimits,
    pub proxy: Option<ProxyAddr>,
    /// Where the known-hosts file lives (`None`: no home directory; pins last one session).
    pub known_hosts_path: Option<PathBuf>,
    pub known_hosts: KnownHosts,
    /// Why the known-hosts file could not be used; while set it is never written.
    pub known_hosts_problem: Option<StoreError>,
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
    /// The search the search key and `g ?words` use.
    pub search_engine: crate::gopher::GopherUrl,
    /// The reading column of texts (`wrap_width`, 0 for the screen; `center`).
    pub wrap_width: usize,
    pub center: bool,
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
    /// Why the session file could not be read; while that says the file is to be left alone
    /// ([`StoreError::leaves_the_file_alone`]) it is written again only once the user removes
    /// it.
    pub session_problem: Option<StoreError>,
    /// Problems to show the user (invalid config, unreadable files).
    pub warnings: Vec<String>,
    /// What to tell the user at start-up that is not a problem (another window keeps the
    /// session).
    pub notes: Vec<String>,
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
            // The app never writes the file while this is set.
            known_hosts_problem: self
                .known_hosts_problem
                .as_ref()
                .filter(|problem| problem.leaves_the_file_alone())
                .map(ToString::to_string),
            programs: self.programs.clone(),
            download_cap: self.download_cap,
            show_link_numbers: self.link_numbers,
            history: self.history,
            page_memory: self.page_memory,
            default_encoding: self.encoding,
            typed_addresses: self.typed_addresses.clone(),
            tab_bar: self.tab_bar,
            save_session: self.session_path.is_some(),
            warnings: self.warnings.clone(),
            notes: self.notes.clone(),
            home: self.start_page.clone().unwrap_or(Location::Start),
            search_engine: self.search_engine.clone(),
            wrap_width: self.wrap_width,
            center: self.center,
        }
    }

    /// Reads the session to reopen, for the browser (not `--print` or `--raw`). With
    /// `no_session` (`--no-session`) sessions are off for this run: nothing is read, and the
    /// saved session is not replaced. A file that cannot be read is reported (a start-up
    /// warning) and left as it is.
    ///
    /// Only one window keeps the session: the first claims it (the returned owner, to be kept
    /// until the window ends); a window opened while another keeps it starts fresh, saves no
    /// session, and says so, so two windows never overwrite each other's tabs.
    pub fn open_session(&mut self, no_session: bool) -> Option<SessionOwner> {
        if no_session {
            self.restore_session = false;
            self.session_path = None;
        }
        let path = self.session_path.clone()?;
        let owner = match claim_session(&path) {
            Ok(Some(owner)) => owner,
            Ok(None) => {
                self.notes.push(format!(
                    "Another Burrow window keeps the session ({}): this window starts fresh \
                     and its tabs are not saved",
                    path.display()
                ));
                self.restore_session = false;
                self.session_path = None;
                return None;
            }
            Err(why) => {
                self.warnings
                    .push(format!("{why}; this window's tabs are not saved"));
                self.restore_session = false;
                self.session_path = None;
                return None;
            }
        };
        let check = |address: &str| {
            Location::parse(address)
                .map(drop)
                .map_err(|e| e.to_string())
        };
        match read_session(&path, &check) {
            Ok(session) => self.session = session,
            Err(why) => {
                self.warnings.push(format!(
                    "{why}; Burrow starts without it, and saves no session until it is removed"
                ));
                self.session_problem = Some(why);
            }
        }
        Some(owner)
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
/// given on the command line are errors; everything else becomes a warning. Each step returns
/// its value with its warnings, gathered here in the order the steps run (the order the user
/// sees them in).
pub fn settings_in(
    env: &Environment,
    flags: LimitFlags,
    config_path: Option<PathBuf>,
    proxy: Option<&str>,
) -> anyhow::Result<Settings> {
    let paths = env.paths.as_ref();
    let mut warnings = Vec::new();
    let config_file = config_path
        .clone()
        .or_else(|| paths.map(|p| p.config_file.clone()));
    let LoadedConfig {
        config,
        keymap,
        proxy: proxy_in_file,
    } = read_config(config_file.as_deref(), config_path.is_some()).take(&mut warnings);
    let ProxyChoice {
        proxy,
        network_blocked,
    } = choose_proxy(proxy, proxy_in_file)?.take(&mut warnings);
    let address_history_path = paths.map(|p| p.history.with_file_name("typed_addresses"));
    let typed_addresses = read_typed_addresses(address_history_path.as_deref()).take(&mut warnings);
    let history_path = paths.map(|p| history_in_place(p).take(&mut warnings));
    let known_hosts_path = paths.map(|p| p.known_hosts.clone());
    let known = known_hosts_path
        .as_deref()
        .map(|file| read_known_hosts(file).take(&mut warnings))
        .unwrap_or_default();
    let keymap = keymap.take(&mut warnings);
    let download_dir = download_dir(
        config.download_dir.as_deref(),
        env.home.as_deref(),
        env.default_download_dir.as_deref(),
    )
    .take(&mut warnings);
    let restore_session = config.restore_session.unwrap_or(true);
    Ok(Settings {
        bookmarks_path: paths.map(|p| p.bookmarks.clone()),
        history_path,
        address_history_path,
        typed_addresses,
        keymap,
        download_dir,
        download_cap: choices::download_cap(&config.network),
        start_page: choices::start_page(&config),
        search_engine: choices::search_engine(&config),
        wrap_width: config.wrap_width.map_or(0, usize::from),
        center: config.center,
        link_numbers: config.link_numbers,
        mouse: config.mouse.unwrap_or(true),
        programs: choices::programs(&config.commands),
        theme: Theme::configured(&config.theme, env.no_color),
        history: choices::history(&config.history),
        page_memory: choices::page_memory(&config.history),
        encoding: choices::encoding(&config),
        limits: choices::limits(flags, &config.network),
        proxy,
        known_hosts_path,
        known_hosts: known.known_hosts,
        known_hosts_problem: known.problem,
        tab_bar: config.tab_bar.unwrap_or_default(),
        restore_session,
        session_path: session_path(paths, restore_session),
        session: None,
        session_problem: None,
        warnings,
        notes: Vec::new(),
        network_blocked,
    })
}

/// The app as Burrow starts: settings applied, start-up warnings in the status bar (one after
/// another, each until a key), the last session's tabs back (with the address given in a new
/// tab beside them), or else the address given (or the configured start page) opening.
/// Returns the commands that opening asks for.
pub fn start_app(
    settings: &Settings,
    screen: (u16, u16),
    initial: Option<Location>,
) -> (App, Vec<Command>) {
    let mut app = App::new(settings.app_config(), screen);
    let mut commands = opening_commands(&mut app, settings, initial);
    // The history marks visited links from the first menu on.
    commands.extend(app.read_visited());
    (app, commands)
}

/// What opening the first page (or the last session) asks for.
fn opening_commands(app: &mut App, settings: &Settings, initial: Option<Location>) -> Vec<Command> {
    if let Some(session) = settings.session.clone().filter(|s| !s.tabs.is_empty()) {
        // The last run's tabs come back; an address given opens in a new tab beside them.
        let mut commands = app.update(Msg::RestoreSession(session));
        if let Some(location) = initial {
            commands.extend(app.update(Msg::OpenTab(location)));
        }
        return commands;
    }
    let first = initial
        .or_else(|| settings.start_page.clone())
        .filter(|l| *l != Location::Start);
    first
        .map(|l| app.update(Msg::StartWith(l)))
        .unwrap_or_default()
}
