import Dispatch

/// Splits non-BLAS work (im2col, batch norm, activations, pooling, depthwise) over both cores.
///
/// BLAS calls are never made from inside these closures: OpenBLAS runs its own two threads.
package enum Parallel {
    /// The number of workers; the machines this targets have two cores.
    package static let workerCount = 2

    /// Calls `body` with disjoint sub-ranges covering `0..<count`, on up to `workerCount` threads.
    ///
    /// Work smaller than `minimumPerWorker` items per worker stays on the calling thread, where
    /// dispatch overhead would cost more than it saves.
    package static func forEachChunk(_ count: Int, minimumPerWorker: Int = 1, _ body: (Range<Int>) -> Void) {
        let workers = min(workerCount, count / max(1, minimumPerWorker))
        if workers <= 1 {
            if count > 0 { body(0..<count) }
            return
        }
        withoutActuallyEscaping(body) { escapable in
            let box = UnsafeSendableBox(escapable)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                box.value(count * worker / workers..<count * (worker + 1) / workers)
            }
        }
    }
}

/// Carries a non-Sendable closure into `concurrentPerform`; every worker gets disjoint indices.
package struct UnsafeSendableBox<Value>: @unchecked Sendable {
    package let value: Value
    package init(_ value: Value) { self.value = value }
}
