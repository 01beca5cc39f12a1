import Foundation
import Safetensors

extension SafetensorsHeader {
    /// Reads and checks the header of the open file `handle` (`fileSize` bytes) with the one strict
    /// parser the engine also uses; a refusal names the file as `label` (e.g. the layer group and blob).
    static func read(from handle: FileHandle, label: String, fileSize: Int64) throws(ClientError) -> SafetensorsHeader {
        do {
            return try SafetensorsHeader(reading: handle, fileSize: Int(fileSize))
        } catch {
            throw ClientError(.integrity, "\(label) is not a valid safetensors file: \(error.message)")
        }
    }
}
