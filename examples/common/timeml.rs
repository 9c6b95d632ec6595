//! TimeML documents (`.tml`) as the evaluation commands read them: the
//! publication date from the TIMEX3 in `<DCT>`, the text of `<TEXT>` with
//! its tags taken out and its entities decoded, and the TIMEX3s inside it
//! with their offsets in that text, in code points (as the JSON Lines gold
//! gives them). Only what scoring needs is read; this is no XML parser.

/// One TIMEX3 of a TimeML text.
pub struct TimemlTimex {
    pub kind: String,
    pub value: String,
    /// Code points into [`Timeml::text`], end exclusive.
    pub start: usize,
    pub end: usize,
}

/// A TimeML document.
pub struct Timeml {
    /// The date part of the DCT's value (`2013-03-22`), if it has one.
    pub dct: Option<String>,
    pub text: String,
    pub timexes: Vec<TimemlTimex>,
}

/// Reads a TimeML document; an error names what is missing or malformed.
pub fn read(source: &str) -> Result<Timeml, String> {
    let dct = element(source, "DCT")
        .and_then(|dct| attribute(dct, "value"))
        .and_then(|v| v.get(..10))
        .map(str::to_string);
    let body = element(source, "TEXT").ok_or("no <TEXT> element")?;
    let mut text = String::with_capacity(body.len());
    let mut chars = 0;
    let mut timexes = Vec::new();
    let mut open: Option<(String, String, usize)> = None;
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        chars += push_decoded(&mut text, &rest[..lt])?;
        let gt = rest[lt..].find('>').ok_or("a tag is not closed")? + lt;
        let tag = &rest[lt + 1..gt];
        rest = &rest[gt + 1..];
        let name = tag
            .split(|c: char| c.is_whitespace() || c == '/')
            .find(|s| !s.is_empty());
        match (tag.starts_with('/'), name) {
            (false, Some("TIMEX3")) if !tag.ends_with('/') => {
                if open.is_some() {
                    return Err("a TIMEX3 inside a TIMEX3".into());
                }
                let kind = attribute(tag, "type").ok_or("a TIMEX3 without type")?;
                let value = attribute(tag, "value").unwrap_or_default();
                open = Some((kind.to_string(), value.to_string(), chars));
            }
            (true, Some("TIMEX3")) => {
                let (kind, value, start) = open.take().ok_or("a </TIMEX3> with no TIMEX3 open")?;
                timexes.push(TimemlTimex {
                    kind,
                    value,
                    start,
                    end: chars,
                });
            }
            // Events, signals and empty TIMEX3s leave the text as it is.
            _ => {}
        }
    }
    push_decoded(&mut text, rest)?;
    if open.is_some() {
        return Err("a TIMEX3 is not closed".into());
    }
    Ok(Timeml { dct, text, timexes })
}

/// The content of the first `<name …>…</name>` element.
fn element<'a>(source: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}");
    let mut from = 0;
    let start = loop {
        let at = source[from..].find(&open)? + from;
        let after = at + open.len();
        // `<TEXT>` or `<TEXT attr…>`, not `<TEXTUAL>`.
        if source[after..].starts_with(['>', ' ', '\t', '\n', '\r']) {
            break source[after..].find('>')? + after + 1;
        }
        from = after;
    };
    let end = source[start..].find(&format!("</{name}>"))? + start;
    Some(&source[start..end])
}

/// The value of `name="…"` in a tag (or in the first tag of an element).
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("{name}=\"");
    let mut from = 0;
    loop {
        let at = tag[from..].find(&key)? + from;
        // A whole attribute name: `value`, not `valueFromFunction`.
        if at == 0 || tag[..at].ends_with(char::is_whitespace) {
            let start = at + key.len();
            let end = tag[start..].find('"')? + start;
            return Some(&tag[start..end]);
        }
        from = at + key.len();
    }
}

/// Appends `raw` with its XML entities decoded; returns the code points added.
fn push_decoded(out: &mut String, raw: &str) -> Result<usize, String> {
    let mut added = 0;
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        added += rest[..amp].chars().count();
        let semi = rest[amp..].find(';').ok_or("an entity with no ';'")? + amp;
        let c = match &rest[amp + 1..semi] {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            code => code
                .strip_prefix("#x")
                .map(|hex| u32::from_str_radix(hex, 16))
                .or_else(|| code.strip_prefix('#').map(str::parse))
                .and_then(Result::ok)
                .and_then(char::from_u32)
                .ok_or_else(|| format!("unknown entity &{code};"))?,
        };
        out.push(c);
        added += 1;
        rest = &rest[semi + 1..];
    }
    out.push_str(rest);
    Ok(added + rest.chars().count())
}

#[cfg(test)]
mod tests {
    use super::read;

    #[test]
    fn text_and_timexes_are_read_in_code_points() {
        let source = r#"<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">March 22</TIMEX3></DCT>
<TEXT>
AT&amp;T — said <TIMEX3 tid="t1" type="DATE" value="2013-03-21">Thursday</TIMEX3> it <EVENT eid="e1">rose</EVENT><TIMEX3 tid="t2" type="DATE" value="PRESENT_REF" /> for <TIMEX3 type="DURATION" tid="t3" value="P2Y">two years</TIMEX3>.</TEXT></TimeML>"#;
        let doc = read(source).unwrap();
        assert_eq!(doc.dct.as_deref(), Some("2013-03-22"));
        assert_eq!(doc.text, "\nAT&T — said Thursday it rose for two years.");
        let covered = |start: usize, end: usize| doc.text.chars().skip(start).take(end - start).collect::<String>();
        let found: Vec<_> = doc
            .timexes
            .iter()
            .map(|t| {
                (
                    t.kind.as_str(),
                    t.value.as_str(),
                    t.start,
                    t.end,
                    covered(t.start, t.end),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                ("DATE", "2013-03-21", 13, 21, "Thursday".to_string()),
                ("DURATION", "P2Y", 34, 43, "two years".to_string())
            ]
        );
    }

    #[test]
    fn malformed_documents_are_errors() {
        assert!(read("<DCT></DCT>").is_err());
        assert!(read("<TEXT><TIMEX3 type=\"DATE\" value=\"2013\">2013</TEXT>").is_err());
        assert!(read("<TEXT>a &bogus; b</TEXT>").is_err());
    }
}
