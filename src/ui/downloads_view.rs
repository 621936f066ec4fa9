//! Downloads on screen: a line above the status bar while any download runs (the newest one's
//! name, an activity marker, bytes and rate), and the list opened with `w` (every download of
//! the session, its state, and for finished ones the name it was saved under and its folder).
//!
//! Gopher does not say how big a file is, so a running download shows no fraction: a small
//! marker travels back and forth along a dotted track as data arrives (it stands still when
//! the transfer stalls), beside the bytes received and the rate.

use super::shorten::shorten_middle;
use super::theme::Theme;
use crate::app::App;
use crate::app::downloads::{Download, DownloadState};
use crate::app::wrap::fit_width;
use crate::gopher::sanitize;
use crate::gopher::transfer::format_bytes;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph};
use unicode_width::UnicodeWidthStr;

const TRACK_CELLS: usize = 10;
const MARKER: &str = "<=>";
/// The marker moves one cell per this many bytes.
const GAUGE_STEP: u64 = 64 * 1024;

/// Activity without a size: `<=>` at a place along a dotted track that moves back and forth
/// with the bytes received, so it never reads as a share of the whole.
pub fn activity_marker(bytes: u64) -> String {
    let places = (TRACK_CELLS - MARKER.len() + 1) as u64;
    let step = (bytes / GAUGE_STEP) % (2 * places - 2);
    let at = if step < places {
        step
    } else {
        2 * places - 2 - step
    } as usize;
    let mut track = "\u{b7}".repeat(at);
    track.push_str(MARKER);
    track.push_str(&"\u{b7}".repeat(TRACK_CELLS - MARKER.len() - at));
    track
}

/// One line describing a download.
pub fn describe(download: &Download) -> String {
    let name = sanitize(&download.name);
    match &download.state {
        DownloadState::Running { bytes, .. } => {
            let rate = download
                .rate()
                .map(|r| format!("  {}/s", format_bytes(r)))
                .unwrap_or_default();
            format!(
                "\u{2193} {} {name}  {}{rate}",
                activity_marker(*bytes),
                format_bytes(*bytes)
            )
        }
        DownloadState::Finished { path, bytes } => {
            let saved_as = path
                .file_name()
                .map_or_else(|| path.to_string_lossy(), |file| file.to_string_lossy());
            let folder = path
                .parent()
                .map(|p| p.to_string_lossy())
                .unwrap_or_default();
            format!(
                "{}{}",
                finished_prefix(&saved_as, *bytes),
                sanitize(&folder)
            )
        }
        DownloadState::Failed(why) => format!("\u{2717} failed     {name}: {}", sanitize(why)),
        DownloadState::Cancelled => format!("- cancelled  {name}"),
    }
}

/// A finished row up to its folder: the name it was saved under and its size.
fn finished_prefix(saved_as: &str, bytes: u64) -> String {
    format!(
        "\u{2713} done       {}  {}  in ",
        sanitize(saved_as),
        format_bytes(bytes)
    )
}

/// A row of the list in `width` columns: a finished row's folder is cut in its middle (so
/// its first and last folders stay) rather than at its end; other rows are cut at the end.
pub fn describe_within(download: &Download, width: usize) -> String {
    let text = describe(download);
    if text.width() <= width {
        return text;
    }
    if let DownloadState::Finished { path, bytes } = &download.state {
        let saved_as = path.file_name().unwrap_or_default().to_string_lossy();
        let prefix = finished_prefix(&saved_as, *bytes);
        let folder = sanitize(&path.parent().unwrap_or(path).to_string_lossy());
        let room = width.saturating_sub(prefix.width());
        if room >= 8 {
            return format!("{prefix}{}", shorten_middle(&folder, room));
        }
    }
    fit_width(&text, width).to_owned()
}

