//! Signals from outside. SIGTERM and SIGHUP ask the app to quit (after a real hangup nothing
//! more is written to the terminal) and arm a watchdog that ends the process
//! if quitting has not finished within a grace period, whatever is stuck. SIGINT is passed
//! on as `Msg::Interrupt`. SIGTSTP and SIGCONT go to the loop, which suspends and takes the
//! terminal back the same way as Ctrl-Z does.

use super::terminal;
use crate::app::Msg;
use anyhow::Context;
use std::sync::Once;
use std::time::Duration;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc;

/// How long after SIGTERM or SIGHUP the process ends even if quitting is stuck (a save on a
/// hung network file system, say). The loop itself gives up waiting sooner.
pub const HARD_EXIT_AFTER: Duration = Duration::from_millis(1500);

/// Job control, handled by the loop rather than the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobControl {
    /// SIGTSTP: give the terminal back and stop.
    Suspend,
    /// SIGCONT: take the terminal back and repaint.
    Continue,
}

/// Starts a thread that ends the process after [`HARD_EXIT_AFTER`] (once per process): the
/// last resort when a blocking task or the loop itself is stuck.
pub fn arm_exit_watchdog() {
    static ARMED: Once = Once::new();
    ARMED.call_once(|| {
        std::thread::spawn(|| {
            std::thread::sleep(HARD_EXIT_AFTER);
            terminal::restore();
            std::process::exit(0);
        });
    });
}

/// What a signal becomes.
#[derive(Debug, Clone, Copy)]
enum Forward {
    Quit { hangup: bool },
    Interrupt,
    Job(JobControl),
}

/// Forwards signals: termination to the app (as `Msg`), job control to the loop.
pub fn spawn_signals(
    msg_tx: &mpsc::UnboundedSender<Msg>,
    job_tx: &mpsc::UnboundedSender<JobControl>,
) -> anyhow::Result<()> {
    let table = [
        (SignalKind::terminate(), Forward::Quit { hangup: false }),
        (SignalKind::hangup(), Forward::Quit { hangup: true }),
        (SignalKind::interrupt(), Forward::Interrupt),
        (
            SignalKind::from_raw(libc::SIGTSTP),
            Forward::Job(JobControl::Suspend),
        ),
        (
            SignalKind::from_raw(libc::SIGCONT),
            Forward::Job(JobControl::Continue),
        ),
    ];
    for (kind, forward) in table {
        let mut stream = signal(kind).context("installing a signal handler")?;
        let msg_tx = msg_tx.clone();
        let job_tx = job_tx.clone();
        tokio::spawn(async move {
            while stream.recv().await.is_some() {
                let sent = match forward {
                    Forward::Quit { hangup } => {
                        if hangup {
                            terminal::check_gone();
                        }
                        arm_exit_watchdog();
                        msg_tx.send(Msg::Quit).is_ok()
                    }
                    Forward::Interrupt => msg_tx.send(Msg::Interrupt).is_ok(),
                    Forward::Job(job) => job_tx.send(job).is_ok(),
                };
                if !sent {
                    break;
                }
            }
        });
    }
    Ok(())
}
