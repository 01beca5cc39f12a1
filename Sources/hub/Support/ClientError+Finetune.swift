import Finetune
import HubClient

extension ClientError {
    /// A failure of fine-tuning, evaluation or import, with the exit code of its kind.
    init(_ error: FinetuneError) {
        self.init(CommandExitCode(error.code), error.message, advice: error.advice, cause: error)
    }
}

/// Runs a step of fine-tuning in a command, its failure becoming the command's `ClientError`.
func finetuning<Value>(_ body: () throws(FinetuneError) -> Value) throws(ClientError) -> Value {
    do { return try body() } catch { throw ClientError(error) }
}

