import Foundation

/// Where a PostgreSQL database is: `postgres://USER@HOST:PORT/DATABASE` (also `postgresql://`).
///
/// The URL carries no password: a command line is visible to every user of the machine and ends up in
/// logs. The password comes from `PGPASSWORD`, else from a libpq password file (`PGPASSFILE`, else
/// `~/.pgpass`), as PostgreSQL's own tools read it.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public let user: String
    public let host: String
    public let port: Int
    public let database: String

    /// Parses `text`; throws a `DatabaseError` that says what is wrong with it.
    public init(parsing text: String) throws {
        guard text.count <= 2_048, let components = URLComponents(string: text),
              components.scheme == "postgres" || components.scheme == "postgresql" else {
            throw DatabaseError(code: 0, message: "a database URL looks like postgres://USER@HOST:PORT/DATABASE, not \(text.prefix(80))")
        }
        guard components.password == nil else {
            throw DatabaseError(code: 0, message: "the database URL must not hold a password (it would show in process "
                                + "lists and logs): give it in PGPASSWORD or a password file named by PGPASSFILE")
        }
        guard let user = components.user, !user.isEmpty, let host = components.host, !host.isEmpty else {
            throw DatabaseError(code: 0, message: "the database URL needs a user and a host: postgres://USER@HOST:PORT/DATABASE")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw DatabaseError(code: 0, message: "the database URL needs one database name after the host: postgres://USER@HOST:PORT/DATABASE")
        }
        let port = components.port ?? 5432
        guard (1...65_535).contains(port) else {
            throw DatabaseError(code: 0, message: "the database URL's port \(port) is not between 1 and 65535")
        }
        self.init(user: user, host: host, port: port, database: database)
    }

    /// A location from its parts.
    public init(user: String, host: String, port: Int, database: String) {
        self.user = user
        self.host = host
        self.port = port
        self.database = database
    }

    /// The same server and user, another database.
    public func with(database: String) -> PostgresLocation {
        PostgresLocation(user: user, host: host, port: port, database: database)
    }

    /// `postgres://USER@HOST:PORT/DATABASE`: never a password.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// The password for this location: `PGPASSWORD`, else the first matching line of the password file;
    /// nil when neither has one (the server may trust the connection).
    public func password(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String? {
        if let password = environment["PGPASSWORD"] { return password }
        let file = environment["PGPASSFILE"]
            ?? environment["HOME"].map { $0 + "/.pgpass" }
        guard let file, FileManager.default.fileExists(atPath: file) else { return nil }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
              let size = attributes[.size] as? Int, size <= 1 << 20,
              let permissions = attributes[.posixPermissions] as? Int,
              let contents = FileManager.default.contents(atPath: file),
              let text = String(data: contents, encoding: .utf8) else {
            throw DatabaseError(code: 0, message: "cannot read the password file \(file) (it must be UTF-8 text under 1 MiB)")
        }
        // As libpq: a password file others can read is refused, not used.
        guard permissions & 0o077 == 0 else {
            throw DatabaseError(code: 0, message: "the password file \(file) can be read by others "
                                + "(permissions \(String(permissions, radix: 8))): chmod 600 it")
        }
        return PasswordFile(text: text).password(host: host, port: port, database: database, user: user)
    }
}
