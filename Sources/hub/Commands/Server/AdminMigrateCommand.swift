import ArgumentParser
import Foundation
import HubServer

/// `hub admin migrate`: copies a registry to other back ends, verified by digest.
struct AdminMigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy a registry to other back ends (SQLite or PostgreSQL, a folder or an S3 bucket), verified by digest.",
        discussion: """
            The source is named as `hub serve` names it (--data, --database, --blobs); the destination with \
            --to-data, --to-database, --to-blobs. The destination must hold no model yet. Blobs are copied \
            first (each is visible in the destination only once its bytes hash to its digest; blobs already \
            there are kept, so a stopped migration can be run again), then the metadata in one transaction, \
            then every version is checked in the destination. Stop the source's servers first. Upload \
            sessions in progress are not copied. Passwords and keys come from the environment (PGPASSWORD, \
            PGPASSFILE, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or the credentials files.
            """)

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var blobOptions: BlobOptions
    @Option(help: "The destination's data directory.") var toData: String
    @Option(help: "The destination's metadata database (postgres://USER@HOST:PORT/DATABASE; default: hub.sqlite in --to-data).")
    var toDatabase: String?
    @Option(help: ArgumentHelp("The destination's blobs in an S3-compatible bucket (s3://BUCKET?endpoint=...&region=...).",
                               valueName: "url"))
    var toBlobs: String?
    @Option(help: ArgumentHelp("A file with the destination bucket's AWS_ACCESS_KEY_ID=... and AWS_SECRET_ACCESS_KEY=... lines.",
                               valueName: "file"))
    var toBlobsCredentials: String?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if toBlobsCredentials != nil, toBlobs == nil { throw ValidationError("--to-blobs-credentials needs --to-blobs") }
        if let toBlobs, !toBlobs.hasPrefix("s3://") { throw ValidationError("--to-blobs takes an s3://BUCKET?endpoint=... URL") }
        let sameFolder = URL(fileURLWithPath: toData).standardizedFileURL == dataOptions.directory.standardizedFileURL
        if sameFolder, toDatabase == dataOptions.database, toBlobs == blobOptions.url {
            throw ValidationError("the destination is the source; name other back ends with --to-data, --to-database or --to-blobs")
        }
    }

    func run() async throws {
        let source = try dataOptions.open(blobStore: try BlobStoreOpening.open(url: blobOptions.url,
                                                                                credentialsFile: blobOptions.credentialsFile))
        let destination = try DataDirectory(
            root: URL(fileURLWithPath: toData), databaseURL: toDatabase,
            blobStore: try BlobStoreOpening.open(url: toBlobs, credentialsFile: toBlobsCredentials))
        let json = output.json
        let report = try RegistryMigration(source: source, destination: destination).run { line in
            if !json { print(line) }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print("migrated: \(report.versionsVerified) version(s), \(report.blobsCopied + report.blobsPresent) blob(s)")
        }
    }
}
