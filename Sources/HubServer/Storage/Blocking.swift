import Foundation

/// Runs blocking work (disk writes, hashing, renames) on Dispatch threads, never on a NIO event loop.
enum Blocking {
    private static let queue = DispatchQueue(label: "hub.blocking", attributes: .concurrent)

    /// Runs `body` on a blocking-work thread and returns its result.
    static func run<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Swift.Result { try body() }) }
        }
    }
}

/// Carries a non-Sendable value (a `BlobWriter`, a file) into blocking work that is the only user
/// of it at any time: each call is awaited before the next starts.
struct Confined<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
