import ContentStore
import Foundation
import HubServer
import HubTestSupport
import Manifest
import Testing

/// The crash-consistency proof of docs/guarantees.md: the real `hub serve` binary is killed with SIGKILL
/// at random moments while pushes, chunked uploads, publishes and `hub admin gc` run against it, then
/// restarted on the same data directory, and every promise it made is checked.
///
/// `HUB_SOAK_TRIALS` sets the number of kills (10 in `make test`, 100 in `make soak`); `HUB_CRASH_SEED`
/// repeats a run's random choices (the seed is printed; thread timing still varies).
@Suite("crash consistency", .serialized,
       .enabled(if: TestBackends.blobsAreFolder, "kills hub serve over the blob folder"))
struct CrashConsistencyTests {
    static let environment = ProcessInfo.processInfo.environment

    @Test("after kill -9 at random points, a restart keeps every acknowledged blob, version and session")
    func killAtRandomPoints() async throws {
        let trials = Int(Self.environment["HUB_SOAK_TRIALS"] ?? "") ?? 10
        let seed = UInt64(Self.environment["HUB_CRASH_SEED"] ?? "") ?? UInt64.random(in: 1...UInt64(UInt32.max))
        print("crash consistency: \(trials) kill -9 trials, seed \(seed) (repeat with HUB_CRASH_SEED=\(seed))")
        try await TestBackends.withDatabase { databaseURL in
            try await killAtRandomPoints(trials: trials, seed: seed, databaseURL: databaseURL)
        }
    }

    /// The trials against `hub serve` on the data directory's SQLite file (nil) or the PostgreSQL
    /// database `databaseURL`: a server killed mid-transaction leaves PostgreSQL running, which must
    /// roll the transaction back as SQLite's journal does.
    func killAtRandomPoints(trials: Int, seed: UInt64, databaseURL: String?) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-crash-\(UUID().uuidString)")
        let hub = try ServerProcess(data: folder.appendingPathComponent("data"), logs: folder.appendingPathComponent("logs"),
                                    databaseURL: databaseURL)
        defer {
            hub.killAll()
            try? FileManager.default.removeItem(at: folder)
        }
        let token = try hub.adminOutput(["token", "create", "--user", "tests"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let ledger = Ledger()
        var random = SplitMix64(seed: seed)
        for trial in 0...trials {
            let port = try hub.serve()
            let registry = CrashWorkload(http: RawHTTP(url: URL(string: "http://127.0.0.1:\(port)")!), token: token,
                                         hub: hub, ledger: ledger)
            let broken = try await CrashInvariants(registry: registry).check()
            #expect(broken.isEmpty, "seed \(seed), after kill \(trial): \(broken.joined(separator: "\n"))")
            guard broken.isEmpty, trial < trials else { break }
            let killAfter = Int(random.next() % 600) + 100
            await ledger.nextTrial()
            await registry.run(seed: random.next(), killAfterMilliseconds: killAfter)
            let violations = await ledger.violations
            #expect(violations.isEmpty, "seed \(seed), trial \(trial): \(violations.joined(separator: "\n"))")
            guard violations.isEmpty else { break }
        }
        let counts = await ledger.counts
        print("crash consistency: held \(counts.blobs) blobs, \(counts.versions) versions, "
              + "\(counts.resumed) resumed sessions over \(trials) kills")
        #expect(counts.versions > 0)
    }
}

/// What the server acknowledged, and anything it did wrong while running.
actor Ledger {
    /// Blobs answered 201 (never aged afterwards, so gc's grace period protects them).
    var blobs: [Digest: Int64] = [:]
    /// Versions answered 201/200: the manifest path by digest, and the bytes.
    var versions: [String: Data] = [:]
    /// Sessions answered 202, with the bytes they will hold and the offset acknowledged.
    var sessions: [String: OpenSession] = [:]
    /// Models whose blobs were uploaded, then aged past gc's grace period (garbage, until reused).
    var aged: [SyntheticModel] = []
    /// Broken promises seen while the server ran.
    var violations: [String] = []
    /// Blobs already found to hash to their name, by the file (inode) that held them.
    var hashed: [Digest: UInt] = [:]
    var resumed = 0
    private var names = 0

    struct OpenSession: Sendable {
        var data: Data
        var acknowledged: Int
        var finishing = false
        var trial = 0
    }

    var counts: (blobs: Int, versions: Int, resumed: Int) { (blobs.count, versions.count, resumed) }

    func nextName() -> Int { names += 1; return names }
    func acknowledge(_ digest: Digest, size: Int) { blobs[digest] = Int64(size) }
    func acknowledge(version path: String, bytes: Data) { versions[path] = bytes }
    /// Trials run so far: a session is resumed only in a later trial than the one that opened it.
    private(set) var trial = 0

    func nextTrial() { trial += 1 }
    func open(_ id: String, _ session: OpenSession) {
        var session = session
        session.trial = trial
        sessions[id] = session
    }
    func close(_ id: String) { sessions[id] = nil }
    func markResumed() { resumed += 1 }
    func markHashed(_ digest: Digest, file: UInt) { hashed[digest] = file }
    func update(_ id: String, _ change: (inout OpenSession) -> Void) {
        if var session = sessions[id] { change(&session); sessions[id] = session }
    }
    func takeAnySession() -> (String, OpenSession)? {
        guard let id = sessions.keys.sorted().first(where: { sessions[$0]!.trial < trial }),
              let session = sessions.removeValue(forKey: id) else { return nil }
        return (id, session)
    }
    func age(_ model: SyntheticModel) { aged.append(model) }
    func takeAged() -> SyntheticModel? { aged.isEmpty ? nil : aged.removeFirst() }
    func violation(_ text: String) { violations.append(text) }
}
