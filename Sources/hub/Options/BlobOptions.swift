import ArgumentParser
import Foundation

/// Where the registry's blobs live, for `hub serve` and `hub admin gc`: the data directory's folder by
/// default, or an S3-compatible bucket. Keys never go on the command line.
struct BlobOptions: ParsableArguments {
    @Option(name: .customLong("blobs"),
            help: ArgumentHelp("Keep the blobs in an S3-compatible bucket instead of the data directory.",
                               discussion: "s3://BUCKET?endpoint=http(s)://HOST:PORT&region=REGION; keys from "
                                   + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or --blobs-credentials.",
                               valueName: "url"))
    var url: String?
    @Option(name: .customLong("blobs-credentials"),
            help: ArgumentHelp("A file with AWS_ACCESS_KEY_ID=... and AWS_SECRET_ACCESS_KEY=... lines.", valueName: "file"))
    var credentialsFile: String?

    func validate() throws {
        if credentialsFile != nil, url == nil { throw ValidationError("--blobs-credentials needs --blobs") }
        if let url, !url.hasPrefix("s3://") { throw ValidationError("--blobs takes an s3://BUCKET?endpoint=... URL") }
    }
}
