//! `claimcheck report`: the HTML page for editors. The page is checked as
//! text here and, where Chromium is installed, as a rendered page in headless
//! Chromium (the filters run there), with a screenshot under `target/`. CI
//! installs Chromium; elsewhere the browser tests say they were skipped.

// Test helpers fail loudly on purpose.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn claimcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

/// Writes the report of `corpus` to `name` under the test scratch folder.
fn report(corpus: &Path, name: &str) -> PathBuf {
    let page = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let output = claimcheck(&["report", corpus.to_str().unwrap(), "-o", page.to_str().unwrap()]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    page
}

/// A corpus whose every piece of text and metadata tries to inject markup.
fn hostile_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let inject = "<img src=x onerror=\"document.body.dataset.pwned='1'\">";
    // JSON strings are YAML scalars: the metadata holds quotes of both kinds.
    let q = |s: &str| serde_json::to_string(s).unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        format!(
            "---\ntitle: {}\nsource: {}\nurl: {}\npublished: 2025-08-29\nstory: {}\n---\n\n\
             Meta invested $14.3 billion in Scale AI in June 2025. {inject}\n",
            q(&format!("{inject} & <script>document.body.dataset.pwned=1</script>")),
            q("\"><script>document.body.dataset.pwned=1</script>"),
            q("javascript:document.body.dataset.pwned=1"),
            q("<i>story</i>"),
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.md"),
        format!(
            "---\nsource: Wire\nurl: {}\n---\n\n{inject} Meta's investment in Scale AI was made in June 2024.\n",
            q("https://wire.example.com/a?b=1&c=\"x\"")
        ),
    )
    .unwrap();
    dir
}

#[test]
fn every_piece_of_article_and_metadata_text_is_escaped() {
    let corpus = hostile_corpus();
    let page = std::fs::read_to_string(report(corpus.path(), "hostile.html")).unwrap();
    assert_eq!(
        page.matches("<article class=\"conflict").count(),
        1,
        "the corpus conflicts"
    );
    // The only script element is the page's own filter script.
    assert_eq!(page.matches("<script").count(), 1, "{page}");
    assert!(!page.contains("<img"), "{page}");
    assert!(!page.contains("<i>story"), "{page}");
    assert!(!page.contains("href=\"javascript"), "only http(s) URLs become links");
    assert!(page.contains("&lt;img src=x onerror=&quot;"));
    assert!(page.contains("href=\"https://wire.example.com/a?b=1&amp;c=&quot;x&quot;\""));
    // Rule text (title and message) is escaped too.
    let rules = hostile_rules();
    let page_path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-rules.html");
    let output = claimcheck(&[
        "report",
        "--rules",
        rules.path().to_str().unwrap(),
        corpus.path().to_str().unwrap(),
        "-o",
        page_path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0));
    let ruled = std::fs::read_to_string(page_path).unwrap();
    assert!(ruled.contains("data-rule=\"hostile\""), "the hostile rule fired");
    assert_eq!(ruled.matches("<script").count(), 1, "{ruled}");
    assert!(!ruled.contains("<img"), "{ruled}");
    // The page is self-contained: nothing is fetched.
    for fetch in ["<link", "src=\"http", "@import", "url("] {
        assert!(!page.contains(fetch), "the page fetches nothing: found {fetch}");
    }
}

