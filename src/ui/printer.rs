//! Everything mdetag writes to standard error goes through here, so notes, warnings and
//! verbose call logs never tear the progress bar, and `--quiet` silences all but errors.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;

use indicatif::{MultiProgress, ProgressBar};

#[derive(Debug, Default)]
pub struct Printer {
    quiet: bool,
    verbose: bool,
    bar: Mutex<Option<ProgressBar>>,
    /// `[tenant] `: which tenant of a run over many a line is about.
    label: String,
    /// The bars of a run over many tenants, a line each: lines are written around them.
    multi: Option<MultiProgress>,
}

impl Printer {
    pub fn new(quiet: bool, verbose: bool) -> Self {
        Printer {
            quiet,
            verbose,
            bar: Mutex::new(None),
            label: String::new(),
            multi: None,
        }
    }

    /// A printer whose lines say they are about `label` (a tenant of a run over many), and
    /// whose progress bar is a line of `multi`.
    pub fn labelled(&self, label: &str, multi: Option<MultiProgress>) -> Printer {
        Printer {
            quiet: self.quiet,
            verbose: self.verbose,
            bar: Mutex::new(self.bar.lock().expect("printer").clone()),
            label: format!("[{label}] "),
            multi,
        }
    }

    /// The label of a tenant's printer, `[tenant] `, or nothing.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The bars this printer's progress joins, in a run over many tenants.
    pub fn multi(&self) -> Option<&MultiProgress> {
        self.multi.as_ref()
    }

    /// True when a progress bar would be seen: standard error is a terminal.
    pub fn stderr_is_terminal() -> bool {
        std::io::stderr().is_terminal()
    }

    pub fn attach(&self, bar: ProgressBar) {
        *self.bar.lock().expect("printer") = Some(bar);
    }

    pub fn detach(&self) {
        if let Some(bar) = self.bar.lock().expect("printer").take() {
            bar.finish_and_clear();
        }
    }

    /// Every line goes out with server text made safe: secrets redacted, control characters
    /// escaped.
    fn line(&self, text: &str) {
        let text = super::text::redact(text);
        let text = super::text::display(&text);
        let bar = self.bar.lock().expect("printer").clone();
        let write = || {
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "{text}");
        };
        match (&self.multi, bar) {
            (Some(multi), _) => multi.suspend(write),
            (None, Some(bar)) => bar.suspend(write),
            (None, None) => write(),
        }
    }

    /// Information a person may want: hidden by `--quiet`.
    pub fn note(&self, text: impl AsRef<str>) {
        if !self.quiet {
            self.line(&format!("mdetag: {}{}", self.label, text.as_ref()));
        }
    }

    pub fn warn(&self, text: impl AsRef<str>) {
        if !self.quiet {
            self.line(&format!("mdetag: warning: {}{}", self.label, text.as_ref()));
        }
    }

    /// Always shown.
    pub fn error(&self, text: impl AsRef<str>) {
        self.line(&format!("mdetag: error: {}{}", self.label, text.as_ref()));
    }

    /// Lines that are already complete messages (`FILE:LINE: reason`): always shown, after
    /// the tenant they are about in a run over many.
    pub fn raw(&self, text: impl AsRef<str>) {
        self.line(&format!("{}{}", self.label, text.as_ref()));
    }

    /// Shown with `--verbose` only. Callers pass no secrets: this is the one place that would
    /// be tempted to log a request, and requests carry tokens.
    pub fn debug(&self, text: impl FnOnce() -> String) {
        if self.verbose {
            self.line(&format!("mdetag: {}{}", self.label, text()));
        }
    }
}
