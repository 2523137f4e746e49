//! Hostile input: every case is a site with one bad file (made at run time) and
//! one ordinary defect in a sibling page. Galley must exit 0 or 1 (never crash,
//! never 2 because of one file), report the bad file at a located finding where
//! one applies, still report the sibling's defect, and stay under the memory
//! bound stated in docs/limits.md (peak RSS, read from `wait4`).

mod common;

use std::io::Read;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Row, TempSite, row};
use galley_core::limits::{
    MAX_ATTRIBUTE_BYTES, MAX_FINDINGS_PER_FILE, MAX_TEXT_FILE_BYTES, MAX_YAML_ALIAS_NODES,
};

/// Peak resident memory any hostile case may reach (docs/limits.md).
const MEMORY_BOUND_MIB: u64 = 256;
/// A case that takes longer has hung.
const TIME_BOUND: Duration = Duration::from_secs(120);

/// A run of galley, and the most memory it held.
struct Measured {
    run: common::Run,
    peak_rss_mib: u64,
}

/// Runs `galley check . --format json` in `dir`, killed after `TIME_BOUND`,
/// sampling its peak RSS (`VmHWM`, a high-water mark) from `/proc` every
/// millisecond until it exits. Not `wait4`'s `ru_maxrss`: that keeps the
/// memory of the test process the child was forked from, before its `exec`.
fn check_measured(dir: &Path, env: &[(&str, &str)]) -> Measured {
    run_measured(dir, env, &[])
}

/// `check_measured` with more arguments for `galley check`.
fn check_measured_with(dir: &Path, args: &[&str]) -> Measured {
    run_measured(dir, &[], args)
}

fn run_measured(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Measured {
    let mut child = Command::new(env!("CARGO_BIN_EXE_galley"))
        .args(["check", ".", "--format", "json"])
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS")
        .env_remove("RUST_BACKTRACE")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run galley");
    let pid = child.id();
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut text = String::new();
        stdout.read_to_string(&mut text).map(|_| text)
    });
    let err = std::thread::spawn(move || {
        let mut text = String::new();
        stderr.read_to_string(&mut text).map(|_| text)
    });
    let started = Instant::now();
    let mut peak_kib = 0;
    let status = loop {
        // Before its `exec` the child is still a copy of this process: only
        // samples of `galley` itself count.
        if let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status"))
            && status.lines().next() == Some("Name:\tgalley")
            && let Some(hwm) = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))
        {
            let kib: u64 = hwm.trim().trim_end_matches("kB").trim().parse().unwrap();
            peak_kib = peak_kib.max(kib);
        }
        if let Some(status) = child.try_wait().expect("wait for galley") {
            break status;
        }
        if started.elapsed() > TIME_BOUND {
            let _ = child.kill();
            panic!("galley ran longer than {TIME_BOUND:?}");
        }
        std::thread::sleep(Duration::from_millis(1));
    };
    let stderr = err.join().unwrap().expect("stderr is UTF-8");
    let Some(code) = status.code() else {
        panic!("galley was killed by a signal (a crash): {status}\nstderr: {stderr}");
    };
    assert!(peak_kib > 0, "no sample of galley's memory was taken");
    Measured {
        run: common::Run {
            code,
            stdout: out.join().unwrap().expect("stdout is UTF-8"),
            stderr,
        },
        peak_rss_mib: peak_kib.div_ceil(1024),
    }
}

/// The sibling page's defect, which every case must still report.
fn sibling_defect() -> Row {
    row(
        "word-repeated",
        "sibling.html",
        1,
        22,
        "`has` repeats the word before it",
    )
}

fn site() -> TempSite {
    let site = TempSite::new();
    site.write(
        "sibling.html",
        "<p>This sentence has has a repeated word.</p>\n",
    );
    site
}

/// Checks `site` and asserts the verdict every hostile case shares; returns
/// the findings that are not the sibling's.
fn check_hostile(site: &TempSite) -> Vec<Row> {
    let Measured { run, peak_rss_mib } = check_measured(site.path(), &[]);
    assert_eq!(run.code, 1, "stderr: {}", run.stderr);
    assert!(
        peak_rss_mib < MEMORY_BOUND_MIB,
        "peak RSS {peak_rss_mib} MiB is over the bound of {MEMORY_BOUND_MIB} MiB"
    );
    eprintln!("peak RSS {peak_rss_mib} MiB");
    let mut findings = run.findings();
    let sibling = findings
        .iter()
        .position(|f| *f == sibling_defect())
        .unwrap_or_else(|| panic!("the sibling's defect is missing: {findings:?}"));
    findings.remove(sibling);
    findings
}

