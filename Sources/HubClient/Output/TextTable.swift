/// A plain text table with columns padded to their widest cell.
package struct TextTable {
    /// Column titles.
    package var headers: [String]
    /// Cells, one array per row.
    package var rows: [[String]] = []

    /// An empty table with these column titles.
    package init(headers: [String]) { self.headers = headers }

    /// The table, two spaces between columns, no trailing spaces. Cells come from registry
    /// answers, so control characters (terminal escapes, newlines) are shown escaped.
    package var rendered: String {
        let rows = self.rows.map { $0.map(\.oneLine) }
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

extension String {
    /// The text with every control character (newline included) shown as `\u{…}`, for one line
    /// of a table or tree that quotes a registry's answer.
    package var oneLine: String {
        guard unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else { return self }
        var result = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}
