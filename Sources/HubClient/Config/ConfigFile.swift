import Foundation
import ModelStore

/// The settings saved by `hub login`: a small JSON file readable by the user only (mode 0600).
///
/// Lives at `$HUB_CONFIG` if set, else `$XDG_CONFIG_HOME/hub/config.json`, else
/// `~/.config/hub/config.json`.
public struct ConfigFile: Codable, Sendable, Equatable {
    /// `registry`: the registry's base URL.
    public var registry: String?
    /// `token`: the bearer token.
    public var token: String?
    /// `cache`: the cache directory.
    public var cache: String?

    /// A config file's content.
    public init(registry: String? = nil, token: String? = nil, cache: String? = nil) {
        self.registry = registry
        self.token = token
        self.cache = cache
    }

    /// The config file's path for this environment.
    public static func path(environment: [String: String]) -> URL {
        if let explicit = environment["HUB_CONFIG"].nonEmpty { return URL(fileURLWithPath: explicit) }
        if let xdg = environment["XDG_CONFIG_HOME"].nonEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("hub/config.json")
        }
        return ClientConfiguration.homeDirectory(environment: environment)
            .appendingPathComponent(".config/hub/config.json")
    }

    /// Reads the config file; a missing or unreadable file counts as empty.
    public static func load(environment: [String: String]) -> ConfigFile {
        guard let data = FileManager.default.contents(atPath: path(environment: environment).path),
              let file = try? JSONDecoder().decode(ConfigFile.self, from: data) else { return ConfigFile() }
        return file
    }

    /// Writes the file atomically with mode 0600 (its folder 0700), creating folders as needed.
    public func save(to url: URL) throws(ClientError) {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try AtomicFile.write(try encoder.encode(self), to: url.path, mode: 0o600)
        } catch let error as StoreError {
            throw ClientError(error)
        } catch {
            throw ClientError(.failure, "cannot write the config file \(url.path): \(error.localizedDescription)",
                              advice: "check that you may write to \(folder.path), or set HUB_CONFIG to another file")
        }
    }
}
