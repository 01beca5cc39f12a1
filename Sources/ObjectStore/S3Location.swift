import Foundation

/// Where the blobs live: `s3://BUCKET?endpoint=http://HOST:PORT&region=REGION[&prefix=PATH/]`.
/// Requests go path-style (`ENDPOINT/BUCKET/KEY`), which AWS S3, MinIO, Ceph RGW and moto all accept.
/// The URL holds no credentials (see `S3Credentials`).
public struct S3Location: Sendable, Equatable {
    /// The bucket.
    public let bucket: String
    /// `http(s)://host[:port]`, without a trailing slash.
    public let endpoint: String
    /// The signing region (`us-east-1` unless given).
    public let region: String
    /// Prepended to every key (empty, or ending in `/`): lets several registries or test runs share a bucket.
    public let prefix: String

    /// Parses an `s3://` URL; a `configuration` error says what is wrong.
    public init(parsing text: String) throws(ObjectStoreError) {
        func invalid(_ why: String) -> ObjectStoreError {
            ObjectStoreError(.configuration, "the blob store URL \"\(text)\" \(why); write "
                + "s3://BUCKET?endpoint=http://HOST:PORT&region=REGION", request: "configure")
        }
        guard let components = URLComponents(string: text), components.scheme == "s3",
              let bucket = components.host, !bucket.isEmpty else { throw invalid("is not an s3://BUCKET URL") }
        guard components.user == nil, components.password == nil else {
            throw invalid("must not hold credentials (use AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)")
        }
        guard bucket.count <= 63, bucket.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" || $0 == "." }),
              bucket.first?.isLetter == true || bucket.first?.isNumber == true else {
            throw invalid("names a bucket S3 does not allow (3-63 lowercase letters, digits, '-' and '.')")
        }
        let items = components.queryItems ?? []
        func value(_ name: String) -> String? { items.first { $0.name == name }?.value }
        for item in items where !["endpoint", "region", "prefix"].contains(item.name) {
            throw invalid("has an unknown parameter \"\(item.name)\"")
        }
        guard let endpoint = value("endpoint"), let url = URLComponents(string: endpoint),
              url.scheme == "http" || url.scheme == "https", url.host?.isEmpty == false,
              url.path.isEmpty || url.path == "/", url.query == nil, url.user == nil else {
            throw invalid("needs endpoint=http(s)://HOST[:PORT]")
        }
        let region = value("region") ?? "us-east-1"
        guard !region.isEmpty, region.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            throw invalid("has an invalid region")
        }
        var prefix = value("prefix") ?? ""
        if !prefix.isEmpty, !prefix.hasSuffix("/") { prefix += "/" }
        guard prefix.utf8.count <= 256, !prefix.hasPrefix("/"),
              prefix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_./".contains($0)) }) else {
            throw invalid("has a prefix that is not a plain relative path")
        }
        self.bucket = bucket
        self.endpoint = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        self.region = region
        self.prefix = prefix
    }

    /// The same bucket with a different key prefix.
    public func withPrefix(_ prefix: String) throws(ObjectStoreError) -> S3Location {
        try S3Location(parsing: "s3://\(bucket)?endpoint=\(endpoint)&region=\(region)&prefix=\(prefix)")
    }

    /// The endpoint's `host[:port]`, as the `Host` header (and so the signature) has it.
    var hostHeader: String {
        let url = URLComponents(string: endpoint)
        let host = url?.host ?? ""
        guard let port = url?.port else { return host }
        let isDefault = (url?.scheme == "http" && port == 80) || (url?.scheme == "https" && port == 443)
        return isDefault ? host : "\(host):\(port)"
    }
}
