import Foundation
import Safetensors

/// An uploaded safetensors file (hostile): its header checked by the one strict parser, and each
/// tensor's bytes read on demand, with errors that name the file.
struct SafetensorsSource {
    /// The file's name in messages (`model.safetensors`).
    let label: String
    let handle: FileHandle
    let header: SafetensorsHeader
    /// The tensors by name.
    let entries: [String: SafetensorsEntry]

    /// Opens and checks the file at `path`.
    init(path: String, label: String) throws(HuggingFaceError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw HuggingFaceError(.unreadable, "\(label) cannot be opened")
        }
        self.label = label
        self.handle = handle
        let size = (try? handle.seekToEnd()).map { Int(clamping: $0) } ?? 0
        try? handle.seek(toOffset: 0)
        do {
            header = try SafetensorsHeader(reading: handle, fileSize: size)
        } catch {
            try? handle.close()
            throw HuggingFaceError(.malformed, "\(label) is not a valid safetensors file: \(error.message)", underlying: error)
        }
        entries = Dictionary(header.entries.map { ($0.name, $0) }) { first, _ in first }
    }

    /// The tensor names in data order.
    var names: [String] { header.entries.map(\.name) }

    /// The raw bytes of tensor `name`.
    func bytes(of name: String) throws(HuggingFaceError) -> Data {
        guard let entry = entries[name] else { throw HuggingFaceError(.mismatch, "\(label) has no tensor \"\(name.prefix(200))\"") }
        do {
            try handle.seek(toOffset: UInt64(header.dataStart + entry.byteRange.lowerBound))
            let bytes = try handle.read(upToCount: entry.byteRange.count) ?? Data()
            guard bytes.count == entry.byteRange.count else {
                throw HuggingFaceError(.malformed, "\(label) ends inside tensor \"\(name.prefix(200))\"")
            }
            return bytes
        } catch let error as HuggingFaceError {
            throw error
        } catch {
            throw HuggingFaceError(.unreadable, "\(label) cannot be read: \(error.localizedDescription)", underlying: error)
        }
    }

    func close() { try? handle.close() }
}
