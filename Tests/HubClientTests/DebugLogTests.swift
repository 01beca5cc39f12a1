import Foundation
import HubTestSupport
@testable import HubClient
import Testing

/// What `HUB_DEBUG` lines and error messages show of secrets: nothing.
@Suite("secrets are redacted in debug lines and messages")
struct DebugLogTests {
    @Test("header values of Authorization, Proxy-Authorization and cookies are redacted, the scheme kept",
          arguments: [("Authorization: Bearer abc.def", "Authorization: Bearer <redacted>"),
                      ("authorization: abc", "authorization: <redacted>"),
                      ("Proxy-Authorization: Basic dTpw", "Proxy-Authorization: Basic <redacted>"),
                      ("Cookie: session=1", "Cookie: <redacted>"),
                      ("Set-Cookie: session=1; Path=/", "Set-Cookie: <redacted>"),
                      ("Content-Type: application/json", "Content-Type: application/json")])
    func headers(line: String, shown: String) {
        #expect(DebugLog.redacted(header: line) == shown)
    }

    @Test("a password in the registry URL and token-like query values are redacted")
    func urls() {
        #expect(DebugLog.redacted(url: "http://alice:s3cret@127.0.0.1:8080/v1/search?q=x")
            == "http://alice:<redacted>@127.0.0.1:8080/v1/search?q=x")
        #expect(DebugLog.redacted(url: "https://h/v1/blobs/x?token=abc&q=1") == "https://h/v1/blobs/x?token=<redacted>&q=1")
        #expect(DebugLog.redacted(url: "http://127.0.0.1:8080/v1/search?q=token") == "http://127.0.0.1:8080/v1/search?q=token")
    }

    @Test("a registry URL with a password never reaches an error message")
    func registryPasswordInErrors() throws {
        let directory = TestModels.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try HubProcess.run(["search", "x"], environment: [
            "PATH": "/usr/bin:/bin", "HOME": directory.path, "HUB_CONFIG": directory.appendingPathComponent("c").path,
            "HUB_CACHE": directory.appendingPathComponent("cache").path, "HUB_RETRIES": "1", "HUB_DEBUG": "1",
            "HUB_REGISTRY": "http://alice:s3cret@127.0.0.1:1",
        ], directory: directory)
        #expect(result.status == CommandExitCode.unreachable.rawValue, "\(result.stderr)")
        #expect(!result.stderr.contains("s3cret") && result.stderr.contains("alice:<redacted>@"), "\(result.stderr)")
    }
}
