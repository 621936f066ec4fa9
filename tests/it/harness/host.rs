//! The event loop run in-process: a [`Host`] on ratatui's `TestBackend` that counts every frame
//! and keeps the last one, takes input events from the test, and records each hand-off the
//! loop asks of the terminal (suspend, take back, release, a program run), so batching, draw
//! throttling and handing the terminal to a program are tested without a terminal.

use burrow::app::Location;
use burrow::app::Msg;
use burrow::runtime::{Host, JobControl, event_loop};
use burrow::startup::{Settings, start_app};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use futures_util::Stream;
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use std::convert::Infallible;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

/// The longest the test waits for the loop to show something.
const DEADLINE: Duration = Duration::from_secs(10);

/// What the loop asked of its terminal, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostCall {
    InputStarted,
    InputDropped,
    Suspended,
    TookBack,
    Released,
    Program(Vec<String>),
}

#[derive(Default)]
struct State {
    frames: usize,
    rows: Vec<String>,
    calls: Vec<HostCall>,
    keyboard: Option<mpsc::UnboundedSender<std::io::Result<Event>>>,
    messages: Option<mpsc::UnboundedSender<Msg>>,
    jobs: Option<mpsc::UnboundedSender<JobControl>>,
}

/// The test's side of a running loop: the frames drawn, the hand-offs, and the keyboard.
#[derive(Clone, Default)]
pub struct Observed(Arc<Mutex<State>>);

