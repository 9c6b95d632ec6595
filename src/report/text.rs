//! Terminal output: each conflict as a compiler-style diagnostic, every
//! side's sentence (its part of the source line) with its words underlined
//! and labelled with the value and its support, then a summary line.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{origin, Counts};
use crate::compare::Conflict;
use crate::rules::Severity;
use crate::Outcome;

/// How the text report looks.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// ANSI colours.
    pub color: bool,
    /// Only the summary line.
    pub quiet: bool,
}

/// Renders every conflict, then the summary line.
pub fn render(outcome: &Outcome, options: Options) -> String {
    let renderer = if options.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    if !options.quiet {
        for conflict in &outcome.conflicts {
            out.push_str(&renderer.render(&diagnostic(conflict)).to_string());
            out.push_str("\n\n");
        }
    }
    out.push_str(&summary(outcome));
    out.push('\n');
    out
}

fn diagnostic(conflict: &Conflict) -> Vec<Group<'_>> {
    let level = match conflict.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let mut group = Group::with_title(
        level
            .primary_title(conflict.message.as_str())
            .id(conflict.rule.as_str()),
    );
    for (index, side) in conflict.sides.iter().enumerate() {
        let mut sources = super::sources(side.support);
        if let Some(more) = super::unlisted(side) {
            sources = format!("{sources}; {more} not shown");
        }
        let is_best = conflict.best == Some(index);
        let label = if is_best {
            format!("{} ({sources}, best supported)", side.value)
        } else {
            format!("{} ({sources})", side.value)
        };
        let kind = if is_best {
            AnnotationKind::Context
        } else {
            AnnotationKind::Primary
        };
        for e in &side.evidence {
            let (line, line_start) = e.source_line();
            let start = e.span.start.saturating_sub(line_start).min(line.len());
            let end = (e.span.end.saturating_sub(line_start)).clamp(start, line.len());
            // The sentence's part of the line may start mid-line: pad it so
            // that the column the diagnostic prints is the value's own.
            let shown = line.get(..start).map_or(0, |s| s.chars().count());
            let pad = e.column.saturating_sub(1).saturating_sub(shown);
            let source = format!("{}{line}", " ".repeat(pad));
            group = group.element(
                Snippet::source(source)
                    .line_start(e.line)
                    .path(origin(e))
                    .annotation(kind.span(start + pad..end + pad).label(label.clone())),
            );
        }
    }
    let claim = format!("claim: {}", conflict.claim_label());
    group = group.element(Level::NOTE.message(claim));
    if let Some(best) = conflict.best.and_then(|i| conflict.sides.get(i)) {
        group = group.element(Level::HELP.message(format!("most sources support {}", best.value)));
    }
    vec![group]
}

/// `2 conflicts (2 errors, 0 warnings) in 4 documents checked, 0 skipped`,
/// then how many conflicts a baseline accepted and how many of its entries
/// are stale, when there are any.
pub fn summary(outcome: &Outcome) -> String {
    let counts = Counts::of(outcome);
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let mut by_severity = vec![plural(counts.errors, "error"), plural(counts.warnings, "warning")];
    if counts.infos > 0 {
        by_severity.push(format!("{} info", counts.infos));
    }
    let mut line = format!(
        "{} ({}) in {} checked, {} skipped",
        plural(counts.conflicts, "conflict"),
        by_severity.join(", "),
        plural(outcome.documents, "document"),
        outcome.errors.len(),
    );
    if outcome.accepted > 0 {
        line.push_str(&format!("; {} accepted in the baseline", outcome.accepted));
    }
    if outcome.suppressed > 0 {
        line.push_str(&format!("; {} suppressed inline", outcome.suppressed));
    }
    if !outcome.unused_suppressions.is_empty() {
        line.push_str(&format!(
            "; {}",
            plural(outcome.unused_suppressions.len(), "unused suppression")
        ));
    }
    if !outcome.stale.is_empty() {
        let entries = match outcome.stale.len() {
            1 => "entry",
            _ => "entries",
        };
        line.push_str(&format!("; {} stale baseline {entries}", outcome.stale.len()));
    }
    line
}
