//! Unit tests of the names recognizer: whole sentences in, mentions out.

use std::sync::OnceLock;

use crate::extract::{Mention, Value};
use crate::rules::RuleSet;
use crate::segment::Segmenter;
use crate::span::Span;

use super::NameRecognizer;

/// The rules are read once for all tests.
fn compiled() -> &'static (Segmenter, NameRecognizer) {
    static COMPILED: OnceLock<(Segmenter, NameRecognizer)> = OnceLock::new();
    COMPILED.get_or_init(|| {
        let rules = RuleSet::embedded().unwrap();
        (Segmenter::new(&rules.lang), NameRecognizer::new(&rules))
    })
}

fn mentions(text: &str) -> Vec<Mention> {
    let (segmenter, recognizer) = compiled();
    let sentences: Vec<Span> = segmenter.sentences(text, Span::new(0, text.len()));
    let mut out = Vec::new();
    recognizer.find(text, &sentences, &mut out);
    out.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    out
}

/// (kind, text, canonical) of each name; roles left out.
fn names(text: &str) -> Vec<(String, String, String)> {
    mentions(text)
        .into_iter()
        .filter_map(|m| {
            let canonical = match &m.value {
                Value::Person(p) => p.canonical.clone(),
                Value::Org(o) => o.canonical.clone(),
                Value::Place(p) => p.canonical.clone(),
                _ => return None,
            };
            let kind = match &m.value {
                Value::Person(_) => "person",
                Value::Org(_) => "org",
                _ => "place",
            };
            Some((kind.to_string(), m.span.slice(text).to_string(), canonical))
        })
        .collect()
}

fn roles(text: &str) -> Vec<(String, String, Option<String>, bool, bool)> {
    mentions(text)
        .into_iter()
        .filter_map(|m| match m.value {
            Value::Role(r) => Some((m.span.slice(text).to_string(), r.role, r.org, r.former, r.acting)),
            _ => None,
        })
        .collect()
}

fn n(kind: &str, text: &str, canonical: &str) -> (String, String, String) {
    (kind.into(), text.into(), canonical.into())
}

#[test]
fn known_aliases_map_to_the_canonical_name() {
    assert_eq!(
        names("Meta Platforms, once Facebook, backed Scale AI’s growth."),
        [
            n("org", "Meta Platforms", "Meta"),
            n("org", "Facebook", "Meta"),
            n("org", "Scale AI", "Scale AI")
        ]
    );
}

#[test]
fn known_names_need_word_boundaries() {
    let found = names("Our metadata and the Metaverse matter.");
    assert!(!found.iter().any(|(_, _, canonical)| canonical == "Meta"), "{found:?}");
}

#[test]
fn a_surname_links_to_the_full_name_given_earlier() {
    assert_eq!(
        names("Scale AI's chief, Alexandr Wang, left. Later Wang joined Meta."),
        [
            n("org", "Scale AI", "Scale AI"),
            n("person", "Alexandr Wang", "Alexandr Wang"),
            n("person", "Wang", "Alexandr Wang"),
            n("org", "Meta", "Meta")
        ]
    );
}

#[test]
fn possessives_with_straight_curly_and_detached_apostrophes_end_the_name() {
    for text in [
        "Tara Reid's rep spoke.",
        "Tara Reid’s rep spoke.",
        "Tara Reid 's rep spoke.",
    ] {
        assert_eq!(names(text), [n("person", "Tara Reid", "Tara Reid")], "{text}");
    }
}

#[test]
fn an_acronym_in_parentheses_is_an_alias_of_the_organization_before_it() {
    let text = "The Centers for Disease Control and Prevention (CDC) said so. The CDC added more.";
    let full = "Centers for Disease Control and Prevention";
    assert_eq!(
        names(text),
        [n("org", full, full), n("org", "CDC", full), n("org", "CDC", full)]
    );
}

#[test]
fn honorifics_and_titles_make_people_and_are_left_out_of_the_name() {
    assert_eq!(
        names("Officials said Dr. Anthony Fauci met President Obama."),
        [
            n("person", "Anthony Fauci", "Anthony Fauci"),
            n("person", "Obama", "Obama")
        ]
    );
}

