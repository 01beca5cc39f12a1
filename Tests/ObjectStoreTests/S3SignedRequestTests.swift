import ContentStore
import Foundation
import Manifest
@testable import ObjectStore
import Testing

/// Signatures checked by a real verifier: moto_server with its IAM checks on (`HUB_TEST_S3_SIGNED`, started by
/// `scripts/s3/with-moto.sh` with a key it made). Every operation hub uses, with and without a body, is
/// accepted with the right secret; a wrong secret is refused with S3's code. (moto's checking mode cannot
/// serve presigned URLs at all; S3PresignerTests checks them against AWS's and botocore's signatures.)
@Suite("S3 signatures against a verifying server",
       .enabled(if: ProcessInfo.processInfo.environment["HUB_TEST_S3_SIGNED"] != nil, "needs HUB_TEST_S3_SIGNED"))
struct S3SignedRequestTests {
    static func client(secret: String? = nil) throws -> S3Client {
        let environment = ProcessInfo.processInfo.environment
        let location = try S3Location(parsing: environment["HUB_TEST_S3_SIGNED"]!)
        let credentials = try S3Credentials(accessKeyID: environment["HUB_TEST_S3_SIGNED_KEY"] ?? "",
                                            secretAccessKey: secret ?? environment["HUB_TEST_S3_SIGNED_SECRET"] ?? "")
        return S3Client(location: location, credentials: credentials)
    }

    @Test("put, head, ranged get, multipart, copy and delete are accepted")
    func everyOperationIsSignedRight() throws {
        let client = try Self.client()
        try client.createBucket()
        try client.checkBucket()
        let small = Data("signed bytes & more".utf8)
        try client.put("object-a", small)
        #expect(try client.head("object-a")?.size == Int64(small.count))
        #expect(try client.get("object-a", offset: 7, length: 5) == small[7..<12])

        let big = Data((0..<(5 << 20) + 1000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let upload = try client.startMultipart("object-b")
        let first = try client.uploadPart(upload, number: 1, big.prefix(5 << 20))
        let second = try client.uploadPart(upload, number: 2, big.suffix(1000))
        try client.completeMultipart(upload, tags: [first, second])
        #expect(try client.head("object-b")?.size == Int64(big.count))
        let aborted = try client.startMultipart("object-c")
        try client.abortMultipart("object-c", uploadID: aborted.uploadID)

        try client.copy(from: "object-a", to: "object-d")
        #expect(try client.get("object-d", offset: 0, length: 100) == small)

        let tail = try client.get("object-b", offset: Int64(big.count) - 1500, length: 1500)
        #expect(tail.count == 1500 && tail == big.suffix(1500))

        for key in ["object-a", "object-b", "object-d"] { try client.delete(key) }
        #expect(try client.head("object-a") == nil)
    }

    @Test("a blob store on the verifying server stores and reads a blob of several parts")
    func blobStoreSignsItsRequests() throws {
        let client = try Self.client()
        try client.createBucket()
        let store = ObjectBlobStore(client: client)
        let data = Data((0..<(9 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 3 &+ 1) })
        let digest = try store.store(data, expected: Digest.sha256(of: data))
        #expect(try store.read(digest, offset: Int64(8 << 20) - 5, length: 10) == data[(8 << 20) - 5..<(8 << 20) + 5])
        #expect(try store.refresh(digest))
        try store.remove(digest)
    }

    @Test("a wrong secret is refused with SignatureDoesNotMatch")
    func wrongSecret() throws {
        let client = try Self.client(secret: "not-the-secret")
        do {
            try client.put("object-x", Data("x".utf8))
            Issue.record("a request signed with a wrong secret was accepted")
        } catch {
            #expect(error.kind == .accessDenied)
            #expect(error.serviceCode == "SignatureDoesNotMatch")
        }
    }
}
