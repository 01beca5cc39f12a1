import Foundation
@testable import HubServer
import Manifest
import Testing

/// The bulk path (`publishInOneTransaction`, `.parallel`: new models written a table at a time) stores
/// exactly what the serial path (each version through `publish`, one after the other) stores for the same
/// load: every table of the catalogue, search answers and facet counts. Runs on the back end the
/// environment picks (`TestBackends`).
@Suite("Bulk publish stores what one-by-one publishing stores")
struct BulkPublishEquivalenceTests {
    /// Varied new models: five families, licences in two spellings, overlapping domains, zero to two metrics.
    static func newModels(_ count: Int, prefix: String = "bulk") -> [SyntheticModel] {
        let families = [("resnet", "resnet18"), ("resnet", "resnet50"), ("vgg", "vgg16"), ("mobilenet_v2", "mobilenet_v2"),
                        ("efficientnet_lite", "efficientnet_lite0")]
        let licenses = ["Apache-2.0", "MIT", "mit", "CC-BY-4.0"]
        let words = ["medical", "chest", "xray", "skin", "satellite", "fashion", "cat", "dog", "leaf", "cafe"]
        return (0..<count).map { index in
            let (family, variant) = families[index % families.count]
            let metrics: [(String, Double)] = [[], [("accuracy", Double(index % 10) / 10)],
                                               [("accuracy", 0.25), ("top5", Double(index) / Double(count))]][index % 3]
            return SyntheticModel.make(
                name: "ns\(index % 4)/\(prefix)-\(index)", description: "A \(words[index % words.count]) model for the café, number \(index).",
                domain: [words[index % words.count], words[(index / 3) % words.count]], variant: variant, family: family,
                license: licenses[index % licenses.count], labels: [words[(index + 1) % words.count], "other"],
                dataset: "\(words[(index + 2) % words.count])-set", metrics: metrics, groups: ["backbone", "head"],
                blobSize: 64, seed: UInt8(index % 200))
        }
    }

    @Test("a load of new models stores the same rows, search rows and facet counts")
    func newModelsOnly() async throws {
        let models = Self.newModels(40)
        try await expectSameCatalogue(loads: [models.prefix(25).map { $0 }, models.dropFirst(25).map { $0 }])
    }

    @Test("a load mixing new models, new versions of stored and loaded models, children and repeats stores the same")
    func mixedLoad() async throws {
        let stored = Self.newModels(6, prefix: "stored")
        let fresh = Self.newModels(12, prefix: "fresh")
        let secondVersion = SyntheticModel.make(name: stored[1].manifest.name, description: "Second version.", seed: 201)
        let freshSecond = SyntheticModel.make(name: fresh[2].manifest.name, description: "Retrained.", license: "BSD-3-Clause",
                                              seed: 202)
        let child = SyntheticModel.make(name: "ns9/child-of-fresh", parent: fresh[4], seed: 203, reuseFrozen: ["backbone"])
        let childOfStored = SyntheticModel.make(name: "ns9/child-of-stored", parent: stored[0], relation: "distill",
                                                strategy: nil, seed: 204)
        let load = Array(fresh[0..<4]) + [secondVersion, fresh[4], child, stored[3], fresh[5], freshSecond, fresh[6],
                                          fresh[5], childOfStored] + Array(fresh[7...])
        try await expectSameCatalogue(loads: [stored, load])
    }

    @Test("a load longer than one slice (prepared and written slice by slice) stores the same")
    func longLoad() async throws {
        let models = Self.newModels(700, prefix: "long")
        let child = SyntheticModel.make(name: "ns9/child-across-slices", parent: models[20], seed: 206)
        let second = SyntheticModel.make(name: models[600].manifest.name, description: "Second version.", seed: 207)
        let load = Array(models[0..<100]) + [child] + Array(models[100..<650]) + [models[5], second] + Array(models[650...])
        try await expectSameCatalogue(loads: [load])
    }

    @Test("a load naming a blob that is not stored stores nothing, on either path")
    func missingBlob() async throws {
        let models = Self.newModels(5, prefix: "missing")
        for path in [ModelRepository.BulkPath.serial, .parallel] {
            try await TestRegistry.with { registry in
                for model in models.dropLast() { for (_, data) in model.blobs { _ = try registry.data.blobs.store(data) } }
                #expect(throws: ModelRepositoryError.self) {
                    try ModelRepository.publishInOneTransaction(models.map(\.manifest), tag: "latest", into: registry.data, path: path)
                }
                let catalogue = try await StoredCatalogue.read(registry.data.database)
                #expect(catalogue.tables["models"] == [], "\(path)")
                #expect(catalogue.tables["search_facet_counts"] == [], "\(path)")
            }
        }
    }

    /// Loads each of `loads` in turn (one transaction each) into two fresh registries, through the serial
    /// path into one and the bulk path into the other, and expects the same catalogue and the same search answers.
    private func expectSameCatalogue(loads: [[SyntheticModel]]) async throws {
        let serial = try await loaded(loads, path: .serial)
        let bulk = try await loaded(loads, path: .parallel)
        #expect(serial.catalogue == bulk.catalogue, "\(serial.catalogue.difference(from: bulk.catalogue))")
        #expect(serial.catalogue.tables["models"]?.isEmpty == false)
        #expect(serial.searches == bulk.searches)
    }

    private static let searches = ["q=medical", "q=caf", "q=cat+dog", "domain=chest", "license=mit", "arch=resnet&sort=downloads",
                                   "q=xray&sort=metric:accuracy", "min=accuracy:0.5", "limit=100"]

    /// The catalogue after the loads (facet counts among its tables), and each search's answer (hit names in order, total).
    private func loaded(_ loads: [[SyntheticModel]], path: ModelRepository.BulkPath) async throws
        -> (catalogue: StoredCatalogue, searches: [String]) {
        try await TestRegistry.with { registry in
            for load in loads {
                for model in load { for (_, data) in model.blobs { _ = try registry.data.blobs.store(data) } }
                try ModelRepository.publishInOneTransaction(load.map(\.manifest), tag: "latest", into: registry.data, path: path)
            }
            var searches: [String] = []
            for query in Self.searches {
                let response = try await registry.request("GET", "/v1/search?\(query)")
                let hits = (response.object["results"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                searches.append("\(query) -> \(response.status) \(hits) total \(response.object["total"] ?? "none")")
            }
            return (try await StoredCatalogue.read(registry.data.database), searches)
        }
    }
}