#[test]
fn a_page_is_written_even_when_some_input_is_skipped() {
    let corpus = hostile_corpus();
    std::fs::write(corpus.path().join("c.md"), b"---\npublished: [\n---\nbroken\xff\n").unwrap();
    let page = Path::new(env!("CARGO_TARGET_TMPDIR")).join("skipped.html");
    let output = claimcheck(&["report", corpus.path().to_str().unwrap(), "-o", page.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "skipped input exits 2");
    let page = std::fs::read_to_string(page).unwrap();
    assert!(page.contains("in 2 documents checked, 1 skipped"), "{page}");
    assert!(page.contains("c.md"), "the page names the skipped input");
    assert_eq!(page.matches("<article class=\"conflict").count(), 1);
}

/// Headless Chromium, or `None` (with a note) where it is not installed.
/// In CI it must be there.
fn chromium() -> Option<PathBuf> {
    let found = std::env::var_os("CHROMIUM").map(PathBuf::from).or_else(|| {
        ["chromium", "chromium-browser", "google-chrome"]
            .iter()
            .find_map(|name| {
                std::env::var_os("PATH").and_then(|paths| {
                    std::env::split_paths(&paths)
                        .map(|dir| dir.join(name))
                        .find(|p| p.is_file())
                })
            })
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install Chromium for the browser tests"
        );
        eprintln!("browser test skipped: Chromium is not installed");
    }
    found
}

/// Runs headless Chromium on `page` with `args`, for at most a minute;
/// returns its standard output.
fn run_chromium(browser: &Path, page: &Path, fragment: &str, args: &[&str]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}{fragment}", page.display());
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(&url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().ok();
            panic!("chromium did not finish within a minute on {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The page's DOM after its script ran, with the filters in `fragment`.
fn rendered(browser: &Path, page: &Path, fragment: &str) -> String {
    let dom = run_chromium(browser, page, fragment, &["--dump-dom"]);
    assert!(dom.contains("</html>"), "chromium dumped the page: {dom}");
    dom
}

/// The value of `data-shown` on the body: how many cards the filters show.
fn shown(dom: &str) -> usize {
    let (_, rest) = dom
        .split_once("data-shown=\"")
        .expect("the script counted the shown cards");
    rest.split('"').next().unwrap().parse().unwrap()
}

/// The conflict cards, each with whether it is hidden.
fn cards(dom: &str) -> Vec<(String, bool)> {
    dom.split("<article ")
        .skip(1)
        .map(|card| {
            let tag = card.split('>').next().unwrap();
            let rule = tag.split("data-rule=\"").nth(1).unwrap().split('"').next().unwrap();
            (rule.to_string(), tag.contains("hidden"))
        })
        .collect()
}

#[test]
fn the_report_renders_in_chromium_and_its_filters_change_what_is_shown() {
    let Some(browser) = chromium() else { return };
    let page = report(Path::new("fixtures/meta-scale-ai"), "meta-scale-ai.html");

    let all = rendered(&browser, &page, "");
    assert_eq!(cards(&all).len(), 2, "one card per conflict");
    assert_eq!(shown(&all), 2);
    assert!(cards(&all).iter().all(|(_, hidden)| !hidden));
    assert!(all.contains("Showing 2 of 2 conflicts"));
    // The seeds' conflict: June 2025 against June 2024, both highlighted.
    let seed = all.split("<article ").nth(1).unwrap();
    for words in [
        "<mark>June 2025</mark>",
        "<mark>June 2024</mark>",
        "<mark>mid-June 2025</mark>",
    ] {
        assert!(seed.contains(words), "{words} in the first card");
    }
    assert_eq!(all.matches("<mark>").count(), 7, "every quote marks its words");

    let timeline = rendered(&browser, &page, "#rule=timeline");
    assert_eq!(shown(&timeline), 1);
    assert_eq!(
        cards(&timeline),
        [("investment".to_string(), true), ("timeline".to_string(), false)]
    );
    assert!(timeline.contains("Showing 1 of 2 conflicts"));

    let briefing = rendered(&browser, &page, "#source=Morning%20Briefing");
    assert_eq!(shown(&briefing), 1, "only the investment conflict quotes the briefing");

    let warnings = rendered(&browser, &page, "#severity=warning");
    assert_eq!(shown(&warnings), 0);
    assert!(
        warnings.contains("<section class=\"story\" hidden"),
        "an empty story is hidden"
    );

    let screenshot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-meta-scale-ai.png");
    std::fs::remove_file(&screenshot).ok();
    run_chromium(
        &browser,
        &page,
        "",
        &[
            &format!("--screenshot={}", screenshot.display()),
            "--window-size=1280,1700",
        ],
    );
    let png = std::fs::read(&screenshot).expect("chromium wrote the screenshot");
    assert!(png.starts_with(b"\x89PNG"), "the screenshot is a PNG");
    eprintln!("screenshot: {}", screenshot.display());
}

#[test]
fn hostile_text_runs_no_script_in_chromium() {
    let Some(browser) = chromium() else { return };
    let corpus = hostile_corpus();
    let page = report(corpus.path(), "hostile-rendered.html");
    let dom = rendered(&browser, &page, "");
    assert_eq!(shown(&dom), 1, "the page's own script ran");
    assert!(!dom.contains("data-pwned"), "no injected script or handler ran");
}

/// A rule folder whose rule text tries to break out of each format.
fn hostile_rules() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("claims")).unwrap();
    std::fs::write(
        dir.path().join("claims/hostile.yaml"),
        "id: hostile\nkind: claim\n\
         title: \"Hostile <script>alert(1)</script> | title\\n::error file=evil.md,line=1::injected\"\n\
         triggers: [invested, investment]\nsubject: { investor: org, investee: org }\nslots:\n  date: { kind: date }\n\
         severity: error\n\
         message: \"{subject}\\n::error file=evil.md,line=1::injected %0A <img src=x onerror=alert(1)> | `x` *y*\"\n",
    )
    .unwrap();
    dir
}

#[test]
fn github_and_markdown_outputs_escape_hostile_text() {
    let corpus = hostile_corpus();
    let rules = hostile_rules();
    let run = |format: &str| {
        let output = claimcheck(&[
            "check",
            "--format",
            format,
            "--rules",
            rules.path().to_str().unwrap(),
            corpus.path().to_str().unwrap(),
        ]);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };

    let github = run("github");
    let lines: Vec<&str> = github.lines().collect();
    assert_eq!(lines.len(), 2, "one workflow command per conflict: {github}");
    for line in &lines {
        assert!(line.starts_with("::error file="), "{line}");
    }
    // The injected command stays inside its line: the newline before it is
    // escaped, so a runner reads it as message text.
    assert!(github.contains("%0A::error file=evil.md"), "{github}");
    assert!(
        github.contains("%250A"),
        "a literal %0A in the text is escaped: {github}"
    );

    let markdown = run("markdown");
    // Every `<` of the article and rule text is escaped, so no tag renders.
    for tag in ["<img", "<script"] {
        let escaped = format!("\\{tag}");
        assert_eq!(
            markdown.matches(tag).count(),
            markdown.matches(&escaped).count(),
            "{tag}: {markdown}"
        );
    }
    assert!(markdown.contains("\\<img src=x onerror=alert(1)\\>"), "{markdown}");
    // Each table row keeps its five columns: the `|` in the message is escaped.
    for row in markdown
        .lines()
        .filter(|l| l.starts_with("| 1 ") || l.starts_with("| 2 "))
    {
        let cells = row.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 6, "{row}");
    }
    // No line of the message starts a new Markdown block.
    assert!(!markdown.lines().any(|l| l.starts_with("::error")), "{markdown}");
}
