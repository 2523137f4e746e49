//! The site's YAML files (`_data/**` and `_config.yml`), parsed once for every
//! checker that reads them.

use galley_core::Finding;
use galley_core::internal_error;
use rayon::prelude::*;

use crate::{FileKind, Site, SiteFile};
use galley_yaml::{self as yaml, LoadedYaml, YamlDocument};

/// One YAML file of the site and what reading it gave.
pub struct DataFile {
    /// Its index in `Site::files`.
    pub index: usize,
    pub loaded: LoadedYaml,
}

/// Every `_data` file and the Jekyll config, parsed in parallel.
pub struct DataFiles {
    pub files: Vec<DataFile>,
    /// `internal-error` findings: files whose reading crashed (left out of `files`).
    pub crashes: Vec<Finding>,
}

impl DataFiles {
    pub fn load(site: &Site) -> DataFiles {
        let read: Vec<Result<DataFile, Box<Finding>>> = site
            .files
            .par_iter()
            .enumerate()
            .filter(|(_, file)| matches!(file.kind, FileKind::Data | FileKind::JekyllConfig))
            .map(|(index, file)| {
                internal_error::catch("reading this file's YAML", file.source.path(), || {
                    DataFile {
                        index,
                        loaded: yaml::load(&file.source),
                    }
                })
            })
            .collect();
        let mut files = Vec::with_capacity(read.len());
        let mut crashes = Vec::new();
        for result in read {
            match result {
                Ok(file) => files.push(file),
                Err(crash) => crashes.push(*crash),
            }
        }
        DataFiles { files, crashes }
    }
}

impl DataFiles {
    /// The `_data` files that parsed: index in `Site::files`, file, document.
    pub fn documents<'d>(
        &'d self,
        site: &'d Site,
    ) -> impl Iterator<Item = (usize, &'d SiteFile, &'d YamlDocument)> + 'd {
        self.files.iter().filter_map(move |data_file| {
            let file = &site.files[data_file.index];
            let document = data_file.loaded.document.as_ref()?;
            (file.kind == FileKind::Data).then_some((data_file.index, file, document))
        })
    }
}
