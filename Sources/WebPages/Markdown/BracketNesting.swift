/// Which `[`, `]` and `(` of a card Ink must read as text, so that its link parsing stays shallow.
///
/// A model of Ink's link reading that may count more open links than Ink has, never fewer: every `[`
/// opens one; a `]` closes the innermost unless a backslash precedes it, a backtick came earlier on its
/// line (Ink may be inside inline code) or it lies in a link target `(…)` (Ink skips targets); a blank
/// line closes everything (`MarkdownShield` makes that true of Ink). A `[` opened at the maximum depth
/// is literal, and so is the `]` that closes it; so are a `[` never closed, a `]` closing nothing, and a
/// target's `(` with no `)` on its line (Ink would look for one at every such `(`).
struct BracketNesting {
    /// One flag per character: true for a bracket or parenthesis to write as an entity.
    private(set) var literalPositions: [Bool]

    /// Marks the brackets of `characters` (lines separated by `\n`).
    init(_ characters: [Character], maximumDepth: Int) {
        literalPositions = Array(repeating: false, count: characters.count)
        let closingParenthesis = Self.matchingParentheses(characters)
        var open: [Int] = []  // positions of open `[`; -1 for one already literal
        var sawBacktick = false
        var targetEnd = -1  // inside a link target up to this index
        for index in characters.indices {
            switch characters[index] {
            case "\n":
                sawBacktick = false
                if index + 1 < characters.count, characters[index + 1] == "\n" {
                    for position in open where position >= 0 { literalPositions[position] = true }
                    open.removeAll()
                }
            case "`":
                sawBacktick = true
            case "[":
                if open.count >= maximumDepth {
                    literalPositions[index] = true
                    open.append(-1)
                } else {
                    open.append(index)
                }
            case "]" where sawBacktick || index <= targetEnd || (index > 0 && characters[index - 1] == "\\"):
                break
            case "]":
                guard let opening = open.popLast(), opening >= 0 else {
                    literalPositions[index] = true
                    break
                }
                let next = index + 1
                if next < characters.count, characters[next] == "(" {
                    if let end = closingParenthesis[next] { targetEnd = end } else { literalPositions[next] = true }
                }
            default:
                break
            }
        }
        for position in open where position >= 0 { literalPositions[position] = true }
    }

    /// For each `(`, the index of the `)` that balances it on the same line (Ink's rule for link targets).
    private static func matchingParentheses(_ characters: [Character]) -> [Int: Int] {
        var matches: [Int: Int] = [:]
        var open: [Int] = []
        for (index, character) in characters.enumerated() {
            switch character {
            case "(": open.append(index)
            case ")": if let opening = open.popLast() { matches[opening] = index }
            case "\n": open.removeAll()
            default: break
            }
        }
        return matches
    }
}
