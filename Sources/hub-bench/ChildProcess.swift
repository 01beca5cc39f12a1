import Foundation

/// Runs a program to completion with its standard error passed through and its standard output
/// captured: how `hub-bench engine` gets each measurement from a fresh process.
enum ChildProcess {
    /// A child that could not be started or exited unsuccessfully.
    struct Failure: Error, CustomStringConvertible {
        /// The command line, for the message.
        var command: String
        /// What went wrong.
        var reason: String
        var description: String { "\(command): \(reason)" }
    }

    /// Runs `executable` with `arguments`; returns its standard output, or throws when it exits non-zero.
    static func run(_ executable: String, _ arguments: [String], quietErrors: Bool = false) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        if quietErrors { process.standardError = FileHandle.nullDevice }
        let command = ([executable] + arguments).joined(separator: " ")
        do { try process.run() } catch { throw Failure(command: command, reason: "could not start (\(error))") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(command: command, reason: "exited with status \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Decodes the last line of `output` as JSON.
    static func decodeLastLine<Value: Decodable>(_ type: Value.Type, from output: String, command: String) throws -> Value {
        guard let line = output.split(separator: "\n").last else {
            throw Failure(command: command, reason: "printed nothing")
        }
        do { return try JSONDecoder().decode(type, from: Data(line.utf8)) } catch {
            throw Failure(command: command, reason: "printed \"\(line)\", not the expected JSON (\(error))")
        }
    }
}
