//! The configuration file (TOML, `$XDG_CONFIG_HOME/burrow/config.toml` or `--config PATH`).
//! A missing file means defaults; an invalid one is reported with the line and the reason, and
//! Burrow starts with defaults. Unknown keys are errors, so a typo never goes unnoticed.
//!
//! Every key is documented, with its default, in `assets/config.example.toml`. This module
//! checks types, names and ranges; key names in `[keys]` are checked by the keymap, which
//! reports them with the line kept in [`KeyBinding`].

use super::style::StyleSpec;
use crate::gopher::GopherUrl;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use toml::Spanned;

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The page opened when no address is given: a Gopher URL, `about:start` or `about:help`.
    pub start_page: Option<StartPage>,
    /// Where downloads go; a leading `~/` means the home directory.
    pub download_dir: Option<PathBuf>,
    /// How text is decoded: `auto`, `utf-8`, `latin-1` or `cp437`.
    pub encoding: Option<EncodingName>,
    /// Whether menus show link numbers from the start.
    #[serde(default)]
    pub link_numbers: bool,
    /// Whether clicks and the wheel go to Burrow (unset: yes); `false` leaves the mouse to the
    /// terminal, for its own selection.
    pub mouse: Option<bool>,
    /// Whether `burrow` without an address reopens the tabs of the last run, and the open
    /// tabs are saved for the next (unset: yes).
    pub restore_session: Option<bool>,
    /// When the tab bar shows (unset: `auto`).
    pub tab_bar: Option<TabBarMode>,
    /// Texts wrap at this column, or the screen's width when narrower (unset or 0: the
    /// screen's width).
    pub wrap_width: Option<u16>,
    /// Whether that column of text stands in the middle of a wider screen.
    #[serde(default)]
    pub center: bool,
    /// The search the search key and `g ?words` use: a type-7 Gopher URL.
    pub search_engine: Option<SearchEngine>,
    pub proxy: Option<String>,
    #[serde(default)]
    pub network: NetworkConfig,
    #[serde(default)]
    pub history: HistoryConfig,
    #[serde(default)]
    pub commands: CommandsConfig,
    #[serde(default)]
    pub theme: ThemeConfig,
    /// `[keys]` in file order (filled in by [`parse_config`]).
    #[serde(skip)]
    pub keys: Vec<KeyBinding>,
    #[serde(default, rename = "keys")]
    keys_table: BTreeMap<Spanned<String>, KeyList>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkConfig {
    pub connect_timeout: Option<Positive>,
    pub idle_timeout: Option<Positive>,
    pub total_timeout: Option<Positive>,
    /// Pages larger than this many bytes are cut off with an error.
    pub max_page_size: Option<Positive>,
    /// Downloads stop at this many bytes.
    pub max_download_size: Option<Positive>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HistoryConfig {
    pub enabled: bool,
    /// How many visits are remembered.
    pub size: Positive,
    /// Bytes of page bodies kept for Back and Forward; past it the least recently shown are
    /// dropped and fetched again (unset: the app's default).
    pub page_memory: Option<Positive>,
}

impl Default for HistoryConfig {
    fn default() -> Self {
        HistoryConfig {
            enabled: true,
            size: Positive(1000),
            page_memory: None,
        }
    }
}

/// Programs as argument vectors (never run through a shell). Unset ones keep the defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommandsConfig {
    pub opener: Option<Argv>,
    pub telnet: Option<Argv>,
    pub tn3270: Option<Argv>,
    pub image_viewer: Option<Argv>,
    /// Takes copied text on its standard input (`wl-copy`); unset: OSC 52.
    pub clipboard: Option<Argv>,
}

/// A style for each part of the screen; unset parts keep the built-in style.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeConfig {
    pub title_bar: Option<StyleSpec>,
    pub status_bar: Option<StyleSpec>,
    pub status_error: Option<StyleSpec>,
    pub label_link: Option<StyleSpec>,
    pub label_error: Option<StyleSpec>,
    pub info: Option<StyleSpec>,
    pub link: Option<StyleSpec>,
    pub visited: Option<StyleSpec>,
    pub error_line: Option<StyleSpec>,
    pub selected: Option<StyleSpec>,
    pub headline: Option<StyleSpec>,
    pub search_match: Option<StyleSpec>,
    pub link_number: Option<StyleSpec>,
    pub overlay: Option<StyleSpec>,
    pub tabs: Option<StyleSpec>,
    pub current_tab: Option<StyleSpec>,
}

/// One line of `[keys]`: an action's name and the keys it gets instead of its defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyBinding {
    pub action: String,
    pub keys: Vec<String>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged, expecting = "a key name or a list of key names")]
enum KeyList {
    One(String),
    Many(Vec<String>),
}

/// A whole number of at least 1 (seconds, bytes, entries).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "i64")]
pub struct Positive(pub u64);

impl TryFrom<i64> for Positive {
    type Error = String;

    fn try_from(value: i64) -> Result<Positive, String> {
        u64::try_from(value)
            .ok()
            .filter(|&v| v > 0)
            .map(Positive)
            .ok_or_else(|| format!("{value} is out of range: it must be at least 1"))
    }
}

/// A program and its fixed arguments.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "Vec<String>")]
pub struct Argv(pub Vec<String>);

impl TryFrom<Vec<String>> for Argv {
    type Error = String;

