import Foundation
import Manifest

extension MergedSafetensors {
    /// One piece of a byte range of a file laid out as bytes held in hand followed by runs of blobs.
    public enum Piece: Hashable, Sendable {
        /// Bytes held in hand (part of the header, or of a small file kept whole).
        case bytes(Data)
        /// `length` bytes of blob `digest` from `offset`.
        case blob(digest: Digest, offset: Int64, length: Int64)
    }

    /// The pieces that make up bytes `range` of the file (clamped to the file), in order: what a
    /// server streams for a `Range` request.
    public func pieces(in range: Range<Int64>) -> [Piece] {
        Self.pieces(prefix: header, segments: segments, in: range.clamped(to: 0..<size))
    }

    /// The pieces of bytes `range` of a file that is `prefix` followed by `segments` (a merged
    /// safetensors file as stored by a registry; a small file is a prefix with no segments). `range`
    /// must lie within the file.
    public static func pieces(prefix: Data, segments: [Segment], in range: Range<Int64>) -> [Piece] {
        guard !range.isEmpty else { return [] }
        var pieces: [Piece] = []
        let prefixLength = Int64(prefix.count)
        if range.lowerBound < prefixLength {
            pieces.append(.bytes(prefix.subdata(in: Int(range.lowerBound)..<Int(min(range.upperBound, prefixLength)))))
        }
        var start = prefixLength
        for segment in segments {
            let overlap = range.clamped(to: start..<(start + segment.length))
            if !overlap.isEmpty {
                pieces.append(.blob(digest: segment.digest, offset: segment.offset + overlap.lowerBound - start,
                                    length: Int64(overlap.count)))
            }
            start += segment.length
        }
        return pieces
    }

    /// Calls `body` with the bytes of `range` in order, at most `chunkSize` at a time.
    public func forEachChunk(
        in range: Range<Int64>, blobs: some BlobReading, chunkSize: Int = 4 << 20,
        _ body: (Data) throws(HuggingFaceError) -> Void
    ) throws(HuggingFaceError) {
        for piece in pieces(in: range) {
            switch piece {
            case let .bytes(bytes):
                try body(bytes)
            case let .blob(digest, offset, length):
                var done: Int64 = 0
                while done < length {
                    let count = Int(min(length - done, Int64(max(chunkSize, 1))))
                    let bytes = try blobs.read(digest, offset: offset + done, length: count)
                    guard bytes.count == count else {
                        throw HuggingFaceError(.unreadable, "blob \(digest) ends before byte \(offset + done + Int64(count))")
                    }
                    try body(bytes)
                    done += Int64(count)
                }
            }
        }
    }

    /// The bytes of `range` (clamped to the file), read into memory.
    public func bytes(in range: Range<Int64>, blobs: some BlobReading) throws(HuggingFaceError) -> Data {
        var result = Data()
        try forEachChunk(in: range, blobs: blobs) { (chunk: Data) throws(HuggingFaceError) in result.append(chunk) }
        return result
    }

    /// The SHA-256 of the whole file, in lowercase hex (reads every segment once).
    public func sha256(blobs: some BlobReading) throws(HuggingFaceError) -> String {
        var hash = ContentHash()
        try forEachChunk(in: 0..<size, blobs: blobs) { (chunk: Data) throws(HuggingFaceError) in hash.update(chunk) }
        return hash.finalizeHex()
    }

    /// The SHA-256 (hex) of each of `files`, which share one data region (a file and its `renamed`
    /// variants), reading the blobs once.
    public static func sha256(of files: [MergedSafetensors], blobs: some BlobReading) throws(HuggingFaceError) -> [String] {
        guard let first = files.first else { return [] }
        precondition(files.allSatisfy { $0.segments == first.segments }, "the files must share their data region")
        var hashes = files.map { file in
            var hash = ContentHash()
            hash.update(file.header)
            return hash
        }
        let dataStart = Int64(first.header.count)
        try first.forEachChunk(in: dataStart..<first.size, blobs: blobs) { (chunk: Data) throws(HuggingFaceError) in
            for index in hashes.indices { hashes[index].update(chunk) }
        }
        return hashes.map { $0.finalizeHex() }
    }

    /// Writes the whole file to `path` through `path.partial`, renamed into place once synced.
    public func write(to path: String, blobs: some BlobReading) throws(HuggingFaceError) {
        let temporary = path + ".partial"
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let output = FileHandle(forWritingAtPath: temporary) else {
            throw HuggingFaceError(.unreadable, "cannot create \(temporary)")
        }
        do throws(HuggingFaceError) {
            try forEachChunk(in: 0..<size, blobs: blobs) { (chunk: Data) throws(HuggingFaceError) in
                do { try output.write(contentsOf: chunk) } catch {
                    throw HuggingFaceError(.unreadable, "cannot write \(path): \(error.localizedDescription)",
                                           underlying: error)
                }
            }
            do { try output.synchronize(); try output.close() } catch {
                throw HuggingFaceError(.unreadable, "cannot write \(path): \(error.localizedDescription)",
                                       underlying: error)
            }
        } catch {
            try? output.close()
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw HuggingFaceError(.unreadable, "cannot move \(temporary) to \(path): \(String(cString: strerror(errno)))")
        }
    }
}
