//! `--format markdown`: a summary table and one section per conflict, for a
//! pull-request comment.

use super::{located, Counts, Location};
use crate::Outcome;

/// Renders an outcome as Markdown.
pub fn render(outcome: &Outcome) -> String {
    let counts = Counts::of(outcome);
    let mut out = format!(
        "## claimcheck: {} conflicts ({} errors, {} warnings) in {} documents\n\n",
        counts.conflicts, counts.errors, counts.warnings, outcome.documents
    );
    if outcome.conflicts.is_empty() {
        return out;
    }
    out.push_str("| # | Severity | Rule | Claim | Values |\n|---|---|---|---|---|\n");
    for (n, c) in outcome.conflicts.iter().enumerate() {
        let values: Vec<String> = c.sides.iter().map(|s| format!("{} ({})", s.value, s.support)).collect();
        out.push_str(&format!(
            "| {} | {} | `{}` | {} · {} | {} |\n",
            n + 1,
            c.severity.as_str(),
            c.rule,
            cell(&c.subject.join(", ")),
            cell(&c.slot),
            cell(&values.join(" vs ")),
        ));
    }
    for (n, c) in outcome.conflicts.iter().enumerate() {
        out.push_str(&format!(
            "\n### {}. {}[{}]: {}\n\n",
            n + 1,
            c.severity.as_str(),
            c.rule,
            text(&c.message)
        ));
        for (i, side) in c.sides.iter().enumerate() {
            let best = if c.best == Some(i) { ", best supported" } else { "" };
            out.push_str(&format!(
                "- **{}** ({}{best})\n",
                text(&side.value),
                super::sources(side.support)
            ));
            for (_, e) in located(c).filter(|(s, _)| *s == i) {
                let at = Location::of(e);
                let source = e.source().map(|s| format!(" {}:", text(s))).unwrap_or_default();
                out.push_str(&format!(
                    "  - `{}:{}`{source} \"{}\"\n",
                    at.path,
                    at.line,
                    text(e.sentence.trim())
                ));
            }
            if let Some(more) = super::unlisted(side) {
                out.push_str(&format!("  - {more}\n"));
            }
        }
    }
    out
}

/// Text made safe for a Markdown table cell.
fn cell(s: &str) -> String {
    text(s).replace('|', "\\|")
}

/// Text that Markdown shows as written: markup characters escaped, one line.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
