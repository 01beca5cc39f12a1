import Foundation
import HuggingFace
import Testing

@Suite("Git blob ids, LFS pointers and torch.hub file names")
struct FileIdentityTests {
    @Test("the git blob id is git's: sha1 of \"blob <n>\\0\" + bytes (as `git hash-object`)")
    func gitBlobID() {
        #expect(GitBlobID(of: Data("hello\n".utf8)).hex == "ce013625030ba8dba906f756967f9e9ca394464a")
        #expect(GitBlobID(of: Data()).hex == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")
    }

    @Test("an LFS pointer is git-lfs's three lines, and its oid is the git blob id of that text")
    func lfsPointer() {
        let pointer = LFSPointer(sha256: String(repeating: "a", count: 64), size: 1234)
        #expect(pointer.text == "version https://git-lfs.github.com/spec/v1\noid sha256:\(String(repeating: "a", count: 64))\nsize 1234\n")
        #expect(pointer.gitBlobID.hex == "e5946a5d57b1b74c5e1c40993fb0e5936bb1e6bf")
    }

    @Test("the torch.hub name is <stem>-<sha256 prefix>.safetensors, the stem without - . or /")
    func torchHubName() throws {
        let sha = "aded61fb" + String(repeating: "0", count: 56)
        let name = TorchHubFileName(repository: "alice/fashion-net.v2", sha256: sha)
        #expect(name.description == "alice_fashion_net_v2-aded61fb00000000.safetensors")
        // torch's check_hash takes the first match of -([a-f0-9]*)\. as the prefix of the file's sha256.
        let match = try #require(name.description.firstMatch(of: /-([a-f0-9]*)\./))
        #expect(sha.hasPrefix(match.1))
    }
}
