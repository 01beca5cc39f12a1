import StrictJSON

/// Typed readers: each returns the value when it has the expected type, and otherwise reports
/// the problem at its path and returns nil.
extension ManifestValidator {
    static func join(_ parent: String, _ key: String) -> String { JSONPath.join(parent, key) }

    mutating func object(_ value: JSONValue?, at path: String) -> JSONValue? {
        guard let value else { report(path, "missing; expected an object"); return nil }
        guard case .object = value else { report(path, "expected an object, got \(value.kindName)"); return nil }
        return value
    }

    mutating func array(_ value: JSONValue?, at path: String) -> [JSONValue]? {
        guard let value else { report(path, "missing; expected an array"); return nil }
        guard let elements = value.arrayValue else { report(path, "expected an array, got \(value.kindName)"); return nil }
        return elements
    }

    mutating func string(_ parent: JSONValue, _ key: String, at path: String, allowEmpty: Bool = false) -> String? {
        let path = Self.join(path, key)
        guard let value = parent[key] else { report(path, "missing; expected a string"); return nil }
        guard let text = value.stringValue else { report(path, "expected a string, got \(value.kindName)"); return nil }
        if text.isEmpty, !allowEmpty { report(path, "expected a non-empty string"); return nil }
        return text
    }

    mutating func number(_ parent: JSONValue, _ key: String, at path: String) -> Double? {
        let path = Self.join(path, key)
        guard let value = parent[key] else { report(path, "missing; expected a number"); return nil }
        guard let number = value.numberValue else { report(path, "expected a number, got \(value.kindName)"); return nil }
        return number
    }

    mutating func integer(_ parent: JSONValue, _ key: String, at path: String, minimum: Int,
                          maximum: Int = Limits.maximumInteger) -> Int? {
        guard let value = parent[key] else { report(Self.join(path, key), "missing; expected a number"); return nil }
        return integer(value, at: Self.join(path, key), minimum: minimum, maximum: maximum)
    }

    /// The value as an `Int` when it is an integer from `minimum` to `maximum` (at most
    /// `Limits.maximumInteger`, so the conversion is exact and cannot trap).
    mutating func integer(_ value: JSONValue, at path: String, minimum: Int, maximum: Int = Limits.maximumInteger) -> Int? {
        guard let number = value.numberValue else { report(path, "expected a number, got \(value.kindName)"); return nil }
        let top = min(maximum, Limits.maximumInteger)
        guard number == number.rounded(), number >= Double(minimum) else {
            report(path, "expected an integer >= \(minimum), got \(value.shortText)")
            return nil
        }
        guard number <= Double(top) else {
            report(path, "expected an integer from \(minimum) to \(top), got \(value.shortText)")
            return nil
        }
        return Int(number)
    }

    mutating func integers(_ value: JSONValue?, at path: String, minimum: Int, maximum: Int = Limits.maximumInteger) -> [Int]? {
        guard let elements = array(value, at: path) else { return nil }
        var result: [Int] = []
        for (index, element) in elements.enumerated() {
            guard let number = integer(element, at: "\(path)[\(index)]", minimum: minimum, maximum: maximum) else { return nil }
            result.append(number)
        }
        return result
    }

    mutating func numbers(_ value: JSONValue?, at path: String) -> [Double]? {
        guard let elements = array(value, at: path) else { return nil }
        var result: [Double] = []
        for (index, element) in elements.enumerated() {
            guard let number = element.numberValue else {
                report("\(path)[\(index)]", "expected a number, got \(element.kindName)")
                return nil
            }
            result.append(number)
        }
        return result
    }
}

extension JSONValue {
    /// The value as short JSON text, for error messages.
    var shortText: String {
        guard let data = try? CanonicalJSON.encode(self) else { return kindName }
        let text = String(decoding: data, as: UTF8.self)
        return text.count > 80 ? String(text.prefix(77)) + "..." : text
    }
}
