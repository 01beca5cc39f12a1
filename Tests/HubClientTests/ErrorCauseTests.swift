import ContentStore
import Foundation
@testable import HubClient
import Manifest
import Testing

/// Errors keep the error underneath them as a value, while the message users see stays as it was.
@Suite("errors keep their cause")
struct ErrorCauseTests {
    @Test("an unreachable registry: the client error keeps the transport's error, which keeps libcurl's code")
    func unreachable() throws {
        var settings = TransferSettings()
        settings.retry = RetryPolicy.standard(attempts: 2)
        let client = RegistryClient(configuration: ClientConfiguration(
            registry: "http://127.0.0.1:1", token: nil, cacheDirectory: URL(fileURLWithPath: "/"), transfers: settings))
        let error = #expect(throws: ClientError.self) { try client.search(SearchQuery(text: "x")) }
        #expect(error?.code == .unreachable)
        #expect(error?.message.hasPrefix("cannot reach the registry at http://127.0.0.1:1: ") == true)
        let transfer = try #require(error?.cause as? TransferError)
        #expect(transfer.kind == .network && transfer.tries == 2)
        #expect(error?.message.hasSuffix(transfer.triesNote) == true)
        let curl = try #require(transfer.underlying as? CurlFailure)
        #expect(curl.code == 7, "CURLE_COULDNT_CONNECT, got \(curl.code): \(curl)")
    }

    @Test("a store error keeps its code and message")
    func storage() {
        let store = BlobStoreError(.diskFull, "cannot write x: No space left on device", path: "x")
        let error = ClientError(store)
        #expect(error.code == .diskFull && error.message == store.message)
        #expect(error.cause as? BlobStoreError == store)
        #expect(error.with(advice: "other").cause as? BlobStoreError == store)
    }

    @Test("a failed blob download reports the store's mismatch and keeps it")
    func downloadFailure() throws {
        let client = RegistryClient(configuration: ClientConfiguration(
            registry: "http://127.0.0.1:1", token: nil, cacheDirectory: URL(fileURLWithPath: "/")))
        let job = BlobFetcher.Job(digest: Digest.sha256(of: Data("x".utf8)), size: 1, label: "head", model: "tests/base")
        let mismatch = BlobStoreError(.digestMismatch, "blob hashes to sha256:00…", path: "x")
        let error = BlobFetcher.clientError(.storage(mismatch), job: job, client: client)
        #expect(error.code == .integrity && error.message.contains("(head of tests/base)")
            && error.message.contains("failed verification twice"))
        #expect(error.cause as? BlobStoreError == mismatch)
    }
}
