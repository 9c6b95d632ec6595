//! Trigger patterns: a claim rule's trigger as written (`"resigned"`,
//! `"{buyer} bought {target}"`, `"named {person} chief"`) in, the words to
//! search for and where each named subject role stands out.
//!
//! A trigger names a subject role in braces to say where its entity is:
//! before the words (`{buyer} bought`), after them (`bought {target}`), or
//! between two of them (`named {person} chief`), where the entity must
//! stand right there. Word order says who did what, which the nearest
//! entities alone do not: in "Contoso named Maria Lopez chief executive"
//! the person appointed is the one after the verb.

/// A trigger, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TriggerPattern {
    /// The first words, searched for in sentences (without a trailing `*`).
    pub head: String,
    /// The role whose entity stands before the head, nearest it in the
    /// same clause.
    pub before: Option<String>,
    /// Roles whose entity stands right after the words before it, each
    /// with the words that must follow it (`named {person} chief`).
    pub gaps: Vec<(String, String)>,
    /// The role whose entity stands after the last words, nearest them in
    /// the same clause.
    pub after: Option<String>,
    /// Whether the last words may be followed by more word characters (a
    /// trailing `*`: `invest*`).
    pub prefix: bool,
}

impl TriggerPattern {
    /// Reads `text`, whose braces must name roles of `roles`.
    pub fn parse(text: &str, roles: &[String]) -> Result<Self, String> {
        // Pieces in order: (is a role, text).
        let mut pieces: Vec<(bool, String)> = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            match rest.find(['{', '}']) {
                Some(at) if rest[at..].starts_with('{') => {
                    pieces.push((false, rest[..at].trim().to_string()));
                    let Some(close) = rest[at..].find('}') else {
                        return Err(format!("trigger `{text}` has a `{{` without its `}}`"));
                    };
                    pieces.push((true, rest[at + 1..at + close].trim().to_string()));
                    rest = &rest[at + close + 1..];
                }
                Some(_) => return Err(format!("trigger `{text}` has a `}}` without its `{{`")),
                None => {
                    pieces.push((false, rest.trim().to_string()));
                    rest = "";
                }
            }
        }
        pieces.retain(|(role, piece)| *role || !piece.is_empty());
        let mut named: Vec<&str> = Vec::new();
        for (i, (role, piece)) in pieces.iter().enumerate() {
            if !role {
                continue;
            }
            if !roles.contains(piece) {
                let known: Vec<String> = roles.iter().map(|r| format!("{{{r}}}")).collect();
                return Err(format!(
                    "trigger `{text}` names `{{{piece}}}`, which is no subject role; expected one of {}",
                    if known.is_empty() {
                        "none: the rule has no subject roles".into()
                    } else {
                        known.join(", ")
                    }
                ));
            }
            if named.contains(&piece.as_str()) {
                return Err(format!("trigger `{text}` names `{{{piece}}}` twice"));
            }
            named.push(piece);
            if pieces.get(i + 1).is_some_and(|(next, _)| *next) {
                return Err(format!("trigger `{text}` has two roles with no word between them"));
            }
        }
        let first_word = pieces.iter().position(|(role, _)| !role);
        let Some(first_word) = first_word else {
            return Err(format!("trigger `{text}` has no word to search for"));
        };
        let before = (first_word == 1).then(|| pieces[0].1.clone());
        let after = match pieces.last() {
            Some((true, role)) if pieces.len() > first_word + 1 => Some(role.clone()),
            _ => None,
        };
        let end = pieces.len() - usize::from(after.is_some());
        let head = pieces[first_word].1.clone();
        let gaps: Vec<(String, String)> = pieces[first_word + 1..end]
            .chunks(2)
            .map(|pair| (pair[0].1.clone(), pair.get(1).map(|p| p.1.clone()).unwrap_or_default()))
            .collect();
        let last = gaps.last().map_or(&head, |(_, words)| words);
        let prefix = after.is_none() && last.ends_with('*');
        let words = std::iter::once(&head).chain(gaps.iter().map(|(_, w)| w));
        if words.clone().any(|w| w.trim_end_matches('*').contains('*')) || (after.is_some() && last.ends_with('*')) {
            return Err(format!("trigger `{text}`: a `*` may only end the trigger's last word"));
        }
        let strip = |w: &String| w.strip_suffix('*').filter(|_| prefix).unwrap_or(w).to_string();
        let gaps = gaps.iter().map(|(role, w)| (role.clone(), strip(w))).collect();
        Ok(TriggerPattern {
            head: strip(&head),
            before,
            gaps,
            after,
            prefix,
        })
    }

    /// Whether the pattern places any role.
    pub fn places_roles(&self) -> bool {
        self.before.is_some() || self.after.is_some() || !self.gaps.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::TriggerPattern;

    fn parse(text: &str) -> Result<TriggerPattern, String> {
        let roles = ["buyer".to_string(), "person".to_string(), "target".to_string()];
        TriggerPattern::parse(text, &roles)
    }

    #[test]
    fn a_plain_trigger_is_its_words() {
        let p = parse("stake in").unwrap();
        assert_eq!(
            (p.head.as_str(), p.places_roles(), p.prefix),
            ("stake in", false, false)
        );
        let p = parse("invest*").unwrap();
        assert_eq!((p.head.as_str(), p.prefix), ("invest", true));
    }

    #[test]
    fn roles_stand_before_after_and_between_the_words() {
        let p = parse("{buyer} bought {target}").unwrap();
        assert_eq!(p.head, "bought");
        assert_eq!(
            (p.before.as_deref(), p.after.as_deref()),
            (Some("buyer"), Some("target"))
        );
        assert!(p.gaps.is_empty());
        let p = parse("{buyer} named { person } chief exec*").unwrap();
        assert_eq!(p.head, "named");
        assert_eq!(p.gaps, [("person".to_string(), "chief exec".to_string())]);
        assert!(p.prefix && p.after.is_none());
    }

    #[test]
    fn a_mistake_in_a_trigger_says_what_is_wrong() {
        for (text, says) in [
            ("bought {seller}", "expected one of {buyer}, {person}, {target}"),
            ("{buyer} {target} merged", "no word between"),
            ("{buyer}", "no word to search for"),
            ("{buyer} bought {buyer}", "twice"),
            ("named {person", "without its `}`"),
            ("named person}", "without its `{`"),
            ("inv*est", "may only end"),
            ("invest* {target}", "may only end"),
        ] {
            let err = parse(text).unwrap_err();
            assert!(err.contains(says), "{text}: {err}");
        }
    }
}
