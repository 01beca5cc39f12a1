import ContentStore
import Foundation
import Manifest

extension SafetensorsHeader {
    /// Largest number taken from a header: JSON numbers are doubles, exact only up to 2^53.
    static let largestExactNumber: Int64 = 1 << 53

    /// `__metadata__`: an object of strings.
    static func metadataStrings(_ value: JSONValue, bad: (String) -> ClientError) throws(ClientError) -> [String: String] {
        guard case let .object(pairs) = value else { throw bad("__metadata__ is not an object of strings") }
        var metadata: [String: String] = [:]
        for (key, item) in pairs {
            guard let text = item.stringValue else { throw bad("__metadata__.\(key) is not a string") }
            metadata[key] = text
        }
        return metadata
    }

    /// One tensor's entry: a known dtype, a shape of whole non-negative numbers, and offsets
    /// whose span is exactly the shape's element count times the dtype's size.
    static func entry(_ name: String, _ value: JSONValue, bad: (String) -> ClientError) throws(ClientError) -> Entry {
        let tensor = "tensor \"\(name.prefix(200))\""
        guard let dtype = value["dtype"]?.stringValue, let elementSize = SafetensorsDType.byteSizes[dtype] else {
            throw bad("\(tensor) has dtype \(short(value["dtype"])), not a safetensors dtype")
        }
        guard let dimensions = value["shape"]?.arrayValue, dimensions.count <= 64 else {
            throw bad("\(tensor) has no shape, or one of more than 64 dimensions")
        }
        var shape: [Int] = []
        var elements: Int64 = 1
        for dimension in dimensions {
            guard let size = exactNumber(dimension) else {
                throw bad("\(tensor) has shape \(short(.array(dimensions))): each dimension must be a whole "
                    + "number from 0 to 2^53")
            }
            let (product, overflow) = elements.multipliedReportingOverflow(by: size)
            guard !overflow else { throw bad("\(tensor) has shape \(short(.array(dimensions))): more than 2^63 elements") }
            elements = product
            shape.append(Int(size))
        }
        guard let offsets = value["data_offsets"]?.arrayValue, offsets.count == 2,
              let begin = exactNumber(offsets[0]), let end = exactNumber(offsets[1]), begin <= end else {
            throw bad("\(tensor) has data_offsets \(short(value["data_offsets"])): expected two whole "
                + "numbers 0 <= begin <= end <= 2^53")
        }
        let (bytes, overflow) = elements.multipliedReportingOverflow(by: elementSize)
        guard !overflow, bytes == end - begin else {
            throw bad("\(tensor) of dtype \(dtype) and shape \(shape) needs "
                + (overflow ? "more than 2^63" : ByteFormat.grouped(bytes)) + " bytes, its data_offsets span "
                + ByteFormat.grouped(end - begin))
        }
        return Entry(name: name, dtype: dtype, shape: shape, begin: begin, end: end)
    }

    /// Sorts `entries` by offset and checks that they cover the data section exactly, in order,
    /// with no gap or overlap.
    static func checkTiling(_ entries: inout [Entry], dataSize: Int64, bad: (String) -> ClientError) throws(ClientError) {
        entries.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var position: Int64 = 0
        for entry in entries {
            guard entry.end <= dataSize else {
                throw bad("tensor \"\(entry.name.prefix(200))\" has data_offsets [\(entry.begin), \(entry.end)], past the "
                    + "end of the \(dataSize)-byte data section")
            }
            guard entry.begin == position else {
                let problem = entry.begin < position ? "overlaps the tensor before it" : "leaves a gap before it"
                throw bad("tensor \"\(entry.name.prefix(200))\" at bytes \(entry.begin)-\(entry.end) \(problem) "
                    + "(expected it at \(position))")
            }
            position = entry.end
        }
        guard position == dataSize else {
            throw bad("the tensors cover \(position) of \(dataSize) bytes of the data section")
        }
    }

    /// A value as short JSON text for messages, `(none)` when absent.
    private static func short(_ value: JSONValue?) -> String {
        guard let value else { return "(none)" }
        guard let data = try? CanonicalJSON.encode(value) else { return "(not JSON)" }
        let text = String(decoding: data, as: UTF8.self)
        return text.count > 80 ? String(text.prefix(77)) + "..." : text
    }

    /// A JSON number that is a whole number from 0 to 2^53, else nil.
    private static func exactNumber(_ value: JSONValue) -> Int64? {
        guard let number = value.numberValue, let whole = Int64(exactly: number),
              whole >= 0, whole <= largestExactNumber else { return nil }
        return whole
    }
}
