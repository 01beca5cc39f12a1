import ModelStore

extension ClientError {
    /// A failure of the local model store, with the exit code of its kind.
    public init(_ error: StoreError) {
        self.init(CommandExitCode(error.code), error.message, advice: error.advice, cause: error)
    }
}

extension CommandExitCode {
    /// The exit code of a store (or fine-tuning) failure of kind `code`.
    package init(_ code: StoreError.Code) {
        switch code {
        case .notFound: self = .notFound
        case .integrity: self = .integrity
        case .usage: self = .usage
        case .diskFull: self = .diskFull
        case .failure: self = .failure
        }
    }
}

/// Runs a step on the local model store, its failure becoming a `ClientError` of the same kind.
package func storing<Value>(_ body: () throws(StoreError) -> Value) throws(ClientError) -> Value {
    do { return try body() } catch { throw ClientError(error) }
}
