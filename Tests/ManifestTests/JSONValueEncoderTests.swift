import Foundation
import HubTestSupport
import Manifest
import StrictJSON
import Testing

/// `JSONValueEncoder` builds the value `JSONEncoder` would write and the parser read back, so canonical
/// bytes (and every digest) stay what they were when they went through the text.
@Suite("encoding straight to a JSON value")
struct JSONValueEncoderTests {
    /// What the encoder replaced: `JSONEncoder` with ISO 8601 dates, its text parsed back.
    static func throughText<Value: Encodable>(_ value: Value) throws -> JSONValue {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return try JSONValue(parsingOwnEncoding: encoder.encode(value))
    }

    @Test("manifests of every shape encode to the value the text held, and to the same canonical bytes", arguments: 0..<4)
    func manifests(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        for _ in 0..<50 {
            let manifest = Self.varied(ManifestExamples.fineTuned, &random)
            let direct = try JSONValueEncoder().encode(manifest)
            #expect(direct == (try Self.throughText(manifest)))
            #expect(try CanonicalJSON.encode(direct) == CanonicalJSON.encode(Self.throughText(manifest)))
        }
    }

    struct Odd: Encodable {
        var date = Date(timeIntervalSince1970: 1_790_000_000.75)
        var early = Date(timeIntervalSince1970: -86_400 * 400 + 0.25)
        var data = Data([0, 1, 2, 250, 251, 252, 253])
        var url = URL(string: "https://example.com/a%20b?q=1#f")!
        var decimal = Decimal(string: "12345.678901234567890")!
        var float: Float = 0.1
        var tinyFloat: Float = 1e-45
        var big: UInt64 = .max
        var negative: Int64 = .min
        var small: Int8 = -7
        var missing: String? = nil
        var present: String? = "here"
        var empty: [String] = []
        var emptyObject: [String: Int] = [:]
        var byNumber: [Int: String] = [3: "three", -1: "minus one"]
        var nested: [[String: [Double]]] = [["a": [1, 2.5, -0.0]], [:]]
        var escapes = "quote \" backslash \\ newline \n tab \t bell \u{7} é 😀"
        var json: JSONValue = .object(["k": .array([.null, .bool(true), .number(1e300)])])
    }

    @Test("dates, data, URLs, decimals, floats, large integers, optionals and nested containers as JSONEncoder writes them")
    func oddValues() throws {
        #expect(try JSONValueEncoder().encode(Odd()) == Self.throughText(Odd()))
    }

    /// Writes through every kind of container a hand-written `encode(to:)` may use.
    struct HandWritten: Encodable {
        enum Key: String, CodingKey { case a, b, c, d }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(1, forKey: .a)
            try container.encode(2, forKey: .a)  // the last value of a key wins
            var list = container.nestedUnkeyedContainer(forKey: .b)
            try list.encode("x")
            var inner = list.nestedContainer(keyedBy: Key.self)
            try inner.encodeNil(forKey: .c)
            var deeper = list.nestedUnkeyedContainer()
            try deeper.encode(true)
            try list.encode(Optional<Int>.none)
            try Self.Leaf().encode(to: container.superEncoder(forKey: .d))
            try Self.Leaf().encode(to: container.superEncoder())
        }

        struct Leaf: Encodable {
            func encode(to encoder: any Encoder) throws {
                var single = encoder.singleValueContainer()
                try single.encode([1.5, 2])
            }
        }
    }

    @Test("keyed, unkeyed, nested, single-value and super encoders as JSONEncoder fills them")
    func handWritten() throws {
        #expect(try JSONValueEncoder().encode(HandWritten()) == Self.throughText(HandWritten()))
    }

    @Test("NaN and infinity are refused, as JSONEncoder refuses them", arguments: [Double.nan, .infinity, -.infinity])
    func nonFinite(number: Double) {
        #expect(throws: EncodingError.self) { try JSONValueEncoder().encode(["x": number]) }
        #expect(throws: EncodingError.self) { try JSONValueEncoder().encode([Float(number)]) }
        #expect(throws: EncodingError.self) { try Self.throughText(["x": number]) }
    }

    /// `manifest` with fields drawn from `random`: metrics, labels, configuration, history, dates.
    static func varied(_ manifest: ModelManifest, _ random: inout SplitMix64) -> ModelManifest {
        var copy = manifest
        let count = Int(random.next() % 6)
        copy.labels = (0..<max(count, 1)).map { "label \($0) \(random.next() % 1000) \u{e9}\"" }
        copy.created = Date(timeIntervalSince1970: Double(random.next() % 4_000_000_000) / 1.5)
        copy.metrics = (0..<count).map {
            Metric(name: ["accuracy", "top5", "loss"][$0 % 3], value: random.unit() * pow(10, Double(random.next() % 9) - 4),
                   split: "validation", dataset: "set-\($0)")
        }
        copy.architecture.config = [
            "dropout": .number(random.unit()),
            "widths": .array((0..<count).map { _ in .number(Double(random.next() % 4096)) }),
            "name": .string("n\(random.next())"),
            "nested": .object(["flag": .bool(random.next() % 2 == 0), "none": .null]),
        ]
        copy.lineage?.hyperparameters["lr"] = .number(random.unit() / 1000)
        copy.lineage?.epochs = (0..<count).map {
            EpochMetrics(epoch: $0 + 1, trainLoss: random.unit(), trainAccuracy: random.unit(),
                         validationLoss: $0 % 2 == 0 ? random.unit() : nil)
        }
        if count > 2 {
            copy.confusionMatrix = ConfusionMatrix(split: "validation", dataset: "set", labels: copy.labels,
                                                   counts: copy.labels.map { _ in copy.labels.map { _ in Int(random.next() % 500) } })
        }
        copy.description = String(repeating: "line\n", count: count) + "end \\ \u{1}"
        return copy
    }
}
