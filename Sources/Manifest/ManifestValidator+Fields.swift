import StrictJSON

/// Field-level checks: each reads one part of the document and reports what is wrong with it.
extension ManifestValidator {
    mutating func checkArchitecture(_ value: JSONValue?) -> Int? {
        guard let architecture = object(value, at: "architecture") else { return nil }
        for key in ["family", "variant"] {
            if let text = string(architecture, key, at: "architecture"), !Self.isIdentifier(text) {
                report("architecture.\(key)", "expected lowercase letters, digits and '_', got \"\(text)\"")
            }
        }
        let numClasses = integer(architecture, "numClasses", at: "architecture", minimum: 1, maximum: Limits.maximumClasses)
        if let config = architecture["config"], case .object = config {} else if architecture["config"] != nil {
            report("architecture.config", "expected an object, got \(architecture["config"]!.kindName)")
        }
        return numClasses
    }

    mutating func checkInput(_ value: JSONValue?) {
        guard let input = object(value, at: "input") else { return }
        let shape = integers(input["shape"], at: "input.shape", minimum: 1, maximum: Limits.maximumInputSide)
        if let shape, shape.count != 3 {
            report("input.shape", "expected [channels, height, width], got \(shape.count) numbers")
        } else if let shape, Self.product(shape).map({ $0 > Limits.maximumInputValues }) ?? true {
            report("input.shape", "expected at most \(Limits.maximumInputValues) values per input "
                + "(channels * height * width), got \(shape)")
        }
        if let order = string(input, "channelOrder", at: "input"), !["RGB", "BGR"].contains(order) {
            report("input.channelOrder", "expected \"RGB\" or \"BGR\", got \"\(order)\"")
        }
        guard let preprocessing = object(input["preprocessing"], at: "input.preprocessing") else { return }
        let path = "input.preprocessing"
        _ = integer(preprocessing, "resizeShortSide", at: path, minimum: 1, maximum: Limits.maximumInputSide)
        if let interpolation = string(preprocessing, "interpolation", at: path),
           !["nearest", "bilinear", "bicubic"].contains(interpolation) {
            report("\(path).interpolation", "expected \"nearest\", \"bilinear\" or \"bicubic\", got \"\(interpolation)\"")
        }
        if let crop = integers(preprocessing["centerCrop"], at: "\(path).centerCrop", minimum: 1, maximum: Limits.maximumInputSide) {
            if crop.count != 2 {
                report("\(path).centerCrop", "expected [height, width], got \(crop.count) numbers")
            } else if let shape, shape.count == 3, crop != Array(shape[1...]) {
                report("\(path).centerCrop", "expected \(Array(shape[1...])) to match input.shape, got \(crop)")
            }
        }
        checkNormalization(preprocessing["normalization"], channels: shape?.first)
    }

    mutating func checkNormalization(_ value: JSONValue?, channels: Int?) {
        let path = "input.preprocessing.normalization"
        guard let normalization = object(value, at: path) else { return }
        switch string(normalization, "kind", at: path) {
        case "meanStd":
            let mean = numbers(normalization["mean"], at: "\(path).mean")
            let std = numbers(normalization["std"], at: "\(path).std")
            for (key, list) in [("mean", mean), ("std", std)] {
                if let list, let channels, list.count != channels {
                    report("\(path).\(key)", "expected \(channels) values (one per channel), got \(list.count)")
                }
            }
            if let std, let bad = std.firstIndex(where: { $0 <= 0 }) {
                report("\(path).std[\(bad)]", "expected a positive number, got \(JSONValue.number(std[bad]).shortText)")
            }
        case "scaleOffset":
            _ = number(normalization, "scale", at: path)
            _ = number(normalization, "offset", at: path)
        case let other?:
            report("\(path).kind", "expected \"meanStd\" or \"scaleOffset\", got \"\(other)\"")
        case nil:
            break
        }
    }

    mutating func checkLabels(_ value: JSONValue?, numClasses: Int?) {
        guard let labels = array(value, at: "labels") else { return }
        var seen = Set<String>()
        for (index, label) in labels.enumerated() {
            guard let text = label.stringValue, !text.isEmpty else {
                report("labels[\(index)]", "expected a non-empty string, got \(label.shortText)")
                continue
            }
            if !seen.insert(text).inserted { report("labels[\(index)]", "duplicate label \"\(text)\"") }
        }
        if let numClasses, labels.count != numClasses {
            report("labels", "expected \(numClasses) labels (architecture.numClasses), got \(labels.count)")
        }
    }

    mutating func checkDomain(_ value: JSONValue?) {
        guard let domain = object(value, at: "domain") else { return }
        if let tags = array(domain["tags"], at: "domain.tags") {
            for (index, tag) in tags.enumerated() where !(tag.stringValue.map(Self.isTag) ?? false) {
                report("domain.tags[\(index)]", "expected a lowercase tag ([a-z0-9-]), got \(tag.shortText)")
            }
        }
        if let description = domain["description"], description.stringValue == nil {
            report("domain.description", "expected a string, got \(description.kindName)")
        }
    }

