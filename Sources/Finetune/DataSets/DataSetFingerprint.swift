import ContentStore
import struct Crypto.SHA256
import Engine
import Foundation
import Manifest

/// The `datasets[].fingerprint` of a manifest: SHA-256 over every example's identifier
/// (relative path), the SHA-256 of its bytes and its label, so the same files with the same labels
/// give the same fingerprint on any machine, and relabelling or editing one file changes it.
///
/// The hashed text is one line per example, sorted by identifier:
/// `<identifier>\t<label name>\t<sha256 hex of the bytes>\n`.
public struct DataSetFingerprint {
    private var lines: [String] = []

    /// An empty fingerprint.
    public init() {}

    /// Adds one example by its identifier, label name and content bytes.
    public mutating func add(identifier: String, label: String, bytes: Data) {
        add(identifier: identifier, label: label, contentDigest: Digest.sha256(of: bytes))
    }

    /// Adds one example whose content digest is already known.
    public mutating func add(identifier: String, label: String, contentDigest: Digest) {
        lines.append("\(identifier)\t\(label)\t\(contentDigest.hex)\n")
    }

    /// The fingerprint of everything added.
    public func finish() -> Digest {
        var hasher = SHA256()
        for line in lines.sorted() { hasher.update(data: Data(line.utf8)) }
        return Digest(sha256Bytes: hasher.finalize())
    }

    /// The fingerprint of an image-folder data set: hashes each file (streamed).
    ///
    /// `recordBytes` supplies the bytes of `.record` examples (an IDX file's images).
    public static func of(_ dataSet: LabeledDataSet,
                          recordBytes: (Int) throws -> Data = { index in
                              throw DataSetError(path: "record \(index)", "no record reader given")
                          }) throws -> Digest {
        var fingerprint = DataSetFingerprint()
        for example in dataSet.examples {
            let label = dataSet.labels[example.label]
            switch example.source {
            case let .file(path):
                do {
                    fingerprint.add(identifier: example.identifier, label: label,
                                    contentDigest: try Digest.sha256(ofFileAt: path))
                } catch {
                    throw DataSetError(path: path, "cannot be read for the data-set fingerprint: \(error)")
                }
            case let .record(index):
                fingerprint.add(identifier: example.identifier, label: label, bytes: try recordBytes(index))
            }
        }
        return fingerprint.finish()
    }
}
