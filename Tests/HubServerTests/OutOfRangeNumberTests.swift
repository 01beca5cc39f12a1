import ContentStore
import Foundation
import Manifest
import Testing

/// Issue 11, class 1: every number that comes from a request is converted and added with checked
/// arithmetic; a value out of range is a 400 naming the field, and the server answers the next request.
@Suite("numbers from a request never take the server down")
struct OutOfRangeNumberTests {
    @Test("an upload session's size that is not a byte count is a 400 naming `size`", arguments: [
        "1e300", "1e400", "-1", "1.5", "1e19", "9223372036854775808", "9007199254740993", "\"12\"", "true",
    ])
    func uploadSize(size: String) async throws {
        try await TestRegistry.with { registry in
            let response = try await registry.request("POST", "/v1/uploads", body: Data("{\"size\":\(size)}".utf8),
                                                      token: registry.tokens.alice)
            #expect(response.status == 400, "\(response.text)")
            #expect(response.errorCode == "QUERY_INVALID")
            #expect(response.errorPath == "size", "\(response.text)")
            #expect(await registry.isAlive())
        }
    }

    @Test("an upload session's size above the blob limit is 413, within it 202")
    func uploadSizeLimits() async throws {
        try await TestRegistry.with { registry in
            let tooLarge = try await registry.request("POST", "/v1/uploads", body: Data("{\"size\":1e15}".utf8),
                                                      token: registry.tokens.alice)
            #expect(tooLarge.status == 413, "\(tooLarge.text)")
            let fine = try await registry.request("POST", "/v1/uploads", body: Data("{\"size\":4096}".utf8),
                                                  token: registry.tokens.alice)
            #expect(fine.status == 202, "\(fine.text)")
        }
    }

    @Test("a Content-Range whose numbers are absurd or inconsistent is a 400 naming the header", arguments: [
        "bytes 0-99999999999999999999/100", "bytes 99999999999999999999-1/2", "bytes 0-9223372036854775807/*",
        "bytes 0-9/5", "bytes 0-9/abc", "bytes -1-9/10", "bytes 0--9/10", "bytes +0-9/10", "bytes 0-9/10/11",
        "bytes 0-3/10", "bytes 0-99/*",
    ])
    func contentRange(header: String) async throws {
        try await TestRegistry.with { registry in
            let started = try await registry.request("POST", "/v1/uploads", token: registry.tokens.alice)
            let id = try #require(started.object["id"] as? String)
            let response = try await registry.request("PATCH", "/v1/uploads/\(id)", headers: ["Content-Range": header],
                                                      body: Data(count: 10), token: registry.tokens.alice)
            #expect(response.status == 400, "\(header): \(response.text)")
            #expect(response.errorCode == "QUERY_INVALID")
            #expect(response.errorDetail["parameter"] as? String == "Content-Range")
            let status = try await registry.request("GET", "/v1/uploads/\(id)", token: registry.tokens.alice)
            #expect(status.object["offset"] as? Int == 0, "nothing of a refused chunk is kept")
        }
    }

    @Test("a Content-Range that fits the chunk is accepted")
    func contentRangeAccepted() async throws {
        try await TestRegistry.with { registry in
            let started = try await registry.request("POST", "/v1/uploads", token: registry.tokens.alice)
            let id = try #require(started.object["id"] as? String)
            for (header, offset) in [("bytes 0-9/30", 10), ("bytes 10-19/*", 20), ("20-29", 30)] {
                let response = try await registry.request("PATCH", "/v1/uploads/\(id)", headers: ["Content-Range": header],
                                                          body: Data(count: 10), token: registry.tokens.alice)
                #expect(response.status == 202, "\(header): \(response.text)")
                #expect(response.headers["hub-upload-offset"] == String(offset))
            }
        }
    }

    @Test("a blob Range with absurd numbers is a 416, and the server keeps answering", arguments: [
        "bytes=0-99999999999999999999", "bytes=99999999999999999999-", "bytes=-99999999999999999999",
        "bytes=9223372036854775807-", "bytes=-9223372036854775808", "bytes=1e3-", "bytes=+1-2", "bytes=1-+2",
        "bytes=--1", "bytes=0-1,2-3",
    ])
    func blobRange(header: String) async throws {
        try await TestRegistry.with { registry in
            let blob = Data(repeating: 7, count: 100)
            let digest = Digest.sha256(of: blob)
            _ = try await registry.request("PUT", "/v1/blobs/\(digest)", body: blob, token: registry.tokens.alice)
            let response = try await registry.request("GET", "/v1/blobs/\(digest)", headers: ["Range": header])
            #expect(response.status == 416, "\(header): \(response.status) \(response.text)")
            #expect(response.errorCode == "RANGE_INVALID")
            #expect(await registry.isAlive())
        }
    }

