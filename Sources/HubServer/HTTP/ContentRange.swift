/// `Content-Range: bytes START-END/TOTAL` on an upload chunk (`TOTAL` may be `*`; the OCI form
/// `START-END` and `bytes=START-END` are accepted too). Every number is read strictly and checked:
/// `START <= END < TOTAL`, and the chunk's length `END - START + 1` cannot overflow.
struct ContentRange: Equatable, Sendable {
    /// The first byte of the chunk.
    let start: Int64
    /// The last byte of the chunk (inclusive).
    let end: Int64
    /// The whole blob's size, when given.
    let total: Int64?

    /// The chunk's length in bytes.
    var length: Int64 { end - start + 1 }

    /// Parses the header, throwing `QUERY_INVALID` (parameter `Content-Range`) that says what is wrong;
    /// with the request's `Content-Length`, also checks that the body is as long as the range.
    init(parsing header: String, contentLength: String? = nil) throws(RegistryError) {
        var text = Substring(header)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        if text.hasPrefix("bytes ") || text.hasPrefix("bytes=") { text = text.dropFirst(6) }
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let span = parts[0].split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard span.count == 2, let start = Int64(digits: span[0]), let end = Int64(digits: span[1]) else {
            throw Self.invalid(header, "START and END must be byte positions (digits only, at most \(Int64.max))")
        }
        guard start <= end, end < Int64.max else {
            throw Self.invalid(header, "END must not be before START")
        }
        var total: Int64?
        if parts.count == 2, parts[1] != "*" {
            guard let value = Int64(digits: parts[1]) else {
                throw Self.invalid(header, "TOTAL must be a byte count or *")
            }
            guard end < value else { throw Self.invalid(header, "END must be below TOTAL") }
            total = value
        }
        self.start = start
        self.end = end
        self.total = total
        if let contentLength, let bodyLength = Int64(digits: contentLength), bodyLength != length {
            throw Self.invalid(header, "it names \(length) bytes but the body has \(bodyLength) (Content-Length)")
        }
    }

    static func invalid(_ header: String, _ problem: String) -> RegistryError {
        let shown = header.count > 80 ? String(header.prefix(77)) + "..." : header
        return RegistryError(.queryInvalid, "Content-Range \"\(shown)\" is not `bytes START-END/TOTAL`: \(problem)",
                             detail: ["parameter": .string("Content-Range")])
    }
}
