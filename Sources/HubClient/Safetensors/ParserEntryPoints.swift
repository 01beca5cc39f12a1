import Foundation
import Safetensors

/// Public entry points to the client's parsers of registry answers and downloaded files, for the fuzz
/// targets (`Fuzz/`) and the replay of their regression corpus (`Tests/FuzzRegressionTests`).
public enum ParserEntryPoints {
    /// Reads and checks the safetensors header of the file at `path` as `hub pull --output` does before
    /// merging; returns how many tensors it lists.
    public static func safetensorsHeader(path: String) throws(ClientError) -> Int {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ClientError(.notFound, "cannot open \(path)")
        }
        defer { try? handle.close() }
        let size = Int64((try? handle.seekToEnd()) ?? 0)
        try? handle.seek(toOffset: 0)
        return try SafetensorsHeader.read(from: handle, label: path, fileSize: size).entries.count
    }
}
