import StrictJSON

extension SafetensorsHeader {
    /// Largest number taken from a header: JSON numbers are doubles, exact only up to 2^53.
    static let largestExactNumber = 1 << 53

    /// `__metadata__`: an object of strings.
    static func metadataStrings(_ value: JSONValue) throws(SafetensorsError) -> [String: String] {
        guard case let .object(pairs) = value else { throw malformed("__metadata__ is not an object of strings") }
        var metadata: [String: String] = [:]
        for (key, item) in pairs {
            guard let text = item.stringValue else { throw malformed("__metadata__.\(key) is not a string") }
            metadata[key] = text
        }
        return metadata
    }

    /// One tensor's entry: a dtype hub reads, a shape of whole non-negative numbers within the limits, and
    /// offsets whose span is exactly the shape's element count times the dtype's size.
    static func entry(_ name: String, _ value: JSONValue, limits: SafetensorsLimits) throws(SafetensorsError) -> SafetensorsEntry {
        let tensor = "tensor \"\(name.prefix(200))\""
        guard let dtypeName = value["dtype"]?.stringValue else {
            throw malformed("\(tensor) has dtype \(short(value["dtype"])), not a safetensors dtype")
        }
        guard let dtype = SafetensorsDType(rawValue: dtypeName) else {
            throw SafetensorsError(.unsupported, "\(tensor) has dtype \(dtypeName.prefix(40)), which hub does not read "
                + "(it reads \(SafetensorsDType.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let shape = try self.shape(of: value, tensor: tensor, limits: limits)
        guard let offsets = value["data_offsets"]?.arrayValue, offsets.count == 2,
              let begin = exactNumber(offsets[0]), let end = exactNumber(offsets[1]), begin <= end else {
            throw malformed("\(tensor) has data_offsets \(short(value["data_offsets"])): expected two whole "
                + "numbers 0 <= begin <= end <= 2^53")
        }
        let elements = shape.reduce(1, *)
        let (bytes, overflow) = elements.multipliedReportingOverflow(by: dtype.byteSize)
        guard !overflow, bytes == end - begin else {
            throw malformed("\(tensor) of dtype \(dtypeName) and shape \(shape) needs \(bytes) bytes, its data_offsets span \(end - begin)")
        }
        return SafetensorsEntry(name: name, dtype: dtype, shape: shape, byteRange: begin..<end)
    }

    /// The shape: at most `maximumDimensions` whole numbers from 0 to 2^53 whose product (even beside a
    /// zero dimension) stays within `maximumTensorElements`.
    private static func shape(of value: JSONValue, tensor: String, limits: SafetensorsLimits) throws(SafetensorsError) -> [Int] {
        guard let dimensions = value["shape"]?.arrayValue else { throw malformed("\(tensor) has no shape") }
        guard dimensions.count <= limits.maximumDimensions else {
            throw SafetensorsError(.refused, "\(tensor) has \(dimensions.count) dimensions, more than the limit of \(limits.maximumDimensions)")
        }
        var shape: [Int] = []
        var nonZero = 1
        for dimension in dimensions {
            guard let size = exactNumber(dimension) else {
                throw malformed("\(tensor) has shape \(short(.array(dimensions))): each dimension must be a whole number from 0 to 2^53")
            }
            let (product, overflow) = nonZero.multipliedReportingOverflow(by: max(size, 1))
            guard !overflow else {
                throw malformed("\(tensor) has shape \(short(.array(dimensions))), whose element count overflows")
            }
            nonZero = product
            shape.append(size)
        }
        let count = shape.contains(0) ? 0 : nonZero
        guard count <= limits.maximumTensorElements else {
            throw SafetensorsError(.refused, "\(tensor) has shape \(shape): \(count) elements, more than the limit of "
                + "\(limits.maximumTensorElements)")
        }
        return shape
    }

    /// Sorts `entries` by offset and checks that they cover the data section exactly, in order,
    /// with no gap or overlap.
    static func checkTiling(_ entries: inout [SafetensorsEntry], dataSize: Int) throws(SafetensorsError) {
        entries.sort { ($0.byteRange.lowerBound, $0.byteRange.upperBound, $0.name) < ($1.byteRange.lowerBound, $1.byteRange.upperBound, $1.name) }
        var position = 0
        for entry in entries {
            let tensor = "tensor \"\(entry.name.prefix(200))\""
            guard entry.byteRange.upperBound <= dataSize else {
                throw malformed("\(tensor) has data_offsets [\(entry.byteRange.lowerBound), \(entry.byteRange.upperBound)], "
                    + "past the end of the \(dataSize)-byte data section (file truncated?)")
            }
            guard entry.byteRange.lowerBound == position else {
                let problem = entry.byteRange.lowerBound < position ? "overlaps the tensor before it" : "leaves a gap before it"
                throw malformed("\(tensor) at bytes \(entry.byteRange.lowerBound)-\(entry.byteRange.upperBound) \(problem) "
                    + "(expected it at \(position))")
            }
            position = entry.byteRange.upperBound
        }
        guard position == dataSize else {
            throw malformed("the tensors cover \(position) of \(dataSize) bytes of the data section")
        }
    }

    private static func malformed(_ message: String) -> SafetensorsError { SafetensorsError(.malformed, message) }

    /// A value as short JSON text for messages, `(none)` when absent.
    private static func short(_ value: JSONValue?) -> String {
        guard let value else { return "(none)" }
        guard let data = try? CanonicalJSON.encode(value) else { return "(not JSON)" }
        let text = String(decoding: data, as: UTF8.self)
        return text.count > 80 ? String(text.prefix(77)) + "..." : text
    }

    /// A JSON number that is a whole number from 0 to 2^53, else nil.
    private static func exactNumber(_ value: JSONValue) -> Int? {
        guard let number = value.numberValue, let whole = Int(exactly: number),
              whole >= 0, whole <= largestExactNumber else { return nil }
        return whole
    }
}
