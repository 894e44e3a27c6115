"""Phase two: `Page`s → files. docs/ (manifest, journal, never a person's page), the
per-article cache, MkDocs and its page cache, the offline bundle and zip."""
