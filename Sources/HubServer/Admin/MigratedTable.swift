/// One table `hub admin migrate` copies row by row: its columns and what each holds. SQLite and PostgreSQL
/// have the same tables and columns (`Migrations`, `PostgresMigrations`), so one list serves every
/// direction. Derived tables are not copied but rebuilt: the search index and the facet totals
/// (`refreshHead`), and `models.head_version` with them.
struct MigratedTable: Sendable {
    /// What a column holds, to read it from a row of one engine and bind it in the other.
    enum Kind: Sendable { case integer, real, text, blob }

    let name: String
    let columns: [(name: String, kind: Kind)]
    /// The order rows are read in (the engines' `rowid` order where a table has no key of its own).
    let order: String

    /// `INSERT` of one row, identifiers quoted (`user` is a keyword in PostgreSQL).
    var insert: String {
        let names = columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        let places = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT INTO \(name) (\(names)) VALUES (\(places))"
    }

    /// `SELECT` of every row in `order`.
    var select: String {
        "SELECT \(columns.map { "\"\($0.name)\"" }.joined(separator: ", ")) FROM \(name) ORDER BY \(order)"
    }

    /// Column `index` of `row` as a value to bind.
    func value(_ row: any DatabaseRow, _ index: Int) -> SQLValue {
        let column = Int32(index)
        if row.isNull(column) { return .null }
        switch columns[index].kind {
        case .integer: return .integer(row.int64(column))
        case .real: return .real(row.double(column))
        case .text: return .text(row.text(column))
        case .blob: return .blob(row.data(column))
        }
    }

    /// Every copied table, parents before the tables that reference them. Not copied: `uploads` (an
    /// upload in progress is in the old store; clients start it again) and the derived tables.
    static let all: [MigratedTable] = [
        MigratedTable(name: "models", columns: [("id", .integer), ("name", .text), ("namespace", .text), ("created", .integer),
                                                ("updated", .integer), ("downloads", .integer)], order: "id"),
        MigratedTable(name: "versions", columns: [
            ("id", .integer), ("model_id", .integer), ("digest", .text), ("manifest", .blob), ("published", .integer),
            ("weight_bytes", .integer), ("downloads", .integer), ("parent", .text), ("relation", .text), ("strategy", .text),
            ("architecture", .text), ("family", .text), ("task", .text), ("license", .text), ("description", .text),
            ("headline_name", .text), ("headline_value", .real), ("headline_split", .text), ("headline_dataset", .text),
        ], order: "id"),
        MigratedTable(name: "version_blobs", columns: [("version_id", .integer), ("digest", .text), ("size", .integer)],
                      order: "version_id, digest"),
        MigratedTable(name: "version_metrics", columns: [("version_id", .integer), ("name", .text), ("value", .real)],
                      order: "rowid"),
        MigratedTable(name: "version_domains", columns: [("version_id", .integer), ("tag", .text)], order: "version_id, tag"),
        MigratedTable(name: "tags", columns: [("model_id", .integer), ("tag", .text), ("version_id", .integer), ("updated", .integer)],
                      order: "rowid"),
        MigratedTable(name: "lineage", columns: [("child_version", .integer), ("parent_version", .integer), ("relation", .text),
                                                 ("strategy", .text)], order: "child_version"),
        MigratedTable(name: "tokens", columns: [("id", .text), ("hash", .text), ("user", .text), ("scope", .text),
                                                ("created", .integer), ("revoked", .integer)], order: "id"),
        MigratedTable(name: "version_files", columns: [
            ("version_id", .integer), ("path", .text), ("size", .integer), ("sha256", .text), ("oid", .text), ("lfs", .integer),
            ("pointer_size", .integer), ("content", .blob), ("header", .blob), ("segments", .text),
        ], order: "version_id, path"),
        MigratedTable(name: "version_hf_tags", columns: [("version_id", .integer), ("tag", .text)], order: "version_id, tag"),
        MigratedTable(name: "web_sessions", columns: [("hash", .text), ("token_id", .text), ("created", .integer), ("expires", .integer)],
                      order: "hash"),
    ]
}
