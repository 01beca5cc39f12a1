import Foundation
import Testing

@Suite("search")
struct SearchTests {
    /// Five models with distinct domains, architectures, licences, metrics and downloads.
    static func catalogue(_ registry: TestRegistry) async throws {
        let models = [
            SyntheticModel.make(name: "skin-lesion-resnet", description: "Dermoscopy classifier for skin lesions.",
                                domain: ["medical"], variant: "resnet50", family: "resnet", license: "MIT",
                                labels: ["benign", "malignant"], dataset: "ham10000", metrics: [("accuracy", 0.82)]),
            SyntheticModel.make(name: "alice/chest-xray", description: "Chest x-ray pneumonia detector.",
                                domain: ["medical", "xray"], variant: "mobilenet_v2", family: "mobilenet_v2",
                                labels: ["normal", "pneumonia"], dataset: "chest-xray", metrics: [("accuracy", 0.91), ("macro-f1", 0.88)]),
            SyntheticModel.make(name: "alice/fashion-effnet", description: "Clothing classifier.",
                                domain: ["fashion"], variant: "efficientnet_lite0", family: "efficientnet_lite",
                                labels: ["shirt", "shoe"], dataset: "fashion-mnist", metrics: [("accuracy", 0.93)]),
            SyntheticModel.make(name: "satellite-landcover", description: "Land cover from satellite images; "
                                + "mentions medical once.", domain: ["satellite"], variant: "resnet18", family: "resnet",
                                license: "CC-BY-4.0", labels: ["forest", "water"], dataset: "eurosat", metrics: [("accuracy", 0.75)]),
            SyntheticModel.make(name: "bob/imagenet-vgg", description: "General purpose ImageNet features.",
                                domain: ["imagenet"], variant: "vgg16", family: "vgg", labels: ["a", "b"],
                                dataset: "imagenet-1k", metrics: [("top5-accuracy", 0.9)]),
        ]
        for model in models {
            let pushed = try await registry.push(model, token: registry.tokens.admin)
            #expect(pushed.status == 201, "\(pushed.text)")
        }
        for (name, downloads) in [("alice/fashion-effnet", 3), ("satellite-landcover", 2), ("alice/chest-xray", 1)] {
            for _ in 0..<downloads { _ = try await registry.request("GET", "\(TestRegistry.modelPath(name))/manifests/latest") }
        }
        // Counted now, not by the once-a-second flush in the middle of a test's paging (keys would move under it).
        try await registry.flushDownloads()
    }

    func names(_ registry: TestRegistry, _ query: String) async throws -> [String] {
        let response = try await registry.request("GET", "/v1/search?\(query)")
        #expect(response.status == 200, "\(response.text)")
        return (response.object["results"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    }

    @Test("free text ranks name and domain matches above a passing mention in a description")
    func relevance() async throws {
        try await TestRegistry.with { registry in
            try await Self.catalogue(registry)
            let medical = try await names(registry, "q=medical")
            #expect(Set(medical.prefix(2)) == ["skin-lesion-resnet", "alice/chest-xray"])
            #expect(medical.last == "satellite-landcover")
            #expect(try await names(registry, "q=fashion") == ["alice/fashion-effnet"])
            #expect(try await names(registry, "q=pneum") == ["alice/chest-xray"])  // prefix match on a label
            #expect(try await names(registry, "q=eurosat") == ["satellite-landcover"])  // data set name
            #expect(try await names(registry, "q=nothing-like-this").isEmpty)
        }
    }

    @Test("every filter narrows the results")
    func filters() async throws {
        try await TestRegistry.with { registry in
            try await Self.catalogue(registry)
            #expect(Set(try await names(registry, "domain=medical")) == ["skin-lesion-resnet", "alice/chest-xray"])
            #expect(try await names(registry, "domain=medical&domain=xray") == ["alice/chest-xray"])
            #expect(Set(try await names(registry, "arch=resnet")) == ["skin-lesion-resnet", "satellite-landcover"])
            #expect(try await names(registry, "arch=resnet50") == ["skin-lesion-resnet"])
            #expect(try await names(registry, "license=mit") == ["skin-lesion-resnet"])
            #expect(try await names(registry, "task=image-classification").count == 5)
            #expect(try await names(registry, "task=detection").isEmpty)
            #expect(Set(try await names(registry, "min=accuracy:0.9")) == ["alice/chest-xray", "alice/fashion-effnet"])
            #expect(try await names(registry, "min=macro-f1=0.5") == ["alice/chest-xray"])
            #expect(try await names(registry, "q=classifier&domain=fashion") == ["alice/fashion-effnet"])
        }
    }

    @Test("sorting by downloads, recency and a metric; hits carry the documented fields")
    func sorting() async throws {
        try await TestRegistry.with { registry in
            try await Self.catalogue(registry)
            #expect(try await names(registry, "sort=downloads").prefix(3) == ["alice/fashion-effnet", "satellite-landcover", "alice/chest-xray"])
            #expect(try await names(registry, "sort=recent").first == "bob/imagenet-vgg")
            #expect(try await names(registry, "sort=metric:accuracy") == [
                "alice/fashion-effnet", "alice/chest-xray", "skin-lesion-resnet", "satellite-landcover"])
            let response = try await registry.request("GET", "/v1/search?q=fashion")
            let hit = try #require((response.object["results"] as? [[String: Any]])?.first)
            #expect(hit["tag"] as? String == "latest")
            #expect(hit["architecture"] as? String == "efficientnet_lite0")
            #expect(hit["domain"] as? [String] == ["fashion"])
            #expect(hit["task"] as? String == "image-classification")
            #expect((hit["headlineMetric"] as? [String: Any])?["value"] as? Double == 0.93)
            #expect(hit["downloads"] as? Int == 3)
            #expect(hit.keys.contains("parent"))
        }
    }

    @Test("limit and cursor page through every result exactly once")
    func pagination() async throws {
        try await TestRegistry.with { registry in
            try await Self.catalogue(registry)
            var seen: [String] = []
            var cursor: String?
            repeat {
                let suffix = cursor.map { "&cursor=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" } ?? ""
                let page = try await registry.request("GET", "/v1/search?sort=downloads&limit=2\(suffix)")
                #expect(page.object["total"] as? Int == 5)
                seen += (page.object["results"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                cursor = page.object["nextCursor"] as? String
            } while cursor != nil
            #expect(seen.count == 5)
            #expect(Set(seen).count == 5)
            let bad = try await registry.request("GET", "/v1/search?limit=0")
            #expect(bad.errorCode == "QUERY_INVALID")
            let foreign = try await registry.request("GET", "/v1/search?q=x&cursor=\(Data("2:abc".utf8).base64EncodedString())")
            #expect(foreign.errorCode == "QUERY_INVALID")
        }
    }
}
