import Foundation

/// What HEAD says of an object.
public struct S3ObjectInfo: Sendable, Equatable {
    /// Bytes.
    public let size: Int64
    /// When the object was last written.
    public let lastModified: Date
}

/// One entry of a listing.
public struct S3ListedObject: Sendable, Equatable {
    /// The key below the location's prefix.
    public let key: String
    /// Bytes.
    public let size: Int64
    /// When the object was last written.
    public let lastModified: Date
}

extension S3Client {
    /// The object's size and time, or nil when there is no such object.
    public func head(_ key: String) throws(ObjectStoreError) -> S3ObjectInfo? {
        let request = S3Request(method: "HEAD", key: key)
        let response = try send(request, accepting: [404])
        if response.status == 404 { return nil }
        guard let size = response.headers["content-length"].flatMap({ Int64($0) }), size >= 0 else {
            throw ObjectStoreError(.malformedAnswer, "HEAD answered without a valid Content-Length", request: request.summary)
        }
        let modified = response.headers["last-modified"].flatMap(HTTPDate.parse) ?? Date()
        return S3ObjectInfo(size: size, lastModified: modified)
    }

    /// Up to `length` bytes of the object from `offset`; `notFound` when there is no such object.
    public func get(_ key: String, offset: Int64, length: Int) throws(ObjectStoreError) -> Data {
        guard length > 0 else { return Data() }
        let (end, overflow) = offset.addingReportingOverflow(Int64(length) - 1)
        guard offset >= 0, !overflow else {
            throw ObjectStoreError(.configuration, "byte range \(offset)+\(length) is invalid", request: "GET \(key)")
        }
        var request = S3Request(method: "GET", key: key, headers: ["Range: bytes=\(offset)-\(end)"])
        request.maximumResponseBytes = length
        let response = try send(request, accepting: [416])
        if response.status == 416 { return Data() }
        return response.body
    }

    /// Writes a whole object in one request (atomic: readers see the old object or the whole new one).
    public func put(_ key: String, _ data: Data, headers: [String] = []) throws(ObjectStoreError) {
        _ = try send(S3Request(method: "PUT", key: key, headers: headers, body: data))
    }

    /// Deletes an object; deleting an absent object is not an error.
    public func delete(_ key: String) throws(ObjectStoreError) {
        _ = try send(S3Request(method: "DELETE", key: key), accepting: [404])
    }

    /// Copies an object inside the bucket on the server (objects up to 5 GiB, S3's limit for one copy).
    public func copy(from source: String, to destination: String) throws(ObjectStoreError) {
        let path = "/" + location.bucket + "/" + S3Encoding.encode(location.prefix + source, keepSlash: true)
        let request = S3Request(method: "PUT", key: destination, headers: ["x-amz-copy-source: \(path)"])
        let response = try send(request)
        // A copy can fail after its 200 has been sent: the error is then in the body.
        if let document = S3XML(response.body), document.root == "Error" {
            throw Self.failure(of: S3Response(status: 500, headers: response.headers, body: response.body), request: request)
        }
    }

    /// Every object whose key starts with `prefix` (below the location's prefix), page by page.
    public func list(prefix: String, limit: Int = 10_000_000) throws(ObjectStoreError) -> [S3ListedObject] {
        var objects: [S3ListedObject] = []
        var token: String?
        repeat {
            var query = [("list-type", "2"), ("prefix", location.prefix + prefix), ("max-keys", "1000")]
            if let token { query.append(("continuation-token", token)) }
            let request = S3Request(method: "GET", key: nil, query: query, maximumResponseBytes: 4 << 20)
            let response = try send(request)
            guard let document = S3XML(response.body), document.root == "ListBucketResult" else {
                throw ObjectStoreError(.malformedAnswer, "the listing is not a ListBucketResult document",
                                       request: request.summary, status: response.status)
            }
            var key: String?, size: Int64?, modified: Date?
            for (path, text) in document.leaves {
                switch path {
                case "ListBucketResult/Contents/Key": key = text
                case "ListBucketResult/Contents/Size": size = Int64(text)
                case "ListBucketResult/Contents/LastModified": modified = HTTPDate.parseISO8601(text)
                default: continue
                }
                if let found = key, let bytes = size, let time = modified {
                    guard found.hasPrefix(location.prefix + prefix), bytes >= 0 else {
                        throw ObjectStoreError(.malformedAnswer, "the listing holds a key outside its prefix or a negative size",
                                               request: request.summary)
                    }
                    objects.append(S3ListedObject(key: String(found.dropFirst(location.prefix.count)), size: bytes,
                                                  lastModified: time))
                    (key, size, modified) = (nil, nil, nil)
                    guard objects.count <= limit else {
                        throw ObjectStoreError(.malformedAnswer, "the listing has more than \(limit) objects",
                                               request: request.summary)
                    }
                }
            }
            let truncated = document.first("IsTruncated") == "true"
            let next = document.first("NextContinuationToken")
            guard !truncated || (next?.isEmpty == false && next != token) else {
                throw ObjectStoreError(.malformedAnswer, "a truncated listing without a new continuation token",
                                       request: request.summary)
            }
            token = truncated ? next : nil
        } while token != nil
        return objects
    }

    /// Creates the bucket (tests and first starts); an existing bucket of ours is not an error.
    public func createBucket() throws(ObjectStoreError) {
        let response = try send(S3Request(method: "PUT", key: nil), accepting: [409])
        if response.status == 409, S3XML(response.body)?.first("Code") != "BucketAlreadyOwnedByYou" {
            throw Self.failure(of: response, request: S3Request(method: "PUT", key: nil))
        }
    }

    /// Deletes every object below the location's prefix (tests' clean-up).
    public func deleteEverything() throws(ObjectStoreError) {
        for object in try list(prefix: "") { try delete(object.key) }
        for upload in try multipartUploads(prefix: "") { try abortMultipart(upload.key, uploadID: upload.uploadID) }
    }
}

extension S3Client {
    /// Checks that the bucket exists and the credentials may use it (HEAD bucket), so that a wrong
    /// configuration stops `hub serve` at start rather than failing its first request.
    public func checkBucket() throws(ObjectStoreError) {
        let request = S3Request(method: "HEAD", key: nil)
        let response = try send(request, accepting: [404])
        if response.status == 404 {
            throw ObjectStoreError(.configuration, "the bucket \(location.bucket) does not exist at \(location.endpoint)",
                                   request: request.summary, status: 404)
        }
    }
}
