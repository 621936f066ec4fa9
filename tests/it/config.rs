//! The config file reaching the browser: every setting applied at start-up, command-line flags
//! winning over it, invalid files reported on screen with their line while Burrow runs on
//! defaults, and the real binary doing the same. Everything runs in temporary folders.

use crate::harness::driver::environment;
use crate::harness::{BURROW, Reply, TestServer, home_env, info};
use burrow::app::Location;
use burrow::app::input::{Action, Key, Keymap};
use burrow::app::{Command, Msg};
use burrow::gopher::transfer::FetchLimits;
use burrow::startup::{LimitFlags, Settings, settings_in, start_app};
use burrow::store::config::{Config, TabBarMode, parse_config};
use burrow::ui::{Theme, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Settings from a config file holding `text`, in a fresh temporary home.
fn settings_for(text: &str, flags: LimitFlags) -> (Settings, tempfile::TempDir) {
    let home = tempfile::tempdir().expect("home");
    let file = home.path().join("burrow.toml");
    std::fs::write(&file, text).expect("write config");
    let settings =
        settings_in(&environment(home.path(), false), flags, Some(file), None).expect("settings");
    (settings, home)
}

fn screen_text(settings: &Settings, initial: Option<Location>) -> String {
    let (app, _) = start_app(settings, (100, 12), initial);
    let mut terminal = Terminal::new(TestBackend::new(100, 12)).expect("terminal");
    terminal
        .draw(|frame| render(&app, &settings.theme, frame))
        .expect("draw");
    let buffer = terminal.backend().buffer().clone();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer.cell((x, y)).map_or(" ", |c| c.symbol()))
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const FULL: &str = r##"
start_page = "gopher://example.org/1/phlog"
download_dir = "~/gopher-files"
encoding = "CP437"
link_numbers = true
restore_session = false
tab_bar = "always"

[network]
connect_timeout = 4
idle_timeout = 5
total_timeout = 6
max_page_size = 1000
max_download_size = 2000

[history]
enabled = false
size = 50
page_memory = 3000

[commands]
opener = ["firefox", "--new-tab"]
telnet = ["nc"]
tn3270 = ["c3270"]
image_viewer = ["feh"]
clipboard = ["wl-copy", "--primary"]

[theme]
link = "green underlined"

[keys]
quit = "Q"
down = ["j", "C-n"]
"##;

#[test]
fn every_setting_reaches_the_settings() {
    let (settings, home) = settings_for(FULL, LimitFlags::default());
    assert!(settings.warnings.is_empty(), "{:?}", settings.warnings);
    assert_eq!(
        settings.start_page,
        Location::parse("gopher://example.org/1/phlog").ok()
    );
    assert_eq!(
        settings.download_dir,
        Some(home.path().join("gopher-files"))
    );
    assert_eq!(settings.encoding, burrow::gopher::Encoding::Cp437);
    assert!(settings.link_numbers);
    assert!(!settings.restore_session);
    assert_eq!(settings.session_path, None, "sessions are off");
    assert_eq!(settings.tab_bar, TabBarMode::Always);
    assert_eq!(
        settings.limits,
        FetchLimits {
            connect_timeout: Duration::from_secs(4),
            idle_timeout: Duration::from_secs(5),
            total_timeout: Duration::from_secs(6),
            max_bytes: 1000,
        }
    );
    assert_eq!(settings.download_cap, 2000);
    assert!(!settings.history.enabled);
    assert_eq!(settings.history.size, 50);
    assert_eq!(settings.page_memory, 3000);
    assert_eq!(settings.programs.opener, ["firefox", "--new-tab"]);
    assert_eq!(settings.programs.telnet, ["nc"]);
    assert_eq!(settings.programs.tn3270, ["c3270"]);
    assert_eq!(settings.programs.image_viewer, ["feh"]);
    assert_eq!(settings.programs.clipboard, ["wl-copy", "--primary"]);
    assert_eq!(settings.theme.link.fg, Some(Color::Green));
    assert!(
        settings
            .theme
            .link
            .add_modifier
            .contains(Modifier::UNDERLINED)
    );
    assert_eq!(settings.theme.title_bar, Theme::colour().title_bar);
    assert_eq!(settings.keymap.keys_for(Action::Quit), [Key::Char('Q')]);
    assert_eq!(
        settings.keymap.keys_for(Action::Down),
        [Key::Char('j'), Key::Ctrl('n')]
    );
}

#[test]
fn the_app_starts_with_the_settings_and_opens_the_start_page() {
    let (settings, _home) = settings_for(FULL, LimitFlags::default());
    let (mut app, commands) = start_app(&settings, (80, 24), None);
    let Some(Command::Fetch { url, limits, .. }) = commands.first() else {
        panic!("the start page is fetched: {commands:?}");
    };
    assert_eq!(url.to_string(), "gopher://example.org/1/phlog");
    assert_eq!(limits.max_bytes, 1000);
    assert!(app.show_link_numbers);
    assert_eq!(app.download_cap, 2000);
    assert_eq!(app.programs.opener, ["firefox", "--new-tab"]);
    assert_eq!(
        app.history,
        burrow::app::HistorySettings {
            enabled: false,
            size: 50
        }
    );
    assert_eq!(app.default_encoding, burrow::gopher::Encoding::Cp437);
    assert_eq!(app.page_memory.limit(), 3000);
    assert_eq!(app.update(Msg::Key(Key::Char('q'))), Vec::new());
    assert!(
        app.update(Msg::Key(Key::Char('Q')))
            .contains(&Command::Quit)
    );

    // An address on the command line wins over the start page.
    let (_, commands) = start_app(&settings, (80, 24), Location::parse("about:help").ok());
    assert!(commands.is_empty(), "{commands:?}");
    let (app, _) = start_app(&settings, (80, 24), Location::parse("about:help").ok());
    assert_eq!(app.tab.page.location, Location::Help);
}

#[test]
fn without_a_config_file_burrow_starts_offline_on_its_own_start_page() {
    let home = tempfile::tempdir().expect("home");
    let settings = settings_in(
        &environment(home.path(), false),
        LimitFlags::default(),
        None,
        None,
    )
    .expect("settings");
    assert!(settings.warnings.is_empty(), "{:?}", settings.warnings);
    assert_eq!(settings.limits, FetchLimits::default());
    assert_eq!(settings.keymap, Keymap::default());
    assert_eq!(settings.theme, Theme::colour());
    assert!(settings.history.enabled);
    assert_eq!(settings.history.size, 1000);
    assert_eq!(settings.page_memory, 256 * 1024 * 1024);
    assert_eq!(settings.encoding, burrow::gopher::Encoding::Auto);
    assert_eq!(settings.download_dir, Some(home.path().join("Downloads")));
    let (app, commands) = start_app(&settings, (80, 24), None);
    // Only the history file is read (it marks visited links); nothing goes to the network.
    assert_eq!(
        commands,
        [Command::EditLinks {
            list: burrow::app::SavedList::History,
            edit: burrow::store::LinkEdit::Read,
        }],
        "no network at start"
    );
    assert_eq!(app.tab.page.location, Location::Start);
    assert_eq!(app.tab.history.back_len(), 0);
}

#[test]
fn command_line_limits_win_over_the_config() {
    let flags = LimitFlags {
        connect_timeout: Some(9),
        idle_timeout: None,
        total_timeout: Some(99),
    };
    let (settings, _home) = settings_for(FULL, flags);
    assert_eq!(settings.limits.connect_timeout, Duration::from_secs(9));
    assert_eq!(settings.limits.idle_timeout, Duration::from_secs(5));
    assert_eq!(settings.limits.total_timeout, Duration::from_secs(99));
}

#[test]
fn an_invalid_config_is_shown_on_screen_with_its_line_and_defaults_are_used() {
    let text = "link_numbers = true\n\n[network]\nidle_timeout = 0\n";
    let (settings, _home) = settings_for(text, LimitFlags::default());
    assert_eq!(settings.warnings.len(), 1, "{:?}", settings.warnings);
    assert!(
        settings.warnings[0].contains("line 4:"),
        "{:?}",
        settings.warnings
    );
    assert!(
        !settings.link_numbers,
        "nothing from an invalid file is used"
    );
    assert_eq!(settings.limits, FetchLimits::default());
    let screen = screen_text(&settings, None);
    let status = screen.lines().last().unwrap_or_default();
    assert!(status.contains("is invalid, line 4: "), "{screen}");
}

#[test]
fn a_bad_tab_bar_value_is_reported_with_its_line_and_the_defaults_are_used() {
    let (settings, home) = settings_for("\ntab_bar = \"sometimes\"\n", LimitFlags::default());
    assert!(
        settings.warnings.iter().any(|w| w.contains("line 2")
            && w.contains("unknown tab_bar `sometimes` (one of: always, auto, never)")),
        "{:?}",
        settings.warnings
    );
    assert_eq!(settings.tab_bar, TabBarMode::Auto);
    assert!(settings.restore_session);
    assert_eq!(
        settings.session_path,
        Some(home.path().join("state/burrow/session"))
    );
}

#[test]
fn an_unknown_action_or_key_name_makes_the_config_invalid_with_its_line() {
    let (settings, _home) = settings_for(
        "link_numbers = true\n[keys]\nquit = \"Q\"\nteleport = \"t\"\n",
        LimitFlags::default(),
    );
    assert!(
        settings.warnings[0].contains("line 4: unknown action `teleport`"),
        "{:?}",
        settings.warnings
    );
    assert_eq!(settings.keymap, Keymap::default());
    assert!(!settings.link_numbers);
    let (settings, _home) = settings_for("[keys]\n\nhelp = [\"F1\"]\n", LimitFlags::default());
    assert!(
        settings.warnings[0].contains("line 3: unknown key `F1`"),
        "{:?}",
        settings.warnings
    );
}

#[test]
fn keys_moved_between_actions_are_mentioned_at_start_up() {
    let (settings, _home) = settings_for(
        "[keys]\ntop = \"g\"\ngo_to = \"o\"\n",
        LimitFlags::default(),
    );
    assert_eq!(
        settings.warnings,
        ["config line 2: g now does top instead of go_to"]
    );
    assert_eq!(
        settings.keymap.action_for(Key::Char('g')),
        Some(Action::Top)
    );
    assert_eq!(
        settings.keymap.action_for(Key::Char('o')),
        Some(Action::GoTo)
    );
    let screen = screen_text(&settings, None);
    assert!(
        screen.contains("g now does top instead of go_to"),
        "{screen}"
    );
}

#[test]
fn no_color_gives_a_monochrome_theme_that_config_styles_only_emphasise() {
    let home = tempfile::tempdir().expect("home");
    let file = home.path().join("burrow.toml");
    std::fs::write(&file, "[theme]\nlink = \"cyan bold\"\n").expect("write");
    let settings = settings_in(
        &environment(home.path(), true),
        LimitFlags::default(),
        Some(file),
        None,
    )
    .expect("settings");
    assert_eq!(settings.theme.link.fg, None);
    assert!(settings.theme.link.add_modifier.contains(Modifier::BOLD));
    assert_eq!(settings.theme.title_bar, Theme::monochrome().title_bar);
}

#[test]
fn the_example_config_documents_every_default() {
    let example = include_str!("../../assets/config.example.toml");
    assert_eq!(
        parse_config(example),
        Ok(Config::default()),
        "all commented"
    );
    // With every setting line uncommented, the example gives exactly the defaults.
    let uncommented: String = example
        .lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(setting)
                if setting.starts_with(|c: char| c == '[' || c.is_ascii_lowercase())
                    && (setting.starts_with('[') || setting.contains(" = ")) =>
            {
                setting
            }
            _ => line,
        })
        .map(|line| format!("{line}\n"))
        .collect();
    let (settings, home) = settings_for(&uncommented, LimitFlags::default());
    let (defaults, default_home) = settings_for("", LimitFlags::default());
    assert!(settings.warnings.is_empty(), "{:?}", settings.warnings);
    assert_eq!(settings.limits, defaults.limits);
    assert_eq!(settings.download_cap, defaults.download_cap);
    assert_eq!(settings.keymap, defaults.keymap);
    assert_eq!(settings.theme, defaults.theme);
    assert_eq!(settings.programs.telnet, defaults.programs.telnet);
    assert_eq!(settings.programs.tn3270, defaults.programs.tn3270);
    assert_eq!(
        settings.programs.image_viewer,
        defaults.programs.image_viewer
    );
    if cfg!(not(target_os = "macos")) {
        assert_eq!(settings.programs.opener, defaults.programs.opener);
    }
    assert_eq!(settings.history.enabled, defaults.history.enabled);
    assert_eq!(settings.history.size, defaults.history.size);
    assert_eq!(settings.encoding, defaults.encoding);
    assert_eq!(settings.link_numbers, defaults.link_numbers);
    assert_eq!(settings.restore_session, defaults.restore_session);
    assert_eq!(settings.tab_bar, defaults.tab_bar);
    assert_eq!(settings.search_engine, defaults.search_engine);
    assert_eq!(
        (settings.wrap_width, settings.center),
        (defaults.wrap_width, defaults.center)
    );
    assert_eq!(settings.start_page, Some(Location::Start));
    assert_eq!(settings.proxy, None);
    let relative = |dir: Option<PathBuf>, home: &Path| {
        dir.and_then(|d| d.strip_prefix(home).ok().map(Path::to_path_buf))
    };
    assert_eq!(
        relative(settings.download_dir, home.path()),
        relative(defaults.download_dir, default_home.path())
    );
    // Every key the schema knows appears in the example, and every action.
    for row in burrow::app::input::ACTIONS {
        assert!(
            example.contains(&format!("# {} = [", row.name)),
            "{}",
            row.name
        );
    }
    for key in [
        "start_page",
        "download_dir",
        "encoding",
        "link_numbers",
        "restore_session",
        "tab_bar",
        "search_engine",
        "wrap_width",
        "center",
        "proxy",
        "connect_timeout",
        "idle_timeout",
        "total_timeout",
        "max_page_size",
        "max_download_size",
        "enabled",
        "size",
        "opener",
        "telnet",
        "tn3270",
        "image_viewer",
        "clipboard",
    ] {
        assert!(example.contains(&format!("{key} = ")), "{key} is missing");
    }
}

