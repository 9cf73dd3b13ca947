//! Replays on a thread of their own, so the window never waits: the answer
//! shown, to the question it answers, and the replays working on the next.
//! "Why did this move?" and the view across seeds both keep one.

use std::thread::JoinHandle;

/// An answer, or why the replays could not give one.
pub(crate) type Answer<T> = Result<T, String>;

/// The answer shown and the replays working, each with its question.
pub(crate) struct Replays<Q, T> {
    shown: Option<(Q, Answer<T>)>,
    working: Option<(Q, JoinHandle<Answer<T>>)>,
}

impl<Q, T> Default for Replays<Q, T> {
    fn default() -> Self {
        Self {
            shown: None,
            working: None,
        }
    }
}

impl<Q: PartialEq, T: Send + 'static> Replays<Q, T> {
    /// Whether replays are running (a screenshot waits for them).
    pub(crate) fn busy(&self) -> bool {
        self.working.is_some()
    }

    /// The question the running replays answer.
    pub(crate) fn working_on(&self) -> Option<&Q> {
        self.working.as_ref().map(|w| &w.0)
    }

    /// The answer shown, with its question.
    pub(crate) fn shown(&self) -> Option<&(Q, Answer<T>)> {
        self.shown.as_ref()
    }

    /// Shows the running replays' answer once they are done.
    pub(crate) fn collect(&mut self) {
        if self.working.as_ref().is_some_and(|w| w.1.is_finished()) {
            let (question, job) = self.working.take().expect("working");
            let answer = job
                .join()
                .unwrap_or_else(|_| Err("the replays stopped".into()));
            self.shown = Some((question, answer));
        }
    }

    /// Starts `job` for `question` unless replays are running.
    pub(crate) fn start(&mut self, question: Q, job: impl FnOnce() -> Answer<T> + Send + 'static) {
        if self.working.is_none() {
            self.working = Some((question, std::thread::spawn(job)));
        }
    }
}
