import Foundation
import Manifest
import RegistryAPI
import Testing

@Suite("error table and error body")
struct ErrorTableTests {
    @Test("every code is sent with the status docs/api.md gives it")
    func statuses() {
        let table = Dictionary(uniqueKeysWithValues: ErrorCode.allCases.map { ($0.rawValue, $0.status) })
        #expect(table == [
            "NAME_INVALID": 400, "DIGEST_INVALID": 400, "SIZE_INVALID": 400, "MANIFEST_INVALID": 400,
            "NAME_MISMATCH": 400, "MANIFEST_BLOB_UNKNOWN": 400, "PARENT_UNKNOWN": 400, "QUERY_INVALID": 400,
            "UNAUTHORIZED": 401, "DENIED": 403, "MODEL_UNKNOWN": 404, "MANIFEST_UNKNOWN": 404, "TAG_UNKNOWN": 404,
            "BLOB_UNKNOWN": 404, "UPLOAD_UNKNOWN": 404, "ROUTE_UNKNOWN": 404, "REQUEST_TIMEOUT": 408,
            "UPLOAD_BUSY": 409, "TOO_LARGE": 413, "RANGE_INVALID": 416, "UPLOAD_OFFSET_MISMATCH": 416,
            "INTERNAL": 500, "UNAVAILABLE": 503, "DISK_FULL": 503,
        ])
        #expect(ErrorCode.allCases.allSatisfy { !$0.meaning.isEmpty })
    }

    @Test("the error body is {\"errors\":[{code, message, detail}]}, detail left out when there is none")
    func body() throws {
        let body = ErrorBody(errors: [.init(code: .blobUnknown, message: "no such blob", detail: .object(["digest": .string("d")]))])
        #expect(try CanonicalJSON.encode(body.json) == Data(
            #"{"errors":[{"code":"BLOB_UNKNOWN","detail":{"digest":"d"},"message":"no such blob"}]}"#.utf8))
        let bare = ErrorBody(errors: [.init(code: .unavailable, message: "later")])
        #expect(try CanonicalJSON.encode(bare.json) == Data(#"{"errors":[{"code":"UNAVAILABLE","message":"later"}]}"#.utf8))
        let decoded = try WireJSON.decode(ErrorBody.self, from: Data(
            #"{"errors":[{"code":"BLOB_UNKNOWN","message":"m","detail":{"digest":"d"}}]}"#.utf8))
        #expect(decoded == body.withMessage("m"))
        #expect(decoded.errors[0].errorCode == .blobUnknown)
    }

    @Test("a code this side does not know still decodes, as text")
    func unknownCode() throws {
        let decoded = try WireJSON.decode(ErrorBody.self, from: Data(#"{"errors":[{"code":"NEW_CODE","message":"m"}]}"#.utf8))
        #expect(decoded.errors[0].code == "NEW_CODE")
        #expect(decoded.errors[0].errorCode == nil)
    }
}

extension ErrorBody {
    fileprivate func withMessage(_ message: String) -> ErrorBody {
        ErrorBody(errors: errors.map { var entry = $0; entry.message = message; return entry })
    }
}
