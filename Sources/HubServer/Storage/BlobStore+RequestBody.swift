import ContentStore
import Hummingbird
import Manifest

extension BlobWriting {
    /// Streams a request body into the store as blob `digest`: written to a temporary file while it is
    /// hashed (never whole in memory), checked against the digest and `expectedSize` (when known) and
    /// only then renamed into place, so a wrong, short or oversized body stores nothing. Refuses more
    /// than `limit` bytes. Returns the blob's size. Errors are the API's (`RegistryError.storing`).
    func store(_ body: RequestBody, as digest: Digest, expectedSize: Int64?, limit: Int64) async throws -> Int64 {
        let writer: any BlobSink
        do {
            writer = try openWriter(expected: digest, expectedSize: expectedSize)
        } catch {
            throw RegistryError.storing(error, digest: digest)
        }
        let confined = Confined(writer)
        do {
            let size = try await BodyStreaming.stream(body, limit: limit) { buffer in
                try buffer.withUnsafeReadableBytes { bytes in try confined.value.write(bytes) }
            }
            try await Blocking.run { _ = try confined.value.finish() }
            return size
        } catch {
            writer.abandon()
            throw RegistryError.storing(error, digest: digest)
        }
    }
}
