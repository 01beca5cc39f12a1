/// The cheap checks `validate-yaml` makes of a model card's YAML front matter (the block between a
/// first line `---` and the next `---`): it must be closed, indented with spaces (YAML forbids tabs),
/// made of top-level `key: value` lines with their indented or `- ` continuation lines, and name each
/// top-level key once. A card without front matter is valid (HF only warns).
enum ModelCardCheck {
    /// Most front-matter lines read.
    static let maximumLines = 10_000

    /// What is wrong with the card's front matter, one sentence per problem (empty: nothing).
    static func problems(in card: String) -> [String] {
        let lines = card.split(separator: "\n", omittingEmptySubsequences: false)
            .prefix(maximumLines + 2).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        guard lines.first == "---" else { return [] }
        guard let end = lines.dropFirst().firstIndex(where: { $0 == "---" || $0 == "..." }) else {
            return ["the YAML front matter opened by the first line `---` is never closed by a `---` line"]
        }
        var problems: [String] = []
        var keys: Set<Substring> = []
        for (offset, line) in lines[1..<end].enumerated() {
            let number = offset + 2
            if line.trimmingPrefix(while: { $0 == " " }).first == "\t" || line.first == "\t" {
                problems.append("line \(number): indented with a tab; YAML allows spaces only")
                continue
            }
            guard let first = line.first, first != " ", first != "#", first != "-" else { continue }
            guard let colon = line.firstIndex(of: ":"),
                  line.index(after: colon) == line.endIndex || line[line.index(after: colon)] == " " else {
                problems.append("line \(number): \"\(line.prefix(60))\" is not `key: value`")
                continue
            }
            let key = line[..<colon]
            if !keys.insert(key).inserted { problems.append("line \(number): the key \"\(key.prefix(60))\" appears twice") }
        }
        return problems
    }
}

private extension Substring {
    func trimmingPrefix(while predicate: (Character) -> Bool) -> Substring {
        self[(firstIndex(where: { !predicate($0) }) ?? endIndex)...]
    }
}
