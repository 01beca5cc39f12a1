import HTTPTypes
import Manifest

/// The status, headers and bytes of `BlobFileHandler`'s answer to a blob GET or HEAD, as `BlobController`
/// gives them: 200 with the whole blob, or 206 with `Content-Range` for a `Range` that `ByteRange` reads.
/// A range it refuses (416, with the router's error body) is not one: the router answers it.
struct BlobFileAnswer: Equatable {
    let status: HTTPResponse.Status
    /// Every header but `Date` and `Server`, in the router's order.
    let fields: HTTPFields
    /// The first byte of the file to send.
    let offset: Int64
    /// How many bytes to send from `offset` (the body's length; `Content-Length`).
    let count: Int64

    /// The answer for a blob of `size` bytes and the request's `Range` header, or nil when the router must
    /// answer (the range is unsatisfiable or not one `ByteRange` reads). `ByteRange` checks every bound
    /// against `size`, so `offset + count <= size` and nothing here can overflow.
    init?(digest: Digest, size: Int64, range header: String?) {
        guard size >= 0 else { return nil }
        var fields = BlobController.blobHeaders(digest: digest)
        guard let header else {
            fields[.contentLength] = String(size)
            self.init(status: .ok, fields: fields, offset: 0, count: size)
            return
        }
        guard let range = ByteRange(parsing: header, size: size) else { return nil }
        fields[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(size)"
        fields[.contentLength] = String(range.count)
        self.init(status: .partialContent, fields: fields, offset: range.lowerBound, count: range.count)
    }

    private init(status: HTTPResponse.Status, fields: HTTPFields, offset: Int64, count: Int64) {
        self.status = status
        self.fields = fields
        self.offset = offset
        self.count = count
    }
}