    mutating func checkDatasets(_ value: JSONValue?) {
        guard let datasets = array(value, at: "datasets") else { return }
        for (index, dataset) in datasets.enumerated() {
            let path = "datasets[\(index)]"
            guard let dataset = object(dataset, at: path) else { continue }
            _ = string(dataset, "name", at: path)
            checkSplit(dataset, at: path)
            _ = integer(dataset, "size", at: path, minimum: 0)
            if let counts = object(dataset["classCounts"], at: "\(path).classCounts"), case let .object(members) = counts {
                for (label, count) in members.sorted(by: { $0.key < $1.key }) {
                    _ = integer(count, at: JSONPath.join("\(path).classCounts", label), minimum: 0)
                }
            }
            if let fingerprint = dataset["fingerprint"], fingerprint != .null {
                checkDigest(fingerprint, at: "\(path).fingerprint")
            }
        }
    }

    mutating func checkWeights(_ value: JSONValue?) -> Set<String> {
        guard let weights = array(value, at: "weights") else { return [] }
        if weights.isEmpty { report("weights", "expected at least one layer group") }
        var groups = Set<String>()
        var parameters = [String: String]()
        var totalBytes = 0
        for (index, entry) in weights.enumerated() {
            let path = "weights[\(index)]"
            guard let entry = object(entry, at: path) else { continue }
            if let group = string(entry, "group", at: path), !groups.insert(group).inserted {
                report("\(path).group", "duplicate layer group \"\(group)\"")
            }
            if let digest = entry["digest"] { checkDigest(digest, at: "\(path).digest") } else {
                report("\(path).digest", "missing; expected sha256:<64 lowercase hex>")
            }
            if let size = integer(entry, "size", at: path, minimum: 1) {
                let (sum, overflow) = totalBytes.addingReportingOverflow(size)
                if overflow || sum > Limits.maximumTotalWeightBytes, totalBytes <= Limits.maximumTotalWeightBytes {
                    report("\(path).size", "the weight sizes up to here add up to more than "
                        + "\(Limits.maximumTotalWeightBytes) bytes, the most a manifest may describe")
                }
                totalBytes = overflow ? Int.max : sum
            }
            if let mediaType = string(entry, "mediaType", at: path), mediaType != MediaType.safetensors {
                report("\(path).mediaType", "expected \"\(MediaType.safetensors)\", got \"\(mediaType)\"")
            }
            guard let names = array(entry["parameters"], at: "\(path).parameters") else { continue }
            if names.isEmpty { report("\(path).parameters", "expected at least one parameter name") }
            for (position, name) in names.enumerated() {
                guard let name = name.stringValue, !name.isEmpty else {
                    report("\(path).parameters[\(position)]", "expected a non-empty string, got \(name.shortText)")
                    continue
                }
                if let other = parameters.updateValue(path, forKey: name) {
                    report("\(path).parameters[\(position)]", "parameter \"\(name)\" is also in \(other)")
                }
            }
        }
        return groups
    }

    mutating func checkFrozen(_ value: JSONValue?, groups: Set<String>) {
        guard let frozen = array(value, at: "frozen") else { return }
        for (index, group) in frozen.enumerated() {
            guard let name = group.stringValue else {
                report("frozen[\(index)]", "expected a layer group name, got \(group.kindName)")
                continue
            }
            if !groups.isEmpty, !groups.contains(name) {
                report("frozen[\(index)]", "expected one of the weight groups \(groups.sorted()), got \"\(name)\"")
            }
        }
    }

    mutating func checkLineage(_ value: JSONValue?) {
        guard let value, value != .null else { return }
        guard let lineage = object(value, at: "lineage") else { return }
        _ = string(lineage, "relation", at: "lineage")
        if let parent = lineage["parent"], parent != .null {
            guard let text = parent.stringValue else {
                report("lineage.parent", "expected name@sha256:<hex>, got \(parent.kindName)")
                return
            }
            switch Result(catching: { () throws(ReferenceError) in try Reference(parsing: text) }) {
            case let .success(reference) where reference.digest == nil:
                report("lineage.parent", "expected name@sha256:<hex> (a digest, not a tag), got \"\(text)\"")
            case let .failure(error):
                report("lineage.parent", error.description)
            default:
                break
            }
        }
        for key in ["strategy", "notes"] {
            if let field = lineage[key], field != .null, field.stringValue == nil {
                report("lineage.\(key)", "expected a string, got \(field.kindName)")
            }
        }
        checkEpochs(lineage["epochs"])
    }

    mutating func checkMetrics(_ value: JSONValue?) {
        guard let metrics = array(value, at: "metrics") else { return }
        for (index, metric) in metrics.enumerated() {
            let path = "metrics[\(index)]"
            guard let metric = object(metric, at: path) else { continue }
            _ = string(metric, "name", at: path)
            _ = number(metric, "value", at: path)
            checkSplit(metric, at: path)
            _ = string(metric, "dataset", at: path)
        }
    }

    mutating func checkSplit(_ parent: JSONValue, at path: String) {
        if let split = string(parent, "split", at: path), !Self.knownSplits.contains(split) {
            report("\(path).split", "expected \"train\", \"validation\" or \"test\", got \"\(split)\"")
        }
    }

    mutating func checkDigest(_ value: JSONValue, at path: String) {
        guard let text = value.stringValue else {
            report(path, "expected sha256:<64 lowercase hex>, got \(value.kindName)")
            return
        }
        do { _ = try Digest(parsing: text) } catch { report(path, error.description) }
    }

    /// The product of the numbers, or nil when it overflows `Int`.
    static func product(_ numbers: [Int]) -> Int? {
        var result = 1
        for number in numbers {
            let (next, overflow) = result.multipliedReportingOverflow(by: number)
            if overflow { return nil }
            result = next
        }
        return result
    }

    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { (0x61...0x7a).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5f }
    }

    static func isTag(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { (0x61...0x7a).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2d }
    }
}
