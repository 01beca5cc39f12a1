/// The card's markdown rewritten so that Ink cannot emit markup from it nor take long over it.
///
/// - `&`, `<` and `"` become `&amp;`, `&lt;` and `&quot;` (scalar by scalar, so a combining mark cannot
///   hide one): Ink then sees no HTML, and no link target or attribute can close its quotes. Ink keeps
///   entities as they are in text and attributes; in code it escapes the `&` again, which
///   `SafeMarkdown+Modifiers` undoes.
/// - Line breaks become `\n`; blank lines become empty and the line before one loses trailing spaces and
///   backslashes (a hard break there means nothing), so that every blank line ends all of Ink's open text.
/// - Ink reads `[` as a link inside the text of another link, and on failure rewinds and reads the
///   text again, so nested `[` cost time exponential in their depth and stack in proportion to it.
///   `BracketNesting` finds the `[` and `]` deeper than `maximumBracketDepth` (or unclosed before a blank
///   line) and the `(` of a link target with no `)` on its line; they are written as `&#91;`, `&#93;`,
///   `&#40;`, which Ink shows as text.
enum MarkdownShield {
    /// The deepest link nesting kept: `[![image](src)](href)` (a linked badge) is 2. Each level multiplies
    /// Ink's work on a paragraph by about two (measured: 13x at depth 4, so 4x here).
    static let maximumBracketDepth = 2

    /// `markdown` rewritten as described above.
    static func shielded(_ markdown: String) -> String {
        let characters = normalizedLines(markdown)
        let literal = BracketNesting(characters, maximumDepth: maximumBracketDepth).literalPositions
        var result = ""
        result.reserveCapacity(characters.count + characters.count / 8)
        for (index, character) in characters.enumerated() {
            if literal[index], let entity = entities[character] {
                result += entity
            } else if character.unicodeScalars.contains(where: { $0 == "&" || $0 == "<" || $0 == "\"" }) {
                for scalar in character.unicodeScalars {
                    switch scalar {
                    case "&": result += "&amp;"
                    case "<": result += "&lt;"
                    case "\"": result += "&quot;"
                    default: result.unicodeScalars.append(scalar)
                    }
                }
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// The entities of the characters written literally.
    private static let entities: [Character: String] = ["[": "&#91;", "]": "&#93;", "(": "&#40;"]

    /// The characters of `markdown` with every line break as `\n`, whitespace-only lines empty, and
    /// trailing spaces, tabs and backslashes removed from a line followed by an empty one.
    static func normalizedLines(_ markdown: String) -> [Character] {
        var lines: [[Character]] = [[]]
        for character in markdown {
            if character.isNewline { lines.append([]) } else { lines[lines.count - 1].append(character) }
        }
        for index in lines.indices where lines[index].allSatisfy(\.isWhitespace) { lines[index] = [] }
        for index in lines.indices.dropLast() where lines[index + 1].isEmpty {
            while let last = lines[index].last, last == " " || last == "\t" || last == "\\" { lines[index].removeLast() }
        }
        var characters: [Character] = []
        characters.reserveCapacity(markdown.utf8.count)
        for (index, line) in lines.enumerated() {
            if index > 0 { characters.append("\n") }
            characters += line
        }
        return characters
    }
}
