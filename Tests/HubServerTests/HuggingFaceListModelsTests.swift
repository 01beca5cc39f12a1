import Foundation
@testable import HubServer
import Testing

/// `GET /hf/api/models` (`list_models`) over real HTTP: filters on the stored tags, search, author,
/// sorts, and absolute `Link` paging that visits every model once.
@Suite("Hugging Face list models")
struct HuggingFaceListModelsTests {
    private func ids(_ response: WireResponse) -> [String] { response.array.compactMap { $0["id"] as? String } }

    @Test("filters match the head version's tags exactly, all of them")
    func filters() async throws {
        try await TestRegistry.with { registry in
            _ = try await HuggingFaceFixture.publish(to: registry)
            let cases: [(String, Set<String>)] = [
                ("filter=domain%3Afashion", ["alice/resnet", "bob/child"]),
                ("filter=domain:medical", ["mobile"]),
                ("filter=arch%3Aresnet18", ["alice/resnet", "bob/child"]),
                ("filter=family:mobilenet_v2", ["mobile"]),
                ("filter=base_model%3Aalice%2Fresnet", ["bob/child"]),
                ("filter=base_model:finetune:alice/resnet", ["bob/child"]),
                ("filter=license%3Amit", ["mobile"]),
                ("filter=dataset%3Achest", ["mobile"]),
                ("filter=domain%3Afashion&filter=domain%3Aretail", ["bob/child"]),
                ("filter=domain:fashion,domain:retail", ["bob/child"]),
                ("pipeline_tag=image-classification", ["alice/resnet", "bob/child", "mobile"]),
                ("filter=safetensors&author=alice", ["alice/resnet"]),
                ("author=_", ["mobile"]),
                ("search=RES", ["alice/resnet"]),
                ("search=a_b", []),
                ("filter=domain%3Anone", []),
            ]
            for (query, expected) in cases {
                let response = try await registry.request("GET", "/hf/api/models?\(query)")
                #expect(response.status == 200, "\(query)")
                #expect(Set(ids(response)) == expected, "\(query)")
            }
        }
    }

    @Test("limit pages with an absolute Link that keeps the query; following it visits every model once")
    func paging() async throws {
        try await TestRegistry.with { registry in
            _ = try await HuggingFaceFixture.publish(to: registry)
            var seen: [String] = []
            var path: String? = "/hf/api/models?limit=1&sort=createdAt&filter=safetensors"
            var pages = 0
            while let next = path, pages < 10 {
                let response = try await registry.request("GET", next)
                #expect(response.status == 200)
                #expect(response.array.count <= 1)
                seen += ids(response)
                pages += 1
                guard let link = response.headers["link"] else { path = nil; continue }
                let url = try #require(link.split(separator: ">").first.map { String($0.dropFirst()) })
                #expect(url.hasPrefix("http://127.0.0.1:"), "absolute: \(url)")
                #expect(link.hasSuffix("rel=\"next\""))
                #expect(url.contains("filter=safetensors") && url.contains("sort=createdAt"))
                path = URL(string: url).map { $0.path + "?" + ($0.query ?? "") }
            }
            #expect(seen.count == 3 && Set(seen) == ["alice/resnet", "bob/child", "mobile"])
        }
    }

    @Test("full and cardData add siblings and card data; expand keeps only the named properties")
    func properties() async throws {
        try await TestRegistry.with { registry in
            _ = try await HuggingFaceFixture.publish(to: registry)
            let plain = try await registry.request("GET", "/hf/api/models?author=bob").array
            #expect(plain.first?["siblings"] == nil && plain.first?["cardData"] == nil && plain.first?["sha"] is String)
            let full = try await registry.request("GET", "/hf/api/models?author=bob&full=True&cardData=true").array
            #expect((full.first?["siblings"] as? [Any])?.isEmpty == false && full.first?["cardData"] is [String: Any])
            let expanded = try await registry.request("GET", "/hf/api/models?author=bob&expand=tags").array
            #expect(expanded.first.map { Set($0.keys) } == ["id", "tags"])
        }
    }

    @Test("out-of-bounds parameters answer 400 naming the parameter")
    func bounds() async throws {
        try await TestRegistry.with { registry in
            for query in ["limit=0", "limit=-1", "limit=abc", "sort=size", "cursor=nonsense%21",
                          (0...16).map { "filter=t\($0)" }.joined(separator: "&"),
                          "search=" + String(repeating: "a", count: 300), "x=" + String(repeating: "a", count: 9000)] {
                let response = try await registry.request("GET", "/hf/api/models?\(query)")
                #expect(response.status == 400, "\(query.prefix(60))")
            }
        }
    }
}

/// The listing's two query plans (from the rarest filter tag's index, or walking models in order)
/// give the same pages.
@Suite("Hugging Face list models: query plans")
struct HuggingFaceListPlanTests {
    @Test("every filter combination pages identically under both plans")
    func plans() async throws {
        try await TestRegistry.with { registry in
            _ = try await HuggingFaceFixture.publish(to: registry)
            let queries = ["filter=domain:fashion", "filter=safetensors&filter=arch:resnet18", "filter=license:mit",
                           "filter=domain:fashion&author=bob", "filter=safetensors&search=res", "filter=none"]
            for text in queries {
                for sort in ["downloads", "createdAt", "lastModified"] {
                    let pairs = try QueryParameters("\(text)&sort=\(sort)&limit=1").pairs
                    let pages = try await registry.data.database.read { db in
                        try [0, Int.max].map { threshold in
                            var query = try ListModelsQuery(parameters: pairs)
                            var names: [String] = []
                            while true {
                                let (page, next) = try HuggingFaceRepository.list(query, selectiveTagCount: threshold, in: db)
                                names += page.map(\.version.model.name)
                                guard let next, names.count < 10 else { return names }
                                query.after = next
                            }
                        }
                    }
                    #expect(pages[0] == pages[1], "\(text) \(sort)")
                    #expect(pages[0].isEmpty == (text == "filter=none"), "\(text) \(sort)")
                }
            }
        }
    }
}
