//! Archival citations: Russian and Soviet archival shorthand.
