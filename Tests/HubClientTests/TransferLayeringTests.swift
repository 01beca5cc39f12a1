import Foundation
import Testing

/// The client's transfers go one way: operations → registry client → transport. These checks read
/// the sources, so a shortcut back through the layers fails here rather than in a review.
@Suite("client layers call in one direction")
struct TransferLayeringTests {
    static let client = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/HubClient")

    /// The code of one folder's Swift sources (comment lines left out), by file name.
    static func sources(_ folder: String) throws -> [String: String] {
        let directory = client.appendingPathComponent(folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".swift") }
        #expect(!names.isEmpty, "no sources in \(directory.path)")
        return try Dictionary(uniqueKeysWithValues: names.map {
            ($0, code(try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8)))
        })
    }

    /// `text` without its comment lines.
    static func code(_ text: String) -> String {
        text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
            .joined(separator: "\n")
    }

    @Test("the transport knows nothing of storage or of the registry's protocol")
    func transport() throws {
        for (name, text) in try Self.sources("Transport") {
            #expect(!text.contains("import ContentStore") && !text.contains("import Manifest"), "\(name) imports storage")
            #expect(!text.contains("BlobStore") && !text.contains("BlobWriter"), "\(name) names the blob store")
            #expect(!text.contains("/v1/"), "\(name) spells a registry route")
        }
    }

    @Test("operations call the registry client, never the transport, and read no environment")
    func operations() throws {
        for (name, text) in try Self.sources("Operations") {
            for shortcut in ["transport", "HTTPTransport", "HTTPRequest(", "/v1/", "ProcessInfo.processInfo.environment"] {
                #expect(!text.contains(shortcut), "\(name) uses \(shortcut)")
            }
        }
    }

    @Test("the registry client and the transport read no environment: the configuration brings every setting")
    func environment() throws {
        for folder in ["Registry", "Transport"] {
            for (name, text) in try Self.sources(folder) {
                #expect(!text.contains("ProcessInfo.processInfo.environment") && !text.contains("getenv("),
                        "\(folder)/\(name) reads the environment")
            }
        }
    }
}
