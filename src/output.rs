//! Everything Galley prints goes through here, so that in GitHub Actions no
//! line of it can be a workflow command: the runner obeys `::command::` at a
//! line's start and the legacy `##[command]` anywhere in a line, and a file
//! name or page text could hold either. Galley's own annotations
//! (`--format github`) are the one output printed as commands.

use std::io::Write;

/// What a piece of standard output is, for how it is made safe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Medium {
    /// Lines for people (human, short, Markdown, statistics, messages).
    Text,
    /// JSON (and SARIF): `##[` in strings is written with a JSON escape.
    Json,
    /// GitHub workflow commands, whose content is escaped where they are made.
    Commands,
}

fn in_actions() -> bool {
    std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true")
}

/// `text` as it may be printed in `medium` here.
pub fn safe(text: &str, medium: Medium) -> String {
    if !in_actions() {
        return text.to_owned();
    }
    match medium {
        Medium::Text => galley_report::github::neutralize(text),
        Medium::Json => galley_report::github::neutralize_json(text),
        Medium::Commands => text.to_owned(),
    }
}

/// Writes to stdout. A closed pipe (`galley check | head`) is not an error;
/// any other write error is returned (the output was lost: exit 2).
pub fn stdout(text: &str, medium: Medium) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out
        .write_all(safe(text, medium).as_bytes())
        .and_then(|()| out.flush())
    {
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Writes a line (or lines) to stderr.
pub fn stderr(text: &str) {
    let mut text = safe(text, Medium::Text);
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// `eprintln!`, through [`stderr`].
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::output::stderr(&format!($($arg)*))
    };
}
pub(crate) use say;
