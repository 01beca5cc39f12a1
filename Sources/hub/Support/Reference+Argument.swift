import ArgumentParser
import Manifest

extension Reference {
    /// Parses a model reference given on the command line (an `@Argument`'s or `@Option`'s `transform`): a bad
    /// one fails parsing with the reason and a hint, exit code 64, before the command runs.
    static func argument(_ text: String) throws -> Reference {
        do {
            return try Reference(parsing: text)
        } catch {
            throw ValidationError(error.description,
                                  hint: "references look like name, namespace/name:tag or name@sha256:<64 hex>")
        }
    }
}
