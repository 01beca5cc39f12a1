import Foundation
import Manifest
import Testing

@Suite("Manifest validation")
struct ManifestValidationTests {
    @Test("the example manifest is valid")
    func validExample() {
        #expect(ManifestExamples.fineTuned.validationIssues().isEmpty)
    }

    @Test("every problem is reported at once, each with its JSON path")
    func reportsEveryProblemWithPaths() {
        var object = ManifestExamples.fineTunedJSON
        var weights = object["weights"] as! [[String: Any]]
        weights[1]["digest"] = "sha256:XYZ"
        weights[0]["size"] = -4
        object["weights"] = weights
        object["schemaVersion"] = 2
        object["labels"] = ["shirt", "shirt"]
        object["frozen"] = ["stem"]
        object.removeValue(forKey: "license")
        var lineage = object["lineage"] as! [String: Any]
        lineage["parent"] = "efficientnet-lite0-imagenet:latest"
        object["lineage"] = lineage

        let issues = ManifestValidator.issues(in: ManifestExamples.data(object)).map(\.description)
        #expect(issues.contains("weights[1].digest: expected sha256:<64 lowercase hex>, got \"sha256:XYZ\""))
        #expect(issues.contains("weights[0].size: expected an integer >= 1, got -4"))
        #expect(issues.contains("schemaVersion: expected 1, got 2"))
        #expect(issues.contains("labels[1]: duplicate label \"shirt\""))
        #expect(issues.contains("frozen[0]: expected one of the weight groups [\"backbone\", \"head\"], got \"stem\""))
        #expect(issues.contains("license: missing; expected a string"))
        #expect(issues.contains(
            "lineage.parent: expected name@sha256:<hex> (a digest, not a tag), got \"efficientnet-lite0-imagenet:latest\""))
        #expect(issues.contains("labels: expected 3 labels (architecture.numClasses), got 2"))
        #expect(issues.count == 8)
    }

    @Test("a wrong type in one field does not hide problems elsewhere")
    func wrongTypes() {
        var object = ManifestExamples.fineTunedJSON
        object["architecture"] = "resnet50"
        object["metrics"] = [["name": "accuracy", "value": "high", "split": "dev", "dataset": "x"]]
        let issues = ManifestValidator.issues(in: ManifestExamples.data(object)).map(\.description)
        #expect(issues.contains("architecture: expected an object, got a string"))
        #expect(issues.contains("metrics[0].value: expected a number, got a string"))
        #expect(issues.contains("metrics[0].split: expected \"train\", \"validation\" or \"test\", got \"dev\""))
    }

    @Test("preprocessing must match the input shape")
    func preprocessing() {
        var object = ManifestExamples.fineTunedJSON
        var input = object["input"] as! [String: Any]
        var preprocessing = input["preprocessing"] as! [String: Any]
        preprocessing["centerCrop"] = [200, 224]
        preprocessing["normalization"] = ["kind": "meanStd", "mean": [0.5, 0.5], "std": [0.2, 0.2, 0]]
        input["preprocessing"] = preprocessing
        object["input"] = input
        let issues = ManifestValidator.issues(in: ManifestExamples.data(object)).map(\.description)
        #expect(issues.contains("input.preprocessing.centerCrop: expected [224, 224] to match input.shape, got [200, 224]"))
        #expect(issues.contains("input.preprocessing.normalization.mean: expected 3 values (one per channel), got 2"))
        #expect(issues.contains("input.preprocessing.normalization.std[2]: expected a positive number, got 0"))
    }

    @Test("bytes that are not JSON are one clear problem")
    func notJSON() {
        let issues = ManifestValidator.issues(in: Data("{not json".utf8))
        #expect(issues.map(\.path) == ["$"])
    }

    @Test("decode throws with every issue")
    func decodeThrows() {
        var object = ManifestExamples.fineTunedJSON
        object["task"] = "segmentation"
        object["name"] = "Alice/x"
        #expect {
            try ModelManifest.decode(ManifestExamples.data(object))
        } throws: { error in
            guard let error = error as? ManifestValidationError else { return false }
            return error.issues.map(\.path) == ["name", "task"]
        }
    }
}
