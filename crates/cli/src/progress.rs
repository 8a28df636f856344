//! The progress line of long commands.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// A progress line on stderr, only for a person watching a terminal, and only once the run
/// has lasted long enough to need one.
pub struct Progress {
    pub bar: ProgressBar,
    wanted: bool,
    shown: bool,
    started: Instant,
}

impl Progress {
    const AFTER: Duration = Duration::from_secs(1);

    pub fn new(quiet: bool) -> Progress {
        let bar = ProgressBar::hidden();
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} {human_pos} articles  {per_sec}  {elapsed}  {msg}",
            )
            .expect("valid progress template"),
        );
        let wanted = !quiet && std::io::stderr().is_terminal();
        Progress {
            bar,
            wanted,
            shown: false,
            started: Instant::now(),
        }
    }

    pub fn advance(&mut self, articles: usize) {
        self.bar.inc(articles as u64);
        if self.wanted && !self.shown && self.started.elapsed() >= Self::AFTER {
            self.bar
                .set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
            self.bar.enable_steady_tick(Duration::from_millis(250));
            self.shown = true;
        }
    }
}