#[test]
fn organization_words_and_particles_shape_the_name() {
    assert_eq!(
        names("Stanford University hired Vincent van Gogh from the Bank of America."),
        [
            n("org", "Stanford University", "Stanford University"),
            n("person", "Vincent van Gogh", "Vincent van Gogh"),
            n("org", "Bank of America", "Bank of America")
        ]
    );
}

#[test]
fn sentence_starts_need_the_document_to_vouch_for_them() {
    // "Reid" is vouched for by the full name; "Perennial" by nothing.
    assert_eq!(
        names("Perennial troubles followed. Reid left. Tara Reid was seen."),
        [n("person", "Reid", "Tara Reid"), n("person", "Tara Reid", "Tara Reid")]
    );
}

#[test]
fn a_place_preposition_makes_an_unknown_word_a_place() {
    assert_eq!(
        names("The plane was built in Toulouse by Airbus, and Airbus sold it."),
        [
            n("place", "Toulouse", "Toulouse"),
            n("org", "Airbus", "Airbus"),
            n("org", "Airbus", "Airbus")
        ]
    );
}

#[test]
fn headline_case_words_are_names_only_when_vouched_for() {
    let text = "Wang Leaves Scale AI For Meta\n\nAlexandr Wang left Scale AI on Friday.";
    let found = names(text);
    assert!(found.contains(&n("person", "Wang", "Alexandr Wang")), "{found:?}");
    assert!(!found.iter().any(|(_, t, _)| t.contains("Leaves")), "{found:?}");
}

#[test]
fn nationality_words_and_months_are_no_names() {
    assert!(names("American officials met in June with French diplomats.").is_empty());
}

#[test]
fn roles_before_and_after_a_name_become_role_facts() {
    let found =
        roles("Alexandr Wang, chief executive of Scale AI, met former CEO Jane Doe and acting president Mark Wang.");
    assert_eq!(
        found,
        [
            (
                "Alexandr Wang, chief executive of Scale AI".to_string(),
                "chief executive".to_string(),
                Some("Scale AI".to_string()),
                false,
                false
            ),
            (
                "former CEO Jane Doe".into(),
                "chief executive".into(),
                None,
                true,
                false
            ),
            (
                "acting president Mark Wang".into(),
                "president".into(),
                None,
                false,
                true
            ),
        ]
    );
}

#[test]
fn a_possessive_organization_before_a_role_is_its_organization() {
    let found = roles("Scale AI’s CEO, Alexandr Wang, spoke. Meta co-founder Mark Zuckerberg listened.");
    let facts: Vec<(String, Option<String>)> = found.into_iter().map(|(_, role, org, _, _)| (role, org)).collect();
    assert_eq!(
        facts,
        [
            ("chief executive".to_string(), Some("Scale AI".to_string())),
            ("co-founder".to_string(), Some("Meta".to_string()))
        ]
    );
}

#[test]
fn people_carry_given_name_and_surname() {
    let found = mentions("He cited Osama bin Laden and Alexandr Wang.");
    let parts: Vec<(Option<String>, Option<String>)> = found
        .into_iter()
        .filter_map(|m| match m.value {
            Value::Person(p) => Some((p.given, p.surname)),
            _ => None,
        })
        .collect();
    assert_eq!(
        parts,
        [
            (Some("Osama".into()), Some("bin Laden".into())),
            (Some("Alexandr".into()), Some("Wang".into()))
        ]
    );
}

#[test]
fn odd_text_never_panics_and_spans_fit() {
    let pieces = [
        "Wang", " ", "’s", "'", "(CDC)", "Dr.", "al-", "Assad", ", ", "CEO", "É", "U.S.", "\n", "of", "& ", "Inc.",
        "former ", "Scale AI", ".",
    ];
    for text in crate::util::random_texts(&pieces, 400, 12) {
        for m in mentions(&text) {
            assert!(text.get(m.span.start..m.span.end).is_some(), "{text:?}");
            assert!(m.span.start < m.span.end, "{text:?}");
        }
    }
}

#[test]
fn an_acronym_that_is_not_made_of_the_initials_is_no_alias() {
    let found = names("SAN DIEGO (CBS) reported it. CBS said more.");
    assert!(!found.iter().any(|(_, t, c)| t == "CBS" && c != "CBS"), "{found:?}");
}

