import Foundation
import HubTestSupport
import Manifest
import Testing

/// `JSONValue(parsing:)`: strict JSON for untrusted bytes. Every refusal is a `JSONParseError` with
/// a code, the JSON path and the byte offset; nothing traps.
@Suite("strict JSON parsing")
struct StrictJSONTests {
    func parse(_ text: String) throws(JSONParseError) -> JSONValue { try JSONValue(parsing: Data(text.utf8)) }

    func error(_ text: String) -> JSONParseError? { error(Data(text.utf8)) }

    func error(_ data: Data) -> JSONParseError? {
        do { _ = try JSONValue(parsing: data); return nil } catch { return error }
    }

    @Test("every kind of JSON value is read")
    func values() throws {
        let value = try parse(#" {"a": [1, -2.5e3, 0, -0, 1E2, true, false, null, "x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"], "b": {}} "#)
        #expect(value == .object([
            "a": .array([.number(1), .number(-2500), .number(0), .number(-0.0), .number(100), .bool(true), .bool(false), .null,
                         .string("x\"\\/\u{8}\u{c}\n\r\t\u{e9}\u{1F600}")]),
            "b": .object([:]),
        ]))
        #expect(try parse("[]") == .array([]))
        #expect(try parse("\"\"") == .string(""))
        #expect(try parse("12") == .number(12))
        #expect(try parse("\"caf\u{e9} \u{1F600}\"") == .string("caf\u{e9} \u{1F600}"))
    }

    @Test("a key twice is refused at its path, at any depth, also in another Unicode form")
    func duplicateKeys() {
        #expect(error(#"{"name":"a","name":"b"}"#).map { ($0.code, $0.path, $0.offset) } ?? (.syntax, "", 0)
            == (.duplicateKey, "name", 12))
        #expect(error(#"{"w":[{"size":1},{"size":1,"size":2}]}"#)?.path == "w[1].size")
        #expect(error(#"{"a":{"b":{"c":{"d":1,"d":1}}}}"#)?.path == "a.b.c.d")
        let unicode = error("{\"x\":{\"\u{e9}\":1,\"e\u{301}\":2}}")
        #expect(unicode?.code == .duplicateKey)
        #expect(unicode?.message.contains("another Unicode normalization form") == true)
        #expect(error(#"{"t-shirt":1,"t-shirt":2}"#)?.path == #"["t-shirt"]"#)
        #expect(error(#"{"a":1,"A":2}"#) == nil)
    }

    @Test("nesting deeper than 64 is refused; 64 is accepted")
    func depth() {
        let deepest = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(error(deepest) == nil)
        let tooDeep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(error(tooDeep)?.code == .tooDeep)
        #expect(error(tooDeep)?.offset == 64)
        #expect(error(String(repeating: "{\"a\":", count: 1_000_000))?.code == .tooDeep)
        #expect(error(String(repeating: "[", count: 1_000_000))?.path == String(repeating: "[0]", count: 64))
    }

    @Test("integer literals are read exactly or refused; other numbers must be finite")
    func numbers() throws {
        #expect(try parse("9007199254740992") == .number(9_007_199_254_740_992))
        #expect(try parse("-9007199254740992") == .number(-9_007_199_254_740_992))
        #expect(try parse("18446744073709551616") == .number(18_446_744_073_709_551_616))  // 2^64: exact
        #expect(try parse("1e300") == .number(1e300))
        #expect(try parse("1e-400") == .number(0))  // a fraction, read as the nearest double
        #expect(try parse("0.1") == .number(0.1))
        let twoTo100 = "1267650600228229401496703205376"
        #expect(try parse(twoTo100) == .number(0x1p100))
        for inexact in ["9007199254740993", "-9007199254740993", "18446744073709551615", "9223372036854775807",
                        "1267650600228229401496703205377", String(repeating: "9", count: 400)] {
            #expect(error(inexact)?.code == .numberOutOfRange, "\(inexact)")
        }
        for infinite in ["1e400", "-1e400", "1e99999999999999999999", "1" + String(repeating: "0", count: 309) + ".0"] {
            #expect(error(infinite)?.code == .numberOutOfRange, "\(infinite)")
        }
        #expect(error("[1, 2, 9007199254740993]")?.path == "[2]")
        for malformed in ["01", "-", "1.", ".5", "1e", "1e+", "+1", "0x10", "NaN", "Infinity", "-Infinity", "1.5.2", "--1"] {
            #expect(error(malformed)?.code == .syntax, "\(malformed)")
        }
    }

    @Test("strings must be valid UTF-8 with valid escapes and no raw control characters")
    func strings() {
        #expect(error(Data([0x22, 0xff, 0x22]))?.code == .invalidString)  // not UTF-8
        #expect(error(Data([0x22, 0xc0, 0xaf, 0x22]))?.code == .invalidString)  // overlong '/'
        #expect(error(Data([0x22, 0xed, 0xa0, 0x80, 0x22]))?.code == .invalidString)  // UTF-8 encoded surrogate
        #expect(error(Data([0x22, 0xef, 0xbf, 0xbd, 0x22])) == nil)  // U+FFFD itself is fine
        #expect(error("\"a\nb\"")?.code == .invalidString)
        #expect(error(#""\ud800""#)?.code == .invalidString)
        #expect(error(#""\udc00""#)?.code == .invalidString)
        #expect(error(#""\ud800\u0041""#)?.code == .invalidString)
        #expect(error(#""\x""#)?.code == .invalidString)
        #expect(error(#""\u12""#)?.code == .invalidString)
        #expect(error(#""abc"#)?.code == .invalidString)
        #expect(error(#"{"a":"\u00"#)?.path == "a")
    }

    @Test("anything but one JSON value is a syntax error with its offset")
    func syntax() {
        for (text, offset) in [("", 0), ("   ", 3), ("{", 1), ("[1,]", 3), ("{\"a\":1,}", 7), ("{\"a\" 1}", 5),
                               ("{a:1}", 1), ("[1 2]", 3), ("1 2", 2), ("tru", 0), ("nul", 0), ("[1]x", 3), ("'a'", 0)] {
            let failure = error(text)
            #expect(failure?.code == .syntax, "\(text)")
            #expect(failure?.offset == offset, "\(text): \(String(describing: failure))")
        }
        #expect(error(Data([0xef, 0xbb, 0xbf, 0x31]))?.code == .syntax)  // byte order mark
    }

    @Test("random bytes and mutations of a manifest never trap")
    func noTraps() {
        var generator = SplitMix64(seed: 11)
        let manifest = Array(ManifestExamples.fineTuned.canonicalData())
        let alphabet = Array("{}[]\",:0123456789-+.eE\\u tfn".utf8) + [0x00, 0x80, 0xff, 0xed, 0xc0]
        for round in 0..<3_000 {
            var bytes = manifest
            for _ in 0..<(1 + round % 8) {
                let index = Int(generator.next() % UInt64(bytes.count))
                bytes[index] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
            }
            _ = error(Data(bytes))
            let random = (0..<Int(generator.next() % 64)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            _ = error(Data(random))
        }
    }

    @Test("canonical encoding round-trips what strict parsing read")
    func canonicalRoundTrip() throws {
        let text = #"{"b":[1,2.5,-0.001,1e+300,"\u0001é"],"a":{"z":null,"y":true}}"#
        let value = try parse(text)
        #expect(try JSONValue(parsing: CanonicalJSON.encode(value)) == value)
    }
}
