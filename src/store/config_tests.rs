//! Tests of the config schema: every key, valid and invalid, with the line of each mistake.

use super::*;
use crate::store::style::StyleSpec;

fn error_of(text: &str) -> String {
    parse_config(text).expect_err("should be refused")
}

/// Asserts that `text` is refused with a reason on `line` that mentions `words`.
fn refused_on_line(text: &str, line: usize, words: &str) {
    let error = error_of(text);
    assert!(
        error.starts_with(&format!("line {line}: ")),
        "{text:?} gave {error}"
    );
    assert!(error.contains(words), "{text:?} gave {error}");
}

#[test]
fn the_proxy_survives_a_mistake_elsewhere_in_the_file() {
    let text = "proxy = \"socks5://127.0.0.1:9050\"\ntimeout = 5\n";
    assert!(parse_config(text).is_err());
    assert_eq!(
        proxy_in_invalid_config(text),
        ProxyInInvalidConfig::Named("socks5://127.0.0.1:9050".into())
    );
    assert_eq!(
        proxy_in_invalid_config("proxy = [1]"),
        ProxyInInvalidConfig::Unclear
    );
    assert_eq!(
        proxy_in_invalid_config("proxy = \"unterminated"),
        ProxyInInvalidConfig::Unclear
    );
    assert_eq!(
        proxy_in_invalid_config("timeout = = 5"),
        ProxyInInvalidConfig::None
    );
}

#[test]
fn an_empty_file_means_defaults() {
    let config = parse_config("").expect("valid");
    assert_eq!(config, Config::default());
    assert!(config.history.enabled);
    assert_eq!(config.history.size, Positive(1000));
    assert!(!config.link_numbers);
}

#[test]
fn the_proxy_key_is_read() {
    let config = parse_config("# Tor\nproxy = \"socks5://127.0.0.1:9050\"\n").expect("valid");
    assert_eq!(config.proxy.as_deref(), Some("socks5://127.0.0.1:9050"));
}

#[test]
fn errors_name_the_line_and_the_reason() {
    refused_on_line("\n\nproxy = 42\n", 3, "string");
    refused_on_line("proxx = \"x\"\n", 1, "proxx");
    refused_on_line(
        "link_numbers = true\n[network]\nconect_timeout = 3\n",
        3,
        "conect",
    );
}

#[test]
fn top_level_keys_are_read_and_checked() {
    let config = parse_config(
        "start_page = \"gopher://example.org/1/\"\ndownload_dir = \"~/gopher\"\n\
         encoding = \"Latin1\"\nlink_numbers = true\n",
    )
    .expect("valid");
    assert_eq!(
        config.start_page,
        Some(StartPage("gopher://example.org/1/".into()))
    );
    assert_eq!(config.download_dir, Some(PathBuf::from("~/gopher")));
    assert_eq!(
        config.encoding.as_ref().map(|e| e.as_str()),
        Some("latin-1")
    );
    assert!(config.link_numbers);
    let help = parse_config("start_page = \"about:help\"").expect("valid");
    assert_eq!(help.start_page, Some(StartPage("about:help".into())));

    refused_on_line("\nstart_page = \"http://example.org/\"\n", 2, "start page");
    refused_on_line("start_page = \"\"\n", 1, "start page");
    refused_on_line("\n\nencoding = \"ebcdic\"\n", 3, "ebcdic");
    refused_on_line("download_dir = 5\n", 1, "");
    refused_on_line("\nlink_numbers = \"yes\"\n", 2, "bool");
}

#[test]
fn the_session_and_tab_bar_keys_are_read_and_checked() {
    let defaults = parse_config("").expect("valid");
    assert_eq!((defaults.restore_session, defaults.tab_bar), (None, None));
    assert_eq!(TabBarMode::default(), TabBarMode::Auto);
    for (text, mode) in [
        ("always", TabBarMode::Always),
        ("Auto", TabBarMode::Auto),
        (" never ", TabBarMode::Never),
    ] {
        let config = parse_config(&format!("tab_bar = \"{text}\"\nrestore_session = false\n"))
            .expect("valid");
        assert_eq!(config.tab_bar, Some(mode));
        assert_eq!(config.restore_session, Some(false));
    }
    assert!(TabBarMode::Always.shows(1) && !TabBarMode::Never.shows(5));
    assert!(!TabBarMode::Auto.shows(1) && TabBarMode::Auto.shows(2));
    refused_on_line(
        "\ntab_bar = \"sometimes\"\n",
        2,
        "unknown tab_bar `sometimes` (one of: always, auto, never)",
    );
    refused_on_line("tab_bar = true\n", 1, "");
    refused_on_line("\n\nrestore_session = \"yes\"\n", 3, "bool");
}

