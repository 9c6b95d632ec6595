//! Role comparison: whether two role facts of one key can both be true.
//!
//! A rule keyed by a person and an organization compares the roles the
//! person holds there: the slot lists only roles of which one person holds
//! one at a time (chief executive, chief financial officer…), so two
//! different ones conflict. A rule keyed by an organization and a role
//! compares who holds it: two people conflict, unless the names may be one
//! person's ("Salazar" and "Ken Salazar", "Dirk A. Kempthorne" and "Dirk
//! Kempthorne"; a misspelt name is the `name-spelling` rule's to report).
//! A temporary role ("acting", "interim") is held beside the permanent one
//! and conflicts with neither. Past roles ("former CEO") make no claim.

use crate::claims::RoleClaim;

/// Whether two role facts of one key can both be true.
pub(crate) fn agree(a: &RoleClaim, b: &RoleClaim) -> bool {
    if a.acting != b.acting {
        return true;
    }
    if a.holder || b.holder {
        same_person(&a.person, &b.person)
    } else {
        a.role == b.role
    }
}

/// Whether two people's canonical names may name one person: equal, or
/// with the same last word (a short form, a middle initial, a misspelt
/// given name).
fn same_person(a: &str, b: &str) -> bool {
    let last = |name: &str| name.rsplit(' ').next().unwrap_or(name).to_lowercase();
    a == b || last(a) == last(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(role: &str, person: &str, acting: bool, holder: bool) -> RoleClaim {
        RoleClaim {
            role: role.into(),
            person: person.into(),
            acting,
            holder,
        }
    }

    #[test]
    fn two_roles_of_one_person_conflict_unless_one_is_temporary() {
        let ceo = role("chief executive", "Mark Zuckerberg", false, false);
        let cfo = role("chief financial officer", "Mark Zuckerberg", false, false);
        assert!(agree(&ceo, &ceo.clone()));
        assert!(!agree(&ceo, &cfo));
        assert!(!agree(&cfo, &ceo), "symmetric");
        let acting_ceo = role("chief executive", "Mark Zuckerberg", true, false);
        assert!(agree(&cfo, &acting_ceo), "a CFO may be acting CEO");
    }

    #[test]
    fn two_holders_of_one_role_conflict_unless_the_names_may_be_one_person() {
        let holder = |person: &str| role("chief executive", person, false, true);
        assert!(!agree(&holder("Ken Salazar"), &holder("Dirk Kempthorne")));
        assert!(agree(&holder("Ken Salazar"), &holder("Salazar")));
        assert!(agree(&holder("Dirk A. Kempthorne"), &holder("Dirk Kempthorne")));
        assert!(agree(&holder("Louie Freeh"), &holder("Louis Freeh")));
        assert!(!agree(&holder("Mark Chen"), &holder("Mark Zuckerberg")));
    }

    #[test]
    fn an_interim_holder_and_the_holder_agree() {
        let chief = role("chief executive", "Chuck Pagano", false, true);
        let interim = role("chief executive", "Bruce Arians", true, true);
        assert!(agree(&chief, &interim));
        assert!(!agree(&interim, &role("chief executive", "Tony Dungy", true, true)));
    }

    #[test]
    fn agreement_is_symmetric_and_reflexive() {
        let mut all = Vec::new();
        for role_name in ["chief executive", "chief financial officer"] {
            for person in ["Maria Lopez", "Lopez", "Tom Berg"] {
                for acting in [false, true] {
                    for holder in [false, true] {
                        all.push(role(role_name, person, acting, holder));
                    }
                }
            }
        }
        for a in &all {
            assert!(agree(a, a), "{a:?}");
            for b in all.iter().filter(|b| b.holder == a.holder) {
                assert_eq!(agree(a, b), agree(b, a), "{a:?} {b:?}");
            }
        }
    }
}
