//! `claimcheck report`: one self-contained HTML page for editors. Conflicts
//! are grouped by story and claim; each shows its values ranked by support
//! and every source's sentence side by side with the conflicting words
//! highlighted, and the baseline line that accepts it. The style sheet and
//! the filter script are inlined; the page fetches nothing.
//!
//! Every piece of article, metadata and rule text goes through [`escape`];
//! links are made only for http(s) URLs. The filters (severity, rule,
//! source) live in the URL's fragment (`#severity=error&rule=investment`),
//! so a filtered view can be shared as a link.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use super::{Counts, Location};
use crate::baseline::Entry;
use crate::compare::Conflict;
use crate::{Evidence, Outcome};

const STYLE: &str = include_str!("html.css");
const SCRIPT: &str = include_str!("html.js");

/// Renders an outcome as an HTML page.
pub fn render(outcome: &Outcome) -> String {
    let counts = Counts::of(outcome);
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"claimcheck {}\">\n\
         <title>claimcheck: {} conflicts</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        counts.conflicts,
    );
    header(&mut out, outcome, &counts);
    out.push_str("<main>\n");
    if outcome.conflicts.is_empty() {
        out.push_str("<p class=\"empty\">No conflicts.</p>\n");
    }
    for (story, claims) in grouped(outcome) {
        let _ = writeln!(
            out,
            "<section class=\"story\">\n<h2><span class=\"label\">Story</span> {}</h2>",
            escape(story)
        );
        for (claim, conflicts) in claims {
            let _ = writeln!(
                out,
                "<section class=\"claim\">\n<h3><span class=\"label\">Claim</span> {}</h3>",
                escape(&claim)
            );
            for (n, conflict) in conflicts {
                card(&mut out, n, conflict);
            }
            out.push_str("</section>\n");
        }
        out.push_str("</section>\n");
    }
    let _ = write!(out, "</main>\n<script>\n{SCRIPT}</script>\n</body>\n</html>\n");
    out
}

/// Counts, input errors, stale baseline entries and the filter controls.
fn header(out: &mut String, outcome: &Outcome, counts: &Counts) {
    out.push_str("<header>\n<h1>claimcheck: flagged conflicts</h1>\n<p class=\"counts\">");
    let _ = write!(
        out,
        "<strong>{}</strong> conflicts: <span class=\"badge error\">{} errors</span> \
         <span class=\"badge warning\">{} warnings</span> <span class=\"badge info\">{} info</span> \
         in {} documents checked, {} skipped",
        counts.conflicts,
        counts.errors,
        counts.warnings,
        counts.infos,
        outcome.documents,
        outcome.errors.len(),
    );
    if outcome.accepted > 0 {
        let _ = write!(out, "; {} accepted in the baseline", outcome.accepted);
    }
    if outcome.suppressed > 0 {
        let _ = write!(out, "; {} suppressed inline", outcome.suppressed);
    }
    out.push_str("</p>\n");
    if !outcome.errors.is_empty() {
        out.push_str("<details class=\"skipped\"><summary>Inputs that could not be read</summary>\n<ul>\n");
        for err in &outcome.errors {
            let _ = writeln!(out, "<li><code>{}</code></li>", escape(&err.to_string()));
        }
        out.push_str("</ul>\n</details>\n");
    }
    if !outcome.stale.is_empty() {
        out.push_str("<details class=\"stale\"><summary>Baseline entries that matched no conflict</summary>\n<ul>\n");
        for entry in &outcome.stale {
            let _ = writeln!(out, "<li><code>{}</code></li>", escape(&entry.line()));
        }
        out.push_str("</ul>\n</details>\n");
    }
    if !outcome.conflicts.is_empty() {
        filters(out, outcome);
    }
    out.push_str("</header>\n");
}

fn filters(out: &mut String, outcome: &Outcome) {
    let rules: BTreeSet<&str> = outcome.conflicts.iter().map(|c| c.rule.as_str()).collect();
    let sources: BTreeSet<&str> = outcome
        .conflicts
        .iter()
        .flat_map(|c| c.sides.iter().flat_map(|s| &s.evidence))
        .map(source)
        .collect();
    out.push_str("<form id=\"filters\" class=\"filters\">\n<fieldset><legend>Severity</legend>\n");
    for severity in ["error", "warning", "info"] {
        let _ = writeln!(
            out,
            "<label><input type=\"checkbox\" name=\"severity\" value=\"{severity}\" checked> {severity}</label>"
        );
    }
    out.push_str("</fieldset>\n");
    options(out, "rule", "Rule", "all rules", &rules);
    options(out, "source", "Source", "all sources", &sources);
    out.push_str("<p id=\"shown\" class=\"shown\" aria-live=\"polite\"></p>\n</form>\n");
}

fn options(out: &mut String, name: &str, legend: &str, all: &str, values: &BTreeSet<&str>) {
    let _ = writeln!(
        out,
        "<label>{legend} <select name=\"{name}\">\n<option value=\"\">{all}</option>"
    );
    for v in values {
        let _ = writeln!(out, "<option value=\"{0}\">{0}</option>", escape(v));
    }
    out.push_str("</select></label>\n");
}

