import Foundation

/// Where the bytes of a blob download go (the local store's partial file, `BlobFileSink`): the
/// registry client writes the checked answer into it and knows nothing else of storage.
protocol BlobDestination: AnyObject {
    /// Bytes already held, so the download asks for the rest (`Range: bytes=<bytesWritten>-`).
    var bytesWritten: Int64 { get }
    /// Drops every byte held, to write the blob again from its start.
    func restart() throws
    /// Appends the next bytes of the blob.
    func write(_ bytes: UnsafeRawBufferPointer) throws
}
