//! Known entities (`rules/entities/*.yaml`): canonical names and the aliases
//! that map to them, used to key claims across documents.

use serde::Deserialize;

/// One entities file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct EntitiesFile {
    pub(crate) entities: Vec<Entity>,
}

/// A known entity.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Entity {
    /// The canonical name claims are keyed by.
    pub name: String,
    /// What kind of entity this is.
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// Other names that mean the same entity.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// The kinds of named entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum EntityKind {
    /// An organization.
    Org,
    /// A person.
    Person,
    /// A place.
    Place,
}

impl EntityKind {
    /// The kind's name as written in rule and entity files.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Org => "org",
            EntityKind::Person => "person",
            EntityKind::Place => "place",
        }
    }
}
