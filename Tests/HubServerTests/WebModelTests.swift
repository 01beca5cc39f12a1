import Foundation
import Manifest
import Testing

@Suite("Web pages: the model page")
struct WebModelTests {
    static let browser = WebSkeletonTests.browser

    /// `alice/base` and `alice/derived`, a fine-tune that keeps the base's frozen backbone blob.
    static func family() -> (parent: SyntheticModel, child: SyntheticModel) {
        let parent = SyntheticModel.make(name: "alice/base", metrics: [("accuracy", 0.7)], groups: ["backbone", "neck", "head"])
        let child = SyntheticModel.make(name: "alice/derived", description: "# Derived\n\nA **fine-tune** of the base.",
                                        metrics: [("accuracy", 0.9)], parent: parent, groups: ["backbone", "neck", "head"],
                                        seed: 2, reuseFrozen: ["backbone"])
        return (parent, child)
    }

    @Test("a derivative's page: card, links to parent, lineage and comparison, shared groups, pull cost, commands")
    func derivativePage() async throws {
        let (parent, child) = Self.family()
        try await TestRegistry.with { registry in
            #expect(try await registry.push(parent, token: registry.tokens.alice).status == 201)
            #expect(try await registry.push(child, token: registry.tokens.alice).status == 201)
            let response = try await registry.request("GET", "/models/alice/derived", headers: Self.browser)
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == "text/html; charset=utf-8")
            #expect(response.headers["content-security-policy"]?.contains("script-src 'self'") == true)
            let html = response.text
            #expect(html.contains("<h1>Derived</h1>"))
            #expect(html.contains("<strong>fine-tune</strong>"))
            #expect(html.contains("href=\"/models/alice/base?version=\(parent.digest)\""))
            #expect(html.contains("href=\"/compare?a=alice%2Fbase@\(parent.digest)&amp;b=alice%2Fderived:latest\""))
            #expect(html.contains("href=\"/lineage/alice/derived?version=latest\""))
            #expect(html.contains("<tr class=\"shared\"><td>backbone</td>"))
            #expect(html.contains("<td>frozen</td><td>shared</td>"))
            #expect(html.contains("<tr class=\"new\"><td>head</td>"))
            let newBytes = child.manifest.weights.filter { $0.group != "backbone" }.reduce(0) { $0 + $1.size }
            #expect(newBytes == 8_218)
            #expect(html.contains("costs <strong>8.22 kB</strong> on top of its parent (2 of 3 groups"))
            let base = "http://\(registry.url.host!):\(registry.url.port!)"
            #expect(html.contains("hub pull alice/derived:latest --registry \(base)"))
            #expect(html.contains("&quot;HF_ENDPOINT&quot;] = &quot;\(base)/hf&quot;"))
            let commit = String(child.digest.hex.prefix(40))
            #expect(html.contains("repo_id=&quot;alice/derived&quot;, filename=&quot;model.safetensors&quot;, revision=&quot;\(commit)&quot;"))
            #expect(html.contains("timm.create_model(&quot;hf-hub:alice/derived@\(commit)&quot;, pretrained=True)"))
        }
    }

    @Test("any version by tag or digest; tags link to their versions")
    func versions() async throws {
        let (parent, _) = Self.family()
        let second = SyntheticModel.make(name: "alice/base", description: "Second version.", seed: 9)
        try await TestRegistry.with { registry in
            try await registry.push(parent, tag: "v1", token: registry.tokens.alice)
            try await registry.push(second, tag: "latest", token: registry.tokens.alice)
            let latest = try await registry.request("GET", "/models/alice/base", headers: Self.browser)
            #expect(latest.text.contains("Second version."))
            #expect(latest.text.contains("<a class=\"tag\" href=\"/models/alice/base?version=v1\">v1</a>"))
            #expect(latest.text.contains("href=\"/models/alice/base?version=\(parent.digest)\""))
            let byTag = try await registry.request("GET", "/models/alice/base?version=v1", headers: Self.browser)
            #expect(byTag.status == 200)
            #expect(byTag.text.contains("A synthetic test model."))
            let byDigest = try await registry.request("GET", "/models/alice/base?version=\(second.digest)", headers: Self.browser)
            #expect(byDigest.status == 200)
            #expect(byDigest.text.contains("hub pull alice/base@\(second.digest)"))
        }
    }

    @Test("an official model's page, and no timm command for an architecture timm lacks")
    func officialModel() async throws {
        let model = SyntheticModel.make(name: "tiny-cnn", variant: "small_cnn", family: "small_cnn")
        try await TestRegistry.with { registry in
            try await registry.push(model, token: registry.tokens.admin)
            let response = try await registry.request("GET", "/models/tiny-cnn", headers: Self.browser)
            #expect(response.status == 200)
            #expect(response.text.contains("hub pull tiny-cnn:latest"))
            #expect(!response.text.contains("command-timm"))
            #expect(!response.text.contains("on top of its parent"))
        }
    }

    @Test("unknown models, tags and digests are the 404 page; a malformed version is 400")
    func errors() async throws {
        let (parent, _) = Self.family()
        try await TestRegistry.with { registry in
            try await registry.push(parent, token: registry.tokens.alice)
            for path in ["/models/alice/absent", "/models/absent", "/models/alice/base?version=nope",
                         "/models/alice/base?version=sha256:" + String(repeating: "0", count: 64), "/models/alice/base/extra"] {
                let response = try await registry.request("GET", path, headers: Self.browser)
                #expect(response.status == 404, "\(path)")
                #expect(response.headers["content-type"] == "text/html; charset=utf-8", "\(path)")
                #expect(response.text.contains("<h1>Not found</h1>"), "\(path)")
            }
            for path in ["/models/alice/base?version=sha256:zz", "/models/alice/base?version=bad%20tag", "/models/Alice/Base"] {
                let response = try await registry.request("GET", path, headers: Self.browser)
                #expect(response.status == 400, "\(path)")
                #expect(response.text.contains("<h1>Bad request</h1>"), "\(path)")
            }
        }
    }

    @Test("user strings from a published manifest appear as text, never as markup")
    func hostileManifest() async throws {
        let payload = "<img src=x onerror=alert(1)>"
        var model = SyntheticModel.make(name: "alice/hostile", description: "<script>alert(1)</script>\n\n[x](javascript:alert(2))",
                                        labels: [payload, "dog"], dataset: payload, metrics: [(payload, 0.5)])
        model.manifest.lineage = Lineage(parent: nil, relation: "import", hyperparameters: [payload: .string(payload)])
        let hostile = model
        try await TestRegistry.with { registry in
            #expect(try await registry.push(hostile, token: registry.tokens.alice).status == 201)
            let html = try await registry.request("GET", "/models/alice/hostile", headers: Self.browser).text
            #expect(!html.contains("<script>alert"))
            #expect(!html.contains("<img src=x"))
            #expect(!html.contains("javascript:"))
            #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        }
    }
}
