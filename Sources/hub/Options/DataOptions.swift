import ArgumentParser
import Foundation
import ContentStore
import HubServer

/// `--data DIR` and `--database URL`, shared by `hub serve` and the `hub admin` commands.
struct DataOptions: ParsableArguments {
    /// The data directory.
    @Option(name: .long, help: "The registry's data directory (default: $XDG_DATA_HOME/hub or ~/.local/share/hub).")
    var data: String?

    /// The metadata database, if not the data directory's SQLite file.
    @Option(name: .long, help: ArgumentHelp(
        "The metadata database: postgres://USER@HOST:PORT/DATABASE (default: hub.sqlite in the data directory).",
        discussion: "The password comes from PGPASSWORD or a password file named by PGPASSFILE (~/.pgpass), never the URL."))
    var database: String?

    /// Opens the data directory and its metadata database.
    func open(blobStore: (any BlobStoring)? = nil) throws -> DataDirectory {
        try DataDirectory(root: directory, databaseURL: database, blobStore: blobStore)
    }

    /// The chosen data directory.
    var directory: URL {
        data.map { URL(fileURLWithPath: $0) } ?? ServerConfiguration.defaultDataDirectory
    }
}