#[test]
fn yaml_alias_bomb() {
    let site = site();
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..12 {
        let refs = vec![format!("*a{}", level - 1); 10].join(", ");
        bomb.push_str(&format!("a{level}: &a{level} [{refs}]\n"));
    }
    site.write("_data/bomb.yml", &bomb);
    assert_eq!(
        check_hostile(&site),
        vec![row(
            "yaml-syntax",
            "_data/bomb.yml",
            5,
            45,
            &format!(
                "invalid YAML: aliases expand to more than {MAX_YAML_ALIAS_NODES} nodes (a \"billion laughs\" document); Galley does not read it"
            )
        )]
    );
}

#[test]
fn yaml_deep_nesting_flow_and_block() {
    let site = site();
    site.write(
        "_data/flow.yml",
        format!("a: {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
    );
    let block: String = (0..2_000)
        .map(|i| format!("{}k{i}:\n", "  ".repeat(i)))
        .collect();
    site.write("_data/block.yml", block);
    assert_eq!(
        check_hostile(&site),
        vec![
            row(
                "yaml-syntax",
                "_data/block.yml",
                257,
                513,
                "invalid YAML: nesting is deeper than 256 levels; Galley does not read it"
            ),
            row(
                "yaml-syntax",
                "_data/flow.yml",
                1,
                259,
                "invalid YAML: recursion limit exceeded"
            ),
        ]
    );
}

#[test]
fn yaml_tabs_bom_and_utf16() {
    let site = site();
    // Tabs may not indent YAML.
    site.write("_data/tabs.yml", "a:\n\tb: 1\n");
    // A byte-order mark is allowed, and positions after it are right.
    site.write("_data/bom.yml", "\u{FEFF}title: x\nlist: [1,\n");
    let utf16: Vec<u8> = "title: x\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    site.write("_data/utf16.yml", [&[0xFF, 0xFE][..], &utf16].concat());
    assert_eq!(
        check_hostile(&site),
        vec![
            row(
                "yaml-syntax",
                "_data/bom.yml",
                3,
                1,
                "invalid YAML: while parsing a node, did not find expected node content"
            ),
            row(
                "yaml-syntax",
                "_data/tabs.yml",
                2,
                2,
                "invalid YAML: tabs disallowed within this context (block indentation)"
            ),
            row(
                "file-unreadable",
                "_data/utf16.yml",
                1,
                1,
                "file is UTF-16 encoded"
            ),
        ]
    );
}

#[test]
fn invalid_utf8_nul_bytes_and_random_bytes() {
    let site = site();
    site.write("_data/latin1.yml", b"title: Caf\xe9\n");
    site.write("nul.html", b"<p>a\0b</p>\n");
    // Random bytes from a fixed seed (xorshift), so the case is the same each run.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let random: Vec<u8> = (0..100_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    site.write("random.html", &random);
    let findings = check_hostile(&site);
    assert_eq!(
        findings[..2],
        [
            row(
                "file-unreadable",
                "_data/latin1.yml",
                1,
                11,
                "invalid UTF-8 (byte 0xE9)"
            ),
            row(
                "file-unreadable",
                "nul.html",
                1,
                5,
                "file contains a NUL byte: it is binary, not text"
            ),
        ]
    );
    assert_eq!(findings.len(), 3, "{findings:?}");
    let (rule, path, line, _, message) = &findings[2];
    assert_eq!(
        (rule.as_str(), path.as_str()),
        ("file-unreadable", "random.html")
    );
    assert!(*line >= 1);
    assert!(
        message.starts_with("file contains a NUL byte") || message.starts_with("invalid UTF-8"),
        "{message}"
    );
}

#[test]
fn a_20_mb_single_line() {
    let site = site();
    let words = ["privacy", "guide", "messenger", "signal", "encrypted"];
    let mut line = String::from("<p>");
    let mut i = 0;
    while line.len() < 20 * 1024 * 1024 {
        line.push_str(words[i % words.len()]);
        line.push(' ');
        i += 1;
    }
    line.push_str("the the end</p>");
    let column = line.chars().count() as u64 - "the end</p>".len() as u64 + 1;
    site.write("long.html", &line);
    assert_eq!(
        check_hostile(&site),
        vec![row(
            "word-repeated",
            "long.html",
            1,
            column,
            "`the` repeats the word before it"
        )]
    );
    // Every output shows a window of the line, never the 20 MB (SARIF's
    // ~75 KB are the rules' documentation).
    for format in ["human", "short", "github", "sarif", "markdown"] {
        let run = common::galley(site.path(), &["check", ".", "--format", format]);
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
        assert!(
            run.stdout.len() < 256 * 1024,
            "{format}: {} bytes",
            run.stdout.len()
        );
    }
    let run = common::galley(site.path(), &["report", ".", "--out", "report.html"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report = std::fs::metadata(site.path().join("report.html"))
        .unwrap()
        .len();
    assert!(report < 256 * 1024, "the report is {report} bytes");
}

#[test]
fn a_hundred_thousand_nested_elements() {
    let site = site();
    site.write(
        "nested.html",
        format!(
            "{}<img src=\"/a.png\">{}",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        ),
    );
    site.write("a.png", "png");
    site.write(
        "quotes.md",
        format!("---\n---\n{} deep\n", ">".repeat(100_000)),
    );
    let list: String = (0..5_000)
        .map(|i| format!("{}- x\n", "  ".repeat(i)))
        .collect();
    site.write("lists.md", format!("---\n---\n{list}"));
    assert_eq!(
        check_hostile(&site),
        vec![row(
            "img-alt-missing",
            "nested.html",
            1,
            500_001,
            "image `/a.png` has no alt attribute"
        )]
    );
}

#[test]
fn a_one_megabyte_attribute() {
    let site = site();
    let value = "/".to_owned() + &"a".repeat(1024 * 1024);
    site.write("attr.html", format!("<p><a href=\"{value}\">x</a></p>\n"));
    assert_eq!(
        check_hostile(&site),
        vec![row(
            "html-syntax",
            "attr.html",
            1,
            7,
            &format!(
                "the `href` value is 1025 KiB long; Galley does not check values over {} KiB",
                MAX_ATTRIBUTE_BYTES / 1024
            )
        )]
    );
}

#[test]
fn unterminated_tags_comments_and_liquid() {
    let site = site();
    site.write("tag.html", "<p>ok</p>\n<div class=\"x");
    site.write("comment.html", "<p>ok</p>\n<!-- never closed");
    site.write(
        "liquid.html",
        "---\nlist: [a]\n---\n{% for x in page.list %}\n<p>{% if x %}\n{{ x.title\n",
    );
    site.write(
        "_includes/stray.html",
        "<p>x</p>{% endif %}\n{% comment %} open\n",
    );
    assert_eq!(
        check_hostile(&site),
        vec![
            row(
                "liquid-syntax",
                "_includes/stray.html",
                1,
                9,
                "`{% endif %}` closes no `{% if %}` block"
            ),
            row(
                "liquid-syntax",
                "_includes/stray.html",
                2,
                1,
                "`{% comment %}` is never closed"
            ),
            row(
                "html-syntax",
                "comment.html",
                2,
                1,
                "this comment is never closed; everything after it is hidden"
            ),
            row(
                "liquid-syntax",
                "liquid.html",
                4,
                1,
                "`{% for %}` is never closed"
            ),
            row(
                "liquid-syntax",
                "liquid.html",
                5,
                4,
                "`{% if %}` is never closed"
            ),
            row(
                "liquid-syntax",
                "liquid.html",
                6,
                1,
                "`{{` is never closed with `}}`"
            ),
            row(
                "html-syntax",
                "tag.html",
                2,
                1,
                "the file ends inside a tag; browsers drop the unfinished tag"
            ),
        ]
    );
}

#[test]
fn symlink_loops_dangling_symlinks_pipes_and_devices() {
    let site = site();
    symlink("loop2.html", site.path().join("loop1.html")).unwrap();
    symlink("loop1.html", site.path().join("loop2.html")).unwrap();
    symlink("missing.html", site.path().join("dangling.html")).unwrap();
    symlink("/dev/zero", site.path().join("zero.html")).unwrap();
    let fifo = std::ffi::CString::new(site.path().join("pipe.html").to_str().unwrap()).unwrap();
    // SAFETY: mkfifo(3) with a NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    let not_regular =
        "not a regular file (a named pipe, socket or device); Galley does not read it";
    assert_eq!(
        check_hostile(&site),
        vec![
            row(
                "file-unreadable",
                "dangling.html",
                1,
                1,
                "cannot open file: No such file or directory (os error 2)"
            ),
            row(
                "file-unreadable",
                "loop1.html",
                1,
                1,
                "cannot open file: Too many levels of symbolic links (os error 40)"
            ),
            row(
                "file-unreadable",
                "loop2.html",
                1,
                1,
                "cannot open file: Too many levels of symbolic links (os error 40)"
            ),
            row("file-unreadable", "pipe.html", 1, 1, not_regular),
            // A device is outside the site: not even opened.
            row(
                "file-outside-site",
                "zero.html",
                1,
                1,
                "this file is a symlink to /dev/zero, outside the site's folder: Galley neither reads nor writes it"
            ),
        ]
    );
}

#[test]
fn unreadable_files() {
    let site = site();
    // Unreadable even by root: reading /proc/self/mem at offset 0 fails.
    symlink("/proc/self/mem", site.path().join("mem.html")).unwrap();
    site.write("locked.html", "<p>a a</p>\n");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(
        site.path().join("locked.html"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    // SAFETY: geteuid(2) has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    let locked = if root {
        // Root reads it anyway, and finds its defect.
        row(
            "word-repeated",
            "locked.html",
            1,
            6,
            "`a` repeats the word before it",
        )
    } else {
        row(
            "file-unreadable",
            "locked.html",
            1,
            1,
            "cannot open file: Permission denied (os error 13)",
        )
    };
    let mut findings = check_hostile(&site);
    // `/proc/self/mem` is galley's own `/proc/PID/mem`: outside the site, so
    // never opened.
    let mem = findings.pop().unwrap();
    assert_eq!(findings, vec![locked]);
    assert_eq!(
        (mem.0.as_str(), mem.1.as_str(), mem.2, mem.3),
        ("file-outside-site", "mem.html", 1, 1)
    );
    assert!(
        mem.4.starts_with("this file is a symlink to /proc/")
            && mem
                .4
                .ends_with("/mem, outside the site's folder: Galley neither reads nor writes it"),
        "{}",
        mem.4
    );
}

#[test]
fn empty_files_and_folders_with_file_names() {
    let site = site();
    site.write("empty.html", "");
    site.write("_data/empty.yml", "");
    site.write("empty.md", "");
    std::fs::create_dir_all(site.path().join("x.html")).unwrap();
    std::fs::create_dir_all(site.path().join("_data/x.yml")).unwrap();
    assert_eq!(check_hostile(&site), vec![]);
}

#[test]
fn files_at_the_size_limit_are_read_and_past_it_refused() {
    let site = site();
    // An HTML comment costs little to read, and holds one repeat at its end.
    let fill = |size: u64, tail: &str| {
        let mut text = String::from("<!--");
        text.push_str(&" ".repeat(size as usize - 4 - 3 - tail.len()));
        text.push_str("-->");
        text.push_str(tail);
        assert_eq!(text.len() as u64, size);
        text
    };
    site.write("at-limit.html", fill(MAX_TEXT_FILE_BYTES, "<p>a a</p>"));
    site.write(
        "past-limit.html",
        fill(MAX_TEXT_FILE_BYTES + 1, "<p>a a</p>"),
    );
    let column = MAX_TEXT_FILE_BYTES - "<p>a a</p>".len() as u64 + 6;
    let findings = check_hostile(&site);
    assert_eq!(
        findings,
        vec![
            row(
                "word-repeated",
                "at-limit.html",
                1,
                column,
                "`a` repeats the word before it"
            ),
            row(
                "file-unreadable",
                "past-limit.html",
                1,
                1,
                "file is larger than 32 MiB; Galley does not read it"
            ),
        ]
    );
}

#[test]
fn findings_per_file_at_the_limit_are_all_shown_and_past_it_capped() {
    // Each image without alt text and file is two findings (alt, asset).
    let images = |n: usize| "<img src=\"/missing.png\">\n".repeat(n);
    let at_limit = site();
    at_limit.write("many.html", images(MAX_FINDINGS_PER_FILE / 2));
    let run = check_measured(at_limit.path(), &[]).run;
    assert_eq!(run.findings().len(), MAX_FINDINGS_PER_FILE + 1);
    assert!(!run.stderr.contains("not shown"), "{}", run.stderr);

    let past = site();
    past.write("many.html", images(MAX_FINDINGS_PER_FILE / 2 + 1));
    let run = check_measured(past.path(), &[]).run;
    assert_eq!(run.code, 1);
    let findings = run.findings();
    let in_many = findings.iter().filter(|f| f.1 == "many.html").count();
    assert_eq!(in_many, MAX_FINDINGS_PER_FILE);
    assert!(findings.contains(&sibling_defect()));
    assert_eq!(
        run.stderr,
        format!(
            "note: 2 more findings in many.html not shown (at most {MAX_FINDINGS_PER_FILE} per file, the most severe first)\n"
        )
    );
}

#[test]
fn a_crash_on_one_file_is_a_finding_and_the_rest_is_checked() {
    let site = site();
    site.write("page.html", "<p>fine</p>\n");
    let run = check_measured(site.path(), &[("GALLEY_TEST_CRASH_ON", "page.html:HTML")]).run;
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.findings(),
        vec![
            row(
                "internal-error",
                "page.html",
                1,
                1,
                "Galley crashed while reading this file's HTML: GALLEY_TEST_CRASH_ON=page.html:HTML"
            ),
            sibling_defect(),
        ]
    );
    assert!(
        run.stderr
            .starts_with("galley: internal error at crates/galley-core/src/internal_error.rs:"),
        "{}",
        run.stderr
    );

    // Crashing on every file it reads, Galley checked nothing: exit code 2.
    let lone = TempSite::new();
    let run = check_measured(lone.path(), &[("GALLEY_TEST_CRASH_ON", "_config.yml")]).run;
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("Galley crashed on every file it read, so nothing was checked"),
        "{}",
        run.stderr
    );
}

/// Checks the site `make(n)` builds at `n` and at 16 `n`, and asserts the
/// larger took at most 10× the linear expectation (the check of a site with
/// only the sibling is the fixed cost): a generous bound that a quadratic
/// cost (256×) still breaks. Returns the larger run.
fn linear_in_size(make: impl Fn(usize) -> TempSite, n: usize, what: &str) -> Measured {
    let (fixed_cost, _) = timed(&site());
    let (small, _) = timed(&make(n));
    let (large, measured) = timed(&make(16 * n));
    let expected = 16.0 * (small - fixed_cost).max(0.05);
    eprintln!(
        "fixed {fixed_cost:.2} s, {n} {what} {small:.2} s, {} {what} {large:.2} s",
        16 * n
    );
    assert!(
        large - fixed_cost <= 10.0 * expected,
        "{} {what} took {large:.2} s; {n} took {small:.2} s",
        16 * n
    );
    measured
}

/// Seconds a check of `site` takes, with its peak memory.
fn timed(site: &TempSite) -> (f64, Measured) {
    let started = Instant::now();
    let measured = check_measured(site.path(), &[]);
    (started.elapsed().as_secs_f64(), measured)
}

#[test]
fn one_line_with_many_findings_costs_time_linear_in_its_size() {
    // A page of one line with N links to missing pages, and a data file of
    // one flow mapping with N duplicate keys: each finding's column is on that
    // line. Timed at two sizes 16× apart; the larger may take at most 10× the
    // linear expectation (the check of a site with only the sibling is the
    // fixed cost). Before columns came from an index, this was quadratic
    // (2.4 MB: 21.8 s).
    let one_line = |n: usize| -> TempSite {
        let site = site();
        let links: String = (0..n)
            .map(|i| format!("<a href=\"/missing-{i}.html\">x</a>"))
            .collect();
        site.write(
            "one-line.html",
            format!("<!doctype html><title>x</title>{links}\n"),
        );
        let keys: Vec<String> = (0..n / 8).map(|i| format!("k{i}: 1, k{i}: 2")).collect();
        site.write("_data/one-line.yml", format!("{{{}}}\n", keys.join(", ")));
        site
    };
    let measured = linear_in_size(one_line, 8_000, "links on one line");
    assert!(
        measured.peak_rss_mib < MEMORY_BOUND_MIB,
        "peak RSS {} MiB",
        measured.peak_rss_mib
    );
    let findings = measured.run.findings();
    let on_the_line = findings.iter().filter(|f| f.1 == "one-line.html").count();
    assert_eq!(on_the_line, MAX_FINDINGS_PER_FILE);
    let last = findings.iter().rfind(|f| f.1 == "one-line.html").unwrap();
    assert_eq!(last.2, 1, "all on line 1");
    assert!(findings.contains(&sibling_defect()));
}

#[test]
fn nested_liquid_blocks_cost_linear_time_and_are_judged_to_the_depth_limit() {
    use galley_core::limits::MAX_LIQUID_BLOCK_DEPTH;
    // A read `depth` blocks deep (a `for` over the records, then `if`s).
    let nested = |depth: usize| -> TempSite {
        let site = site();
        site.write("_config.yml", "title: t\n");
        site.write("_data/apps.yml", "- name: a\n- name: b\n");
        let ifs = depth - 1;
        site.write(
            "index.html",
            format!(
                "---\n---\n{{% for app in site.data.apps %}}{}{{{{ app.nope }}}}{}{{% endfor %}}\n",
                "{% if app.name %}".repeat(ifs),
                "{% endif %}".repeat(ifs)
            ),
        );
        site
    };
    let unknown = |site: &TempSite| {
        check_hostile(site)
            .into_iter()
            .filter(|f| f.0 == "template-field-unknown")
            .count()
    };
    assert_eq!(
        unknown(&nested(MAX_LIQUID_BLOCK_DEPTH)),
        1,
        "judged at the limit"
    );
    assert_eq!(
        unknown(&nested(MAX_LIQUID_BLOCK_DEPTH + 1)),
        0,
        "unknown past it"
    );

    // 100,000 nested `if`s (2 MB) were 23 s: now the cost of reading them.
    let measured = linear_in_size(nested, 6_250, "nested ifs");
    assert!(measured.peak_rss_mib < MEMORY_BOUND_MIB);
}

#[test]
fn a_page_of_a_million_missing_links_stays_under_the_memory_bound() {
    // 18 MB: 779 MB peak (a 30 MB page of 1M links) when every finding was
    // built before the per-file cap. Now past the cap of each severity they
    // are counted, not kept, and the note says how many.
    let site = site();
    let links: String = (0..1_000_000)
        .map(|i| format!("<a href=/m{i}>\n"))
        .collect();
    site.write(
        "million.html",
        format!("<!doctype html><title>x</title>\n{links}"),
    );
    let measured = check_measured(site.path(), &[]);
    eprintln!("peak RSS {} MiB", measured.peak_rss_mib);
    assert!(
        measured.peak_rss_mib < MEMORY_BOUND_MIB,
        "peak RSS {} MiB",
        measured.peak_rss_mib
    );
    let findings = measured.run.findings();
    assert_eq!(findings.len(), MAX_FINDINGS_PER_FILE + 1);
    assert_eq!(
        findings[0],
        row(
            "link-missing",
            "million.html",
            2,
            9,
            "link to `/m0`, but the site has no page there"
        )
    );
    assert!(findings.contains(&sibling_defect()));
    assert_eq!(
        measured.run.stderr,
        format!(
            "note: {} more findings in million.html not shown (at most {MAX_FINDINGS_PER_FILE} per file, the most severe first)\n",
            1_000_000 - MAX_FINDINGS_PER_FILE
        )
    );
}

#[test]
fn a_page_of_700_000_external_links_stays_under_the_memory_bound() {
    // Every link leads to a private address, so each is refused without a
    // request: 1M of them peaked at 2.7 GB when every URL was kept and every
    // fetch started at once. A run now checks at most MAX_EXTERNAL_URLS
    // links of a file, and says how many it left.
    use galley_core::limits::MAX_EXTERNAL_URLS;
    let site = site();
    site.write("galley.toml", "[links]\ncache = \"\"\n");
    let links: String = (0..700_000)
        .map(|i| {
            format!(
                "<a href=http://10.{}.{}.{}/>\n",
                i >> 16,
                (i >> 8) & 255,
                i & 255
            )
        })
        .collect();
    site.write(
        "external.html",
        format!("<!doctype html><title>x</title>\n{links}"),
    );
    let measured = check_measured_with(site.path(), &["--external"]);
    eprintln!("peak RSS {} MiB", measured.peak_rss_mib);
    assert!(
        measured.peak_rss_mib < MEMORY_BOUND_MIB,
        "peak RSS {} MiB",
        measured.peak_rss_mib
    );
    let findings = measured.run.findings();
    assert_eq!(
        findings.iter().filter(|f| f.1 == "external.html").count(),
        MAX_FINDINGS_PER_FILE
    );
    assert_eq!(
        measured.run.stderr,
        format!(
            "warning: {} external links in external.html were not checked: a run checks at most {MAX_EXTERNAL_URLS} links of one file\n\
             note: {} more findings in external.html not shown (at most {MAX_FINDINGS_PER_FILE} per file, the most severe first)\n",
            700_000 - MAX_EXTERNAL_URLS,
            MAX_EXTERNAL_URLS - MAX_FINDINGS_PER_FILE
        )
    );
}
