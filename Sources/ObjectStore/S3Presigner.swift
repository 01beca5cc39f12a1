import Crypto
import Foundation

/// Presigned GET URLs (AWS Signature V4 in the query string): anyone holding the URL may read that one
/// object until it expires, with no other credential. The blob controller answers a blob GET with a
/// redirect to one when `--blob-redirects` is on.
public struct S3Presigner: Sendable {
    /// The signing region.
    let region: String
    /// The key pair.
    let credentials: S3Credentials

    /// A presigner for `region` with `credentials`.
    public init(region: String, credentials: S3Credentials) {
        self.region = region
        self.credentials = credentials
    }

    /// `scheme://host/path?X-Amz-...&X-Amz-Signature=...`, valid `lifetime` seconds (1 to 604,800) from `now`.
    /// `path` is already URI-encoded (as S3's canonical URI: every byte but unreserved ones and `/`).
    public func presignedGET(scheme: String, host: String, path: String, lifetime: Int, now: Date = Date()) -> String {
        let seconds = min(max(lifetime, 1), 604_800)
        let (date, timestamp) = Self.stamps(now)
        let scope = "\(date)/\(region)/s3/aws4_request"
        let query = S3Encoding.canonicalQuery([
            ("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
            ("X-Amz-Credential", "\(credentials.accessKeyID)/\(scope)"),
            ("X-Amz-Date", timestamp),
            ("X-Amz-Expires", String(seconds)),
            ("X-Amz-SignedHeaders", "host"),
        ])
        let canonicalRequest = ["GET", path, query, "host:\(host)", "", "host", "UNSIGNED-PAYLOAD"].joined(separator: "\n")
        let stringToSign = ["AWS4-HMAC-SHA256", timestamp, scope, Self.hex(SHA256.hash(data: Data(canonicalRequest.utf8)))]
            .joined(separator: "\n")
        var key = SymmetricKey(data: Data("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [date, region, "s3", "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
        return "\(scheme)://\(host)\(path)?\(query)&X-Amz-Signature=\(signature)"
    }

    /// `20130524` and `20130524T000000Z` in UTC.
    static func stamps(_ now: Date) -> (date: String, timestamp: String) {
        var seconds = time_t(now.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let date = String(format: "%04d%02d%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
        return (date, date + String(format: "T%02d%02d%02dZ", Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec)))
    }

    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}

extension S3Client {
    /// A presigned GET URL of `key` valid for `lifetime` seconds.
    public func presignedURL(_ key: String, lifetime: Int) -> String {
        let scheme = URLComponents(string: location.endpoint)?.scheme ?? "http"
        let path = "/" + location.bucket + "/" + S3Encoding.encode(location.prefix + key, keepSlash: true)
        return S3Presigner(region: location.region, credentials: credentials)
            .presignedGET(scheme: scheme, host: location.hostHeader, path: path, lifetime: lifetime)
    }
}
