import ContentStore
import Foundation
import HubTestSupport
@testable import HubClient
import Manifest
@testable import ModelStore
import Testing

/// `https://` registries: the real `hub` binary through a TLS-terminating relay
/// (`scripts/test/tls_relay.py`, standing in for nginx or Caddy) in front of a real `hub serve`,
/// with a certificate made by `openssl req` for 127.0.0.1.
@Suite("https registries")
final class HTTPSTests {
    let registry: TestRegistry
    let relay: Process
    let httpsURL: String
    let certificate: URL

    init() throws {
        registry = try TestRegistry()
        let directory = registry.directory
        certificate = directory.appendingPathComponent("registry-cert.pem")
        let key = directory.appendingPathComponent("registry-key.pem")
        let made = try HubProcess.run(
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
             "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.path, "-out", certificate.path],
            environment: ProcessInfo.processInfo.environment, directory: directory, executable: "/usr/bin/openssl")
        try #require(made.status == 0, "openssl req failed: \(made.stderr)")
        let port = try #require(URL(string: registry.url)?.port)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/test/tls_relay.py").path
        let (process, out, _) = try HubProcess.start([script, certificate.path, key.path, String(port)],
                                                     environment: ProcessInfo.processInfo.environment,
                                                     directory: directory, executable: "/usr/bin/python3")
        relay = process
        httpsURL = "https://127.0.0.1:" + (try Self.waitForPort(out, process: process))
    }

    deinit {
        // SIGKILL: the test runner's blocked signals are inherited, and Python keeps SIGTERM blocked.
        kill(relay.processIdentifier, SIGKILL)
        relay.waitUntilExit()
    }

    static func waitForPort(_ file: URL, process: Process) throws -> String {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let text = HubProcess.read(file)
            if let line = text.split(separator: "\n").first, Int(line) != nil { return String(line) }
            guard process.isRunning else { break }
            usleep(20_000)
        }
        throw ClientError(.failure, "the TLS relay did not start")
    }

    @Test("push and pull over https with the registry's CA in HUB_CA_BUNDLE: byte-identical")
    func pushAndPullOverHTTPS() throws {
        let base = TestModels.base()
        try ModelCache(root: registry.cachePath("publisher")).saveLocal(manifest: base.manifest, blobs: base.blobs)
        let trusted = ["HUB_REGISTRY": httpsURL, "HUB_CA_BUNDLE": certificate.path]
        try registry.hubOK(["push", "tests/base"], cache: "publisher", token: registry.token, extra: trusted)
        let output = try registry.hubOK(["pull", "tests/base", "--json"], extra: trusted)
        let report = try JSONDecoder().decode(PullReport.self, from: Data(output.utf8))
        #expect(report.bytesReceived == base.manifest.totalWeightBytes)
        let cache = try ModelCache(root: registry.cachePath("cache"))
        for (group, blob) in zip(base.manifest.weights, base.blobs) {
            #expect(FileManager.default.contents(atPath: cache.blobPath(group.digest)) == blob)
        }
        #expect(try registry.hubOK(["search", "base"], extra: trusted).contains("tests/base"))
    }

    @Test("an untrusted certificate is refused with a message pointing at HUB_CA_BUNDLE")
    func untrustedCertificate() throws {
        let result = try registry.hub(["search", "base"], extra: ["HUB_REGISTRY": httpsURL])
        #expect(result.status == 5)
        #expect(result.stderr.contains("no trusted TLS connection to the registry at \(httpsURL)"))
        #expect(result.stderr.contains("certificate"))
        #expect(result.stderr.contains("HUB_CA_BUNDLE"))
    }
}
