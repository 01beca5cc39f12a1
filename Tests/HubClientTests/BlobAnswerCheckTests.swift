import Foundation
@testable import HubClient
import Testing

/// The registry client's check of a blob answer against what was asked, before the bytes reach
/// the destination (the transport only hands it status, headers and body).
@Suite("blob answers are checked against the request")
struct BlobAnswerCheckTests {
    /// A destination holding its bytes in memory, recording restarts.
    final class Bytes: BlobDestination {
        var data: Data
        var restarts = 0
        init(_ data: Data = Data()) { self.data = data }
        var bytesWritten: Int64 { Int64(data.count) }
        func restart() throws { data = Data(); restarts += 1 }
        func write(_ bytes: UnsafeRawBufferPointer) throws { data.append(contentsOf: bytes) }
    }

    func receive(_ check: BlobAnswerCheck, _ count: Int) throws {
        try Data(repeating: 7, count: count).withUnsafeBytes { try check.receive($0) }
    }

    @Test("a whole answer of the declared size is written and complete")
    func whole() throws {
        let destination = Bytes()
        let check = BlobAnswerCheck(destination: destination, size: 10)
        try check.begin(status: 200, headers: ["content-length": "10"])
        try receive(check, 10)
        try check.checkComplete()
        #expect(destination.data.count == 10 && check.bytesReceived == 10)
    }

    @Test("a 200 to a range request drops the partial bytes and starts over")
    func restartsOnWholeAnswer() throws {
        let destination = Bytes(Data(count: 4))
        let check = BlobAnswerCheck(destination: destination, size: 10)
        #expect(check.requestedFrom == 4)
        try check.begin(status: 200, headers: [:])
        #expect(destination.restarts == 1 && destination.data.isEmpty)
    }

    @Test("a 206 must answer exactly the range asked for")
    func range() throws {
        let check = BlobAnswerCheck(destination: Bytes(Data(count: 4)), size: 10)
        try check.begin(status: 206, headers: ["content-range": "bytes 4-9/10", "content-length": "6"])
        let wrong = BlobAnswerCheck(destination: Bytes(Data(count: 4)), size: 10)
        let error = #expect(throws: BlobAnswerCheck.Violation.self) {
            try wrong.begin(status: 206, headers: ["content-range": "bytes 0-9/10"])
        }
        #expect(error?.description == "the registry answered the request for bytes 4- with Content-Range "
            + "bytes 0-9/10 (expected bytes 4-9/10)")
        #expect(throws: BlobAnswerCheck.Violation.self) {
            try BlobAnswerCheck(destination: Bytes(), size: 10).begin(status: 206, headers: ["content-range": "bytes 0-9/10"])
        }
    }

    @Test("a Content-Length other than the declared size is refused before any byte")
    func contentLength() {
        let destination = Bytes()
        #expect(throws: BlobAnswerCheck.Violation.self) {
            try BlobAnswerCheck(destination: destination, size: 10).begin(status: 200, headers: ["content-length": "11"])
        }
        #expect(destination.data.isEmpty)
    }

    @Test("bytes past the declared size are refused and not written")
    func overflow() throws {
        let destination = Bytes()
        let check = BlobAnswerCheck(destination: destination, size: 10)
        try check.begin(status: 200, headers: [:])
        try receive(check, 8)
        let error = #expect(throws: BlobAnswerCheck.Violation.self) { try receive(check, 3) }
        #expect(error?.description == "the registry sent more than the declared 10 bytes")
        #expect(destination.data.count == 8)
    }

    @Test("an answer that ends early is not complete")
    func short() throws {
        let check = BlobAnswerCheck(destination: Bytes(), size: 10)
        try check.begin(status: 200, headers: [:])
        try receive(check, 6)
        let error = #expect(throws: BlobAnswerCheck.Violation.self) { try check.checkComplete() }
        #expect(error?.description == "the registry ended the blob after 6 of 10 bytes")
    }
}