    fn try_from(argv: Vec<String>) -> Result<Argv, String> {
        match argv.first() {
            Some(program) if !program.trim().is_empty() => Ok(Argv(argv)),
            _ => Err("a command must start with a program name, e.g. [\"xdg-open\"]".into()),
        }
    }
}

/// A start page that parses: a Gopher URL, `about:start` or `about:help`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct StartPage(pub String);

impl TryFrom<String> for StartPage {
    type Error = String;

    fn try_from(text: String) -> Result<StartPage, String> {
        let text = text.trim().to_owned();
        if text == "about:start" || text == "about:help" {
            return Ok(StartPage(text));
        }
        GopherUrl::parse(&text)
            .map(|_| StartPage(text.clone()))
            .map_err(|e| format!("`{text}` is not a usable start page: {e}"))
    }
}

/// The Gopher search (type 7) that the search key and `g ?words` send words to.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct SearchEngine(pub GopherUrl);

/// Veronica-2 at Floodgap, searching the titles of Gopherspace.
pub const DEFAULT_SEARCH_ENGINE: &str = "gopher://gopher.floodgap.com/7/v2/vs";

impl TryFrom<String> for SearchEngine {
    type Error = String;

    fn try_from(text: String) -> Result<SearchEngine, String> {
        let url = GopherUrl::parse(text.trim())
            .map_err(|e| format!("`{text}` is not a usable search engine: {e}"))?;
        if url.item_type != crate::gopher::ItemType::SEARCH || url.query.is_some() {
            return Err(format!(
                "`{text}` is not a search: give a type-7 URL without words, e.g. \
                 \"{DEFAULT_SEARCH_ENGINE}\""
            ));
        }
        Ok(SearchEngine(url))
    }
}

/// When the tab bar (one row at the top) shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub enum TabBarMode {
    Always,
    /// While more than one tab is open.
    #[default]
    Auto,
    Never,
}

impl TabBarMode {
    /// Whether the bar shows with this many tabs open.
    pub fn shows(self, tabs: usize) -> bool {
        match self {
            TabBarMode::Always => true,
            TabBarMode::Auto => tabs > 1,
            TabBarMode::Never => false,
        }
    }
}

impl TryFrom<String> for TabBarMode {
    type Error = String;

    fn try_from(text: String) -> Result<TabBarMode, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "always" => Ok(TabBarMode::Always),
            "auto" => Ok(TabBarMode::Auto),
            "never" => Ok(TabBarMode::Never),
            _ => Err(format!(
                "unknown tab_bar `{text}` (one of: always, auto, never)"
            )),
        }
    }
}

/// The encodings the config may name, in their canonical spelling.
pub const ENCODING_NAMES: &[&str] = &["auto", "utf-8", "windows-1252", "latin-1", "cp437"];

/// One of [`ENCODING_NAMES`] (aliases such as `UTF8` or `iso-8859-1` are accepted).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct EncodingName(String);

impl EncodingName {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for EncodingName {
    type Error = String;

    fn try_from(text: String) -> Result<EncodingName, String> {
        let canonical = match text.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "auto" => "auto",
            "utf-8" | "utf8" => "utf-8",
            "windows-1252" | "windows1252" | "cp1252" | "cp-1252" => "windows-1252",
            "latin-1" | "latin1" | "iso-8859-1" => "latin-1",
            "cp437" | "ibm437" => "cp437",
            _ => {
                return Err(format!(
                    "unknown encoding `{text}` (one of: {})",
                    ENCODING_NAMES.join(", ")
                ));
            }
        };
        Ok(EncodingName(canonical.to_owned()))
    }
}

/// The line (from 1) of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Parses a config file; an error reads "line N: reason".
pub fn parse_config(text: &str) -> Result<Config, String> {
    let mut config: Config = toml::from_str(text).map_err(|error| {
        let reason = error.message().trim().to_owned();
        match error.span() {
            Some(span) => format!("line {}: {reason}", line_of(text, span.start)),
            None => reason,
        }
    })?;
    let mut keys: Vec<KeyBinding> = config
        .keys_table
        .iter()
        .map(|(action, list)| KeyBinding {
            action: action.get_ref().clone(),
            keys: match list {
                KeyList::One(key) => vec![key.clone()],
                KeyList::Many(keys) => keys.clone(),
            },
            line: line_of(text, action.span().start),
        })
        .collect();
    keys.sort_by_key(|binding| binding.line);
    config.keys = keys;
    Ok(config)
}

/// What an invalid config file says about the proxy, so that one mistake elsewhere in the
/// file never silently turns the proxy off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProxyInInvalidConfig {
    /// The file clearly names no proxy.
    None,
    /// The file names this proxy.
    Named(String),
    /// The file may name a proxy but cannot be read well enough to tell which.
    Unclear,
}

pub fn proxy_in_invalid_config(text: &str) -> ProxyInInvalidConfig {
    match text.parse::<toml::Table>() {
        Ok(table) => match table.get("proxy") {
            None => ProxyInInvalidConfig::None,
            Some(toml::Value::String(proxy)) => ProxyInInvalidConfig::Named(proxy.clone()),
            Some(_) => ProxyInInvalidConfig::Unclear,
        },
        Err(_) if text.contains("proxy") => ProxyInInvalidConfig::Unclear,
        Err(_) => ProxyInInvalidConfig::None,
    }
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