impl Observed {
    fn state(&self) -> MutexGuard<'_, State> {
        self.0.lock().expect("observed state")
    }

    /// How many frames the loop has drawn.
    pub fn frames(&self) -> usize {
        self.state().frames
    }

    /// The last frame drawn, one String per row, trailing spaces trimmed.
    pub fn rows(&self) -> Vec<String> {
        self.state().rows.clone()
    }

    pub fn status_bar(&self) -> String {
        self.rows().last().cloned().unwrap_or_default()
    }

    pub fn screen_contains(&self, text: &str) -> bool {
        self.rows().iter().any(|row| row.contains(text))
    }

    pub fn calls(&self) -> Vec<HostCall> {
        self.state().calls.clone()
    }

    /// Sends a terminal event to the input the loop reads now.
    pub fn press(&self, event: Event) {
        let state = self.state();
        let keyboard = state.keyboard.as_ref().expect("the loop reads input");
        keyboard.send(Ok(event)).expect("the input is read");
    }

    pub fn key(&self, code: KeyCode) {
        self.press(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    pub fn ctrl(&self, letter: char) {
        self.press(Event::Key(KeyEvent::new(
            KeyCode::Char(letter),
            KeyModifiers::CONTROL,
        )));
    }

    pub fn type_keys(&self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// Ends the input, as when the terminal goes away.
    pub fn end_input(&self) {
        self.state().keyboard = None;
    }

    /// Sends a message as a signal would.
    pub fn signal(&self, msg: Msg) {
        let state = self.state();
        let messages = state.messages.as_ref().expect("the loop has started");
        messages.send(msg).expect("the loop listens");
    }

    pub fn job(&self, job: JobControl) {
        let state = self.state();
        let jobs = state.jobs.as_ref().expect("the loop has started");
        jobs.send(job).expect("the loop listens");
    }

    /// Waits (bounded) until `condition` holds; panics with the last frame after the deadline.
    pub async fn wait_until(&self, what: &str, condition: impl Fn(&Observed) -> bool) {
        let start = Instant::now();
        while !condition(self) {
            assert!(
                start.elapsed() < DEADLINE,
                "timed out after {DEADLINE:?} waiting for {what}\n{}",
                self.rows().join("\n")
            );
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    }

    pub async fn wait_for_text(&self, text: &str) {
        self.wait_until(&format!("{text:?} on screen"), |o| o.screen_contains(text))
            .await;
    }

    fn record(&self, call: HostCall) {
        self.state().calls.push(call);
    }
}

/// Runs a program in place of the terminal's: gets its argv and the test's handle.
pub type Program = Box<dyn FnMut(&[String], &Observed) -> String + Send>;

/// `TestBackend`, with each flushed frame counted and kept in [`Observed`].
pub struct CountingBackend {
    inner: TestBackend,
    observed: Observed,
}

impl Backend for CountingBackend {
    type Error = Infallible;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Infallible>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }

    fn hide_cursor(&mut self) -> Result<(), Infallible> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Infallible> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Infallible> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Infallible> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Infallible> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Infallible> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Infallible> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Infallible> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Infallible> {
        let rows = super::driver::rows(self.inner.buffer());
        let mut state = self.observed.state();
        state.frames += 1;
        state.rows = rows;
        Ok(())
    }
}

/// The input the loop reads: what the test sends; its end is recorded when the loop drops it.
pub struct TestInput {
    events: mpsc::UnboundedReceiver<std::io::Result<Event>>,
    observed: Observed,
}

impl Stream for TestInput {
    type Item = std::io::Result<Event>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.events.poll_recv(cx)
    }
}

impl Drop for TestInput {
    fn drop(&mut self) {
        self.observed.record(HostCall::InputDropped);
    }
}

pub struct TestHost {
    screen: Terminal<CountingBackend>,
    observed: Observed,
    program: Program,
}

impl Host for TestHost {
    type Backend = CountingBackend;
    type Input = TestInput;

    fn start(
        &mut self,
        messages: &mpsc::UnboundedSender<Msg>,
        jobs: &mpsc::UnboundedSender<JobControl>,
    ) -> anyhow::Result<()> {
        let mut state = self.observed.state();
        state.messages = Some(messages.clone());
        state.jobs = Some(jobs.clone());
        Ok(())
    }

    fn screen(&mut self) -> &mut Terminal<CountingBackend> {
        &mut self.screen
    }

    fn input(&mut self) -> TestInput {
        let (keyboard, events) = mpsc::unbounded_channel();
        self.observed.state().keyboard = Some(keyboard);
        self.observed.record(HostCall::InputStarted);
        TestInput {
            events,
            observed: self.observed.clone(),
        }
    }

    fn suspend(&mut self) {
        self.observed.record(HostCall::Suspended);
    }

    fn take_back(&mut self) -> anyhow::Result<()> {
        self.observed.record(HostCall::TookBack);
        self.screen.clear()?;
        Ok(())
    }

    fn release(&mut self) {
        self.observed.record(HostCall::Released);
    }

    async fn run_program(&mut self, argv: Vec<String>) -> String {
        self.observed.record(HostCall::Program(argv.clone()));
        (self.program)(&argv, &self.observed)
    }
}

/// Runs the event loop on an 80x24 `TestBackend` with `settings`, opening `initial`, while
/// `script` drives it (the loop must quit by the end of the script); `program` stands in for
/// any program handed the terminal. Returns what was observed.
pub fn run_loop<F: Future<Output = ()>>(
    settings: &Settings,
    initial: Option<Location>,
    program: Program,
    script: impl FnOnce(Observed) -> F,
) -> Observed {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let observed = Observed::default();
    let mut host = TestHost {
        screen: Terminal::new(CountingBackend {
            inner: TestBackend::new(80, 24),
            observed: observed.clone(),
        })
        .expect("a test terminal"),
        observed: observed.clone(),
        program,
    };
    runtime.block_on(async {
        let (app, commands) = start_app(settings, (80, 24), initial);
        let running = async {
            let (ended, ()) = tokio::join!(
                event_loop(&mut host, app, commands, settings),
                script(observed.clone())
            );
            ended
        };
        let ended = tokio::time::timeout(DEADLINE * 3, running)
            .await
            .unwrap_or_else(|_| panic!("the loop did not quit\n{}", observed.rows().join("\n")));
        ended.expect("the loop ends without an error");
    });
    observed
}