/// The line above the status bar while downloads run.
pub fn download_line(app: &App) -> Option<String> {
    let newest = app.downloads.iter().rev().find(|d| d.is_running())?;
    let others = app.running_downloads() - 1;
    let more = if others > 0 {
        format!("  (+{others} more)")
    } else {
        String::new()
    };
    Some(format!("{}{more}  w lists", describe(newest)))
}

pub fn render_download_line(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    if let Some(text) = download_line(app) {
        frame.buffer_mut().set_style(area, theme.status_bar);
        let shown = fit_width(&text, usize::from(area.width)).to_owned();
        frame.render_widget(Line::styled(shown, theme.status_bar), area);
    }
}

/// The downloads list: a box over the lower part of the page.
pub fn render_downloads_list(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(cursor) = app.downloads_list() else {
        return;
    };
    let height = (app.downloads.len() as u16 + 4)
        .clamp(5, area.height.max(5))
        .min(area.height);
    let rect = Rect {
        y: area.y + area.height - height,
        height,
        ..area
    };
    let rows = usize::from(height.saturating_sub(4));
    let first = (cursor + 1).saturating_sub(rows.max(1));
    let inner = usize::from(area.width.saturating_sub(4));
    let mut lines: Vec<Line> = app
        .downloads
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(index, download)| {
            let text = describe_within(download, inner);
            if index == cursor {
                Line::styled(text, theme.selected)
            } else {
                Line::raw(text)
            }
        })
        .collect();
    if app.downloads.is_empty() {
        lines.push(Line::raw("No downloads yet."));
    }
    lines.push(Line::raw(""));
    lines.push(Line::raw(fit_width(
        "Up/Down select, Enter opens, x cancels, X clears finished rows, Esc or w closes",
        inner,
    )));
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Downloads ")
        .padding(Padding::horizontal(1));
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gopher::GopherUrl;

    #[test]
    fn the_marker_travels_back_and_forth_with_the_data_and_never_fills_the_track() {
        let at = |steps: u64| activity_marker(steps * GAUGE_STEP);
        assert_eq!(at(0), "<=>\u{b7}\u{b7}\u{b7}\u{b7}\u{b7}\u{b7}\u{b7}");
        assert_eq!(at(1), "\u{b7}<=>\u{b7}\u{b7}\u{b7}\u{b7}\u{b7}\u{b7}");
        assert_eq!(at(7), "\u{b7}\u{b7}\u{b7}\u{b7}\u{b7}\u{b7}\u{b7}<=>");
        assert_eq!(at(8), at(6), "it turns back at the end");
        assert_eq!(at(14), at(0), "and comes back to the start");
        for steps in 0..20 {
            let track = at(steps);
            assert_eq!(track.chars().count(), TRACK_CELLS);
            assert_eq!(track.matches('=').count(), 1, "{track}");
        }
    }

    #[test]
    fn a_finished_row_leads_with_the_name_it_was_saved_under() {
        let download = Download {
            id: 1,
            url: GopherUrl::parse("gopher://h.org/9/a.bin").expect("url"),
            name: "a.bin".into(),
            state: DownloadState::Finished {
                path: "/home/me/Downloads/a (1).bin".into(),
                bytes: 2048,
            },
            view_when_done: false,
        };
        assert_eq!(
            describe(&download),
            "\u{2713} done       a (1).bin  2 KiB  in /home/me/Downloads"
        );
    }

    #[test]
    fn a_narrow_list_cuts_a_finished_rows_folder_in_its_middle() {
        let download = Download {
            id: 1,
            url: GopherUrl::parse("gopher://h.org/9/a.bin").expect("url"),
            name: "a.bin".into(),
            state: DownloadState::Finished {
                path: "/home/me/Downloads/gopher/from-floodgap/a.bin".into(),
                bytes: 2048,
            },
            view_when_done: false,
        };
        assert_eq!(
            describe_within(&download, 51),
            "\u{2713} done       a.bin  2 KiB  in /home/\u{2026}/from-floodgap"
        );
        assert!(describe_within(&download, 51).width() <= 51);
    }
}
