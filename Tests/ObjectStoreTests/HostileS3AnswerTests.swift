import Foundation
@testable import ObjectStore
import Testing

/// What an S3 endpoint answers is hostile: malformed documents, lies about lengths, endless listings and
/// errors hidden in a 200 are typed errors (with the service's code and message kept), never a crash,
/// a hang or unbounded memory.
@Suite("hostile S3 answers")
struct HostileS3AnswerTests {
    func failure(_ body: () throws -> Void) -> ObjectStoreError? {
        do { try body() } catch let error as ObjectStoreError { return error } catch { return nil }
        return nil
    }

    @Test("an error document keeps the service's code and message; 5xx is retried three times")
    func serviceError() throws {
        let server = try CraftedS3([.init(path: "/b/k", status: 500,
                                          text: "<Error><Code>InternalError</Code><Message>We &amp; you</Message></Error>")])
        let error = try #require(failure { _ = try server.client().get("k", offset: 0, length: 10) })
        #expect(error.kind == .service)
        #expect(error.serviceCode == "InternalError")
        #expect(error.message.contains("We & you"))
        #expect(error.status == 500)
        #expect(server.requestCount == 3)
    }

    @Test("403 is accessDenied with S3's code, not retried")
    func denied() throws {
        let server = try CraftedS3([.init(path: "/b/k", status: 403,
                                          text: "<Error><Code>SignatureDoesNotMatch</Code><Message>no</Message></Error>")])
        let error = try #require(failure { _ = try server.client().get("k", offset: 0, length: 10) })
        #expect(error.kind == .accessDenied)
        #expect(error.serviceCode == "SignatureDoesNotMatch")
        #expect(server.requestCount == 1)
    }

    @Test("a ranged GET answered with more bytes than asked is refused")
    func tooManyBytes() throws {
        let server = try CraftedS3([.init(path: "/b/k", status: 206, text: String(repeating: "x", count: 5000))])
        let error = try #require(failure { _ = try server.client().get("k", offset: 0, length: 10) })
        #expect(error.kind == .malformedAnswer)
    }

    @Test("an oversized error body is refused without reading it all")
    func hugeErrorBody() throws {
        let server = try CraftedS3([.init(path: "/b/k", status: 404, text: String(repeating: "<a>", count: 100_000))])
        let error = try #require(failure { _ = try server.client().head("k").map { _ in () } ?? { throw ObjectStoreError(.notFound, "", request: "") }() })
        #expect(error.kind == .notFound || error.kind == .malformedAnswer)
        let get = try #require(failure { _ = try server.client().get("k", offset: 0, length: 10) })
        #expect(get.kind == .malformedAnswer)
    }

    @Test("malformed, endless and out-of-prefix listings are refused")
    func listings() throws {
        let broken = try CraftedS3([.init(path: "/b", text: "<ListBucketResult><Contents><Key>x</Key>")])
        #expect(failure { _ = try broken.client().list(prefix: "") }?.kind == .malformedAnswer)
        let endless = try CraftedS3([.init(path: "/b", text: "<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>")])
        #expect(failure { _ = try endless.client().list(prefix: "") }?.kind == .malformedAnswer)
        let outside = try CraftedS3([.init(path: "/b", text: "<ListBucketResult><IsTruncated>false</IsTruncated><Contents>"
            + "<Key>elsewhere/x</Key><Size>1</Size><LastModified>2026-01-01T00:00:00.000Z</LastModified></Contents></ListBucketResult>")])
        #expect(failure { _ = try outside.client().list(prefix: "blobs/") }?.kind == .malformedAnswer)
        let negative = try CraftedS3([.init(path: "/b", text: "<ListBucketResult><IsTruncated>false</IsTruncated><Contents>"
            + "<Key>blobs/x</Key><Size>-5</Size><LastModified>2026-01-01T00:00:00.000Z</LastModified></Contents></ListBucketResult>")])
        #expect(failure { _ = try negative.client().list(prefix: "blobs/") }?.kind == .malformedAnswer)
    }

    @Test("an error inside a 200 answer to a multipart completion or a copy is an error")
    func errorInside200() throws {
        let body = "<Error><Code>InternalError</Code><Message>late failure</Message></Error>"
        let server = try CraftedS3([.init(method: "POST", path: "/b/k", text: body), .init(method: "PUT", path: "/b/k", text: body)])
        let client = try server.client()
        let completion = try #require(failure {
            try client.completeMultipart(S3MultipartUpload(key: "k", uploadID: "u"), tags: ["\"e\""])
        })
        #expect(completion.serviceCode == "InternalError")
        #expect(failure { try client.copy(from: "src", to: "k") }?.serviceCode == "InternalError")
    }

    @Test("a multipart start without an UploadId, and a part without an ETag, are refused")
    func missingIdentifiers() throws {
        let server = try CraftedS3([.init(method: "POST", path: "/b/k", text: "<InitiateMultipartUploadResult/>"),
                                    .init(method: "PUT", path: "/b/k", text: "")])
        let client = try server.client()
        #expect(failure { _ = try client.startMultipart("k") }?.kind == .malformedAnswer)
        #expect(failure { _ = try client.uploadPart(S3MultipartUpload(key: "k", uploadID: "u"), number: 1, Data("x".utf8)) }?
            .kind == .malformedAnswer)
    }

    @Test("a HEAD with a negative Content-Length is an error (libcurl refuses the answer)")
    func headWithNegativeLength() throws {
        let server = try CraftedS3([.init(method: "HEAD", path: "/b/k", headers: ["Content-Length": "-3"])])
        #expect(failure { _ = try server.client().head("k") } != nil)
    }
}
