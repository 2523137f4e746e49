//! `galley explain-url`: where the build serves a source file, or which file
//! serves a URL — the site model that link checks use, made visible.

use std::fmt::Write;

use galley_site::{FileKind, Served, Site, SiteMap};

use crate::check::{Failure, load_config, resolve_root_and_scope};
use crate::cli::{ExplainUrlArgs, TargetArgs};

/// The explanation, and whether the file is served (or the URL serves a file).
pub fn run(args: &ExplainUrlArgs) -> Result<(String, bool), Failure> {
    let cwd = std::env::current_dir()
        .map_err(|err| Failure::Usage(format!("cannot read the current folder: {err}")))?;
    let is_url = args.target.starts_with('/') || args.target.contains("://");
    let target = TargetArgs {
        paths: if is_url {
            Vec::new()
        } else {
            vec![args.target.clone().into()]
        },
        root: args.root.clone(),
        config: args.config.clone(),
        external: false,
        offline: true,
        baseline: None,
        changed_since: None,
        exit_zero: false,
        quiet: false,
    };
    let resolved = resolve_root_and_scope(&target, &cwd)?;
    let (root, scope) = (resolved.root, resolved.scope);
    let config = load_config(&target, &root)?;
    let site = Site::load(&root, &config)?;
    let (map, _) = SiteMap::build(&site);
    if is_url {
        return Ok(explain_url(&map, &site, &args.target));
    }
    let path = scope
        .and_then(|scope| scope.single_file())
        .ok_or_else(|| Failure::Usage(format!("{} is a folder, not a file", args.target)))?;
    Ok(explain_file(&map, &site, &config, &path))
}

fn explain_file(
    map: &SiteMap,
    site: &Site,
    config: &galley_core::Config,
    path: &str,
) -> (String, bool) {
    let mut out = String::new();
    let index = site.files.iter().position(|f| f.source.path() == path);
    let file = index.map(|index| &site.files[index]);
    let kind = match file.map(|f| f.kind) {
        Some(FileKind::Page) => "page",
        Some(FileKind::Layout) => "layout (not served itself)",
        Some(FileKind::Include) => "include (not served itself)",
        Some(FileKind::Data) => "data (read by templates, not served)",
        Some(FileKind::JekyllConfig) => "the Jekyll config (not served)",
        Some(FileKind::Other) | None => "file",
    };
    let _ = writeln!(out, "{}", galley_report::single_line(path));
    let _ = writeln!(out, "  kind:    {kind}");
    let output = map.output_of(site, path);
    match &output {
        Some(output) => {
            let _ = writeln!(out, "  url:     {}", map.url_of(output));
            let _ = writeln!(out, "  output:  {output}");
        }
        None => {
            let _ = writeln!(out, "  url:     none: the build does not output it");
        }
    }
    if let Some(meta) = index.and_then(|index| map.page(index)) {
        if let Some(layout) = &meta.layout {
            let _ = writeln!(out, "  layout:  {layout}");
        }
        if let Some(ids) = galley_html::ids_of(site, map, config, path) {
            let shown: Vec<String> = ids
                .iter()
                .map(|id| galley_report::single_line(id))
                .collect();
            let _ = writeln!(out, "  ids:     {}", shown.join(" "));
        }
        if !meta.has_front_matter && file.is_some_and(|f| f.kind == FileKind::Page) {
            let _ = writeln!(
                out,
                "  note:    no front matter: Jekyll copies it as it is, without rendering it"
            );
        }
    }
    (out, output.is_some())
}

fn explain_url(map: &SiteMap, site: &Site, url: &str) -> (String, bool) {
    let mut out = String::new();
    let shown = galley_report::single_line(url);
    match map.target(url, Some("/")) {
        galley_site::UrlTarget::Internal { path, .. } => match map.lookup(&path) {
            Some(Served::Page(index)) => {
                let source = site.files[index].source.path();
                let _ = writeln!(out, "{shown}");
                let _ = writeln!(out, "  served by: {}", galley_report::single_line(source));
                if let Some(output) = map.page(index).and_then(|m| m.output.as_deref()) {
                    let _ = writeln!(out, "  output:    {output}");
                }
                (out, true)
            }
            Some(Served::File) => {
                let _ = writeln!(out, "{shown}");
                let _ = writeln!(
                    out,
                    "  served by: a file copied as it is (or made by the build)"
                );
                (out, true)
            }
            None => {
                let _ = writeln!(out, "{shown}");
                let _ = write!(out, "  served by: nothing");
                match map.closest_page(&path) {
                    Some(near) => {
                        let _ = writeln!(out, " (did you mean `{near}`?)");
                    }
                    None => out.push('\n'),
                }
                (out, false)
            }
        },
        galley_site::UrlTarget::OutsideBaseurl { baseurl } => {
            let _ = writeln!(
                out,
                "{shown}\n  outside `{baseurl}`, the path the site is served under"
            );
            (out, false)
        }
        _ => {
            let _ = writeln!(out, "{shown}\n  not a URL of this site");
            (out, false)
        }
    }
}
