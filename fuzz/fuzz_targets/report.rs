//! Every report format on conflicts made from arbitrary article text and
//! metadata: no panic, and the HTML page holds no tag the input wrote (every
//! `<` opens one of the page's own tags).
#![no_main]

use std::sync::LazyLock;

use claimcheck::report;
use claimcheck::{Corpus, Document, Engine, RuleSet};
use libfuzzer_sys::fuzz_target;

static ENGINE: LazyLock<Engine> = LazyLock::new(|| Engine::new(RuleSet::embedded().unwrap_or_else(|e| panic!("{e}"))).unwrap_or_else(|e| panic!("{e}")));

/// The tags the page writes itself.
const OWN_TAGS: &[&str] = &[
    "!doctype", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "h5", "p",
    "strong", "span", "details", "summary", "ul", "li", "code", "form", "fieldset", "legend", "label", "input",
    "select", "option", "main", "section", "article", "ol", "em", "div", "figure", "blockquote", "mark",
    "figcaption", "cite", "time", "a", "pre", "script",
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Up to four fields of the input: two article texts, a source and a URL,
    // around claims that conflict so that the input reaches the report.
    let mut parts = text.splitn(4, '\u{1}');
    let (a, b, source, url) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    let mut first = Document::from_text("a", &format!("{a} Meta invested $14.3 billion in Scale AI in June 2025. {b}"), None);
    first.meta.source = Some(source.to_string());
    first.meta.url = Some(url.to_string());
    first.meta.title = Some(b.to_string());
    first.meta.story = Some(a.to_string());
    let second = Document::from_text("b", &format!("{b} Meta's investment in Scale AI was made in June 2024. {a}"), None);
    let outcome = ENGINE.check(Corpus { documents: vec![first, second], errors: Vec::new() });
    let page = report::html::render(&outcome);
    let body = page.split_once("<script>").map_or(page.as_str(), |(before, _)| before);
    for (i, _) in body.match_indices('<') {
        let tag: String = body[i + 1..]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect::<String>()
            .to_ascii_lowercase();
        assert!(OWN_TAGS.contains(&tag.as_str()), "a tag from the input: <{tag} in {body}");
    }
    let _ = report::markdown::render(&outcome);
    let _ = report::github::render(&outcome);
    let _ = report::json::render(&outcome);
    let _ = report::sarif::render(&outcome, ENGINE.rules());
    let _ = report::text::render(&outcome, report::text::Options::default());
});
