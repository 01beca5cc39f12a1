/// A plain text table with columns padded to their widest cell.
struct TextTable {
    /// Column titles.
    var headers: [String]
    /// Cells, one array per row.
    var rows: [[String]] = []

    /// The table, two spaces between columns, no trailing spaces.
    var rendered: String {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { column < $0.count ? $0[column] : "" }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.rightPadded(widths[index])
            }.joined(separator: "  ")
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n")
    }
}
