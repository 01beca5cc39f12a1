/// Statements over many rows at once, for bulk loads: one `INSERT ... VALUES (...), (...)` or one
/// `IN (...)` list per few hundred rows instead of one statement per row. On PostgreSQL every statement
/// is a round trip, so this is what makes a bulk load fast there; on SQLite it saves the per-statement
/// work (bind, step, reset) of each row.
///
/// Each statement binds at most `maximumBoundValues` values: below SQLite's limit (32,766 since 3.32)
/// and PostgreSQL's (65,535, the protocol's 16-bit count).
extension Database {
    /// The most values one multi-row statement binds.
    static var maximumBoundValues: Int { 16_000 }

    /// The most rows of `columns` values one statement takes (at most 1,000, so a statement's text stays small).
    static func rowsPerStatement(columns: Int) -> Int {
        max(1, min(1_000, maximumBoundValues / max(1, columns)))
    }

    /// Runs `head` + `VALUES (?, ...), (?, ...)` + `tail` for every row, as few statements as the limits
    /// allow, in the rows' order. Every row has the same number of values.
    func insertRows(_ head: String, _ rows: [[SQLValue]], tail: String = "") throws {
        try forEachStatement(head, rows, tail: tail) { sql, values in try run(sql, values) }
    }

    /// `insertRows` for a statement with a `RETURNING` clause in `tail`: every returned row, mapped.
    func insertRows<Row>(_ head: String, _ rows: [[SQLValue]], tail: String,
                         returning row: (any DatabaseRow) throws -> Row) throws -> [Row] {
        var returned: [Row] = []
        returned.reserveCapacity(rows.count)
        try forEachStatement(head, rows, tail: tail) { sql, values in returned += try query(sql, values, row) }
        return returned
    }

    /// Runs `sql` once per slice of `values`, its `(?)` standing for the slice as `(?, ?, ...)`: for a
    /// condition `x IN (?)` over many values. `sql` may use `(?)` several times (each gets the slice);
    /// `leading` values are bound before each.
    func runForEachSlice(_ sql: String, of values: [SQLValue], leading: [SQLValue] = []) throws {
        try forEachSlice(sql, of: values) { text, slice, uses in
            try run(text, leading + Array(repeating: slice, count: uses).flatMap { $0 })
        }
    }

    /// `runForEachSlice` for a query: every row of every slice, mapped.
    func queryForEachSlice<Row>(_ sql: String, of values: [SQLValue], _ row: (any DatabaseRow) throws -> Row) throws -> [Row] {
        var rows: [Row] = []
        try forEachSlice(sql, of: values) { text, slice, uses in
            rows += try query(text, Array(repeating: slice, count: uses).flatMap { $0 }, row)
        }
        return rows
    }

    private func forEachStatement(_ head: String, _ rows: [[SQLValue]], tail: String,
                                  _ body: (String, [SQLValue]) throws -> Void) throws {
        guard let columns = rows.first?.count else { return }
        precondition(rows.allSatisfy { $0.count == columns }, "every row of a multi-row insert has \(columns) values")
        let rowText = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        let perStatement = Self.rowsPerStatement(columns: columns)
        for start in stride(from: 0, to: rows.count, by: perStatement) {
            let slice = rows[start..<min(rows.count, start + perStatement)]
            let sql = head + " VALUES " + Array(repeating: rowText, count: slice.count).joined(separator: ", ") + " " + tail
            try body(sql, slice.flatMap { $0 })
        }
    }

    private func forEachSlice(_ sql: String, of values: [SQLValue],
                              _ body: (String, [SQLValue], Int) throws -> Void) throws {
        let uses = sql.components(separatedBy: "(?)").count - 1
        precondition(uses > 0, "a sliced statement names its list as (?)")
        let perStatement = max(1, Self.maximumBoundValues / uses)
        for start in stride(from: 0, to: values.count, by: perStatement) {
            let slice = Array(values[start..<min(values.count, start + perStatement)])
            let list = "(" + Array(repeating: "?", count: slice.count).joined(separator: ", ") + ")"
            try body(sql.replacingOccurrences(of: "(?)", with: list), slice, uses)
        }
    }
}
