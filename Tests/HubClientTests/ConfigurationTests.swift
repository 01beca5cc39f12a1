import Foundation
@testable import HubClient
import Testing

@Suite("Client configuration")
struct ConfigurationTests {
    let file = ConfigFile(registry: "http://file:1", token: "file-token", cache: "/file/cache")

    @Test("flags override the environment, which overrides the config file")
    func precedence() {
        let environment = ["HUB_REGISTRY": "http://env:2", "HUB_TOKEN": "env-token", "HUB_CACHE": "/env/cache"]
        let fromFlags = ClientConfiguration.resolve(registry: "http://flag:3/", token: "flag-token", cache: "/flag/cache",
                                                    environment: environment, file: file)
        #expect(fromFlags == ClientConfiguration(registry: "http://flag:3", token: "flag-token",
                                                 cacheDirectory: URL(fileURLWithPath: "/flag/cache")))
        let fromEnvironment = ClientConfiguration.resolve(environment: environment, file: file)
        #expect(fromEnvironment.registry == "http://env:2")
        #expect(fromEnvironment.token == "env-token")
        #expect(fromEnvironment.cacheDirectory.path == "/env/cache")
        let fromFile = ClientConfiguration.resolve(environment: [:], file: file)
        #expect(fromFile.registry == "http://file:1")
        #expect(fromFile.token == "file-token")
        #expect(fromFile.cacheDirectory.path == "/file/cache")
    }

    @Test("defaults: loopback registry, no token, ~/.cache/hub")
    func defaults() {
        let configuration = ClientConfiguration.resolve(environment: ["HOME": "/home/someone"], file: ConfigFile())
        #expect(configuration.registry == "http://127.0.0.1:8080")
        #expect(configuration.token == nil)
        #expect(configuration.cacheDirectory.path == "/home/someone/.cache/hub")
    }

    @Test("the config file is written with mode 0600 and read back")
    func fileMode() throws {
        let directory = TestModels.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("nested/config.json")
        try file.save(to: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(ConfigFile.load(environment: ["HUB_CONFIG": path.path]) == file)
    }
}
