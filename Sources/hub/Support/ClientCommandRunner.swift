import ArgumentParser
import Foundation
import HubClient

/// Runs a client command's body: a `ClientError` is printed as `error:` / `hint:` lines on
/// standard error and becomes the documented exit code.
package enum ClientCommandRunner {
    /// Runs `body`, mapping its failure to an exit code.
    package static func run(_ body: () throws(ClientError) -> Void) throws {
        do {
            try body()
        } catch {
            printError(printable(error.description))
            throw error.code.exitCode
        }
    }

    /// `text` with control characters other than newline and tab shown as `\u{1B}`: error
    /// messages quote registry answers, whose terminal escapes must not reach the terminal.
    static func printable(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\t" || !(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)) {
                result.append(scalar)
            } else {
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            }
        }
        return String(result)
    }
}
