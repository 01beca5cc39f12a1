import Foundation
import Manifest
import Testing

/// Issue 11, class 8: the work one request can cause is bounded: model summaries page their
/// versions, search caps its terms, lineage walks cap their nodes.
@Suite("bounded work per request")
struct BoundedWorkTests {
    /// Publishes `count` versions of one model (same blobs, another description each), tagging the
    /// last as `latest` and every version as `v<index>`.
    static func publishVersions(_ count: Int, of name: String, _ registry: TestRegistry) async throws -> [String] {
        var digests: [String] = []
        for index in 0..<count {
            var model = SyntheticModel.make(name: name)
            model.manifest.description = "version \(index)"
            if index == 0 {
                for (digest, data) in model.blobs {
                    _ = try await registry.request("PUT", "/v1/blobs/\(digest)", body: data, token: registry.tokens.admin)
                }
            }
            let published = try await registry.publish(model.bytes, to: name, tag: "v\(index)", token: registry.tokens.admin)
            #expect(published.status == 201, "\(published.text)")
            digests.append(model.digest.description)
        }
        return digests
    }

    @Test("a model summary pages its versions, newest first, with a cursor")
    func summaryPages() async throws {
        try await TestRegistry.with { registry in
            let digests = try await Self.publishVersions(5, of: "paged", registry)
            var seen: [String] = []
            var path = "/v1/models/_/paged?limit=2"
            var pages = 0
            while true {
                let page = try await registry.request("GET", path)
                #expect(page.status == 200, "\(page.text)")
                let versions = page.object["versions"] as? [[String: Any]] ?? []
                #expect(versions.count <= 2)
                #expect(page.object["versionCount"] as? Int == 5)
                #expect((page.object["tags"] as? [Any])?.count == 5, "every page lists the tags")
                seen += versions.compactMap { $0["digest"] as? String }
                pages += 1
                guard let cursor = page.object["nextCursor"] as? String, pages < 10 else { break }
                path = "/v1/models/_/paged?limit=2&cursor=\(cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
            }
            #expect(pages == 3)
            #expect(seen == digests.reversed())
        }
    }

    @Test("a model summary without a limit answers at most 100 versions")
    func summaryDefaultLimit() async throws {
        try await TestRegistry.with { registry in
            _ = try await Self.publishVersions(101, of: "many", registry)
            let summary = try await registry.request("GET", "/v1/models/_/many")
            #expect((summary.object["versions"] as? [Any])?.count == 100)
            #expect(summary.object["versionCount"] as? Int == 101)
            #expect(summary.object["nextCursor"] is String)
            let tooMany = try await registry.request("GET", "/v1/models/_/many?limit=1001")
            #expect(tooMany.errorCode == "QUERY_INVALID")
        }
    }

    @Test("a cursor from another model is refused")
    func summaryCursorBelongsToItsModel() async throws {
        try await TestRegistry.with { registry in
            _ = try await Self.publishVersions(3, of: "first", registry)
            _ = try await Self.publishVersions(1, of: "second", registry)
            let page = try await registry.request("GET", "/v1/models/_/first?limit=1")
            let cursor = try #require(page.object["nextCursor"] as? String)
            let other = try await registry.request("GET", "/v1/models/_/second?cursor=\(cursor)")
            #expect(other.status == 400)
            #expect(other.errorDetail["parameter"] as? String == "cursor")
        }
    }

    @Test("search refuses more than 16 words, domains or minimums, naming the parameter", arguments: [
        ("q=" + (1...17).map { "w\($0)" }.joined(separator: "+"), "q"),
        ((1...17).map { "domain=d\($0)" }.joined(separator: "&"), "domain"),
        ((1...17).map { "min=m\($0):0.5" }.joined(separator: "&"), "min"),
    ])
    func searchTerms(query: String, parameter: String) async throws {
        try await TestRegistry.with { registry in
            let response = try await registry.request("GET", "/v1/search?\(query)")
            #expect(response.status == 400, "\(response.text)")
            #expect(response.errorDetail["parameter"] as? String == parameter)
            let sixteen = try await registry.request("GET", "/v1/search?q=" + (1...16).map { "w\($0)" }.joined(separator: "+"))
            #expect(sixteen.status == 200)
        }
    }
}
