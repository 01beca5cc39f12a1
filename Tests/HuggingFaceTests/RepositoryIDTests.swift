import HuggingFace
import Manifest
import Testing

@Suite("HF repo ids are hub repositories")
struct RepositoryIDTests {
    @Test("alice/x is alice/x, an official model is its bare name, and _/name names it too")
    func forms() throws {
        #expect(try RepositoryID(parsing: "alice/fashion-net").description == "alice/fashion-net")
        #expect(try RepositoryID(parsing: "efficientnet-lite0-imagenet").reference.isOfficial)
        #expect(try RepositoryID(parsing: "_/efficientnet-lite0-imagenet") == RepositoryID(parsing: "efficientnet-lite0-imagenet"))
    }

    @Test("a repo id with a tag, a digest, capitals or three parts is refused", arguments: [
        "alice/x:latest", "alice/x@sha256:00", "Alice/x", "a/b/c", "", "alice/",
    ])
    func refused(text: String) {
        #expect(throws: HuggingFaceError.self) { try RepositoryID(parsing: text) }
    }

    @Test("names HF clients refuse before sending: --, .., a leading or trailing - or ., .git, over 96 characters",
          arguments: ["a--b", "a..b", "a-", "a.", "alice/x-", "alice/.x", "x.git", String(repeating: "a", count: 97)])
    func problems(name: String) {
        #expect(RepositoryID.problem(withName: name) != nil)
    }

    @Test("names HF clients accept have no problem", arguments: ["a-b", "a.b", "alice/fashion-net", "x_y", "_/x",
                                                                 String(repeating: "a", count: 96)])
    func accepted(name: String) {
        #expect(RepositoryID.problem(withName: name) == nil)
    }
}
