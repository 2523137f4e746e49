//! The site's YAML files (`_data/**` and `_config.yml`), parsed once for every
//! checker that reads them.

use rayon::prelude::*;

use crate::yaml::{self, LoadedYaml};
use crate::{FileKind, Site};

/// One YAML file of the site and what reading it gave.
pub struct DataFile {
    /// Its index in `Site::files`.
    pub index: usize,
    pub loaded: LoadedYaml,
}

/// Every `_data` file and the Jekyll config, parsed in parallel.
pub struct DataFiles {
    pub files: Vec<DataFile>,
}

impl DataFiles {
    pub fn load(site: &Site) -> DataFiles {
        let files = site
            .files
            .par_iter()
            .enumerate()
            .filter(|(_, file)| matches!(file.kind, FileKind::Data | FileKind::JekyllConfig))
            .map(|(index, file)| DataFile {
                index,
                loaded: yaml::load(&file.source),
            })
            .collect();
        DataFiles { files }
    }
}
