import HuggingFace
import Manifest
import Testing

@Suite("Revisions: main, tags, 40-hex commits and digests")
struct RevisionTests {
    let digest = try! Digest(parsing: "sha256:" + String(repeating: "0123456789abcdef", count: 4))

    @Test("the commit id is the first 40 hex digits of the manifest digest")
    func commitID() {
        #expect(digest.commitID == String(repeating: "0123456789abcdef", count: 4).prefix(40))
    }

    @Test("main is the head, 40 hex a commit, sha256:<hex> and bare 64 hex a digest, anything else valid a tag")
    func forms() throws {
        #expect(try Revision(parsing: "main") == .head)
        #expect(try Revision(parsing: digest.commitID) == .commit(digest.commitID))
        #expect(try Revision(parsing: digest.description) == .digest(digest))
        #expect(try Revision(parsing: digest.hex) == .digest(digest))
        #expect(try Revision(parsing: "v2") == .tag("v2"))
        #expect(try Revision(parsing: "latest") == .tag("latest"))
    }

    @Test("a commit or digest pins its version; main and tags do not")
    func pins() throws {
        #expect(try Revision(parsing: digest.commitID).pins(digest))
        #expect(try Revision(parsing: digest.description).pins(digest))
        #expect(!(try Revision(parsing: "main").pins(digest)))
        let other = try Digest(parsing: "sha256:" + String(repeating: "f", count: 64))
        #expect(!(try Revision(parsing: digest.commitID).pins(other)))
    }

    @Test("a revision that is no tag, commit or digest is refused", arguments: [
        "", "../etc", "a b", "refs/pr/1", "sha256:xyz", String(repeating: "a", count: 200), "-v1",
    ])
    func refused(text: String) {
        #expect(throws: HuggingFaceError.self) { try Revision(parsing: text) }
    }
}
