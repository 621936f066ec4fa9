//! Copying through a configured clipboard program (`wl-copy`, `xclip -selection clipboard`,
//! `pbcopy`) for terminals that ignore OSC 52: the program is started from its argument
//! vector (never a shell), gets the text on its standard input, and must end within a time
//! limit. It runs on its own task, so the UI never waits for it; the outcome comes back as a
//! message that names the program and, on failure, says why.

use crate::app::Msg;
use crate::gopher::sanitize;
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::mpsc;

/// How long the clipboard program may take to take the text and end.
pub const CLIPBOARD_TIMEOUT: Duration = Duration::from_secs(5);

/// At most this much of what the program wrote to stderr is read for the failure notice.
const ERROR_BYTES: u64 = 1024;

/// Copies `text` with `argv` on a task of its own and reports how it went to `msg_tx`
/// (`Msg::ProgramEnded` when copied, `Msg::Problem` when not).
pub fn spawn_copy(argv: Vec<String>, text: String, msg_tx: mpsc::UnboundedSender<Msg>) {
    tokio::spawn(async move {
        let program = argv.first().cloned().unwrap_or_default();
        let msg = match copy_with_program(&argv, &text, CLIPBOARD_TIMEOUT).await {
            Ok(()) => Msg::ProgramEnded(format!("Copied {text} (with {program})")),
            Err(why) => {
                log::warn!("clipboard program {argv:?}: {why}");
                Msg::Problem(format!("Not copied: {why}"))
            }
        };
        let _ = msg_tx.send(msg);
    });
}

/// Runs `argv` with `text` on its standard input, waiting at most `limit` for it to end.
/// Errors name the program and say why: it could not start, it did not read the text, it
/// failed (with the first line it wrote to stderr), or it took too long (it is then killed).
pub async fn copy_with_program(argv: &[String], text: &str, limit: Duration) -> Result<(), String> {
    let Some((program, args)) = argv.split_first() else {
        return Err("no clipboard program is configured".to_owned());
    };
    let shown = sanitize(program);
    let mut child = tokio::process::Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    let mut stdin = child.stdin.take();
    let mut stderr = child.stderr.take();
    let run = async {
        if let Some(mut input) = stdin.take() {
            input
                .write_all(text.as_bytes())
                .await
                .map_err(|e| format!("{shown} did not take the text: {e}"))?;
            // Dropping the pipe is the end of the text.
        }
        child
            .wait()
            .await
            .map_err(|e| format!("{shown} could not be waited for: {e}"))
    };
    let status = match tokio::time::timeout(limit, run).await {
        Ok(status) => status?,
        Err(_) => {
            let _ = child.start_kill();
            return Err(format!("{shown} did not finish within {}", seconds(limit)));
        }
    };
    if status.success() {
        return Ok(());
    }
    // A program that forks (xclip, wl-copy) may leave its child holding stderr open, so what
    // is there is read for a moment only.
    let mut said = Vec::new();
    if let Some(err) = stderr.take() {
        let mut limited = err.take(ERROR_BYTES);
        let read = limited.read_to_end(&mut said);
        let _ = tokio::time::timeout(Duration::from_millis(200), read).await;
    }
    let said = String::from_utf8_lossy(&said);
    let first_line = sanitize(said.lines().find(|l| !l.trim().is_empty()).unwrap_or(""));
    let first_line = first_line.trim();
    match first_line.is_empty() {
        true => Err(format!("{shown} failed ({status})")),
        false => Err(format!("{shown} failed ({status}): {first_line}")),
    }
}

/// `5 s`, or `300 ms` for a limit that is not whole seconds.
fn seconds(limit: Duration) -> String {
    match limit.subsec_millis() {
        0 => format!("{} s", limit.as_secs()),
        _ => format!("{} ms", limit.as_millis()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| (*w).to_owned()).collect()
    }

    #[tokio::test]
    async fn the_text_reaches_the_programs_standard_input_without_a_shell() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("clip; not a shell");
        let script = format!("cat > '{}'", file.display());
        let text = "gopher://example.org/1/$(touch x) `y`";
        copy_with_program(&argv(&["sh", "-c", &script]), text, CLIPBOARD_TIMEOUT)
            .await
            .expect("copied");
        assert_eq!(std::fs::read_to_string(&file).expect("file"), text);
    }

    #[tokio::test]
    async fn a_missing_program_is_named_with_the_reason() {
        let why = copy_with_program(&argv(&["/no/such/wl-copy"]), "x", CLIPBOARD_TIMEOUT)
            .await
            .expect_err("missing");
        assert!(
            why.starts_with("could not start /no/such/wl-copy: "),
            "{why}"
        );
    }

    #[tokio::test]
    async fn a_failing_program_is_named_with_its_status_and_first_error_line() {
        let why = copy_with_program(
            &argv(&[
                "sh",
                "-c",
                "cat >/dev/null; echo 'Error: no display' >&2; exit 3",
            ]),
            "x",
            CLIPBOARD_TIMEOUT,
        )
        .await
        .expect_err("fails");
        assert!(why.starts_with("sh failed (exit status: 3)"), "{why}");
        assert!(why.ends_with(": Error: no display"), "{why}");
    }

    #[tokio::test]
    async fn a_program_that_hangs_is_stopped_after_the_time_limit() {
        let started = std::time::Instant::now();
        let why = copy_with_program(&argv(&["sleep", "30"]), "x", Duration::from_millis(300))
            .await
            .expect_err("too slow");
        assert!(why.contains("sleep did not finish within 300 ms"), "{why}");
        assert!(started.elapsed() < Duration::from_secs(10));
    }
}
