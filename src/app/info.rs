//! Item info and copying addresses: a box that shows the selected item's (or the page's) type,
//! display text, host, port, selector (escaped) and full URL; and the URL to copy to the
//! clipboard (the runtime sends it to the terminal with OSC 52, which also works over ssh, or
//! to the configured clipboard program).

use super::Modal;
use super::{App, Command};
use crate::gopher::{Encoding, GopherUrl, escape_bytes, sanitize};

/// A box drawn over the page; any key closes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overlay {
    pub title: String,
    pub lines: Vec<String>,
}

fn type_line(url: &GopherUrl) -> String {
    let label = url.item_type.label();
    let byte = char::from(url.item_type.0);
    let shown = if byte.is_ascii_graphic() {
        byte.to_string()
    } else {
        format!("\\x{:02x}", url.item_type.0)
    };
    if label.is_empty() {
        format!("Type:      {shown}")
    } else {
        format!("Type:      {shown} ({label})")
    }
}

fn url_lines(url: &GopherUrl) -> Vec<String> {
    let mut lines = vec![
        type_line(url),
        format!("Host:      {}", url.host),
        format!("Port:      {}", url.port),
        format!("{}  {}", url.selector_label(), escape_bytes(&url.selector)),
    ];
    if let Some(query) = &url.query {
        lines.push(format!("Query:     {}", escape_bytes(query)));
    }
    lines.push(format!("URL:       {url}"));
    if url.tls {
        lines.push("Transport: TLS (gophers)".to_owned());
    }
    lines
}

impl App {
    /// `i`: information about the selected link, or about the page when no link is selected.
    pub(super) fn show_item_info(&mut self) {
        if let Some(overlay) = self.text_link_info() {
            self.modal = Some(Modal::Overlay(overlay));
            return;
        }
        let selected = self
            .selected_item()
            .filter(|item| item.is_selectable())
            .map(|item| {
                let display = sanitize(item.display);
                let web = item.web_link().map(escape_bytes);
                (display, web, self.link_url(self.tab.page.cursor, &item))
            });
        let overlay = match selected {
            Some((display, web, url)) => {
                let mut lines = vec![format!("Text:      {display}")];
                match url {
                    Ok(url) => lines.extend(url_lines(&url)),
                    Err(error) => lines.push(format!("Not a valid link: {error}")),
                }
                if let Some(web) = web {
                    lines.push(format!("Web link:  {web}"));
                }
                Overlay {
                    title: "Selected item".to_owned(),
                    lines,
                }
            }
            None => {
                let location = &self.tab.page.location;
                let mut lines = match location.gopher_url() {
                    Some(url) => url_lines(url),
                    None => vec![format!("Address:   {location} (built into Burrow)")],
                };
                if location.is_source() {
                    lines.insert(0, "Showing:   the page's source".to_owned());
                }
                if self.tab.page.encoding != Encoding::Auto {
                    lines.push(format!("Encoding:  {}", self.tab.page.encoding.name()));
                }
                if let Some(why) = &self.tab.page.incomplete {
                    lines.push(format!("Incomplete: {why}"));
                }
                Overlay {
                    title: "This page".to_owned(),
                    lines,
                }
            }
        };
        self.modal = Some(Modal::Overlay(overlay));
    }

    /// `i` on a text's selected link: its number, its URL and where it leads.
    fn text_link_info(&self) -> Option<Overlay> {
        let link = self.selected_text_link()?;
        let text = self.text_link_url(link)?;
        let mut lines = vec![format!(
            "Link:      {} of {} in this text",
            link + 1,
            self.link_count()
        )];
        match super::external::classify_web_link(text.as_bytes()) {
            Ok(super::external::WebTarget::Inside(url)) => lines.extend(url_lines(&url)),
            Ok(super::external::WebTarget::Outside(url)) => {
                lines.push(format!("Web link:  {url}"));
                lines.push("Opens:     with the system opener, after asking".to_owned());
            }
            Err(why) => lines.push(why),
        }
        Some(Overlay {
            title: "Selected link".to_owned(),
            lines,
        })
    }

    /// `y` / `Y`: copy the selected link's URL (or the page's) / the page's URL.
    pub(super) fn copy_url(&mut self, selected_link: bool) -> Vec<Command> {
        let link = if selected_link {
            self.selected_item()
                .filter(|item| item.is_selectable())
                .map(|item| match item.web_link() {
                    Some(web) => Ok(String::from_utf8_lossy(web).into_owned()),
                    None => self
                        .link_url(self.tab.page.cursor, &item)
                        .map(|u| u.to_string()),
                })
                .or_else(|| {
                    let link = self.selected_text_link()?;
                    self.text_link_url(link).map(|url| Ok(url.to_owned()))
                })
        } else {
            None
        };
        let text = match link {
            Some(Ok(url)) => url,
            Some(Err(error)) => {
                self.notify(format!("This link has no valid URL: {error}"), true);
                return Vec::new();
            }
            // A source page's address is its page's.
            None => match self.tab.page.location.gopher_url() {
                Some(url) => url.to_string(),
                None => self.tab.page.location.to_string(),
            },
        };
        // The text goes to the terminal base64-encoded, but keep it printable anyway.
        let text = sanitize(&text);
        let argv = self.programs.clipboard.clone();
        match argv.first() {
            // The runtime says whether it worked, naming the program.
            Some(program) => {
                self.notify(format!("Copying {text} (with {program})"), false);
                vec![Command::CopyWithProgram { argv, text }]
            }
            // Burrow cannot tell whether the terminal took it.
            None => {
                self.notify(
                    format!("Sent {text} to the terminal's clipboard (OSC 52)"),
                    false,
                );
                vec![Command::CopyToClipboard(text)]
            }
        }
    }
}
