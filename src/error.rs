//! The errors of each stage: [`RuleError`] for rule and baseline files, [`InputError`]
//! for input that could not be read (the rest is still checked).
//!
//! Messages are lowercase, carry the path (and line where there is one) and
//! end without a period, so that `main` can print them as they are.

use std::path::PathBuf;

/// A rule, entity, language or baseline file that could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum RuleError {
    /// The file is not valid YAML for its schema.
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        /// The file, as shown to the user.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What was wrong and what was expected.
        message: String,
    },
    /// The file parsed but says something that cannot hold.
    #[error("{path}:{line}: {message}")]
    Invalid {
        /// The file, as shown to the user.
        path: String,
        /// 1-based line of the offending key (1 when unknown).
        line: usize,
        /// What was wrong and what was expected.
        message: String,
    },
    /// A rule folder or file that could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// An input that could not be read, in whole or in part. The rest of the
/// corpus is still checked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[error("{path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct InputError {
    /// The file (or `-` for standard input).
    pub path: String,
    /// 1-based line, where the problem has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// What was wrong.
    pub message: String,
}

impl InputError {
    /// An error about `path`, at `line` when given.
    pub fn new(path: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> Self {
        InputError {
            path: path.into(),
            line,
            message: message.into(),
        }
    }
}
