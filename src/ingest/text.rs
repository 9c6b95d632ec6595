//! Markdown or text articles: optional YAML front matter between `---` lines,
//! otherwise metadata sniffed from the text itself (title = first non-empty
//! line; publication date from a URL carrying `/YYYY/MM/DD/` or a dateline;
//! source = the URL's host).

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use serde::Deserialize;

use super::dateline::dateline;
use super::published::parse_published;
use super::{Document, Metadata};
use crate::error::InputError;
use crate::span::Span;

/// Front matter keys claimcheck reads. Other keys are the article's own
/// metadata and are left alone.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct FrontMatter {
    title: Option<String>,
    source: Option<String>,
    url: Option<String>,
    published: Option<serde_yaml::Value>,
    author: Option<serde_yaml::Value>,
    story: Option<String>,
    language: Option<String>,
    claimcheck_ignore: Option<serde_yaml::Value>,
}

/// Reads one text article. Problems with its metadata are returned beside the
/// document, which is still checked.
pub(crate) fn read(path: &str, text: String) -> (Document, Vec<InputError>) {
    let mut errors = Vec::new();
    let (meta, body) = match split_front_matter(&text) {
        FrontMatterSplit::None => (sniff(&text), Span::new(0, text.len())),
        FrontMatterSplit::Unclosed => {
            errors.push(InputError::new(
                path,
                Some(1),
                "front matter opened with `---` is never closed; reading the file as plain text",
            ));
            (sniff(&text), Span::new(0, text.len()))
        }
        FrontMatterSplit::Found { yaml, body_start } => {
            let meta = match serde_yaml::from_str::<Option<FrontMatter>>(yaml.slice(&text)) {
                Ok(front) => metadata(path, &text, yaml, body_start, front.unwrap_or_default(), &mut errors),
                Err(err) => {
                    // The YAML starts on line 2, after the opening `---`.
                    let line = err.location().map_or(1, |l| l.line() + 1);
                    errors.push(InputError::new(
                        path,
                        Some(line),
                        format!("front matter is not valid YAML: {}", crate::util::yaml_message(&err)),
                    ));
                    Metadata::default()
                }
            };
            (meta, Span::new(body_start, text.len()))
        }
    };
    (
        Document::new(path.to_string(), path.to_string(), None, text, body, meta),
        errors,
    )
}

enum FrontMatterSplit {
    None,
    Unclosed,
    Found { yaml: Span, body_start: usize },
}

fn split_front_matter(text: &str) -> FrontMatterSplit {
    let text_start = text.strip_prefix('\u{feff}').map_or(0, |_| 3);
    let rest = &text[text_start..];
    let Some(after) = rest.strip_prefix("---\n").or_else(|| rest.strip_prefix("---\r\n")) else {
        return FrontMatterSplit::None;
    };
    let yaml_start = text.len() - after.len();
    let mut offset = yaml_start;
    for line in after.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        if bare == "---" || bare == "..." {
            return FrontMatterSplit::Found {
                yaml: Span::new(yaml_start, offset),
                body_start: offset + line.len(),
            };
        }
        offset += line.len();
    }
    FrontMatterSplit::Unclosed
}

fn metadata(
    path: &str,
    text: &str,
    yaml: Span,
    body_start: usize,
    front: FrontMatter,
    errors: &mut Vec<InputError>,
) -> Metadata {
    let published = match &front.published {
        Some(value) => {
            let line = key_line(text, yaml, "published");
            match value {
                serde_yaml::Value::String(s) => parse_published(s)
                    .map_err(|m| InputError::new(path, line, format!("front matter `published`: {m}"))),
                other => Err(InputError::new(
                    path,
                    line,
                    format!(
                        "front matter `published` must be a date such as 2025-08-29, found {}",
                        yaml_kind(other)
                    ),
                )),
            }
            .map_err(|e| errors.push(e))
            .ok()
        }
        // Front matter without a date is dated as a file without front
        // matter is: by the date its link carries, else by its dateline.
        None => front
            .url
            .as_deref()
            .and_then(url_date)
            .or_else(|| text.get(body_start..).and_then(dateline)),
    };
    let author = match front.author {
        Some(serde_yaml::Value::String(s)) => Some(s),
        Some(serde_yaml::Value::Sequence(list)) => {
            let names: Vec<&str> = list.iter().filter_map(|v| v.as_str()).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    };
    let source = front.source.or_else(|| front.url.as_deref().and_then(host_of));
    let ignore = match front.claimcheck_ignore {
        Some(serde_yaml::Value::String(rule)) => vec![rule],
        Some(serde_yaml::Value::Sequence(list)) => list.iter().filter_map(|v| v.as_str()).map(str::to_string).collect(),
        Some(other) => {
            errors.push(InputError::new(
                path,
                key_line(text, yaml, "claimcheck-ignore"),
                format!(
                    "front matter `claimcheck-ignore` must be a rule id or a list of them, found {}",
                    yaml_kind(&other)
                ),
            ));
            Vec::new()
        }
        None => Vec::new(),
    };
    Metadata {
        title: front.title,
        source,
        url: front.url,
        published,
        author,
        story: front.story,
        language: front.language,
        ignore,
    }
}

fn yaml_kind(value: &serde_yaml::Value) -> &'static str {
    match value {
        serde_yaml::Value::Null => "nothing",
        serde_yaml::Value::Bool(_) => "a boolean",
        serde_yaml::Value::Number(_) => "a number",
        serde_yaml::Value::String(_) => "a string",
        serde_yaml::Value::Sequence(_) => "a list",
        serde_yaml::Value::Mapping(_) => "a mapping",
        serde_yaml::Value::Tagged(_) => "a tagged value",
    }
}

