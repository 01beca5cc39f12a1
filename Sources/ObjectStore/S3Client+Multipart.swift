import Foundation

/// A multipart upload in progress (parts are invisible until `completeMultipart`).
public struct S3MultipartUpload: Sendable, Equatable {
    /// The key the object will have.
    public let key: String
    /// The service's id of the upload.
    public let uploadID: String
    /// When it was started (listings only).
    public var initiated: Date?
}

extension S3Client {
    /// S3's smallest part (all but the last).
    public static let minimumPartSize = 5 << 20
    /// S3's most parts per upload.
    public static let maximumParts = 10_000

    /// Starts a multipart upload to `key`; nothing is readable under `key` until it completes.
    public func startMultipart(_ key: String) throws(ObjectStoreError) -> S3MultipartUpload {
        let request = S3Request(method: "POST", key: key, query: [("uploads", "")])
        let response = try send(request)
        guard let document = S3XML(response.body), let id = document.first("UploadId"), !id.isEmpty, id.utf8.count <= 1024
        else {
            throw ObjectStoreError(.malformedAnswer, "starting a multipart upload answered no UploadId", request: request.summary)
        }
        return S3MultipartUpload(key: key, uploadID: id)
    }

    /// Uploads part `number` (1-based); returns its ETag for `completeMultipart`.
    public func uploadPart(_ upload: S3MultipartUpload, number: Int, _ data: Data) throws(ObjectStoreError) -> String {
        let request = S3Request(method: "PUT", key: upload.key,
                                query: [("partNumber", String(number)), ("uploadId", upload.uploadID)], body: data)
        let response = try send(request)
        guard let tag = response.headers["etag"], !tag.isEmpty, tag.utf8.count <= 256 else {
            throw ObjectStoreError(.malformedAnswer, "a part upload answered no ETag", request: request.summary)
        }
        return tag
    }

    /// Makes the object visible from its parts, atomically.
    public func completeMultipart(_ upload: S3MultipartUpload, tags: [String]) throws(ObjectStoreError) {
        var xml = "<CompleteMultipartUpload>"
        for (index, tag) in tags.enumerated() {
            let escaped = tag.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
                .replacingOccurrences(of: "<", with: "&lt;")
            xml += "<Part><PartNumber>\(index + 1)</PartNumber><ETag>\(escaped)</ETag></Part>"
        }
        xml += "</CompleteMultipartUpload>"
        let request = S3Request(method: "POST", key: upload.key, query: [("uploadId", upload.uploadID)],
                                headers: ["Content-Type: application/xml"], body: Data(xml.utf8))
        let response = try send(request)
        // Completing can fail after the 200 has been sent: the error is then in the body.
        if let document = S3XML(response.body), document.root == "Error" {
            throw Self.failure(of: S3Response(status: 500, headers: response.headers, body: response.body), request: request)
        }
    }

    /// Abandons a multipart upload and frees its parts; an unknown upload is not an error.
    public func abortMultipart(_ key: String, uploadID: String) throws(ObjectStoreError) {
        _ = try send(S3Request(method: "DELETE", key: key, query: [("uploadId", uploadID)]), accepting: [404])
    }

    /// The multipart uploads in progress under `prefix` (below the location's prefix).
    public func multipartUploads(prefix: String) throws(ObjectStoreError) -> [S3MultipartUpload] {
        var uploads: [S3MultipartUpload] = []
        var marker: (key: String, id: String)?
        repeat {
            var query = [("uploads", ""), ("prefix", location.prefix + prefix)]
            if let marker { query += [("key-marker", marker.key), ("upload-id-marker", marker.id)] }
            let request = S3Request(method: "GET", key: nil, query: query, maximumResponseBytes: 4 << 20)
            let response = try send(request)
            guard let document = S3XML(response.body), document.root == "ListMultipartUploadsResult" else {
                throw ObjectStoreError(.malformedAnswer, "the upload listing is not a ListMultipartUploadsResult",
                                       request: request.summary)
            }
            var key: String?, id: String?, initiated: Date?
            for (path, text) in document.leaves {
                switch path {
                case "ListMultipartUploadsResult/Upload/Key": key = text
                case "ListMultipartUploadsResult/Upload/UploadId": id = text
                case "ListMultipartUploadsResult/Upload/Initiated": initiated = HTTPDate.parseISO8601(text)
                default: continue
                }
                if let found = key, let uploadID = id, let time = initiated {
                    guard found.hasPrefix(location.prefix) else { continue }
                    uploads.append(S3MultipartUpload(key: String(found.dropFirst(location.prefix.count)), uploadID: uploadID,
                                                     initiated: time))
                    (key, id, initiated) = (nil, nil, nil)
                }
            }
            let truncated = document.first("IsTruncated") == "true"
            if truncated, let nextKey = document.first("NextKeyMarker"), let nextID = document.first("NextUploadIdMarker"),
               (nextKey, nextID) != (marker?.key ?? "", marker?.id ?? ""), uploads.count < 1_000_000 {
                marker = (nextKey, nextID)
            } else {
                marker = nil
            }
        } while marker != nil
        return uploads
    }
}
