//! External links against a real HTTP server on 127.0.0.1 (tests/common/http.rs):
//! each case's classification, exact position and message, and how many
//! requests the server received (deduplication, retries, HEAD then GET).

mod common;

use common::http::{Reply, TestServer, counts};
use common::{Row, TempSite, galley, row};

/// Settings that keep the tests quick: one retry, one-second timeouts, no
/// spacing between requests, no cache (unless a test sets one).
const FAST: &str = "[links]\nallow_private = true\ncache = \"\"\nretries = 1\ntimeout_secs = 1\nconnect_timeout_secs = 1\nhost_interval_ms = 0\nmax_retry_after_secs = 2\n";

fn server() -> TestServer {
    TestServer::start(
        |method, path, before| match path.split('?').next().unwrap_or(path) {
            "/ok" | "/final" => Reply::html("<h1 id=\"top\">Fine</h1>"),
            "/page" => Reply::html("<h2 id=\"here\">Here</h2><a name=\"old\"></a>"),
            "/missing" => Reply::status(404),
            "/gone" => Reply::status(410),
            "/flaky" if before == 0 => Reply::status(500),
            "/flaky" => Reply::html("back"),
            "/down" => Reply::status(500),
            "/busy" if before == 0 => Reply::with_header(429, "Retry-After", "1"),
            "/busy" => Reply::html("ok now"),
            "/rate-limited" => Reply::with_header(429, "Retry-After", "3600"),
            "/no-head" if method == "HEAD" => Reply::status(405),
            "/no-head" => Reply::html("got"),
            "/forbidden" => Reply::status(403),
            "/moved" => Reply::redirect(301, "/moved-again"),
            "/moved-again" => Reply::redirect(308, "/final"),
            "/temporary" => Reply::redirect(302, "/final"),
            "/loop-a" => Reply::redirect(302, "/loop-b"),
            "/loop-b" => Reply::redirect(302, "/loop-a"),
            "/silent" => Reply::Silence,
            "/reset" => Reply::Reset,
            "/huge" => Reply::Huge {
                bytes: 200 * 1024 * 1024,
            },
            _ => Reply::status(404),
        },
    )
}

fn link_rows(run: &common::Run) -> Vec<Row> {
    run.findings()
        .into_iter()
        .filter(|f| f.0.starts_with("link-"))
        .collect()
}