/// The 1-based file line of a top-level front matter key.
fn key_line(text: &str, yaml: Span, key: &str) -> Option<usize> {
    let before = text.get(..yaml.start)?.lines().count();
    crate::util::yaml_key_index(yaml.slice(text), key).map(|i| before + i + 1)
}

static URL: LazyLock<Regex> = LazyLock::new(|| crate::util::const_regex(r#"https?://[^\s<>()"'\]\[]+"#));
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| crate::util::const_regex(r"/((?:19|20)\d\d)/(\d\d)/(\d\d)(?:/|$)"));
/// Metadata of an article without front matter.
/// The longest first line taken for a headline, in bytes.
const MAX_TITLE: usize = 300;

fn sniff(text: &str) -> Metadata {
    let title = text
        .lines()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .find(|l| !l.is_empty())
        // A first line longer than a headline is text, not a title.
        .filter(|l| l.len() <= MAX_TITLE)
        .map(str::to_string);
    // The source link is the first URL that carries a date, else the first URL.
    let urls: Vec<&str> = URL
        .find_iter(text)
        .map(|m| m.as_str().trim_end_matches(['.', ',', ';']))
        .collect();
    let dated = urls.iter().find_map(|u| url_date(u).map(|d| (*u, d)));
    let url = dated.map(|(u, _)| u).or(urls.first().copied()).map(str::to_string);
    let published = dated.map(|(_, d)| d).or_else(|| dateline(text));
    Metadata {
        title,
        source: url.as_deref().and_then(host_of),
        url,
        published,
        ..Metadata::default()
    }
}

/// The date an article URL carries as `/YYYY/MM/DD/`.
pub(crate) fn url_date(url: &str) -> Option<NaiveDate> {
    let caps = URL_DATE.captures(url)?;
    let num = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    NaiveDate::from_ymd_opt(num(1)? as i32, num(2)?, num(3)?)
}

/// The host of an `http(s)` URL, without `www.`.
pub(crate) fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?;
    let host = host.split(':').next()?.trim_start_matches("www.");
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_fills_metadata_and_body_starts_after_it() {
        let text =
            "---\ntitle: A deal\npublished: 2025-08-29\nurl: https://www.example.com/a\n---\nBody.\n".to_string();
        let (doc, errors) = read("a.md", text);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(doc.meta.title.as_deref(), Some("A deal"));
        assert_eq!(doc.meta.published, NaiveDate::from_ymd_opt(2025, 8, 29));
        assert_eq!(doc.meta.source.as_deref(), Some("example.com"));
        assert_eq!(doc.body().trim(), "Body.");
    }

    #[test]
    fn bad_published_date_names_its_line_and_keeps_the_document() {
        let text = "---\ntitle: A deal\npublished: soon\n---\nBody.\n".to_string();
        let (doc, errors) = read("a.md", text);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, Some(3));
        assert!(
            errors[0].message.contains("`soon` is not a date"),
            "{}",
            errors[0].message
        );
        assert_eq!(doc.body().trim(), "Body.");
    }

    #[test]
    fn broken_front_matter_is_reported_with_its_file_line() {
        let text = "---\ntitle: [unclosed\npublished: 2025-08-29\n---\nBody.\n".to_string();
        let (_, errors) = read("a.md", text);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].message.starts_with("front matter is not valid YAML"),
            "{}",
            errors[0].message
        );
        assert!(errors[0].line.is_some_and(|l| l >= 2));
    }

    #[test]
    fn plain_text_takes_title_url_date_and_host() {
        let text = "\n\nA headline\nBody text.\nRead more: https://news.example.org/2025/08/29/a-story/\n".to_string();
        let (doc, errors) = read("a.txt", text);
        assert!(errors.is_empty());
        assert_eq!(doc.meta.title.as_deref(), Some("A headline"));
        assert_eq!(doc.meta.published, NaiveDate::from_ymd_opt(2025, 8, 29));
        assert_eq!(doc.meta.source.as_deref(), Some("news.example.org"));
    }

    #[test]
    fn plain_text_takes_the_dated_link_over_an_earlier_one() {
        let text =
            "Headline\nSee https://example.com/about for more.\nSource: https://wire.example.net/2025/08/29/story\n";
        let (doc, _) = read("a.txt", text.to_string());
        assert_eq!(doc.meta.published, NaiveDate::from_ymd_opt(2025, 8, 29));
        assert_eq!(doc.meta.source.as_deref(), Some("wire.example.net"));
    }

    #[test]
    fn front_matter_without_a_date_is_dated_by_its_link_else_the_dateline_of_the_body() {
        let dated = |front: &str| {
            let text = format!("---\ntitle: A deal\n{front}---\nPosted: June 16, 2014\nBody.\n");
            read("a.md", text).0.meta.published.map(|d| d.to_string())
        };
        assert_eq!(dated("").as_deref(), Some("2014-06-16"));
        assert_eq!(
            dated("url: https://example.com/2014/06/15/a\n").as_deref(),
            Some("2014-06-15")
        );
        assert_eq!(dated("published: 2014-06-14\n").as_deref(), Some("2014-06-14"));
        // A date that cannot be read is reported, not replaced.
        assert_eq!(dated("published: soon\n"), None);
    }

    #[test]
    fn plain_text_reads_a_dateline() {
        let text = "Shooting downtown\nINDIANAPOLIS, Ind. (June 15, 2014) — Police said.\n".to_string();
        let (doc, _) = read("a.txt", text);
        assert_eq!(doc.meta.published, NaiveDate::from_ymd_opt(2014, 6, 15));
    }
}
