import Foundation

/// The repositories' SQL as PostgreSQL reads it: `?` placeholders become `$1`, `$2`, ... in order.
/// Quoted text (`'...'`, `"..."`) and comments are left alone. The SQL texts are the repositories' own
/// (never a request's), so each is translated once and kept.
enum PostgresSQL {
    private static let cache = LockedBox<[String: String]>([:])

    /// `sql` with numbered placeholders.
    static func numbered(_ sql: String) -> String {
        if let known = cache.withLock({ $0[sql] }) { return known }
        let pieces = split(sql, at: "?")
        var result = pieces[0]
        for (index, piece) in pieces.dropFirst().enumerated() { result += "$\(index + 1)" + piece }
        cache.withLock { cached in
            if cached.count > 4_096 { cached.removeAll() }
            cached[sql] = result
        }
        return result
    }

    /// The statements of a script (a migration), split at each `;` outside quotes and comments: the
    /// extended protocol postgres-nio speaks takes one statement at a time.
    static func statements(of script: String) -> [String] {
        split(script, at: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// `sql` cut at every `marker` outside quoted text (`'...'`, `"..."`) and `--` comments, markers dropped.
    private static func split(_ sql: String, at marker: Character) -> [String] {
        var pieces: [String] = []
        var current = ""
        current.reserveCapacity(sql.utf8.count)
        var quote: Character?
        var previous: Character?
        var inLineComment = false
        for character in sql {
            if inLineComment {
                if character == "\n" { inLineComment = false }
            } else if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "-" && previous == "-" {
                inLineComment = true
            } else if character == marker {
                pieces.append(current)
                current = ""
                previous = character
                continue
            }
            current.append(character)
            previous = character
        }
        pieces.append(current)
        return pieces
    }
}
