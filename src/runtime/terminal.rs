//! The terminal Burrow draws on: switching its modes on (raw input, the alternate screen,
//! bracketed paste, click reporting when the mouse is wanted) and back off, the writer the
//! screen is drawn through, and handing the terminal to the shell (Ctrl-Z, SIGTSTP) and taking
//! it back.
//!
//! Once the terminal has gone away (a hangup, or a write failing with EIO) nothing more is
//! written to it: the writer swallows output, so neither a last frame nor ratatui's cursor
//! restore nor an error message is printed to a dead terminal.

use crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once the terminal is known to be gone; never cleared.
static TERMINAL_GONE: AtomicBool = AtomicBool::new(false);

/// Records that the terminal went away (SIGHUP, end of input, EIO): from now on nothing is
/// written to it.
fn mark_gone() {
    TERMINAL_GONE.store(true, Ordering::SeqCst);
}

pub fn is_gone() -> bool {
    TERMINAL_GONE.load(Ordering::SeqCst)
}

/// Asks the terminal whether it is still there (after SIGHUP or the end of input): a hung-up
/// terminal answers every request with EIO, while a SIGHUP sent with `kill` leaves it working,
/// and then it is restored as usual. Returns whether it is gone.
pub fn check_gone() -> bool {
    // SAFETY: tcgetattr only writes into the termios it is given.
    let hung_up = unsafe {
        let mut settings = std::mem::zeroed::<libc::termios>();
        libc::tcgetattr(libc::STDOUT_FILENO, &mut settings) != 0
            && io::Error::last_os_error().raw_os_error() == Some(libc::EIO)
    };
    if hung_up {
        mark_gone();
    }
    is_gone()
}

/// Standard output, as long as the terminal is there; afterwards writes vanish.
#[derive(Debug, Default)]
pub struct TtyWriter;

impl Write for TtyWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if is_gone() {
            return Ok(buf.len());
        }
        match io::stdout().write(buf) {
            Err(e) if is_hangup(&e) => {
                mark_gone();
                Ok(buf.len())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if is_gone() {
            return Ok(());
        }
        match io::stdout().flush() {
            Err(e) if is_hangup(&e) => {
                mark_gone();
                Ok(())
            }
            other => other,
        }
    }
}

/// A terminal that has hung up answers writes with EIO.
fn is_hangup(error: &io::Error) -> bool {
    error.raw_os_error() == Some(libc::EIO)
}

/// Mouse reporting for presses and releases only (which includes the wheel), in the SGR
/// encoding: no motion tracking, so the terminal is not flooded with events.
#[derive(Debug, Clone, Copy)]
pub struct EnableClickReports;

impl crossterm::Command for EnableClickReports {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        f.write_str("\x1b[?1000h\x1b[?1006h")
    }
}

/// What Burrow asks of the terminal while it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Modes {
    /// Report clicks and the wheel (`mouse = false` leaves the mouse to the terminal).
    pub mouse: bool,
}

/// Raw mode, the alternate screen, bracketed paste and (if wanted) click reports.
pub fn enter(modes: Modes) -> io::Result<()> {
    enable_raw_mode()?;
    execute!(TtyWriter, EnterAlternateScreen, EnableBracketedPaste)?;
    if modes.mouse {
        execute!(TtyWriter, EnableClickReports)?;
    }
    Ok(())
}

/// Puts the terminal back as it was. Safe to call more than once, and silent once the
/// terminal is gone.
pub fn restore() {
    let _ = disable_raw_mode();
    if is_gone() {
        return;
    }
    let _ = execute!(
        TtyWriter,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

/// Takes the terminal back after the shell or another program had it, whatever state they
/// left it in, and clears it so the next frame is drawn whole.
pub fn take_back(modes: Modes) -> io::Result<()> {
    // Raw mode is switched off first: after an outside stop and continue the terminal may be
    // cooked again although raw mode was never left here.
    let _ = disable_raw_mode();
    enter(modes)?;
    execute!(TtyWriter, Clear(ClearType::All))
}

/// Hands the terminal to the shell and stops the process until it is continued (`fg`).
/// SIGSTOP is used because Burrow handles SIGTSTP itself.
pub fn suspend() {
    restore();
    // SAFETY: raise only sends a signal to this thread's process; it touches no memory.
    unsafe {
        libc::raise(libc::SIGSTOP);
    }
}

/// Restores the terminal before a panic message is printed (and prints none once the
/// terminal is gone).
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        if !is_gone() {
            previous(info);
        }
    }));
}

/// Restores the terminal when dropped, so every way out of the loop restores it.
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::Command;

    #[test]
    fn click_reports_ask_for_presses_in_sgr_and_never_for_motion() {
        let mut ansi = String::new();
        EnableClickReports.write_ansi(&mut ansi).expect("write");
        assert_eq!(ansi, "\x1b[?1000h\x1b[?1006h");
        assert!(!ansi.contains("1002") && !ansi.contains("1003"));
    }
}