#[test]
fn every_answer_is_classified_and_asked_as_often_as_it_should_be() {
    let server = server();
    let site = TempSite::new();
    site.write("galley.toml", FAST);
    let paths = [
        "/ok",
        "/missing",
        "/gone",
        "/flaky",
        "/down",
        "/busy",
        "/rate-limited",
        "/no-head",
        "/forbidden",
        "/moved",
        "/temporary",
        "/loop-a",
        "/silent",
        "/reset",
        "/huge",
    ];
    let mut page = String::from("---\n---\n");
    for path in paths {
        page.push_str(&format!("<a href=\"{}\">x</a>\n", server.url(path)));
    }
    site.write("index.html", &page);
    let run = site.check(&["--external"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let url = |path: &str| server.url(path);
    let at = |line: u64| (line, 10u64);
    let f = |rule: &str, line: u64, message: String| {
        let (line, column) = at(line);
        row(rule, "index.html", line, column, &message)
    };
    assert_eq!(
        link_rows(&run),
        vec![
            f(
                "link-dead",
                4,
                format!(
                    "`{}` is gone: the server answered 404 Not Found",
                    url("/missing")
                )
            ),
            f(
                "link-dead",
                5,
                format!("`{}` is gone: the server answered 410 Gone", url("/gone"))
            ),
            f(
                "link-unreachable",
                7,
                format!(
                    "`{}` could not be reached: the server answered 500 Internal Server Error every time",
                    url("/down")
                )
            ),
            f(
                "link-blocked",
                9,
                format!(
                    "`{}` answered 429 Too Many Requests: the site turns robots away, so Galley cannot tell whether the page is there",
                    url("/rate-limited")
                )
            ),
            f(
                "link-blocked",
                11,
                format!(
                    "`{}` answered 403 Forbidden: the site turns robots away, so Galley cannot tell whether the page is there",
                    url("/forbidden")
                )
            ),
            f(
                "link-redirected",
                12,
                format!(
                    "`{}` has moved permanently to `{}`",
                    url("/moved"),
                    url("/final")
                )
            ),
            f(
                "link-unreachable",
                14,
                format!(
                    "`{}` could not be reached: its redirects go round in a loop: {} → {} → {}",
                    url("/loop-a"),
                    url("/loop-a"),
                    url("/loop-b"),
                    url("/loop-a")
                )
            ),
            f(
                "link-unreachable",
                15,
                format!(
                    "`{}` could not be reached: it did not answer within 1 s",
                    url("/silent")
                )
            ),
            row(
                "link-unreachable",
                "index.html",
                16,
                10,
                &run.findings().iter().find(|r| r.2 == 16).unwrap().4
            ),
        ]
    );
    // The reset is a connection failure, whatever words the OS gives it.
    let reset = run.findings().into_iter().find(|r| r.2 == 16).unwrap().4;
    assert!(
        reset.starts_with(&format!(
            "`{}` could not be reached: the connection failed",
            url("/reset")
        )) || reset.starts_with(&format!(
            "`{}` could not be reached: no connection could be made",
            url("/reset")
        )),
        "{reset}"
    );
    let counts = counts(&server.hits());
    let expect = [
        ("/ok", 1),      // HEAD answered
        ("/missing", 1), // 404 is not retried
        ("/gone", 1),
        ("/flaky", 2),        // 500, then a retry that works
        ("/down", 2),         // 500 twice: one retry, then given up
        ("/busy", 2),         // 429 with Retry-After: 1, then fine
        ("/rate-limited", 1), // Retry-After longer than the cap: not waited for
        ("/no-head", 2),      // HEAD 405, then GET
        ("/forbidden", 2),    // HEAD 403, then GET 403
        ("/moved", 1),
        ("/moved-again", 1),
        ("/final", 2), // reached from /moved and from /temporary
        ("/temporary", 1),
        ("/loop-a", 1), // a → b → a: the loop is seen without asking a again
        ("/loop-b", 1),
        ("/silent", 2), // a timeout is transient: one retry
        ("/reset", 2),  // so is a reset
        ("/huge", 1),   // HEAD: no body at all
    ];
    for (path, count) in expect {
        assert_eq!(
            counts.get(path).copied().unwrap_or(0),
            count,
            "requests to {path}"
        );
    }
    assert_eq!(server.methods("/no-head"), ["HEAD", "GET"]);
    assert_eq!(
        server.huge_sent.load(std::sync::atomic::Ordering::SeqCst),
        0
    );
}

#[test]
fn each_url_is_fetched_once_and_reported_wherever_it_is_written() {
    let server = server();
    let site = TempSite::new();
    site.write("galley.toml", FAST);
    let missing = server.url("/missing");
    site.write(
        "index.html",
        format!("---\n---\n<a href=\"{missing}\">a</a>\n<p><a href=\"{missing}\">again</a></p>\n"),
    );
    site.write(
        "notes.md",
        format!("---\n---\nSee [the audit]({missing}).\n"),
    );
    site.write(
        "_data/apps/a.yml",
        format!(
            "title: A\nwebsite: '{missing}'\ndescription: |\n  Read [the notes]({}#here).\n",
            server.url("/page")
        ),
    );
    let run = site.check(&["--external"]);
    let gone = format!("`{missing}` is gone: the server answered 404 Not Found");
    assert_eq!(
        link_rows(&run),
        vec![
            row("link-dead", "_data/apps/a.yml", 2, 11, &gone),
            row("link-dead", "index.html", 3, 10, &gone),
            row("link-dead", "index.html", 4, 13, &gone),
            row("link-dead", "notes.md", 3, 17, &gone),
        ]
    );
    assert_eq!(counts(&server.hits()).get("/missing"), Some(&1));
    // The fragment link needs the page: one GET, and `#here` is there.
    assert_eq!(server.methods("/page"), ["GET"]);
}

#[test]
fn fragments_are_looked_up_in_the_page_read_only_as_far_as_needed() {
    let server = server();
    let site = TempSite::new();
    site.write("galley.toml", FAST);
    site.write(
        "index.html",
        format!(
            "---\n---\n<a href=\"{}#here\">a</a>\n<a href=\"{}#old\">b</a>\n<a href=\"{}#gone\">c</a>\n<a href=\"{}#far\">d</a>\n",
            server.url("/page"),
            server.url("/page"),
            server.url("/page"),
            server.url("/huge"),
        ),
    );
    let run = site.check(&["--external"]);
    assert_eq!(
        link_rows(&run),
        vec![row(
            "link-fragment-missing",
            "index.html",
            5,
            10,
            &format!(
                "`{}#gone`: the page is there, but has no element with id=\"gone\"",
                server.url("/page")
            )
        )]
    );
    assert_eq!(server.methods("/page"), ["GET"]);
    // Galley read 4 MiB of the 200 MB page and hung up: `#far` is not
    // reported (it may be further on), and the server could not send it all.
    assert_eq!(server.methods("/huge"), ["GET"]);
    let sent = server.huge_sent.load(std::sync::atomic::Ordering::SeqCst);
    assert!(sent < 64 * 1024 * 1024, "the server sent {sent} bytes");
}

#[test]
fn without_allow_private_no_request_reaches_a_private_address() {
    let server = server();
    let site = TempSite::new();
    site.write("galley.toml", "[links]\ncache = \"\"\n");
    let by_name = format!("http://localhost:{}/ok", server.addr.port());
    site.write(
        "index.html",
        format!(
            "---\n---\n<a href=\"{}\">a</a>\n<a href=\"{by_name}\">b</a>\n",
            server.url("/ok")
        ),
    );
    let run = site.check(&["--external"]);
    assert_eq!(
        link_rows(&run),
        vec![
            row(
                "link-unreachable",
                "index.html",
                3,
                10,
                &format!(
                    "`{}` was not fetched: 127.0.0.1 is a loopback address",
                    server.url("/ok")
                )
            ),
            row(
                "link-unreachable",
                "index.html",
                4,
                10,
                &format!(
                    "`{by_name}` was not fetched: its name resolves to 127.0.0.1, a loopback address"
                )
            ),
        ]
    );
    assert_eq!(server.hits(), Vec::new());
    // And without --external, nothing is fetched at all.
    let site = TempSite::new();
    site.write(
        "index.html",
        format!("---\n---\n<a href=\"{}\">a</a>\n", server.url("/missing")),
    );
    site.write("galley.toml", FAST);
    let run = site.check(&[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(server.hits(), Vec::new());
    // `--offline` (the pre-commit hook's) wins over `check = true`.
    site.write(
        "galley.toml",
        FAST.replace("[links]\n", "[links]\ncheck = true\n"),
    );
    let run = site.check(&["--offline"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(server.hits(), Vec::new());
    let run = site.check(&[]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(server.methods("/missing"), ["HEAD"]);
}

#[test]
fn the_cache_answers_a_rerun_except_for_transient_failures() {
    let server = server();
    let site = TempSite::new();
    site.write(
        "galley.toml",
        FAST.replace("cache = \"\"", "cache = \".galley-cache/links.json\""),
    );
    site.write(
        "index.html",
        format!(
            "---\n---\n<a href=\"{}\">a</a> <a href=\"{}\">b</a> <a href=\"{}\">c</a> <a href=\"{}#gone\">d</a>\n",
            server.url("/ok"),
            server.url("/missing"),
            server.url("/down"),
            server.url("/page"),
        ),
    );
    let first = site.check(&["--external"]);
    let before = server.hits().len();
    assert_eq!(before, 1 + 1 + 2 + 1);
    let second = site.check(&["--external"]);
    assert_eq!(link_rows(&first), link_rows(&second));
    // Only the server error is asked again (twice: one retry).
    let again: Vec<_> = server.hits()[before..]
        .iter()
        .map(|h| h.path.clone())
        .collect();
    assert_eq!(again, ["/down", "/down"]);
    let cache = std::fs::read_to_string(site.path().join(".galley-cache/links.json")).unwrap();
    assert!(cache.contains("galley-link-cache/1"), "{cache}");
    assert!(!cache.contains("/down"), "{cache}");

    // A file that is not Galley's is left alone, with a warning.
    std::fs::write(
        site.path().join(".galley-cache/links.json"),
        "{\"mine\": true}",
    )
    .unwrap();
    let run = site.check(&["--external"]);
    assert!(
        run.stderr.contains("is not a Galley link cache"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(site.path().join(".galley-cache/links.json")).unwrap(),
        "{\"mine\": true}"
    );
}

#[test]
fn a_committed_cache_is_bounded_and_cannot_fake_a_redirect_or_live_forever() {
    let server = server();
    let site = TempSite::new();
    site.write(
        "galley.toml",
        FAST.replace("cache = \"\"", "cache = \"links.json\""),
    );
    let ok = server.url("/ok");
    site.write("index.html", format!("---\n---\n<a href=\"{ok}\">a</a>\n"));
    // An entry "checked" far in the future, suggesting a phishing address.
    let url = ok.clone();
    site.write(
        "links.json",
        format!(
            "{{\"format\": \"galley-link-cache/1\", \"entries\": {{\"{url}\": {{\"checked_at\": 99999999999, \"outcome\": {{\"Redirected\": {{\"to\": \"https://evil.example/login\"}}}}}}}}}}"
        ),
    );
    let run = site.check(&["--external"]);
    assert_eq!(link_rows(&run), Vec::<Row>::new(), "{}", run.stdout);
    assert!(!run.stdout.contains("evil.example"), "{}", run.stdout);
    assert_eq!(server.methods("/ok"), ["HEAD"], "the link was asked again");

    // Not a regular file, or too large: left alone, the run goes on without it.
    std::fs::remove_file(site.path().join("links.json")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/dev/zero", site.path().join("links.json")).unwrap();
        let run = site.check(&["--external"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            run.stderr
                .contains("it is not a regular file; checking without it"),
            "{}",
            run.stderr
        );
        std::fs::remove_file(site.path().join("links.json")).unwrap();
    }
    let huge = std::fs::File::create(site.path().join("links.json")).unwrap();
    huge.set_len(galley_core::limits::MAX_LINK_CACHE_BYTES + 1)
        .unwrap();
    let run = site.check(&["--external"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("it is larger than 64 MiB; checking without it"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_password_in_a_link_is_never_written() {
    let server = server();
    let site = TempSite::new();
    site.write(
        "galley.toml",
        FAST.replace("cache = \"\"", "cache = \"links.json\""),
    );
    let with_password = server
        .url("/missing")
        .replacen("http://", "http://reader:s3cret-pw@", 1);
    site.write(
        "index.html",
        format!("---\n---\n<a href=\"{with_password}\">a</a>\n"),
    );
    let run = site.check(&["--external"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let message = &run.findings()[0].4;
    assert!(message.contains("reader:***@127.0.0.1"), "{message}");
    let out = tempfile::tempdir().unwrap();
    let report = out.path().join("report.html");
    galley(
        site.path(),
        &["report", "--external", "-o", report.to_str().unwrap()],
    );
    for (what, text) in [
        ("json", run.stdout.clone()),
        (
            "short",
            galley(site.path(), &["check", "--external", "--format", "short"]).stdout,
        ),
        (
            "human",
            galley(site.path(), &["check", "--external"]).stdout,
        ),
        ("report", std::fs::read_to_string(&report).unwrap()),
        (
            "cache",
            std::fs::read_to_string(site.path().join("links.json")).unwrap(),
        ),
    ] {
        assert!(!text.contains("s3cret-pw"), "{what}: {text}");
    }
}

#[test]
fn requests_to_one_host_stay_within_its_limit() {
    let server = TestServer::start(|_, _, _| {
        std::thread::sleep(std::time::Duration::from_millis(150));
        Reply::html("slow")
    });
    let site = TempSite::new();
    site.write(
        "galley.toml",
        format!("{FAST}per_host = 2\nconcurrency = 16\n"),
    );
    let mut page = String::from("---\n---\n");
    for i in 0..12 {
        page.push_str(&format!(
            "<a href=\"{}\">x</a>\n",
            server.url(&format!("/slow/{i}"))
        ));
    }
    site.write("index.html", &page);
    let run = site.check(&["--external"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(server.hits().len(), 12);
    let most = server
        .max_in_flight
        .load(std::sync::atomic::Ordering::SeqCst);
    assert!(most <= 2, "{most} requests to one host at once");
    assert_eq!(most, 2);
}

#[test]
fn excludes_and_accepted_statuses_come_from_the_config() {
    let server = server();
    let site = TempSite::new();
    site.write(
        "galley.toml",
        format!("{FAST}exclude = [\"/missing$\"]\naccept = [403]\n"),
    );
    site.write(
        "index.html",
        format!(
            "---\n---\n<a href=\"{}\">a</a> <a href=\"{}\">b</a>\n",
            server.url("/missing"),
            server.url("/forbidden")
        ),
    );
    let run = site.check(&["--external"]);
    assert_eq!(link_rows(&run), Vec::new());
    assert_eq!(server.methods("/missing"), Vec::<String>::new());
    site.write("galley.toml", format!("{FAST}exclude = [\"(unclosed\"]\n"));
    let run = site.check(&["--external"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is not a regular expression"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_busy_host_does_not_hold_up_the_others() {
    // Host A (per_host = 1) has eight slow pages, host B one; with two
    // requests in flight in all, B is asked while A still has a queue.
    let log: std::sync::Arc<std::sync::Mutex<Vec<String>>> = Default::default();
    let a_log = log.clone();
    let a = TestServer::start(move |_, path, _| {
        a_log.lock().unwrap().push(format!("a{path}"));
        std::thread::sleep(std::time::Duration::from_millis(100));
        Reply::html("a")
    });
    let b_log = log.clone();
    let b = TestServer::start(move |_, path, _| {
        b_log.lock().unwrap().push(format!("b{path}"));
        Reply::html("b")
    });
    let site = TempSite::new();
    site.write(
        "galley.toml",
        format!("{FAST}per_host = 1\nconcurrency = 2\n"),
    );
    let mut page = String::from("---\n---\n");
    for i in 0..8 {
        page.push_str(&format!("<a href=\"{}\">x</a>\n", a.url(&format!("/{i}"))));
    }
    // Named `localhost`, B's URL sorts after all of A's: it is queued last.
    page.push_str(&format!(
        "<a href=\"http://localhost:{}/only\">x</a>\n",
        b.addr.port()
    ));
    site.write("index.html", &page);
    let run = site.check(&["--external"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let log = log.lock().unwrap().clone();
    assert_eq!(log.len(), 9);
    let b_at = log.iter().position(|p| p == "b/only").unwrap();
    assert!(
        b_at <= 2,
        "B was asked only after {b_at} of A's pages: {log:?}"
    );
}

#[test]
fn the_time_budget_ends_the_run_and_says_what_was_left() {
    let server = server();
    let site = TempSite::new();
    site.write(
        "galley.toml",
        FAST.replace("timeout_secs = 1\n", "timeout_secs = 30\n") + "budget_secs = 1\n",
    );
    site.write(
        "index.html",
        format!(
            "---\n---\n<a href=\"{}\">a</a> <a href=\"{}\">b</a> <a href=\"{}\">c</a>\n",
            server.url("/silent"),
            server.url("/silent?again"),
            server.url("/ok")
        ),
    );
    let run = site.check(&["--external"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(link_rows(&run), Vec::new());
    assert!(
        run.stderr.contains(&format!(
            "warning: 2 external URLs were not checked: the time budget ([links] budget_secs = 1) ran out: {}, {}\n",
            server.url("/silent"),
            server.url("/silent?again")
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn links_to_the_site_itself_are_internal_and_never_fetched() {
    let server = server();
    let site = TempSite::new();
    site.write("_config.yml", "url: \"https://www.example.org\"\n");
    site.write("galley.toml", FAST);
    site.write("about.md", "---\npermalink: /about/\n---\n# About\n");
    site.write(
        "index.html",
        format!(
            "---\n---\n<a href=\"https://www.example.org/about/\">a</a> <a href=\"http://example.org/about/\">b</a> <a href=\"{}\">c</a>\n",
            server.url("/ok")
        ),
    );
    site.write("_data/links.yml", "home: 'https://example.org/about/'\n");
    let run = site.check(&["--external"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(link_rows(&run), Vec::new());
    // Only the other site's URL went out (no network here: a fetch of
    // example.org would have been reported unreachable).
    assert_eq!(server.methods("/ok"), ["HEAD"]);
}

#[test]
fn requests_to_one_host_keep_the_least_interval() {
    let server = TestServer::start(|_, _, _| Reply::html("ok"));
    let site = TempSite::new();
    site.write(
        "galley.toml",
        FAST.replace("host_interval_ms = 0", "host_interval_ms = 250") + "per_host = 4\n",
    );
    let mut page = String::from("---\n---\n");
    for i in 0..5 {
        page.push_str(&format!(
            "<a href=\"{}\">x</a>\n",
            server.url(&format!("/{i}"))
        ));
    }
    site.write("index.html", &page);
    let started = std::time::Instant::now();
    let run = site.check(&["--external"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let mut starts: Vec<_> = server.hits().iter().map(|h| h.at).collect();
    starts.sort();
    assert_eq!(starts.len(), 5);
    // Five requests 250 ms apart: the last is sent at least 4 × 250 ms after
    // the first, which is after Galley started. Measured from the start, not
    // between two arrivals: a busy machine can delay the server's reading of
    // one request and so shorten the gap it sees to the next, but it can
    // never make the last request arrive earlier than it was sent.
    let span = *starts.last().unwrap() - started;
    assert!(
        span >= std::time::Duration::from_millis(1000),
        "the fifth request came {span:?} after the start"
    );
}

#[test]
fn redirects_and_page_size_at_their_limits() {
    use galley_core::limits::{MAX_LINK_BODY_BYTES, MAX_REDIRECTS};
    // `/hop/N` redirects to `/hop/N-1`; `/hop/0` is the page.
    let server = TestServer::start(|_, path, _| {
        let page = |size: usize, id: &str| {
            // The id's tag ends exactly `size` bytes into the page.
            let tag = format!("<p id=\"{id}\">");
            Reply::html(&format!("{}{tag}", " ".repeat(size - tag.len())))
        };
        match path
            .strip_prefix("/hop/")
            .and_then(|n| n.parse::<usize>().ok())
        {
            Some(0) => Reply::html("<h1 id=\"top\">Here</h1>"),
            Some(n) => Reply::redirect(302, &format!("/hop/{}", n - 1)),
            None => match path {
                "/at-limit" => page(MAX_LINK_BODY_BYTES, "last"),
                "/past-limit" => page(MAX_LINK_BODY_BYTES + 1, "last"),
                _ => Reply::status(404),
            },
        }
    });
    let site = TempSite::new();
    site.write("galley.toml", FAST);
    site.write(
        "index.html",
        format!(
            "<a href=\"{}\">a</a>\n<a href=\"{}\">b</a>\n<a href=\"{}#last\">c</a>\n<a href=\"{}#nope\">d</a>\n<a href=\"{}#last\">e</a>\n",
            server.url(&format!("/hop/{MAX_REDIRECTS}")),
            server.url(&format!("/hop/{}", MAX_REDIRECTS + 1)),
            server.url("/at-limit"),
            server.url("/at-limit"),
            server.url("/past-limit"),
        ),
    );
    let run = site.check(&["--external"]);
    assert_eq!(
        link_rows(&run),
        vec![
            row(
                "link-unreachable",
                "index.html",
                2,
                10,
                &format!(
                    "`{}` could not be reached: it redirects more than {MAX_REDIRECTS} times",
                    server.url(&format!("/hop/{}", MAX_REDIRECTS + 1))
                )
            ),
            // The whole page was read: `#last` is its last tag, `#nope` is
            // not in it. Of a page one byte longer, Galley reads as much and
            // does not judge (`#last` is cut off, and may be further on).
            row(
                "link-fragment-missing",
                "index.html",
                4,
                10,
                &format!(
                    "`{}#nope`: the page is there, but has no element with id=\"nope\"",
                    server.url("/at-limit")
                )
            ),
        ]
    );
    // Ten redirects followed: eleven requests for the chain at the limit.
    let hits = counts(&server.hits());
    assert_eq!(hits.get("/hop/0"), Some(&1));
    assert_eq!(hits.get(&format!("/hop/{}", MAX_REDIRECTS + 1)), Some(&1));
}
