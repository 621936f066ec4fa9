//! Downloads on screen: a line above the status bar while any download runs (the newest one's
//! name, bytes, rate and a gauge), and the list opened with `w` (every download of the session,
//! its state, and the full path of finished ones).
//!
//! Gopher does not say how big a file is, so a running download's gauge cannot show a
//! fraction: its marker moves along as data arrives (it stands still when the transfer
//! stalls), and a finished download's gauge is full.

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

const GAUGE_CELLS: usize = 10;
/// The marker moves one cell per this many bytes.
const GAUGE_STEP: u64 = 64 * 1024;

/// A ten-cell gauge: a moving marker while running, full when finished, empty otherwise.
pub fn gauge(state: &DownloadState) -> String {
    let cells: String = match state {
        DownloadState::Running { bytes, .. } => {
            let at = ((bytes / GAUGE_STEP) % (GAUGE_CELLS as u64 - 2)) as usize;
            (0..GAUGE_CELLS)
                .map(|i| if (at..at + 3).contains(&i) { '=' } else { ' ' })
                .collect()
        }
        DownloadState::Finished { .. } => "=".repeat(GAUGE_CELLS),
        _ => " ".repeat(GAUGE_CELLS),
    };
    format!("[{cells}]")
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
                "↓ {} {name}  {}{rate}",
                gauge(&download.state),
                format_bytes(*bytes)
            )
        }
        DownloadState::Finished { path, bytes } => format!(
            "✓ {} {}  {}",
            gauge(&download.state),
            sanitize(&path.to_string_lossy()),
            format_bytes(*bytes)
        ),
        DownloadState::Failed(why) => format!("✗ failed    {name}: {}", sanitize(why)),
        DownloadState::Cancelled => format!("- cancelled {name}"),
    }
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
    let Some(cursor) = app.downloads_list else {
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
            let text = fit_width(&describe(download), inner).to_owned();
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
        "Up/Down select, x cancels the selected download, Esc or w closes",
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

    #[test]
    fn the_gauge_moves_with_data_and_is_full_when_done() {
        let at = |bytes| {
            gauge(&DownloadState::Running {
                bytes,
                elapsed_ms: 1,
            })
        };
        assert_eq!(at(0), "[===       ]");
        assert_eq!(at(GAUGE_STEP), "[ ===      ]");
        assert_ne!(at(0), at(3 * GAUGE_STEP));
        assert_eq!(
            gauge(&DownloadState::Finished {
                path: "/x".into(),
                bytes: 1
            }),
            "[==========]"
        );
    }
}