#[test]
fn network_limits_are_read_and_must_be_positive() {
    let config = parse_config(
        "[network]\nconnect_timeout = 5\nidle_timeout = 6\ntotal_timeout = 7\n\
         max_page_size = 1024\nmax_download_size = 2048\n",
    )
    .expect("valid");
    let network = config.network;
    assert_eq!(network.connect_timeout, Some(Positive(5)));
    assert_eq!(network.idle_timeout, Some(Positive(6)));
    assert_eq!(network.total_timeout, Some(Positive(7)));
    assert_eq!(network.max_page_size, Some(Positive(1024)));
    assert_eq!(network.max_download_size, Some(Positive(2048)));
    for key in [
        "connect_timeout",
        "idle_timeout",
        "total_timeout",
        "max_page_size",
        "max_download_size",
    ] {
        refused_on_line(&format!("[network]\n{key} = 0\n"), 2, "out of range");
        refused_on_line(&format!("\n[network]\n\n{key} = -3\n"), 4, "-3");
        refused_on_line(&format!("[network]\n{key} = \"5\"\n"), 2, "");
    }
}

#[test]
fn history_is_on_by_default_and_its_size_is_checked() {
    let config = parse_config("[history]\nenabled = false\nsize = 20\n").expect("valid");
    assert!(!config.history.enabled);
    assert_eq!(config.history.size, Positive(20));
    let only_size = parse_config("[history]\nsize = 5\n").expect("valid");
    assert!(only_size.history.enabled);
    refused_on_line("[history]\nsize = 0\n", 2, "out of range");
    refused_on_line("[history]\nenabled = 1\n", 2, "");
    refused_on_line("[history]\nlength = 5\n", 2, "length");
}

#[test]
fn commands_are_argument_vectors_starting_with_a_program() {
    let config = parse_config(
        "[commands]\nopener = [\"firefox\", \"--new-tab\"]\ntelnet = [\"telnet\"]\n\
         tn3270 = [\"c3270\"]\nimage_viewer = [\"feh\", \"-.\"]\n",
    )
    .expect("valid");
    let commands = config.commands;
    assert_eq!(
        commands.opener,
        Some(Argv(vec!["firefox".into(), "--new-tab".into()]))
    );
    assert_eq!(commands.telnet, Some(Argv(vec!["telnet".into()])));
    assert_eq!(commands.tn3270, Some(Argv(vec!["c3270".into()])));
    assert_eq!(
        commands.image_viewer,
        Some(Argv(vec!["feh".into(), "-.".into()]))
    );
    refused_on_line("[commands]\n\nopener = []\n", 3, "program");
    refused_on_line("[commands]\ntelnet = [\" \", \"x\"]\n", 2, "program");
    refused_on_line("[commands]\nimage_viewer = \"feh\"\n", 2, "");
    refused_on_line("[commands]\nbrowser = [\"x\"]\n", 2, "browser");
}

#[test]
fn theme_entries_are_style_strings() {
    let config = parse_config("[theme]\nlink = \"cyan bold\"\nselected = \"black on yellow\"\n")
        .expect("valid");
    assert_eq!(config.theme.link, StyleSpec::parse("cyan bold").ok());
    assert_eq!(
        config.theme.selected,
        StyleSpec::parse("black on yellow").ok()
    );
    assert_eq!(config.theme.title_bar, None);
    refused_on_line(
        "[theme]\nlink = \"cyan\"\nheadline = \"blinking\"\n",
        3,
        "blinking",
    );
    refused_on_line("[theme]\nlinks = \"cyan\"\n", 2, "links");
    refused_on_line("[theme]\n\nlink = 3\n", 3, "");
}

#[test]
fn keys_keep_their_lines_in_file_order() {
    let config = parse_config("[keys]\nquit = \"Q\"\n\ndown = [\"j\", \"C-n\"]\nback = []\n")
        .expect("valid");
    assert_eq!(
        config.keys,
        vec![
            KeyBinding {
                action: "quit".into(),
                keys: vec!["Q".into()],
                line: 2
            },
            KeyBinding {
                action: "down".into(),
                keys: vec!["j".into(), "C-n".into()],
                line: 4
            },
            KeyBinding {
                action: "back".into(),
                keys: Vec::new(),
                line: 5
            },
        ]
    );
    refused_on_line("[keys]\nquit = 5\n", 2, "key name");
}
