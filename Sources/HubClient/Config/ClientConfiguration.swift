import Foundation

/// Where the client talks to and keeps its files, resolved from flags, the environment and the
/// config file written by `hub login`, in that order of precedence, and how it transfers
/// (`transfers`: the other `HUB_*` settings). The environment is read here, once; the operations,
/// the registry client and the transport get what they need from this value.
public struct ClientConfiguration: Sendable, Equatable {
    /// The registry used when nothing else says otherwise.
    public static let defaultRegistry = "http://127.0.0.1:8080"

    /// The registry's base URL, without a trailing slash, e.g. `http://127.0.0.1:8080`.
    public var registry: String
    /// The bearer token sent with every request, if any.
    public var token: String?
    /// The local cache directory (`HUB_CACHE`, default `~/.cache/hub`).
    public var cacheDirectory: URL
    /// Retries, parallelism, chunk size, pull cap, throttles, debug output and trusted CAs.
    public var transfers: TransferSettings

    /// A configuration with every value given (`transfers` defaults to the built-in defaults, not
    /// the environment's).
    public init(registry: String, token: String?, cacheDirectory: URL, transfers: TransferSettings = TransferSettings()) {
        self.registry = Self.normalizedRegistry(registry)
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
        self.cacheDirectory = cacheDirectory
        self.transfers = transfers
    }

    /// Resolves each setting: the flag if given, else the environment variable
    /// (`HUB_REGISTRY`, `HUB_TOKEN`, `HUB_CACHE`), else the config file, else the default; the
    /// transfer settings come from the environment alone (`TransferSettings(environment:)`).
    public static func resolve(
        registry: String? = nil, token: String? = nil, cache: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        file: ConfigFile? = nil
    ) -> ClientConfiguration {
        let stored = file ?? ConfigFile.load(environment: environment)
        let registry = registry ?? environment["HUB_REGISTRY"].nonEmpty ?? stored.registry ?? defaultRegistry
        let token = token ?? environment["HUB_TOKEN"].nonEmpty ?? stored.token
        let cachePath = cache ?? environment["HUB_CACHE"].nonEmpty ?? stored.cache
            ?? defaultCacheDirectory(environment: environment).path
        return ClientConfiguration(registry: registry, token: token,
                                   cacheDirectory: URL(fileURLWithPath: expandTilde(cachePath, environment: environment)),
                                   transfers: TransferSettings(environment: environment))
    }

    /// `$XDG_CACHE_HOME/hub`, else `~/.cache/hub`.
    public static func defaultCacheDirectory(environment: [String: String]) -> URL {
        if let xdg = environment["XDG_CACHE_HOME"].nonEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("hub")
        }
        return homeDirectory(environment: environment).appendingPathComponent(".cache/hub")
    }

    /// `$HOME`, else the user's home from the password database.
    static func homeDirectory(environment: [String: String]) -> URL {
        if let home = environment["HOME"].nonEmpty { return URL(fileURLWithPath: home) }
        return FileManager.default.homeDirectoryForCurrentUser
    }

    /// `~/x` becomes `$HOME/x`.
    static func expandTilde(_ path: String, environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        return homeDirectory(environment: environment).path + path.dropFirst()
    }

    /// Drops trailing slashes so paths can be appended with `/`.
    package static func normalizedRegistry(_ text: String) -> String {
        var text = text.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}

extension Optional where Wrapped == String {
    /// The string unless it is nil or empty.
    var nonEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }
}
