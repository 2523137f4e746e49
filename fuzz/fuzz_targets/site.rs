//! A whole Jekyll site through every offline checker, as `galley check` runs
//! them: the input is cut at 0xFF bytes (never part of UTF-8) into a config,
//! a page, a messenger data file, a Markdown page, a layout and an include, written to a
//! scratch folder as they are (invalid UTF-8 included). Every finding about a
//! file Galley read lies in that file, with a line and column that agree with
//! its byte offset; every external link lies in its file.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use galley_core::{Config, Finding};
use galley_fuzz::{assert_finding, assert_range};
use galley_site::Site;
use libfuzzer_sys::fuzz_target;

const FILES: [&str; 6] = [
    "_config.yml",
    "index.html",
    // Bound to the bundled messenger schema, so schema findings are located too.
    "_data/software/messengers/item.yml",
    "notes.md",
    "_layouts/default.html",
    "_includes/card.html",
];

fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = PathBuf::from("/dev/shm");
        let base = if base.is_dir() {
            base
        } else {
            std::env::temp_dir()
        };
        base.join(format!("galley-fuzz-site-{}", std::process::id()))
    })
}

fuzz_target!(|data: &[u8]| {
    let root = scratch();
    let _ = std::fs::remove_dir_all(root);
    for dir in ["_data/software/messengers", "_layouts", "_includes"] {
        std::fs::create_dir_all(root.join(dir)).unwrap();
    }
    for (name, content) in FILES.iter().zip(data.split(|&b| b == 0xFF)) {
        std::fs::write(root.join(name), content).unwrap();
    }

    let config = Config::default();
    let registry = galley_check::registry();
    let root = std::fs::canonicalize(root).unwrap();
    // The pipeline the binary runs, with its crash handling, levels and caps.
    // Crashes are caught per file and reported as `internal-error`: for the
    // fuzzer each one is a failure.
    let checked = match galley_check::check(&root, config, None, Default::default(), &registry) {
        Ok(checked) => checked,
        Err(galley_check::Failure::Config(_)) => return,
        Err(galley_check::Failure::NothingChecked(why)) => panic!("{why}"),
    };
    let site = &checked.site;
    for link in &checked.external_links {
        assert_range(
            site.files[link.file].source.text(),
            &link.range,
            "external link",
        );
    }
    for finding in &checked.findings {
        assert_ne!(finding.rule, "internal-error", "{}", finding.message);
        located(site, finding);
    }
});

fn located(site: &Site, finding: &Finding) {
    match site.files.iter().find(|f| f.source.path() == finding.path) {
        Some(file) => assert_finding(&file.source, finding),
        // A file that could not be read: its position is counted in the
        // valid text before the bad byte.
        None => assert!(
            FILES.contains(&finding.path.as_str())
                && finding.span.start.line >= 1
                && finding.span.start.column >= 1,
            "finding about a file that is not in the site: {finding:?}"
        ),
    }
}
