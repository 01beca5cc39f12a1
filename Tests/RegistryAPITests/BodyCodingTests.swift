import Foundation
import Manifest
import RegistryAPI
import Testing

@Suite("shared request and response bodies")
struct BodyCodingTests {
    static let hit = #"{"name":"m","tag":"latest","digest":"sha256:0","architecture":"a","family":"f","domain":["x"],"#
        + #""task":"t","license":"mit","summary":"s","headlineMetric":null,"downloads":3,"parent":null,"updated":"u"}"#

    @Test("an absent value of an always-present nullable field is sent as null, not left out")
    func nullsAreSent() throws {
        let page = SearchPage(results: [], total: 0, nextCursor: nil)
        #expect(String(decoding: WireJSON.encode(page), as: UTF8.self) == #"{"nextCursor":null,"results":[],"total":0,"totalIsLowerBound":false}"#)
        let edge = LineageGraph.Edge(parent: "p", child: "c", relation: "finetune", strategy: nil)
        #expect(String(decoding: WireJSON.encode(edge), as: UTF8.self)
            == #"{"child":"c","parent":"p","relation":"finetune","strategy":null}"#)
    }

    @Test("a hit decodes with every field; a field the server renamed or dropped is an error, not a silent nil")
    func strictFields() throws {
        let decoded = try WireJSON.decode(SearchHit.self, from: Data(Self.hit.utf8))
        #expect(decoded.tag == "latest" && decoded.domain == ["x"] && decoded.downloads == 3 && decoded.parent == nil)
        let renamed = Self.hit.replacingOccurrences(of: #""tag":"#, with: #""label":"#)
        #expect(throws: DecodingError.self) { try WireJSON.decode(SearchHit.self, from: Data(renamed.utf8)) }
        let dropped = Self.hit.replacingOccurrences(of: #""downloads":3,"#, with: "")
        #expect(throws: DecodingError.self) { try WireJSON.decode(SearchHit.self, from: Data(dropped.utf8)) }
    }

    @Test("upload and blob bodies carry digests as sha256:<hex> text and sizes as integers")
    func blobBodies() throws {
        let digest = try Digest(parsing: "sha256:" + String(repeating: "ab", count: 32))
        #expect(String(decoding: WireJSON.encode(StoredBlob(digest: digest, size: 4)), as: UTF8.self)
            == #"{"digest":"\#(digest)","size":4}"#)
        #expect(String(decoding: WireJSON.encode(UploadStart(digest: digest, size: 4)), as: UTF8.self)
            == #"{"digest":"\#(digest)","size":4}"#)
        #expect(String(decoding: WireJSON.encode(UploadStart()), as: UTF8.self) == "{}")
        let status = try WireJSON.decode(UploadStatus.self, from: Data(
            #"{"id":"s","offset":7,"expires":"e","state":"finishing"}"#.utf8))
        #expect(status == UploadStatus(id: "s", offset: 7, expires: "e", state: .finishing))
        #expect(throws: DecodingError.self) {
            try WireJSON.decode(BlobCheck.self, from: Data(#"{"missing":["sha256:nothex"],"present":[]}"#.utf8))
        }
    }
}
