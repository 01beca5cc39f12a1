import Foundation
import Manifest
import Safetensors

extension MergedSafetensors {
    /// The merge of `groups`' blobs, in order, read through `blobs`: every blob's size is checked
    /// against the manifest and its header strictly (the one parser), and a tensor may appear in only
    /// one group. Only the headers are read.
    public init(groups: [WeightGroup], blobs: some BlobReading) throws(HuggingFaceError) {
        var entries: [Entry] = [], segments: [Segment] = [], metadata: [String: String] = [:]
        var owner: [String: String] = [:]
        var offset: Int64 = 0
        for group in groups {
            let header = try Self.header(of: group, blobs: blobs)
            metadata.merge(header.metadata) { first, _ in first }
            for entry in header.entries {
                if let other = owner.updateValue(group.group, forKey: entry.name) {
                    throw HuggingFaceError(.mismatch, "tensor \"\(entry.name.prefix(200))\" is in both layer group \(other) "
                        + "and layer group \(group.group)")
                }
                let length = Int64(entry.byteRange.count)
                entries.append(Entry(name: entry.name, dtype: entry.dtype.rawValue, shape: entry.shape,
                                     begin: offset, end: offset + length))
                offset += length
            }
            let dataLength = group.size - Int64(header.dataStart)
            if dataLength > 0 { segments.append(Segment(digest: group.digest, offset: Int64(header.dataStart), length: dataLength)) }
        }
        self.init(entries: entries, metadata: metadata, segments: segments)
    }

    /// A merged file over `segments` whose header lists `entries` (already laid out in data order).
    init(entries: [Entry], metadata: [String: String], segments: [Segment]) {
        self.entries = entries
        self.metadata = metadata
        self.segments = segments
        header = Data(SafetensorsHeader.encode(entries.map(\.safetensorsEntry), metadata: metadata))
    }

    /// The same data under new tensor names (`rename` maps each name; names must stay distinct).
    public func renamed(by rename: (String) -> String) throws(HuggingFaceError) -> MergedSafetensors {
        var seen = Set<String>()
        var renamed = entries
        for index in renamed.indices {
            let name = rename(renamed[index].name)
            guard seen.insert(name).inserted else {
                throw HuggingFaceError(.mismatch, "two tensors would both be named \"\(name.prefix(200))\"")
            }
            renamed[index].name = name
        }
        return MergedSafetensors(entries: renamed, metadata: metadata, segments: segments)
    }

    /// The checked header of `group`'s blob, whose size must be the manifest's.
    private static func header(of group: WeightGroup, blobs: some BlobReading) throws(HuggingFaceError) -> SafetensorsHeader {
        let label = "layer group \(group.group) (blob \(group.digest))"
        let size = try blobs.size(of: group.digest)
        guard size == group.size else {
            throw HuggingFaceError(.mismatch, "\(label) is \(size) bytes, the manifest says \(group.size)")
        }
        guard size <= Int64(Int.max) else { throw HuggingFaceError(.tooLarge, "\(label) is too large") }
        do {
            let prefix = try blobs.read(group.digest, offset: 0, length: 8)
            let length = try SafetensorsHeader.declaredLength(prefix, fileSize: Int(size))
            let json = try blobs.read(group.digest, offset: 8, length: length)
            guard json.count == length else { throw HuggingFaceError(.malformed, "\(label): the header ends early") }
            return try SafetensorsHeader(json: json, fileSize: Int(size))
        } catch let error as SafetensorsError {
            throw HuggingFaceError(.malformed, "\(label) is not a valid safetensors file: \(error.message)", underlying: error)
        } catch let error as HuggingFaceError {
            throw error
        } catch {
            throw HuggingFaceError(.unreadable, "\(label): \(error)")
        }
    }
}

extension MergedSafetensors.Entry {
    /// The entry as the safetensors encoder takes it.
    var safetensorsEntry: SafetensorsEntry {
        SafetensorsEntry(name: name, dtype: SafetensorsDType(rawValue: dtype) ?? .F32, shape: shape,
                         byteRange: Int(begin)..<Int(end))
    }
}
