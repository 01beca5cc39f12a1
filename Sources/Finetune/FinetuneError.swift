import ModelStore

/// Why a fine-tune, evaluation, prediction or checkpoint import could not go on: what failed,
/// what to do about it, and the underlying cause (a store, engine or data-set error) kept as a value.
public struct FinetuneError: Error, CustomStringConvertible, Sendable {
    /// The kind of failure: the same kinds as the store's (`notFound`, `integrity`, `usage`, `diskFull`,
    /// `failure`), so a store failure keeps its kind and `hub` maps both to exit codes with one table.
    public typealias Code = StoreError.Code

    /// The kind of failure.
    public let code: Code
    /// What failed, naming the model, data set or file concerned.
    public let message: String
    /// What the user can do about it; empty when there is nothing useful to say.
    public let advice: String
    /// The failure underneath, when there is one.
    public let underlying: (any Error & Sendable)?

    /// An error of kind `code`.
    public init(_ code: Code, _ message: String, advice: String = "", underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.advice = advice
        self.underlying = underlying
    }

    /// A failure of the local model store, with the same kind, message and advice.
    public init(_ error: StoreError) {
        self.init(error.code, error.message, advice: error.advice, underlying: error)
    }

    public var description: String {
        advice.isEmpty ? "error: \(message)" : "error: \(message)\nhint: \(advice)"
    }
}

/// Runs a step on the local model store, its failure becoming a `FinetuneError` of the same kind.
func stored<Value>(_ body: () throws(StoreError) -> Value) throws(FinetuneError) -> Value {
    do { return try body() } catch { throw FinetuneError(error) }
}