#[test]
fn a_place_as_a_surname_stays_in_the_name() {
    assert_eq!(
        names("Police named Barry Washington as the victim."),
        [n("person", "Barry Washington", "Barry Washington")]
    );
}

#[test]
fn one_unexplained_word_is_a_name_only_when_the_document_repeats_it() {
    assert!(names("The crowd cheered Mathis before noon.").is_empty());
    assert_eq!(
        names("Staff at Boeing cheered. Later Boeing said so."),
        [n("org", "Boeing", "Boeing"), n("org", "Boeing", "Boeing")]
    );
}

#[test]
fn untyped_capitalized_words_are_an_organization_only_by_guess() {
    let guessed = |text: &str| -> Vec<(String, bool)> {
        mentions(text)
            .into_iter()
            .filter_map(|m| match m.value {
                Value::Org(o) => Some((o.canonical, o.guess)),
                _ => None,
            })
            .collect()
    };
    // Neither word is in a names list, and nothing in the sentence types them.
    assert_eq!(
        guessed("The offer was made by Arte Moreeo on Tuesday."),
        [("Arte Moreeo".to_string(), true)]
    );
    // An organization word types the name: no guess.
    assert_eq!(
        guessed("The offer was made by Moreeo Holdings on Tuesday."),
        [("Moreeo Holdings".to_string(), false)]
    );
}

#[test]
fn ship_prefixes_name_vessels_not_people() {
    assert!(names("Pirates seized the MV Sirius Star off the coast.").is_empty());
}

#[test]
fn a_quoted_nickname_between_given_name_and_surname_is_part_of_the_name() {
    // The later "Gigante" is Vincent, not the brother named before him.
    for text in [
        "Louis Gigante spoke. Vincent \"The Chin\" Gigante was born in 1928. In 2005, Gigante died.",
        "Louis Gigante spoke. Vincent “The Chin” Gigante was born in 1928. In 2005, Gigante died.",
        "Louis Gigante spoke. Vincent 'the Chin' Gigante was born in 1928. In 2005, Gigante died.",
        "Louis Gigante spoke. Vincent ‘The Chin’ Gigante was born in 1928. In 2005, Gigante died.",
    ] {
        let whole = &text[21..text.find(" was").unwrap()];
        assert_eq!(
            names(text),
            [
                n("person", "Louis Gigante", "Louis Gigante"),
                n("person", whole, "Vincent Gigante"),
                n("person", "Gigante", "Vincent Gigante")
            ],
            "{text}"
        );
    }
    assert_eq!(
        names("Joseph 'Joe Bananas' Bonanno led a family. His rival was Salvatore “Sammy the Bull” Gravano."),
        [
            n("person", "Joseph 'Joe Bananas' Bonanno", "Joseph Bonanno"),
            n("person", "Salvatore “Sammy the Bull” Gravano", "Salvatore Gravano"),
        ]
    );
}

#[test]
fn a_nicknamed_person_carries_given_name_and_surname_without_the_nickname() {
    let found = mentions("Mr. James \"Whitey\" Bulger was arrested.");
    let person = found.iter().find_map(|m| match &m.value {
        Value::Person(p) => Some(p.clone()),
        _ => None,
    });
    let person = person.unwrap();
    assert_eq!(person.canonical, "James Bulger");
    assert_eq!(person.given.as_deref(), Some("James"));
    assert_eq!(person.surname.as_deref(), Some("Bulger"));
}

#[test]
fn quoted_sentences_and_titles_after_a_name_join_no_name() {
    // A quotation that is a sentence.
    let found = names("Smith said \"Jones is wrong\" today and Mary said \"Jones Is Wrong\" Today.");
    assert!(found.iter().all(|(_, text, _)| !text.contains('"')), "{found:?}");
    // A quoted title after a full name, and after a name that is no given name.
    let found = names("Fans queued for Ridley Scott \"Gladiator\" Tickets and Apple \"Think Different\" Posters.");
    assert!(found.iter().all(|(_, text, _)| !text.contains('"')), "{found:?}");
    // Lowercase last word, or no space around the quote: no nickname.
    let found = names("Vincent \"the chin\" Gigante and Vincent\"Chin\"Gigante left.");
    assert!(found.iter().all(|(_, text, _)| !text.contains('"')), "{found:?}");
}