    @Test("search and lineage numbers out of range are a 400 naming the parameter", arguments: [
        ("/v1/search?limit=1e300", "limit"), ("/v1/search?limit=99999999999999999999", "limit"),
        ("/v1/search?limit=-1", "limit"), ("/v1/search?limit=%2B5", "limit"),
        ("/v1/search?cursor=OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OmZmZmY%3D", "cursor"),
        ("/v1/models/_/base-net/lineage?depth=1e300", "depth"),
        ("/v1/models/_/base-net/lineage?depth=99999999999999999999", "depth"),
        ("/v1/models/_/base-net?limit=1e300", "limit"), ("/v1/models/_/base-net?limit=0", "limit"),
        ("/v1/models/_/base-net?limit=99999999999999999999", "limit"),
        ("/v1/models/_/base-net?cursor=OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5", "cursor"),
    ])
    func queryNumbers(path: String, parameter: String) async throws {
        try await TestRegistry.with { registry in
            try await registry.push(SyntheticModel.make(name: "base-net"), token: registry.tokens.admin)
            let response = try await registry.request("GET", path)
            #expect(response.status == 400, "\(path): \(response.text)")
            #expect(response.errorCode == "QUERY_INVALID")
            #expect(response.errorDetail["parameter"] as? String == parameter, "\(path): \(response.text)")
            #expect(await registry.isAlive())
        }
    }

    @Test("weight sizes that add up past 2^53 are refused at the weight where the sum overflows")
    func weightSizeSum() async throws {
        try await TestRegistry.with { registry in
            let model = SyntheticModel.make(name: "alice/huge")
            var object = model.jsonObject
            let template = (object["weights"] as! [[String: Any]])[0]
            object["weights"] = (0..<1_200).map { index -> [String: Any] in
                var entry = template
                entry["group"] = "g\(index)"
                entry["parameters"] = ["p\(index).weight"]
                entry["size"] = 8_000_000_000_000_000 as Int64
                return entry
            }
            object["frozen"] = [String]()
            let response = try await registry.publish(jsonData(object), to: "alice/huge", token: registry.tokens.alice)
            #expect(response.status == 400, "\(response.text.prefix(300))")
            #expect(response.errorCode == "MANIFEST_INVALID")
            #expect(response.issuePaths == ["weights[1].size"], "\(response.issuePaths)")
            #expect(await registry.isAlive())
        }
    }

    @Test("manifest integers out of range are refused with their JSON path", arguments: [
        ("input.shape", "[3, 1e15, 1e15]", "input.shape[1]"),
        ("input.shape", "[3, 8192, 16384]", "input.shape"),
        ("architecture.numClasses", "1e300", "architecture.numClasses"),
        ("architecture.numClasses", "2000000", "architecture.numClasses"),
        ("input.preprocessing.resizeShortSide", "1e12", "input.preprocessing.resizeShortSide"),
        ("datasets.0.classCounts", #"{"cat": 1e300}"#, "datasets[0].classCounts.cat"),
        ("datasets.0.classCounts", #"{"t-shirt": -1}"#, #"datasets[0].classCounts["t-shirt"]"#),
        ("datasets.0.size", "1e300", "datasets[0].size"),
        ("weights.0.size", "1e300", "weights[0].size"),
    ])
    func manifestIntegers(field: String, json: String, path: String) async throws {
        try await TestRegistry.with { registry in
            let model = SyntheticModel.make(name: "alice/absurd")
            var object = model.jsonObject
            let value = try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed)
            Self.set(&object, field.split(separator: ".").map(String.init), value)
            let response = try await registry.publish(jsonData(object), to: "alice/absurd", token: registry.tokens.alice)
            #expect(response.status == 400, "\(response.text)")
            #expect(response.errorCode == "MANIFEST_INVALID")
            #expect(response.issuePaths.contains(path), "\(response.issuePaths) \(response.issueMessages)")
            #expect(await registry.isAlive())
        }
    }

    /// Sets a value at a dotted path (numbers index arrays).
    static func set(_ object: inout [String: Any], _ path: [String], _ value: Any) {
        guard let key = path.first else { return }
        if path.count == 1 { object[key] = value; return }
        if var array = object[key] as? [[String: Any]], let index = Int(path[1]) {
            set(&array[index], Array(path.dropFirst(2)), value)
            object[key] = array
        } else {
            var child = object[key] as? [String: Any] ?? [:]
            set(&child, Array(path.dropFirst()), value)
            object[key] = child
        }
    }
}