/// Runs the real binary with `config` in an empty temporary home.
fn burrow_with_config(config: &str, args: &[&str]) -> std::process::Output {
    let home = tempfile::tempdir().expect("home");
    let file = home.path().join("burrow.toml");
    std::fs::write(&file, config).expect("write config");
    std::process::Command::new(BURROW)
        .arg("--config")
        .arg(&file)
        .args(args)
        .envs(home_env(home.path()))
        .output()
        .expect("run burrow")
}

#[test]
fn the_binary_reports_an_invalid_value_with_its_line_and_runs_on_defaults() {
    let output = burrow_with_config(
        "# limits\n[network]\nmax_page_size = 0\n",
        &["--print", "about:start"],
    );
    assert!(output.status.success(), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("is invalid, line 3: ") && stderr.contains("at least 1"),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("Burrow"));
}

#[test]
fn the_binary_applies_the_configured_page_size_cap() {
    let server = TestServer::start(|_| {
        let menu = info("line of text").repeat(200) + ".\r\n";
        vec![("", Reply::Bytes(menu.into_bytes()))]
    });
    let url = server.url('1', "");
    let capped = burrow_with_config("[network]\nmax_page_size = 100\n", &["--print", &url]);
    assert!(!capped.status.success(), "{capped:?}");
    let uncapped = burrow_with_config("[network]\nmax_page_size = 100000\n", &["--print", &url]);
    assert!(uncapped.status.success(), "{uncapped:?}");
}

#[test]
fn an_empty_download_dir_is_reported_and_a_relative_one_made_absolute() {
    let (settings, home) = settings_for("download_dir = \"\"\n", LimitFlags::default());
    assert_eq!(settings.download_dir, Some(home.path().join("Downloads")));
    assert!(
        settings
            .warnings
            .iter()
            .any(|w| w.contains("download_dir is empty")),
        "{:?}",
        settings.warnings
    );
    let (settings, _home) =
        settings_for("download_dir = \"gopher-files\"\n", LimitFlags::default());
    let dir = settings.download_dir.expect("a folder");
    assert!(dir.is_absolute(), "{}", dir.display());
    assert!(dir.ends_with("gopher-files"));
    assert_eq!(
        dir,
        std::env::current_dir().expect("cwd").join("gopher-files")
    );
}
