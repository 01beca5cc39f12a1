import Foundation
import Manifest
import Testing

/// Every number in a manifest converts to an `Int` exactly, and sums and products of them cannot
/// overflow: out-of-range values are issues at their JSON path, never a trap in a reader.
@Suite("manifest number limits")
struct ManifestNumberLimitTests {
    func issues(_ change: (inout [String: Any]) -> Void) -> [String] {
        var object = ManifestExamples.fineTunedJSON
        change(&object)
        return ManifestValidator.issues(in: ManifestExamples.data(object)).map(\.description)
    }

    func input(_ object: inout [String: Any], _ change: (inout [String: Any]) -> Void) {
        var input = object["input"] as! [String: Any]
        change(&input)
        object["input"] = input
    }

    @Test("weight sizes may add up to at most 2^53 - 1 bytes")
    func weightSum() {
        let found = issues { object in
            var weights = object["weights"] as! [[String: Any]]
            weights[0]["size"] = 9_007_199_254_740_991 as Int64
            weights[1]["size"] = 1
            object["weights"] = weights
        }
        #expect(found == ["weights[1].size: the weight sizes up to here add up to more than 9007199254740991 bytes, "
            + "the most a manifest may describe"])
    }

    @Test("a decoded manifest's total weight bytes never overflow")
    func totalWeightBytes() {
        var manifest = ManifestExamples.fineTuned
        manifest.weights[0].size = .max
        #expect(manifest.totalWeightBytes == .max)
        #expect(manifest.validationIssues().map(\.path) == ["weights[0].size"])
    }

    @Test("input shapes are bounded per side and in their product")
    func inputShape() {
        #expect(issues { input(&$0) { $0["shape"] = [3, 1e15, 1e15] } }.contains(
            "input.shape[1]: expected an integer from 1 to 16384, got 1000000000000000"))
        #expect(issues { input(&$0) { $0["shape"] = [3, 8_192, 8_192] } }.contains(
            "input.shape: expected at most 67108864 values per input (channels * height * width), got [3, 8192, 8192]"))
        #expect(issues { input(&$0) { input in
            var preprocessing = input["preprocessing"] as! [String: Any]
            preprocessing["resizeShortSide"] = 1e300
            input["preprocessing"] = preprocessing
        } } == ["input.preprocessing.resizeShortSide: expected an integer from 1 to 16384, got 1e+300"])
    }

    @Test("counts are integers at their own path, whatever the label")
    func classCounts() {
        let found = issues { object in
            var datasets = object["datasets"] as! [[String: Any]]
            datasets[0]["classCounts"] = ["t-shirt": 1e300, "bag": 2.5, "shoe": -1, "ok": 3]
            object["datasets"] = datasets
        }
        #expect(found == [
            "datasets[0].classCounts.bag: expected an integer >= 0, got 2.5",
            "datasets[0].classCounts.shoe: expected an integer >= 0, got -1",
            "datasets[0].classCounts[\"t-shirt\"]: expected an integer from 0 to 9007199254740991, got 1e+300",
        ])
    }

    @Test("numClasses is at most 1,000,000")
    func numClasses() {
        let found = issues { object in
            var architecture = object["architecture"] as! [String: Any]
            architecture["numClasses"] = 1_000_001
            object["architecture"] = architecture
        }
        #expect(found.contains("architecture.numClasses: expected an integer from 1 to 1000000, got 1000001"))
    }

    @Test("what decode returns is what validation read, even for bytes JSONDecoder reads differently")
    func decodeReadsTheValidatedDocument() throws {
        let text = String(decoding: ManifestExamples.fineTuned.canonicalData(), as: UTF8.self)
        // `1.0` is a valid integer for validation; decoding must agree rather than fail on it.
        let bytes = Data(text.replacingOccurrences(of: "\"numClasses\":3", with: "\"numClasses\":3.0").utf8)
        #expect(ManifestValidator.issues(in: bytes).isEmpty)
        #expect(try ModelManifest.decode(bytes).architecture.numClasses == 3)
    }

    @Test("a manifest naming a key twice is one issue at that key")
    func duplicateKey() {
        let text = String(decoding: ManifestExamples.fineTuned.canonicalData(), as: UTF8.self)
        let bytes = Data(text.replacingOccurrences(of: "\"task\":\"image-classification\"",
                                                   with: "\"task\":\"image-classification\",\"task\":\"detection\"").utf8)
        let found = ManifestValidator.issues(in: bytes)
        #expect(found.map(\.path) == ["task"])
        #expect(found.first?.message.hasPrefix("duplicate key \"task\"") == true)
        #expect(throws: ManifestValidationError.self) { try ModelManifest.decode(bytes) }
    }
}
