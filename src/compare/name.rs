//! Rule kind `name-variant`: full names in, one conflict per set of
//! near-identical spellings of one person's name out.
//!
//! Claims arrive grouped by a key that holds one part of the name and the
//! initial of the other ("A. Wang"), so only names that share a part meet.
//! Two spellings are variants when the other part differs by one or two
//! edits, in proportion to its length, and the two cannot be two people:
//! "Alexandr Wang" / "Alexander Wang" and "Zuckerberg" / "Zuckerburg" are
//! variants; "Mark Wang" / "Mary Wang" are not, because both given names are
//! in the given-names list (the same holds for listed surnames), and short
//! words ("Wang" / "Wong") are never compared. Variants are reported, never
//! merged: the claims keep their own canonical names.

use super::{conflict, Conflict, Group};
use crate::claims::{Claim, ClaimValue, NameSpelling};

pub(crate) fn check(group: &Group<'_>, out: &mut Vec<Conflict>) {
    let names: Vec<(&Claim, &NameSpelling)> = group
        .claims
        .iter()
        .filter_map(|c| match &c.value {
            ClaimValue::Name(n) => Some((*c, &**n)),
            _ => None,
        })
        .collect();
    // Distinct spellings, in input order; each is joined to a cluster of
    // variants. Groups are small: a pair test per two spellings is cheap.
    let mut spellings: Vec<Spelling<'_>> = Vec::new();
    for (c, n) in &names {
        let story = c.evidence.story();
        match spellings.iter_mut().find(|s| s.name.name == n.name) {
            Some(s) => {
                s.guess &= n.guess;
                if let Some(story) = story.filter(|st| !s.stories.contains(st)) {
                    s.stories.push(story);
                }
            }
            None => spellings.push(Spelling {
                name: n,
                guess: n.guess,
                stories: story.into_iter().collect(),
            }),
        }
    }
    let mut cluster: Vec<usize> = (0..spellings.len()).collect();
    for i in 0..spellings.len() {
        for j in 0..i {
            if variants(&spellings[i], &spellings[j]) {
                let (from, to) = (cluster[i], cluster[j]);
                cluster.iter_mut().filter(|c| **c == from).for_each(|c| *c = to);
            }
        }
    }
    let mut reported: Vec<usize> = Vec::new();
    for &root in &cluster {
        if reported.contains(&root) || cluster.iter().filter(|&&c| c == root).count() < 2 {
            continue;
        }
        reported.push(root);
        let members: Vec<&Claim> = names
            .iter()
            .filter(|(_, n)| {
                spellings
                    .iter()
                    .position(|s| s.name.name == n.name)
                    .is_some_and(|k| cluster[k] == root)
            })
            .map(|(c, _)| *c)
            .collect();
        // One side per spelling, whether or not each document typed it.
        fn spelled(c: &Claim) -> Option<&str> {
            match &c.value {
                ClaimValue::Name(n) => Some(&n.name),
                _ => None,
            }
        }
        let (sides, best) = group.sides(&members, |a, b| spelled(a) == spelled(b));
        let listed = sides.iter().map(|s| s.value.as_str()).collect::<Vec<_>>().join(" / ");
        out.push(conflict(group.rule, group, sides, best, &[("names", &listed)]));
    }
}

/// One way a group's claims spell a name.
struct Spelling<'a> {
    name: &'a NameSpelling,
    /// Whether no document typed it as a person's name.
    guess: bool,
    /// The stories of the documents that spell it so.
    stories: Vec<&'a str>,
}

/// Whether two spellings could be one name written two ways.
fn variants(a: &Spelling<'_>, b: &Spelling<'_>) -> bool {
    // Two runs of words that no document typed as a person's name are left
    // alone: at least one side must be a person.
    if a.guess && b.guess {
        return false;
    }
    let same_story = a.stories.iter().any(|s| b.stories.contains(s));
    let (a, b) = (a.name, b.name);
    // The words between given name and surname, initials aside, must match:
    // "Philip H. Hickock" and "Philip Hickok" are compared, "Gary Ross" and
    // "Gary Ross Still" are not.
    let middle = |n: &NameSpelling| -> Vec<String> {
        let words: Vec<&str> = n.name.split(' ').collect();
        let surname_words = n.surname.split(' ').count();
        words[1..words.len().saturating_sub(surname_words).max(1)]
            .iter()
            .filter(|w| !(w.len() <= 2 && w.ends_with('.')))
            .map(|w| w.to_string())
            .collect()
    };
    if middle(a) != middle(b) {
        return false;
    }
    match (a.given == b.given, a.surname == b.surname) {
        // One given name and two surnames a letter apart in one story are
        // one person, even when both surnames are real ("Tara Reid", "Tara
        // Reed"); across stories, two listed surnames are two people.
        (true, false) => near(&a.surname, &b.surname, a.surname_listed, b.surname_listed, same_story),
        // Two listed given names are two people even in one story: a
        // family shares its surname ("Mark Wang", "Mary Wang").
        (false, true) => near(&a.given, &b.given, a.given_listed, b.given_listed, false),
        _ => false,
    }
}

