//! Every template of the site, read once: the files Jekyll runs Liquid in
//! (layouts, includes, and pages with front matter). The page checker, the
//! template–data contract and `liquid-syntax` all read these values, so each
//! template is masked and parsed in one place (`galley_liquid::Template::read`).

use galley_core::{Finding, internal_error};
use galley_liquid::Template;
use rayon::prelude::*;

use crate::{FileKind, PageMeta, Site, SiteMap};

/// The site's templates, by index into `Site::files`.
pub struct Templates<'s> {
    by_file: Vec<Option<Template<'s>>>,
    /// Files whose Liquid could not be read (Galley crashed on them).
    pub crashes: Vec<Finding>,
}

/// Whether Jekyll renders a file's Liquid: in every layout and include, and in
/// a page only when it has front matter (without, it is copied as written).
pub fn runs_liquid(kind: FileKind, meta: &PageMeta) -> bool {
    match kind {
        FileKind::Layout | FileKind::Include => true,
        FileKind::Page => meta.has_front_matter,
        _ => false,
    }
}

impl<'s> Templates<'s> {
    /// Reads every template of the site, in parallel.
    pub fn read(site: &'s Site, map: &SiteMap) -> Templates<'s> {
        let read: Vec<Result<Option<Template<'s>>, Box<Finding>>> = site
            .files
            .par_iter()
            .enumerate()
            .map(|(index, file)| {
                let Some(meta) = map.page(index).filter(|meta| runs_liquid(file.kind, meta)) else {
                    return Ok(None);
                };
                let path = file.source.path();
                internal_error::catch("reading this file's Liquid", path, || {
                    Some(Template::read(path, file.source.text(), meta.body.clone()))
                })
            })
            .collect();
        let mut by_file = Vec::with_capacity(read.len());
        let mut crashes = Vec::new();
        for template in read {
            match template {
                Ok(template) => by_file.push(template),
                Err(crash) => {
                    by_file.push(None);
                    crashes.push(*crash);
                }
            }
        }
        Templates { by_file, crashes }
    }

    /// The template of file `index`, when it is one.
    pub fn get(&self, index: usize) -> Option<&Template<'s>> {
        self.by_file.get(index)?.as_ref()
    }

    /// Every template with its file's index, in path order.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &Template<'s>)> {
        self.by_file
            .iter()
            .enumerate()
            .filter_map(|(index, template)| Some((index, template.as_ref()?)))
    }
}
