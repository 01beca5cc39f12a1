@testable import Engine
@testable import Finetune
import Foundation
import Testing

@Suite("Training data sets")
struct TrainingDataSetTests {
    static func makeSet(_ counts: [Int]) -> LabeledDataSet {
        var examples: [LabeledExample] = []
        for (label, count) in counts.enumerated() {
            for index in 0..<count {
                let identifier = "c\(label)/\(String(format: "%03d", index)).png"
                examples.append(LabeledExample(identifier: identifier, label: label, source: .file("/x/" + identifier)))
            }
        }
        return LabeledDataSet(name: "toy", labels: counts.indices.map { "c\($0)" }, examples: examples)
    }

    @Test func stratifiedSplitKeepsClassProportionsAndLosesNothing() {
        let data = Self.makeSet([50, 30, 20, 1])
        let (training, validation) = data.stratifiedSplit(validationFraction: 0.2, seed: 7)
        #expect(validation.classCounts == ["c0": 10, "c1": 6, "c2": 4, "c3": 0])
        #expect(training.classCounts == ["c0": 40, "c1": 24, "c2": 16, "c3": 1])
        #expect(Set(training.examples).isDisjoint(with: validation.examples))
        #expect(Set(training.examples + validation.examples) == Set(data.examples))
    }

    @Test func splitIsFixedBySeed() {
        let data = Self.makeSet([40, 40])
        let first = data.stratifiedSplit(validationFraction: 0.25, seed: 1).validation.examples
        let again = data.stratifiedSplit(validationFraction: 0.25, seed: 1).validation.examples
        let other = data.stratifiedSplit(validationFraction: 0.25, seed: 2).validation.examples
        #expect(first == again)
        #expect(first != other)
    }

    @Test func limitPerClassMakesFewShotSubsets() {
        let limited = Self.makeSet([50, 3, 20]).limited(perClass: 5, seed: 3)
        #expect(limited.classCounts == ["c0": 5, "c1": 3, "c2": 5])
        #expect(limited.examples == limited.examples.sorted { $0.identifier < $1.identifier })
    }

    @Test func seededShuffleIsAPermutationThatDependsOnTheSeed() {
        var a = Array(0..<100), b = a, c = a
        var g1 = SeededGenerator(seed: 9), g2 = SeededGenerator(seed: 9), g3 = SeededGenerator(seed: 10)
        a.seededShuffle(using: &g1); b.seededShuffle(using: &g2); c.seededShuffle(using: &g3)
        #expect(a == b && a != c && a.sorted() == Array(0..<100))
    }

    @Test func imageFolderListsClassFoldersAndIgnoresOtherFiles() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hub-folder-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for (folder, files) in [("dog", ["b.JPG", "a.png", "notes.txt", ".hidden.png"]), ("cat", ["x.jpeg"])] {
            let directory = root.appendingPathComponent(folder)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for file in files { try Data([1, 2, 3]).write(to: directory.appendingPathComponent(file)) }
        }
        try Data().write(to: root.appendingPathComponent("README"))
        let data = try ImageFolder.list(root.path)
        #expect(data.labels == ["cat", "dog"])
        #expect(data.examples.map(\.identifier) == ["cat/x.jpeg", "dog/a.png", "dog/b.JPG"])
        #expect(data.examples.map(\.label) == [0, 1, 1])
        #expect(data.classCounts == ["cat": 1, "dog": 2])
    }

    @Test func imageFolderErrorsSayWhatToDo() {
        #expect(throws: DataSetError.self) { try ImageFolder.list("/nonexistent/hub-data") }
        do {
            _ = try ImageFolder.list(FileManager.default.temporaryDirectory.path + "/../..")
        } catch {
            #expect(!error.description.isEmpty)
        }
    }
}
