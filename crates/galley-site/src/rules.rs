//! Rules about the files themselves, shared by several checkers.

pub mod asset_missing;
pub mod file_outside_site;
pub mod file_unreadable;

pub use asset_missing::ASSET_MISSING;
pub use file_outside_site::FILE_OUTSIDE_SITE;
pub use file_unreadable::FILE_UNREADABLE;
