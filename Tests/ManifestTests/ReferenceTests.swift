import Manifest
import Testing

@Suite("References")
struct ReferenceTests {
    static let hex = String(repeating: "0f", count: 32)

    @Test("good references parse into their parts", arguments: [
        ("resnet50", nil, "resnet50", nil),
        ("efficientnet-lite0-imagenet:latest", nil, "efficientnet-lite0-imagenet", "latest"),
        ("alice/fashion_effnet.v2:2026-11", "alice", "fashion_effnet.v2", "2026-11"),
        ("0day/x", "0day", "x", nil),
        ("a/b@sha256:\(hex)", "a", "b", nil),
    ] as [(String, String?, String, String?)])
    func good(text: String, namespace: String?, name: String, tag: String?) throws {
        let reference = try Reference(parsing: text)
        #expect(reference.namespace == namespace)
        #expect(reference.name == name)
        #expect(reference.tag == tag)
        #expect(reference.description == text)
        #expect(reference.isOfficial == (namespace == nil))
    }

    @Test("a digest reference keeps its digest")
    func digest() throws {
        let reference = try Reference(parsing: "a/b@sha256:\(Self.hex)")
        #expect(reference.digest?.hex == Self.hex)
        #expect(reference.repository == "a/b")
    }

    @Test("bad references name the character and position", arguments: [
        ("", "it is empty"),
        ("ResNet50", "character 'R' at position 1 is not allowed: a name must start with a lowercase letter or digit"),
        ("resnet 50", "character ' ' at position 7 is not allowed: a name may contain only lowercase letters"),
        ("a/b/c", "'/' at position 4: only one namespace is allowed"),
        ("-a", "character '-' at position 1 is not allowed: a name must start"),
        ("alice/.hidden", "character '.' at position 7 is not allowed: a name must start"),
        ("..", "character '.' at position 1 is not allowed"),
        ("../etc", "character '.' at position 1 is not allowed: a namespace must start"),
        ("alice/", "the name at position 7 is empty"),
        ("/x", "the namespace at position 1 is empty"),
        ("x:", "the tag at position 3 is empty"),
        ("x:Latest", "character 'L' at position 3 is not allowed: a tag must start"),
        ("x@sha256:abc", "the digest \"sha256:abc\" is not sha256:<64 lowercase hex>"),
        ("x@md5:\(hex)", "is not sha256:<64 lowercase hex>"),
        ("naïve", "character 'ï' at position 3 is not allowed"),
        ("a\\b", "character '\\' at position 2 is not allowed"),
        (String(repeating: "a", count: 65), "the name is 65 characters long, at most 64 are allowed"),
    ])
    func bad(text: String, message: String) {
        #expect {
            try Reference(parsing: text)
        } throws: { error in
            guard let error = error as? ReferenceError else { return false }
            return error.description.contains(message)
        }
    }

    @Test("digests: only sha256 with 64 lowercase hex characters")
    func digests() throws {
        #expect(try Digest(parsing: "sha256:\(Self.hex)").short == String(Self.hex.prefix(12)))
        #expect(throws: DigestError.self) { try Digest(parsing: "sha256:\(Self.hex.uppercased())") }
        #expect(throws: DigestError.self) { try Digest(parsing: "sha256:\(Self.hex)0") }
        #expect(Digest(sha256Bytes: [UInt8](repeating: 0x0f, count: 32)).hex == Self.hex)
    }
}
