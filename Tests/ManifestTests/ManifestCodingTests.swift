import Foundation
import Manifest
import Testing

@Suite("Manifest encoding")
struct ManifestCodingTests {
    @Test("a manifest survives encode and decode unchanged")
    func roundTrip() throws {
        let manifest = ManifestExamples.fineTuned
        let decoded = try ModelManifest.decode(manifest.canonicalData())
        #expect(decoded == manifest)
        #expect(decoded.canonicalData() == manifest.canonicalData())
    }

    @Test("canonical bytes have sorted keys and no whitespace")
    func canonicalForm() throws {
        let text = String(decoding: ManifestExamples.fineTuned.canonicalData(), as: UTF8.self)
        #expect(!text.contains("\n"))
        #expect(!text.contains(": "))
        #expect(text.hasPrefix("{\"architecture\":{\"config\":{\"dropout\":0.2},\"family\":\"efficientnet_lite\""))
        #expect(text.contains("\"created\":\"2026-09-21T14:13:20Z\""))
    }

    @Test("the same content in another key order and layout has the same canonical bytes")
    func keyOrderDoesNotMatter() throws {
        let canonical = ManifestExamples.fineTuned.canonicalData()
        let shuffled = try JSONSerialization.data(
            withJSONObject: ManifestExamples.fineTunedJSON, options: [.prettyPrinted, .withoutEscapingSlashes])
        #expect(shuffled != canonical)
        #expect(try CanonicalJSON.canonicalize(shuffled) == canonical)
        #expect(try ModelManifest.decode(shuffled).canonicalData() == canonical)
    }

    @Test("a changed field changes the canonical bytes")
    func contentMatters() {
        var other = ManifestExamples.fineTuned
        other.metrics[0].value = 0.91
        #expect(other.canonicalData() != ManifestExamples.fineTuned.canonicalData())
    }

    @Test("unknown fields are accepted by validation and kept by canonicalisation")
    func unknownFieldsAreKept() throws {
        var object = ManifestExamples.fineTunedJSON
        object["futureField"] = ["nested": true]
        let data = ManifestExamples.data(object)
        #expect(ManifestValidator.issues(in: data).isEmpty)
        let canonical = String(decoding: try CanonicalJSON.canonicalize(data), as: UTF8.self)
        #expect(canonical.contains("\"futureField\":{\"nested\":true}"))
    }

    @Test("numbers: integers print without a fraction, others in shortest form")
    func numbers() throws {
        let value = JSONValue.array([.number(3), .number(0.1), .number(-2.5), .number(1e21)])
        #expect(String(decoding: try CanonicalJSON.encode(value), as: UTF8.self) == "[3,0.1,-2.5,1e+21]")
        #expect(throws: CanonicalJSONError.nonFiniteNumber) { try CanonicalJSON.encode(JSONValue.number(.nan)) }
    }

    @Test("strings escape only quotes, backslashes and control characters")
    func strings() throws {
        let value = JSONValue.string("a\"b\\c\nd/é\u{01}")
        #expect(String(decoding: try CanonicalJSON.encode(value), as: UTF8.self) == "\"a\\\"b\\\\c\\nd/é\\u0001\"")
    }
}
