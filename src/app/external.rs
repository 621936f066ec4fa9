//! Leaving gopherspace safely: web links (`h` items whose selector is `URL:...`), telnet and
//! tn3270 sessions, and image viewers. Decides what may go out and builds the argument vector
//! for the configured program; the runtime starts it without a shell.

use super::{App, Command, Confirm, ConfirmAction};
use crate::gopher::{GopherUrl, ItemType, sanitize};

/// The programs Burrow hands things to: each is the program then fixed arguments; the URL, the
/// host and port, or the file is appended. An empty list means "not configured".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalPrograms {
    pub opener: Vec<String>,
    pub telnet: Vec<String>,
    pub tn3270: Vec<String>,
    pub image_viewer: Vec<String>,
    /// The program `y`/`Y` give the text to on its standard input; empty: OSC 52.
    pub clipboard: Vec<String>,
}

impl Default for ExternalPrograms {
    fn default() -> Self {
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        ExternalPrograms {
            opener: vec![opener.to_owned()],
            telnet: vec!["telnet".to_owned()],
            tn3270: vec!["x3270".to_owned()],
            image_viewer: Vec::new(),
            clipboard: Vec::new(),
        }
    }
}

/// The URL schemes a web link may open with the system opener.
pub const OUTSIDE_SCHEMES: &[&str] = &["http", "https", "gemini", "mailto"];

/// Where a web link's target goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebTarget {
    /// A gopher://, gophers:// or finger:// URL: opened inside Burrow.
    Inside(GopherUrl),
    /// An http, https, gemini or mailto URL, for the system opener.
    Outside(String),
}

/// Checks a web link's target. Refuses anything that could be taken for an option by the
/// opener (a leading `-`), anything with spaces or control characters, and other schemes.
pub fn classify_web_link(target: &[u8]) -> Result<WebTarget, String> {
    let shown = sanitize(&String::from_utf8_lossy(target));
    let Ok(text) = std::str::from_utf8(target) else {
        return Err(format!("Refused web link {shown}: it is not valid UTF-8"));
    };
    if text.starts_with('-') {
        return Err(format!("Refused web link {shown}: it starts with '-'"));
    }
    if text.is_empty() || text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "Refused web link {shown}: it is empty or holds spaces or control characters"
        ));
    }
    let scheme = text
        .split_once(':')
        .map(|(scheme, _)| scheme.to_ascii_lowercase())
        .unwrap_or_default();
    match scheme.as_str() {
        "gopher" | "gophers" | "finger" => GopherUrl::parse(text)
            .map(WebTarget::Inside)
            .map_err(|e| format!("Cannot open {shown}: {e}")),
        s if OUTSIDE_SCHEMES.contains(&s) => Ok(WebTarget::Outside(text.to_owned())),
        _ => Err(format!(
            "Refused web link {shown}: only http, https, gopher, gophers, finger, gemini and \
             mailto links are opened"
        )),
    }
}

/// The program and arguments for a telnet or tn3270 session, or why there is none.
pub fn session_argv(
    programs: &ExternalPrograms,
    url: &GopherUrl,
) -> Result<Vec<String>, &'static str> {
    let program = if url.item_type == ItemType(b'T') {
        &programs.tn3270
    } else {
        &programs.telnet
    };
    if program.is_empty() {
        return Err("no program is configured for this kind of session");
    }
    if url.host.starts_with('-') {
        return Err("the host name starts with '-'");
    }
    let mut argv = program.clone();
    argv.push(url.host.clone());
    argv.push(url.port.to_string());
    Ok(argv)
}

impl App {
    /// A web link was followed: gopher URLs open here, others are shown and asked about.
    pub(super) fn follow_web_link(&mut self, target: &[u8]) -> Vec<Command> {
        match classify_web_link(target) {
            Ok(WebTarget::Inside(url)) => self.open_url(url),
            Ok(WebTarget::Outside(url)) => {
                if self.programs.opener.is_empty() {
                    self.notify(format!("Web link: {url} (no opener is configured)"), false);
                    return Vec::new();
                }
                let mut argv = self.programs.opener.clone();
                argv.push(url.clone());
                self.ask(Confirm {
                    question: format!("(y/n) Open {url} with {}?", self.programs.opener[0]),
                    action: ConfirmAction::RunDetached(argv),
                });
                Vec::new()
            }
            Err(why) => {
                self.notify(why, true);
                Vec::new()
            }
        }
    }

    /// A telnet or tn3270 item was followed: show where it goes and the login hint, and ask.
    pub(super) fn ask_to_start_session(&mut self, url: &GopherUrl) -> Vec<Command> {
        let kind = if url.item_type == ItemType(b'T') {
            "tn3270"
        } else {
            "telnet"
        };
        match session_argv(&self.programs, url) {
            Ok(argv) => {
                let login = if url.selector.is_empty() {
                    String::new()
                } else {
                    format!(
                        " Log in as: {}.",
                        sanitize(&String::from_utf8_lossy(&url.selector))
                    )
                };
                self.ask(Confirm {
                    question: format!(
                        "(y/n) Start a {kind} session to {} port {}?{login}",
                        url.host, url.port
                    ),
                    action: ConfirmAction::RunInTerminal(argv),
                });
            }
            Err(why) => self.notify(
                format!("{kind} session at {}: not started, {why}", url.host_port()),
                true,
            ),
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_links_go_out_only_for_known_schemes() {
        assert_eq!(
            classify_web_link(b"https://example.org/a?b=c"),
            Ok(WebTarget::Outside("https://example.org/a?b=c".into()))
        );
        assert!(matches!(
            classify_web_link(b"mailto:someone@example.org"),
            Ok(WebTarget::Outside(_))
        ));
        assert!(matches!(
            classify_web_link(b"gemini://example.org/"),
            Ok(WebTarget::Outside(_))
        ));
        for refused in [
            &b"file:///etc/passwd"[..],
            b"javascript:alert(1)",
            b"ssh://host",
            b"no-scheme-at-all",
        ] {
            let why = classify_web_link(refused).expect_err("refused");
            assert!(why.contains("only http, https"), "{why}");
        }
    }

    #[test]
    fn gopher_links_open_inside() {
        let Ok(WebTarget::Inside(url)) = classify_web_link(b"gophers://example.org:7070/0/a")
        else {
            panic!("gopher URLs open inside Burrow");
        };
        assert!(url.tls);
        assert_eq!(url.port, 7070);
    }

    #[test]
    fn options_spaces_and_controls_are_refused() {
        for refused in [
            &b"--help"[..],
            b"-https://example.org",
            b"https://example.org/a b",
            b"https://example.org/\x1b[2J",
            b"https://example.org/\n",
            b"",
            b"https://\xff",
        ] {
            assert!(classify_web_link(refused).is_err(), "{refused:?}");
        }
    }

    #[test]
    fn sessions_append_host_and_port_and_refuse_option_like_hosts() {
        let programs = ExternalPrograms::default();
        let url = GopherUrl::new("bbs.example.org", 23, ItemType(b'8'), b"guest").expect("valid");
        assert_eq!(
            session_argv(&programs, &url),
            Ok(vec!["telnet".into(), "bbs.example.org".into(), "23".into()])
        );
        let ibm = GopherUrl::new("ibm.example.org", 23, ItemType(b'T'), b"").expect("valid");
        assert_eq!(
            session_argv(&programs, &ibm).map(|argv| argv[0].clone()),
            Ok("x3270".into())
        );
        let none = ExternalPrograms {
            telnet: Vec::new(),
            ..ExternalPrograms::default()
        };
        assert!(session_argv(&none, &url).is_err());
    }
}
