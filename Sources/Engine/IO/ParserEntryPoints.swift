import Safetensors

/// In-memory entry points to the parsers of untrusted files that have no public one of their own.
///
/// They exist for the fuzz targets (`Fuzz/`) and the replay of their regression corpus
/// (`Tests/FuzzRegressionTests`); each runs the parser exactly as a real read does.
public enum ParserEntryPoints {
    /// Parses and checks the header of the safetensors file `bytes`; returns how many tensors it lists.
    public static func safetensorsHeader(_ bytes: UnsafeRawBufferPointer) throws(CheckpointError) -> Int {
        do { return try SafetensorsHeader(bytes: bytes).entries.count } catch {
            throw CheckpointError(error, path: "<fuzz input>")
        }
    }

    /// Reads the central directory of the zip archive `bytes`; returns how many entries it lists.
    public static func zipArchive(_ bytes: UnsafeRawBufferPointer) throws(CheckpointError) -> Int {
        try ZipArchive(bytes: bytes, path: "<fuzz input>").entries.count
    }

    /// Unpickles every pickle in `bytes` in turn (as a legacy checkpoint holds several); returns how many.
    public static func pickles(_ bytes: UnsafeRawBufferPointer) throws(CheckpointError) -> Int {
        var unpickler = Unpickler(bytes: bytes, path: "<fuzz input>")
        var count = 0
        while unpickler.position < bytes.count {
            _ = try unpickler.load()
            count += 1
        }
        return count
    }
}
