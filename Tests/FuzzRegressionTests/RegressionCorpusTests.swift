import Foundation
import FuzzEntryPoints
import Testing

/// Replays, on the normal build, every input that once crashed a fuzz target (`Fuzz/regressions/<target>/`)
/// and every seed (`Fuzz/seeds/<target>/`), through the same entry points the libFuzzer targets call.
@Suite("Fuzz regression corpus")
struct RegressionCorpusTests {
    static let fuzzFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    @Test("no input of the regression corpus or the seeds crashes its target or breaks a property",
          arguments: FuzzTarget.allCases)
    func replay(_ target: FuzzTarget) throws {
        let inputs = Self.files(in: "regressions", target) + Self.files(in: "seeds", target)
        #expect(!inputs.isEmpty, "Fuzz/seeds/\(target.rawValue) holds no seed")
        for input in inputs {
            let bytes = try Data(contentsOf: input)
            let failure = bytes.withUnsafeBytes { buffer -> FuzzFailure? in
                do {
                    try target.run(buffer)
                    return nil
                } catch {
                    return error as? FuzzFailure ?? FuzzFailure("\(error)")
                }
            }
            #expect(failure == nil, "Fuzz/…/\(target.rawValue)/\(input.lastPathComponent): \(failure?.message ?? "")")
        }
    }

    @Test("every corpus folder names a fuzz target")
    func foldersNameTargets() throws {
        let names = Set(FuzzTarget.allCases.map(\.rawValue))
        for corpus in ["regressions", "seeds", "pending"] {
            let folder = Self.fuzzFolder.appendingPathComponent(corpus)
            let children = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for child in children where !child.hasPrefix(".") && child != "README.md" {
                #expect(names.contains(child), "Fuzz/\(corpus)/\(child) is not a fuzz target")
            }
        }
    }

    static func files(in corpus: String, _ target: FuzzTarget) -> [URL] {
        let folder = fuzzFolder.appendingPathComponent(corpus).appendingPathComponent(target.rawValue)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
    }
}
