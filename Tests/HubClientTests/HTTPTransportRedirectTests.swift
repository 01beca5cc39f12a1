import Foundation
@testable import HubClient
import Testing

/// A registry may redirect a blob GET to its object store: the client follows, keeps its Range header,
/// and sends its token only to the registry's own origin. Two real loopback servers record what they got.
@Suite("redirects across origins")
struct HTTPTransportRedirectTests {
    @Test("a redirect to another origin is followed without the Authorization header; the Range header goes along")
    func tokenStaysHome() throws {
        let store = try CraftedRegistry([CraftedRegistry.Route("GET", "/bucket/blob", status: 206,
                                                               headers: ["Content-Range": "bytes 2-4/5"], text: "llo")])
        let registry = try CraftedRegistry([CraftedRegistry.Route("GET", "/v1/blobs/x", status: 307,
                                                                  headers: ["Location": "\(store.url)/bucket/blob?X-Amz-Signature=abc"])])
        let transport = HTTPTransport(token: "secret-token-123", settings: TransferSettings())
        let response = try transport.send(HTTPRequest("GET", "\(registry.url)/v1/blobs/x", headers: ["Range: bytes=2-"]))
        #expect(response.status == 206)
        #expect(String(decoding: response.body, as: UTF8.self) == "llo")

        let asked = try #require(registry.requests.first)
        #expect(asked.headers.first { $0.key.lowercased() == "authorization" }?.value == "Bearer secret-token-123")
        let followed = try #require(store.requests.first)
        #expect(followed.path.hasPrefix("/bucket/blob"))
        #expect(!followed.headers.keys.contains { $0.lowercased() == "authorization" })
        #expect(followed.headers.first { $0.key.lowercased() == "range" }?.value == "bytes=2-")
    }

    @Test("a redirect to the same origin keeps the token")
    func sameOriginKeepsToken() throws {
        let registry = try CraftedRegistry([
            CraftedRegistry.Route("GET", "/v1/blobs/x", status: 307, headers: ["Location": "/v1/blobs/y"]),
            CraftedRegistry.Route("GET", "/v1/blobs/y", status: 200, text: "hello"),
        ])
        let transport = HTTPTransport(token: "secret-token-123", settings: TransferSettings())
        let response = try transport.send(HTTPRequest("GET", "\(registry.url)/v1/blobs/x"))
        #expect(response.status == 200)
        let second = try #require(registry.requests.last)
        #expect(second.path == "/v1/blobs/y")
        #expect(second.headers.first { $0.key.lowercased() == "authorization" }?.value == "Bearer secret-token-123")
    }
}

extension HTTPTransportRedirectTests {
    @Test("an upload answered with a redirect is not sent on: the redirect is the answer")
    func uploadsDoNotFollow() throws {
        let elsewhere = try CraftedRegistry([CraftedRegistry.Route("PUT", "/stolen", status: 201)])
        let registry = try CraftedRegistry([CraftedRegistry.Route("PUT", "/v1/blobs/x", status: 307,
                                                                  headers: ["Location": "\(elsewhere.url)/stolen"])])
        let transport = HTTPTransport(token: "secret-token-123", settings: TransferSettings())
        let response = try transport.send(HTTPRequest("PUT", "\(registry.url)/v1/blobs/x", body: .data(Data("weights".utf8))))
        #expect(response.status == 307)
        #expect(elsewhere.requests.isEmpty)
    }
}
