/// A scratch buffer owned by one layer and reused across iterations; it only grows.
package final class Workspace {
    private var pointer: UnsafeMutablePointer<Float>?
    private var capacity = 0

    /// An empty workspace (nothing allocated until the first `buffer`).
    package init() {}

    /// A buffer of at least `count` floats with unspecified contents, valid until the next call.
    package func buffer(_ count: Int) -> UnsafeMutablePointer<Float> {
        if let pointer, capacity >= count { return pointer }
        pointer?.deallocate()
        let fresh = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
        pointer = fresh
        capacity = max(count, 1)
        return fresh
    }

    /// Frees the buffer (it is allocated again on next use).
    package func release() {
        pointer?.deallocate()
        pointer = nil
        capacity = 0
    }

    deinit { pointer?.deallocate() }
}
