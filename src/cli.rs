//! The command line: raw flags, parsed by clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Finds contradictions in news: the same claim stated differently by
/// different sources, or by one article against itself.
#[derive(Debug, Parser)]
#[command(name = "claimcheck", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check articles for conflicting claims. Exit code 0: no conflict at
    /// the failing severity (see --fail-on); 1: at least one; 2: bad usage,
    /// bad rules, or input that could not be read (the rest is still checked).
    Check {
        /// Files, folders (read recursively) or `-` for JSON Lines on stdin.
        #[arg(required = true)]
        paths: Vec<String>,
        #[command(flatten)]
        options: CheckOptions,
    },
    /// Compare the claims that `extract --claims` wrote (one or many shards,
    /// in any order; `-` for stdin) and report exactly what `check` reports
    /// on the whole corpus. Exit codes as for `check`.
    Compare {
        /// Shard files written by `extract --claims`.
        #[arg(required = true)]
        shards: Vec<String>,
        #[command(flatten)]
        options: CheckOptions,
    },
    /// Write the conflicts as one self-contained HTML page for editors:
    /// grouped by story and claim, every source's sentence side by side,
    /// with filters by severity, rule and source. Exit code 0 when written;
    /// 2 when the page could not be written or input could not be read (the
    /// page still covers the rest).
    Report {
        /// Files, folders (read recursively) or `-` for JSON Lines on stdin.
        #[arg(required = true)]
        paths: Vec<String>,
        /// Where to write the page; `-` for standard output.
        #[arg(long, short, value_name = "FILE", default_value = "conflicts.html")]
        output: PathBuf,
        /// Extra rule folder; repeatable.
        #[arg(long = "rules", value_name = "DIR")]
        rule_dirs: Vec<PathBuf>,
        /// Leave out the conflicts accepted in this baseline file.
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        /// The configuration file (default: claimcheck.yaml in the first
        /// folder of PATHS that has one).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Print the mentions (dates, durations, money, organizations) found in
    /// articles, one JSON object per line.
    Extract {
        /// Files, folders (read recursively) or `-` for JSON Lines on stdin.
        #[arg(required = true)]
        paths: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
        format: ExtractFormat,
        /// Write claims as a shard for `claimcheck compare` (the map half of
        /// `check`) instead of mentions.
        #[arg(long)]
        claims: bool,
        /// Extra rule folder; repeatable.
        #[arg(long = "rules", value_name = "DIR")]
        rule_dirs: Vec<PathBuf>,
        /// The configuration file (default: claimcheck.yaml in the first
        /// folder of PATHS that has one). Read with --claims.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// List the rules: id, kind, severity and title.
    Rules {
        /// Extra rule folder; repeatable.
        #[arg(long = "rules", value_name = "DIR")]
        rule_dirs: Vec<PathBuf>,
    },
    /// Show one rule in full: what it checks, its triggers, subject, slots,
    /// message and examples.
    Explain {
        /// The rule's id.
        rule: String,
        /// Extra rule folder; repeatable.
        #[arg(long = "rules", value_name = "DIR")]
        rule_dirs: Vec<PathBuf>,
    },
    /// Run every rule's examples: each `conflict` set must make its rule fire
    /// and each `agree` set must not. With DIR, the rules of that folder
    /// (loaded on top of the default rules); without, the default rules.
    /// Exit code 0: all hold; 1: some failed; 2: the rules do not load.
    TestRules {
        /// A rule folder (layout: lang/, entities/, claims/).
        dir: Option<PathBuf>,
        /// Print every example, not only the failures.
        #[arg(long, short)]
        verbose: bool,
    },
}

/// The options `check` and `compare` share.
#[derive(Debug, Args)]
pub struct CheckOptions {
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Extra rule folder (layout: lang/, entities/, claims/); repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    pub rule_dirs: Vec<PathBuf>,
    /// Print only the summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// The lowest severity that makes the run fail (exit 1).
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Report only conflicts not accepted in this baseline file, and list
    /// its entries that no conflict matched (stale).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// The configuration file (default: claimcheck.yaml in the first folder
    /// of PATHS that has one).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Write every conflict found now to this baseline file (replacing it,
    /// so stale entries drop out) instead of reporting them; exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
}

/// `check` output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Compiler-style diagnostics.
    Text,
    /// One JSON object (versioned; see README).
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands: one annotation per conflict.
    Github,
    /// A summary table and one section per conflict.
    Markdown,
}

/// The lowest severity that makes `check` exit 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Conflicts at severity error.
    Error,
    /// Conflicts at severity warning or error.
    Warning,
    /// Never: exit 0 whatever was found (input errors still exit 2).
    Never,
}

/// `extract` output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// One JSON object per mention per line.
    Jsonl,
}