#[test]
fn a_word_written_with_a_curly_apostrophe_counts_as_its_straight_spelling() {
    // Once, straightened: nothing explains it.
    assert!(names("Reporters met D’Zorbo first.").is_empty());
    // Written twice with a straight apostrophe elsewhere: the curly one is
    // the same word, repeated.
    assert_eq!(
        names("Reporters met D'Zorbo first. Then D'Zorbo spoke, and D’Zorbo left."),
        [
            n("org", "D'Zorbo", "D'Zorbo"),
            n("org", "D'Zorbo", "D'Zorbo"),
            n("org", "D’Zorbo", "D'Zorbo")
        ]
    );
}

/// A document's words numbered by [`super::DocWords`], which hashes each
/// once for its number and its class, are numbered and classed as a plain
/// map numbers them and the lexicon classes them word by word.
#[test]
fn doc_words_number_words_as_a_map_does() {
    use std::collections::HashMap;

    let (_, recognizer) = compiled();
    let lex = &recognizer.lex;
    // Listed words, unlisted ones and near misses, each met several times,
    // in an order drawn by a fixed generator.
    let mut pool: Vec<String> = lex.words.iter().take(2000).map(|(w, _)| w.to_string()).collect();
    let near: Vec<String> = pool.iter().flat_map(|w| [format!("{w}s"), w.to_uppercase()]).collect();
    pool.extend(near);
    pool.extend(["Zoë", "東京", "U.S.", "J.", "van", "2025", "x"].map(String::from));
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let drawn: Vec<&str> = (0..20_000)
        .map(|_| pool[(next() % pool.len() as u64) as usize].as_str())
        .collect();
    let text = drawn.join(" ");
    let mut words = super::DocWords::default();
    // Twice: the second time, the table the first document left is reset.
    for _ in 0..2 {
        words.reset(4);
        let mut plain: HashMap<&str, u32> = HashMap::new();
        let mut start = 0;
        for &word in &drawn {
            let fresh = u32::try_from(plain.len() + 1).unwrap();
            let expected = *plain.entry(word).or_insert(fresh);
            let number = words.number(lex, &text, start, &text[start..start + word.len()]);
            assert_eq!(number, expected, "{word}");
            assert_eq!(words.class(number), lex.class(word), "{word}");
            assert_eq!(words.find(&text, word), Some(number), "{word}");
            start += word.len() + 1;
        }
        assert_eq!(words.classes.len(), plain.len() + 1);
        assert_eq!(words.find(&text, "Unwritten"), None);
    }
}

/// A vector recycled to another lifetime keeps its allocation: the
/// buffers kept between documents are not allocated again.
#[test]
fn a_recycled_vector_keeps_its_room() {
    let text = String::from("Alexandr Wang");
    let mut names: Vec<&str> = Vec::with_capacity(100);
    names.push(&text);
    let room = names.capacity();
    let kept: Vec<&'static str> = super::recycled(names);
    assert!(kept.is_empty());
    assert_eq!(kept.capacity(), room);
}

#[test]
fn time_zones_meridiems_and_holidays_name_nothing() {
    // Each used to come out as an organization or a person.
    for text in [
        "The blast occurred at about 10:35 a.m. (0735 GMT) Friday, officials said.",
        "Trading opens at 9:30 AM EDT on the exchange.",
        "The deadline passed at 1600 UTC without an answer.",
        "Shops reported slow sales before Christmas this year.",
        "He wished the crowd a Merry Christmas from the balcony.",
    ] {
        assert_eq!(names(text), vec![], "{text}");
    }
}

#[test]
fn names_beside_time_words_are_still_found() {
    assert_eq!(
        names("Acme Corp. said at 0735 GMT that Jane Doe would resign before Christmas."),
        vec![
            ("org".to_string(), "Acme Corp.".to_string(), "Acme Corp.".to_string()),
            ("person".to_string(), "Jane Doe".to_string(), "Jane Doe".to_string()),
        ]
    );
}
