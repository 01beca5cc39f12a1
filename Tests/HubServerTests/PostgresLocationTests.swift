import Foundation
@testable import HubServer
import Testing

/// `--database postgres://USER@HOST:PORT/DATABASE`: parsed strictly, never with a password; the password
/// comes from PGPASSWORD or a libpq password file.
@Suite("PostgreSQL locations and passwords")
struct PostgresLocationTests {
    @Test("a URL names user, host, port and database; the port defaults to 5432")
    func parses() throws {
        let location = try PostgresLocation(parsing: "postgres://hub@127.0.0.1:6543/registry")
        #expect(location == PostgresLocation(user: "hub", host: "127.0.0.1", port: 6543, database: "registry"))
        #expect(try PostgresLocation(parsing: "postgresql://hub@db.internal/registry").port == 5432)
        #expect(location.description == "postgres://hub@127.0.0.1:6543/registry")
    }

    @Test("a URL with a password, without a user or database, or of another scheme is refused and says why")
    func refuses() {
        for (text, words) in [("postgres://hub:secret@localhost/db", "PGPASSWORD"), ("postgres://localhost/db", "user"),
                              ("postgres://hub@localhost/", "database name"), ("mysql://hub@localhost/db", "postgres://"),
                              ("postgres://hub@localhost:70000/db", "port")] {
            do {
                _ = try PostgresLocation(parsing: text)
                Issue.record("\(text) was accepted")
            } catch let error as DatabaseError {
                #expect(error.message.contains(words), "\(error.message)")
                #expect(!error.message.contains("secret"))
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test("PGPASSWORD wins; else the first matching line of a private password file, with * and escapes")
    func passwords() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pgpass")
        try Data("""
            # comment
            otherhost:5432:*:hub:wrong
            127.0.0.1:6543:registry:hub:pa\\:ss\\\\word
            *:*:*:hub:fallback

            """.utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        let location = try PostgresLocation(parsing: "postgres://hub@127.0.0.1:6543/registry")
        #expect(throws: DatabaseError.self) { try location.password(environment: ["PGPASSFILE": file.path]) }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        #expect(try location.password(environment: ["PGPASSWORD": "env"]) == "env")
        #expect(try location.password(environment: ["PGPASSFILE": file.path]) == "pa:ss\\word")
        #expect(try location.with(database: "other").password(environment: ["PGPASSFILE": file.path]) == "fallback")
        #expect(try location.password(environment: ["PGPASSFILE": folder.appendingPathComponent("none").path]) == nil)
    }
}
