import StrictJSON

/// The optional records of a training: `confusionMatrix` and `lineage.epochs`.
extension ManifestValidator {
    /// `confusionMatrix`: a known split, a data set name, 1 ... `maximumConfusionClasses` distinct labels,
    /// and a square matrix of counts >= 0 (one row per label) whose total is at most 2^53 - 1. A row's
    /// first problem is reported, not every cell of it.
    mutating func checkConfusionMatrix(_ value: JSONValue?) {
        guard let value, value != .null else { return }
        let path = "confusionMatrix"
        guard let matrix = object(value, at: path) else { return }
        checkSplit(matrix, at: path)
        _ = string(matrix, "dataset", at: path)
        guard let labels = confusionLabels(matrix["labels"]) else { return }
        guard let rows = array(matrix["counts"], at: "\(path).counts") else { return }
        guard rows.count == labels else {
            report("\(path).counts", "expected \(labels) rows (one per label), got \(rows.count)")
            return
        }
        var total = 0
        for (index, row) in rows.enumerated() {
            let rowPath = "\(path).counts[\(index)]"
            guard let cells = array(row, at: rowPath) else { continue }
            guard cells.count == labels else {
                report(rowPath, "expected \(labels) counts (a square matrix, one column per label), got \(cells.count)")
                continue
            }
            for (column, cell) in cells.enumerated() {
                guard let count = integer(cell, at: "\(rowPath)[\(column)]", minimum: 0) else { break }
                let (sum, overflow) = total.addingReportingOverflow(count)
                if overflow || sum > Limits.maximumInteger, total <= Limits.maximumInteger {
                    report("\(rowPath)[\(column)]", "the counts up to here add up to more than \(Limits.maximumInteger)")
                }
                total = overflow ? Int.max : sum
            }
        }
    }

    /// `confusionMatrix.labels`: how many there are when they are valid.
    private mutating func confusionLabels(_ value: JSONValue?) -> Int? {
        let path = "confusionMatrix.labels"
        guard let labels = array(value, at: path) else { return nil }
        guard (1...Limits.maximumConfusionClasses).contains(labels.count) else {
            report(path, "expected 1 to \(Limits.maximumConfusionClasses) labels, got \(labels.count)")
            return nil
        }
        var seen = Set<String>(), valid = true
        for (index, label) in labels.enumerated() {
            guard let text = label.stringValue, !text.isEmpty else {
                report("\(path)[\(index)]", "expected a non-empty string, got \(label.shortText)")
                valid = false
                continue
            }
            if !seen.insert(text).inserted {
                report("\(path)[\(index)]", "duplicate label \"\(text)\"")
                valid = false
            }
        }
        return valid ? labels.count : nil
    }

    /// `lineage.epochs`: at most `maximumEpochs` entries, `epoch` increasing from 1, losses finite and
    /// >= 0, accuracies from 0 to 1; the validation numbers may be absent.
    mutating func checkEpochs(_ value: JSONValue?) {
        guard let value, value != .null else { return }
        let path = "lineage.epochs"
        guard let epochs = array(value, at: path) else { return }
        guard epochs.count <= Limits.maximumEpochs else {
            report(path, "expected at most \(Limits.maximumEpochs) epochs, got \(epochs.count)")
            return
        }
        var previous = 0
        for (index, entry) in epochs.enumerated() {
            let entryPath = "\(path)[\(index)]"
            guard let entry = object(entry, at: entryPath) else { continue }
            if let epoch = integer(entry, "epoch", at: entryPath, minimum: 1, maximum: Limits.maximumEpochs) {
                if epoch <= previous {
                    report("\(entryPath).epoch", "expected epochs in increasing order, got \(epoch) after \(previous)")
                }
                previous = max(previous, epoch)
            }
            for key in ["trainLoss", "trainAccuracy", "validationLoss", "validationAccuracy"] {
                let optional = key.hasPrefix("validation")
                if optional, entry[key] == nil || entry[key] == .null { continue }
                guard let number = number(entry, key, at: entryPath) else { continue }
                let isLoss = key.hasSuffix("Loss")
                let inRange = number.isFinite && number >= 0 && (isLoss || number <= 1)
                if !inRange {
                    report(Self.join(entryPath, key), isLoss
                        ? "expected a finite loss >= 0, got \(JSONValue.number(number).shortText)"
                        : "expected an accuracy from 0 to 1, got \(JSONValue.number(number).shortText)")
                }
            }
        }
    }
}
