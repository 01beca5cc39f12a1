import Foundation

extension SearchConditions {
    /// The index in `all` of the condition whose index yields the fewest rows, counting each up to
    /// `bound + 1` (index-only, well under a millisecond each); nil when there is no condition.
    /// `known`: estimates already made, by condition index.
    func mostSelective(bound: Int, known: [Int: Int] = [:], in db: any Database) throws -> Int? {
        var best: (index: Int, rows: Int)?
        for index in all.indices {
            let rows = try known[index] ?? estimate(index, bound: bound, in: db)
            if best == nil || rows < best!.rows { best = (index, rows) }
            if rows == 0 { break }
        }
        return best?.index
    }

    /// The rows condition `index`'s own index yields, counted up to `bound + 1`.
    func estimate(_ index: Int, bound: Int, in db: any Database) throws -> Int {
        try db.first(SearchSQL.adapted("SELECT COUNT(*) FROM (\(all[index].estimate) LIMIT ?)\(SearchSQL.alias("estimated", db.dialect))", for: db.dialect),
                     all[index].values + [.integer(Int64(bound) + 1)]) { Int($0.int64(0)) } ?? 0
    }
}

extension SearchConditions {
    /// `FROM ... WHERE ...` selecting the matches, driven from condition `driving` (nil: every head),
    /// with its placeholder values in order; `ranked`: the query reads the text's bm25 rank.
    func matches(drivenBy driving: Int?, ranked: Bool = false) -> (sql: String, values: [SQLValue]) {
        var checks: [String] = []
        var values: [SQLValue] = []
        if let driving {
            if !ranked, let unranked = all[driving].unrankedDriving {
                checks.append(unranked.condition)
                values += unranked.values
            } else {
                checks.append(all[driving].drivingCondition)
                values += all[driving].drivingValues ?? all[driving].values
            }
        }
        for (index, condition) in all.enumerated() where index != driving {
            checks.append(condition.check)
            values += condition.values
        }
        let source = driving.map { all[$0].drivingSource } ?? Self.everyHead
        return ("FROM \(source)" + (checks.isEmpty ? "" : " WHERE " + checks.joined(separator: " AND ")), values)
    }
}