/// One conflict: badge, message, values by support, quotes side by side,
/// and its baseline line.
fn card(out: &mut String, n: usize, c: &Conflict) {
    let sources: BTreeSet<&str> = c.sides.iter().flat_map(|s| &s.evidence).map(source).collect();
    let severity = c.severity.as_str();
    let _ = writeln!(
        out,
        "<article class=\"conflict {severity}\" id=\"conflict-{n}\" data-severity=\"{severity}\" \
         data-rule=\"{}\" data-sources=\"{}\">",
        escape(&c.rule),
        escape(&sources.into_iter().collect::<Vec<_>>().join("\n")),
    );
    let _ = writeln!(
        out,
        "<h4><span class=\"badge {severity}\">{severity}</span> <code class=\"rule\" title=\"{}\">{}</code> {}</h4>",
        escape(&c.title),
        escape(&c.rule),
        escape(&c.message)
    );
    out.push_str("<ol class=\"values\">\n");
    for (i, side) in c.sides.iter().enumerate() {
        let best = c.best == Some(i);
        let _ = writeln!(
            out,
            "<li{}><span class=\"value\">{}</span> {}{}</li>",
            if best { " class=\"best\"" } else { "" },
            escape(&side.value),
            super::sources(side.support),
            if best { " <em>best supported</em>" } else { "" }
        );
    }
    out.push_str("</ol>\n<div class=\"sides\">\n");
    for (i, side) in c.sides.iter().enumerate() {
        let _ = writeln!(
            out,
            "<div class=\"side{}\">\n<h5>{}</h5>",
            if c.best == Some(i) { " best" } else { "" },
            escape(&side.value)
        );
        for e in &side.evidence {
            quote(out, e);
        }
        if let Some(more) = super::unlisted(side) {
            let _ = writeln!(out, "<p class=\"more\">{more}</p>");
        }
        out.push_str("</div>\n");
    }
    out.push_str("</div>\n");
    let _ = writeln!(
        out,
        "<details class=\"accept\"><summary>Accept this conflict</summary>\n\
         <p>Add this line under <code>conflicts:</code> in the baseline file \
         (<code>claimcheck check --baseline FILE</code>):</p>\n<pre><code>{}</code></pre>\n\
         <p>Or silence the rule in an article, on the line before the paragraph:</p>\n\
         <pre><code>&lt;!-- claimcheck-ignore: {} --&gt;</code></pre>\n</details>\n</article>",
        escape(&Entry::of(c).line()),
        escape(&c.rule)
    );
}

/// A source's sentence with the evidence's words marked, and where it is from.
fn quote(out: &mut String, e: &Evidence) {
    let _ = write!(
        out,
        "<figure class=\"quote\" data-source=\"{}\">\n<blockquote>",
        escape(source(e))
    );
    let sentence = &*e.sentence;
    let start = e.span.start.saturating_sub(e.sentence_start);
    let end = e.span.end.saturating_sub(e.sentence_start);
    match (sentence.get(..start), sentence.get(start..end), sentence.get(end..)) {
        (Some(before), Some(words), Some(after)) if start < end => {
            let _ = write!(
                out,
                "{}<mark>{}</mark>{}",
                // A list item's marker is not part of the quote.
                escape(before.trim_start().trim_start_matches(['-', '*', '•']).trim_start()),
                escape(words),
                escape(after.trim_end())
            );
        }
        // The words lie outside the sentence (never for evidence the
        // pipeline makes): show the words alone, marked.
        _ => {
            let _ = write!(out, "<mark>{}</mark>", escape(e.text()));
        }
    }
    out.push_str("</blockquote>\n<figcaption>");
    let _ = write!(out, "<span class=\"source\">{}</span>", escape(source(e)));
    if let Some(title) = &e.title() {
        let _ = write!(out, " · <cite>{}</cite>", escape(title));
    }
    if let Some(date) = e.published() {
        let _ = write!(out, " · <time datetime=\"{date}\">{date}</time>");
    }
    if let Some(url) = e.url().filter(|u| is_web_link(u)) {
        let _ = write!(
            out,
            " · <a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
            escape(url),
            escape(url.split_once("://").map_or(url, |(_, rest)| rest))
        );
    }
    let at = Location::of(e);
    let _ = write!(out, " · <code>{}:{}</code>", escape(at.path), at.line);
    out.push_str("</figcaption>\n</figure>\n");
}

/// A story's conflicts by claim, each with its number in the outcome.
type Claims<'a> = BTreeMap<String, Vec<(usize, &'a Conflict)>>;

/// Conflicts by story, then by claim (rule · subject · slot), each with its
/// number in the outcome; stories and claims sorted by name.
fn grouped(outcome: &Outcome) -> BTreeMap<&str, Claims<'_>> {
    let mut stories: BTreeMap<&str, Claims<'_>> = BTreeMap::new();
    for (n, c) in outcome.conflicts.iter().enumerate() {
        let claim = c.claim_label();
        stories
            .entry(story(c))
            .or_default()
            .entry(claim)
            .or_default()
            .push((n + 1, c));
    }
    stories
}

/// The story a conflict belongs to: the first story of its evidence.
fn story(c: &Conflict) -> &str {
    c.sides
        .iter()
        .flat_map(|s| &s.evidence)
        .find_map(|e| e.story())
        .unwrap_or("(no story)")
}

/// The outlet, or the document id when the outlet is unknown.
fn source(e: &Evidence) -> &str {
    e.source().unwrap_or(e.doc())
}

/// Whether a URL may become a link: http or https only, so that a
/// `javascript:` or `data:` URL in article metadata stays text.
fn is_web_link(url: &str) -> bool {
    let lower = url.trim_start().get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Text made safe for HTML content and quoted attribute values.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_both_quotes() {
        assert_eq!(
            escape(r#"<script>alert("x") & 'y'</script>"#),
            "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn only_http_urls_become_links() {
        assert!(is_web_link("https://example.com/a"));
        assert!(is_web_link("HTTP://example.com"));
        assert!(!is_web_link("javascript:alert(1)"));
        assert!(!is_web_link("data:text/html,<b>x</b>"));
        assert!(!is_web_link("//example.com"));
        assert!(!is_web_link("ftp://example.com"));
    }
}
