import ModelStore

extension ClientError {
    /// A failure of the local model store, with the exit code of its kind.
    public init(_ error: StoreError) {
        let code: CommandExitCode
        switch error.code {
        case .notFound: code = .notFound
        case .integrity: code = .integrity
        case .usage: code = .usage
        case .diskFull: code = .diskFull
        case .failure: code = .failure
        }
        self.init(code, error.message, advice: error.advice, cause: error)
    }
}

/// Runs a step on the local model store, its failure becoming a `ClientError` of the same kind.
package func storing<Value>(_ body: () throws(StoreError) -> Value) throws(ClientError) -> Value {
    do { return try body() } catch { throw ClientError(error) }
}
