import Foundation
@testable import HubServer
import Testing

/// Two servers on one metadata database (and one blob folder), as two processes would be: publishes
/// through both, racing for one tag, meet at the database's one write lock, so the state they leave is
/// the state of some order of whole publishes. On SQLite that is `BEGIN IMMEDIATE` across connections,
/// on PostgreSQL the advisory lock across connections.
@Suite("two servers on one database")
struct SharedDatabaseTests {
    @Test("racing publishes to one tag through two servers leave every version whole and one head everywhere")
    func racingPublishes() async throws {
        try await TestRegistry.with { first in
            try await first.withSecondServer { other in
                let models = (0..<12).map { SyntheticModel.make(name: "alice/race", description: "version \($0)", seed: UInt8($0 + 1)) }
                for (index, model) in models.enumerated() {
                    for (digest, data) in model.blobs {
                        let via = index % 2 == 0 ? first.http : other
                        let stored = try await via.request("PUT", "/v1/blobs/\(digest)", body: data, token: first.tokens.alice)
                        #expect(stored.status == 201, "\(stored.text)")
                    }
                }
                let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                    for (index, model) in models.enumerated() {
                        let via = index % 2 == 0 ? first.http : other
                        group.addTask {
                            try await via.request("PUT", "\(TestRegistry.modelPath("alice/race"))/manifests/latest",
                                                  body: model.bytes, token: first.tokens.alice).status
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses == Array(repeating: 201, count: models.count))
                let published = Set(models.map(\.digest.description))
                var heads: Set<String> = []
                for via in [first.http, other] {
                    let latest = try await via.request("GET", "\(TestRegistry.modelPath("alice/race"))/manifests/latest")
                    heads.insert(latest.headers["hub-content-digest"] ?? "none")
                    for model in models {
                        let byDigest = try await via.request("GET", "\(TestRegistry.modelPath("alice/race"))/manifests/\(model.digest)")
                        #expect(byDigest.body == model.bytes)
                    }
                    let search = try await via.request("GET", "/v1/search?q=race")
                    let hits = search.object["results"] as? [[String: Any]] ?? []
                    #expect(hits.count == 1 && search.object["total"] as? Int == 1, "\(search.text)")
                    heads.insert(hits.first?["digest"] as? String ?? "none")
                }
                #expect(heads.count == 1 && published.isSuperset(of: heads), "\(heads)")
                let facets = try await first.data.database.read { db in try SearchFacetTotals.headCount(in: db) }
                #expect(facets == 1)
            }
        }
    }
}