/// Whether two words, each flagged by whether the names list holds it,
/// could be one written two ways: one edit apart for words of five to eight
/// letters, two for longer ones; a difference of case alone ("DeGeneres",
/// "Degeneres") counts as one. Two listed words are two names ("Johnson",
/// "Johnston") unless `close` (the two are read in one story). A
/// four-letter word is compared, one edit apart, with a word the list lacks
/// ("Owen", "Owan") or in one story: elsewhere two short names ("Wang",
/// "Wong") are too often two people.
fn near(a: &str, b: &str, a_listed: bool, b_listed: bool, close: bool) -> bool {
    if a_listed && b_listed && !close {
        return false;
    }
    // A final "s" alone makes a plural or a team, not a misspelling:
    // "Colts" and "Colt", "Marshals" and "Marshal".
    if a.strip_suffix('s') == Some(b) || b.strip_suffix('s') == Some(a) {
        return false;
    }
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let shorter = a.len().min(b.len());
    let allowed = match shorter {
        9.. => 2,
        5.. => 1,
        4 if close || a_listed != b_listed => 1,
        _ => return false,
    };
    a.len().abs_diff(b.len()) <= allowed && edits(&a, &b) <= allowed
}

/// Levenshtein distance.
fn edits(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb)).min(row[j] + 1).min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spelling(name: &str, given_listed: bool, surname_listed: bool) -> NameSpelling {
        let (given, surname) = name.split_once(' ').unwrap();
        NameSpelling {
            name: name.into(),
            given: given.into(),
            surname: surname.into(),
            given_listed,
            surname_listed,
            guess: false,
        }
    }

    /// Whether `a` read in `stories.0` and `b` in `stories.1` are variants.
    fn variants_in(a: &NameSpelling, b: &NameSpelling, stories: (&str, &str)) -> bool {
        let spelled = |name, story| Spelling {
            name,
            guess: name.guess,
            stories: vec![story],
        };
        super::variants(&spelled(a, stories.0), &spelled(b, stories.1))
    }

    /// Whether two spellings read in different stories are variants.
    fn variants(a: &NameSpelling, b: &NameSpelling) -> bool {
        variants_in(a, b, ("one story", "another"))
    }

    #[test]
    fn a_letter_more_in_a_given_name_is_a_variant() {
        assert!(variants(
            &spelling("Alexandr Wang", false, true),
            &spelling("Alexander Wang", true, true)
        ));
    }

    #[test]
    fn a_vowel_changed_in_a_long_surname_is_a_variant() {
        assert!(variants(
            &spelling("Mark Zuckerberg", true, false),
            &spelling("Mark Zuckerburg", true, false)
        ));
    }

    #[test]
    fn two_listed_given_names_are_two_people() {
        assert!(!variants(
            &spelling("Mark Wang", true, true),
            &spelling("Mary Wang", true, true)
        ));
        assert!(!variants(
            &spelling("Steven Smith", true, true),
            &spelling("Stephen Smith", true, true)
        ));
    }

    #[test]
    fn short_words_and_far_words_are_not_variants() {
        assert!(!variants(
            &spelling("Amy Wang", false, true),
            &spelling("Amy Wong", false, true)
        ));
        assert!(!variants(
            &spelling("Alexandr Wang", false, true),
            &spelling("Alexandra Wong", false, true)
        ));
        assert!(!variants(
            &spelling("Mark Zuckerberg", true, false),
            &spelling("Mark Zimmerman", true, false)
        ));
    }

    #[test]
    fn case_alone_is_a_variant() {
        assert!(near("DeGeneres", "Degeneres", false, false, false));
    }

    #[test]
    fn a_short_listed_surname_meets_an_unlisted_spelling_of_it() {
        assert!(variants(
            &spelling("Jon Owen", true, true),
            &spelling("Jon Owan", true, false)
        ));
        assert!(!variants(
            &spelling("Jon Owen", true, true),
            &spelling("Jon Owens", true, true)
        ));
        assert!(!variants(
            &spelling("Amy Ngo", false, false),
            &spelling("Amy Ngu", false, false)
        ));
    }

    #[test]
    fn two_real_surnames_a_letter_apart_are_one_person_within_a_story() {
        let (reid, reed) = (spelling("Tara Reid", true, true), spelling("Tara Reed", true, true));
        assert!(variants_in(&reid, &reed, ("shooting", "shooting")));
        assert!(!variants(&reid, &reed));
        let (mark, mary) = (spelling("Mark Wang", true, true), spelling("Mary Wang", true, true));
        assert!(!variants_in(&mark, &mary, ("lab", "lab")));
        let (colts, colt) = (
            spelling("Indianapolis Colts", false, false),
            spelling("Indianapolis Colt", false, true),
        );
        assert!(!variants_in(&colts, &colt, ("game", "game")));
    }

    #[test]
    fn an_untyped_name_is_compared_with_people_only() {
        let mut moreeo = spelling("Arte Moreeo", false, false);
        moreeo.guess = true;
        assert!(variants(&spelling("Arte Moreno", false, true), &moreeo));
        let mut moreno = spelling("Arte Moreno", false, true);
        moreno.guess = true;
        assert!(!variants(&moreno, &moreeo));
    }

    #[test]
    fn edit_distance_counts_insertions_and_substitutions() {
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(edits(&chars("alexandr"), &chars("alexander")), 1);
        assert_eq!(edits(&chars("zuckerberg"), &chars("zuckerburg")), 1);
        assert_eq!(edits(&chars("kitten"), &chars("sitting")), 3);
    }
}
