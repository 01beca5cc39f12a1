import ArgumentParser
import Foundation
import RegistryAPI

/// `hub login`: Save the registry address and your token for later commands.
public struct LoginCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Save the registry address and your token for later commands.",
        discussion: "Writes them to ~/.config/hub/config.json (or $HUB_CONFIG), readable by you only "
            + "(mode 0600). Flags and HUB_REGISTRY / HUB_TOKEN / HUB_CACHE still override it.")

    /// Registry, token, cache, quiet.
    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run() async throws {
        try ClientCommandRunner.run { () throws(ClientError) in
            let environment = ProcessInfo.processInfo.environment
            guard global.registry != nil || global.token != nil || global.cache != nil else {
                throw ClientError(.usage, "nothing to save", advice: "run `hub login --registry URL --token TOKEN`")
            }
            var file = ConfigFile.load(environment: environment)
            if let registry = global.registry { file.registry = ClientConfiguration.normalizedRegistry(registry) }
            if let token = global.token { file.token = token }
            if let cache = global.cache { file.cache = cache }
            let path = ConfigFile.path(environment: environment)
            try file.save(to: path)
            let registry = file.registry ?? ClientConfiguration.defaultRegistry
            print("Saved registry \(DebugLog.redacted(url: registry))\(file.token == nil ? "" : " and token") to \(path.path)")
            let client = RegistryClient(configuration: ClientConfiguration(
                registry: registry, token: file.token, cacheDirectory: URL(fileURLWithPath: "/"),
                transfers: TransferSettings(environment: environment)))
            do throws(ClientError) {
                _ = try client.send(HTTPRequest("GET", client.url(Route.health.path())), subject: "checking the saved settings")
            } catch {
                printError("warning: \(error.message)")
            }
        }
    }
}
