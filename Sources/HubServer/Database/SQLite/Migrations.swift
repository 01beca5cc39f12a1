/// The database schema as numbered migrations, applied in order inside one transaction each and
/// recorded in `schema_migrations`. Append new migrations; never edit an applied one.
public enum Migrations {
    /// Every migration, version `index + 1`.
    static let all: [String] = [
        """
        CREATE TABLE models (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            namespace TEXT,
            created INTEGER NOT NULL,
            updated INTEGER NOT NULL,
            downloads INTEGER NOT NULL DEFAULT 0,
            head_version INTEGER
        );
        CREATE TABLE versions (
            id INTEGER PRIMARY KEY,
            model_id INTEGER NOT NULL REFERENCES models(id),
            digest TEXT NOT NULL UNIQUE,
            manifest BLOB NOT NULL,
            published INTEGER NOT NULL,
            weight_bytes INTEGER NOT NULL,
            downloads INTEGER NOT NULL DEFAULT 0,
            parent TEXT,
            relation TEXT,
            strategy TEXT,
            architecture TEXT NOT NULL,
            family TEXT NOT NULL,
            task TEXT NOT NULL,
            license TEXT NOT NULL,
            description TEXT NOT NULL,
            headline_name TEXT,
            headline_value REAL,
            headline_split TEXT,
            headline_dataset TEXT
        );
        CREATE INDEX versions_model ON versions(model_id, published);
        CREATE TABLE version_blobs (
            version_id INTEGER NOT NULL REFERENCES versions(id),
            digest TEXT NOT NULL,
            size INTEGER NOT NULL,
            PRIMARY KEY (version_id, digest)
        );
        CREATE INDEX version_blobs_digest ON version_blobs(digest);
        CREATE TABLE version_metrics (
            version_id INTEGER NOT NULL REFERENCES versions(id),
            name TEXT NOT NULL,
            value REAL NOT NULL
        );
        CREATE INDEX version_metrics_name ON version_metrics(version_id, name, value);
        CREATE TABLE version_domains (
            version_id INTEGER NOT NULL REFERENCES versions(id),
            tag TEXT NOT NULL,
            PRIMARY KEY (version_id, tag)
        );
        CREATE TABLE tags (
            model_id INTEGER NOT NULL REFERENCES models(id),
            tag TEXT NOT NULL,
            version_id INTEGER NOT NULL REFERENCES versions(id),
            updated INTEGER NOT NULL,
            PRIMARY KEY (model_id, tag)
        );
        CREATE TABLE lineage (
            child_version INTEGER PRIMARY KEY REFERENCES versions(id),
            parent_version INTEGER NOT NULL REFERENCES versions(id),
            relation TEXT NOT NULL,
            strategy TEXT
        );
        CREATE INDEX lineage_parent ON lineage(parent_version);
        CREATE TABLE tokens (
            id TEXT PRIMARY KEY,
            hash TEXT NOT NULL UNIQUE,
            user TEXT NOT NULL,
            scope TEXT NOT NULL,
            created INTEGER NOT NULL,
            revoked INTEGER
        );
        CREATE TABLE uploads (
            id TEXT PRIMARY KEY,
            user TEXT NOT NULL,
            expected_digest TEXT,
            expected_size INTEGER,
            created INTEGER NOT NULL,
            updated INTEGER NOT NULL
        );
        CREATE VIRTUAL TABLE model_search USING fts5(
            name, description, domain, task, labels, datasets, architecture,
            tokenize = 'unicode61'
        );
        """,
        // 2: indexes for search orderings and filters over heads.
        """
        CREATE INDEX models_downloads ON models(downloads DESC, name);
        CREATE INDEX models_head ON models(head_version);
        CREATE INDEX versions_published ON versions(published);
        CREATE INDEX version_domains_tag ON version_domains(tag, version_id);
        CREATE INDEX version_metrics_value ON version_metrics(name, value, version_id);
        """,
        // 3: the Hugging Face view of each version (docs/huggingface.md): its files, fixed at publish
        // (or on first HF access for a version published before), and the HF tags `GET /hf/api/models`
        // filters on; orderings for that listing.
        """
        CREATE TABLE version_files (
            version_id INTEGER NOT NULL REFERENCES versions(id),
            path TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            oid TEXT NOT NULL,
            lfs INTEGER NOT NULL,
            pointer_size INTEGER,
            content BLOB,
            header BLOB,
            segments TEXT,
            PRIMARY KEY (version_id, path)
        );
        CREATE TABLE version_hf_tags (
            version_id INTEGER NOT NULL REFERENCES versions(id),
            tag TEXT NOT NULL,
            PRIMARY KEY (version_id, tag)
        );
        CREATE INDEX version_hf_tags_tag ON version_hf_tags(tag, version_id);
        CREATE INDEX models_created ON models(created DESC, name);
        CREATE INDEX models_updated ON models(updated DESC, name);
        CREATE INDEX models_namespace ON models(namespace, name);
        """,
        // 4: search at scale (docs/server.md, "Search"): the facet counts over every head version
        // (SearchFacetTotals), and indexes on the version columns a search may be driven from.
        SearchFacetTotals.migration + """
        CREATE INDEX versions_family ON versions(family);
        CREATE INDEX versions_architecture ON versions(architecture);
        CREATE INDEX versions_task ON versions(task);
        CREATE INDEX versions_license ON versions(license COLLATE NOCASE);
        """,
        // 5: web sessions (docs/web.md): a signed-in browser's cookie, stored as the SHA-256 of its random id,
        // naming the token it was exchanged for; a revoked token's sessions end with it.
        """
        CREATE TABLE web_sessions (
            hash TEXT PRIMARY KEY,
            token_id TEXT NOT NULL REFERENCES tokens(id),
            created INTEGER NOT NULL,
            expires INTEGER NOT NULL
        );
        CREATE INDEX web_sessions_expires ON web_sessions(expires);
        """,
        // 6: what replicas share instead of locks in one process (docs/deploy.md): when each blob in a
        // bucket was last stored or refreshed (`BlobGraceLedger`), and until when a request holds an
        // upload session whose bytes are in a bucket (`UploadRepository+Claims`).
        BlobGraceLedger.migration + """
        ALTER TABLE uploads ADD COLUMN claimed_until INTEGER;
        """,
    ]

    /// Applies every migration the database has not seen yet.
    public static func migrate(_ database: SQLiteDatabase) throws {
        try database.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied INTEGER NOT NULL)
            """)
        let applied = try database.first("SELECT COALESCE(MAX(version), 0) FROM schema_migrations") { $0.int64(0) } ?? 0
        for (index, sql) in all.enumerated() where Int64(index + 1) > applied {
            try database.transaction {
                try database.execute(sql)
                try database.run("INSERT INTO schema_migrations (version, applied) VALUES (?, ?)",
                                 [.integer(Int64(index + 1)), .integer(Clock.nowMilliseconds())])
            }
        }
    }

    /// The schema version the code knows.
    public static var latestVersion: Int { all.count }
}
