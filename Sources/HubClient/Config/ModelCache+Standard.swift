import Foundation
import ModelStore

extension ModelCache {
    /// The cache chosen by `HUB_CACHE`, the config file, or the default `~/.cache/hub`.
    public static func standard(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ClientError) -> ModelCache {
        do {
            return try ModelCache(root: ClientConfiguration.resolve(environment: environment).cacheDirectory)
        } catch {
            throw ClientError(error)
        }
    }
}
