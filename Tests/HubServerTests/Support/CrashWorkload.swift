import ContentStore
import Foundation
import HubTestSupport
import Manifest
#if canImport(Glibc)
import Glibc
#endif

/// Traffic for the crash-consistency test: writers pushing models, chunked uploads (some left open,
/// some resumed), garbage made old and then reused by a publish, and `hub admin gc` in a loop, until
/// the server is killed. Every acknowledgement goes to the `Ledger`; every 5xx is a violation.
struct CrashWorkload: Sendable {
    let http: RawHTTP
    let token: String
    let hub: ServerProcess
    let ledger: Ledger

    /// Runs three writers and a gc loop; SIGKILLs the server (and gc) after `killAfterMilliseconds`.
    func run(seed: UInt64, killAfterMilliseconds: Int) async {
        let killed = KillSwitch()
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<3 {
                group.addTask {
                    var random = SplitMix64(seed: seed &+ UInt64(worker))
                    while !killed.isSet {
                        do { try await step(&random) } catch { break }
                    }
                }
            }
            group.addTask {
                while !killed.isSet {
                    guard let process = try? hub.admin(["gc"]) else { break }
                    _ = try? await offload { process.waitUntilExit() }
                }
            }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(killAfterMilliseconds))
                killed.set()
                hub.killAll()
            }
        }
    }

    private func step(_ random: inout SplitMix64) async throws {
        switch random.next() % 8 {
        case 0, 1, 2: try await push(SyntheticModel.make(name: try await freshName(), blobSize: size(&random)))
        case 3, 4: try await chunked(size: size(&random) * 4, finish: random.next() % 2 == 0)
        case 5: try await resume()
        case 6: try await makeGarbage(SyntheticModel.make(name: try await freshName(), blobSize: size(&random)))
        default: try await reuseGarbage()
        }
    }

    private func size(_ random: inout SplitMix64) -> Int { Int(random.next() % 200_000) + 1000 }
    private func freshName() async throws -> String { "tests/crash-\(await ledger.nextName())" }

    /// Sends a request; a 5xx is recorded as a violation (a connection error ends the worker).
    func send(_ method: String, _ path: String, headers: [String: String] = [:], body: Data = Data()) async throws -> WireResponse {
        let response = try await http.request(method, path, headers: headers, body: body, token: token)
        if response.status >= 500 { await ledger.violation("\(method) \(path) -> \(response.status) \(response.text)") }
        return response
    }

    func push(_ model: SyntheticModel) async throws {
        for (digest, data) in model.blobs { try await putBlob(digest, data) }
        try await publish(model)
    }

    private func putBlob(_ digest: Digest, _ data: Data) async throws {
        let response = try await send("PUT", "/v1/blobs/\(digest)", body: data)
        if response.status == 201 { await ledger.acknowledge(digest, size: data.count) }
    }

    private func publish(_ model: SyntheticModel) async throws {
        let path = "\(TestRegistry.modelPath(model.manifest.name))/manifests/latest"
        let response = try await send("PUT", path, body: model.bytes)
        if response.status == 201 || response.status == 200 {
            await ledger.acknowledge(version: "\(TestRegistry.modelPath(model.manifest.name))/manifests/\(model.digest)",
                                     bytes: model.bytes)
        } else {
            await ledger.violation("publish of \(model.manifest.name) after its blobs were acknowledged: \(response.text)")
        }
    }

    private func chunked(size: Int, finish: Bool) async throws {
        let data = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 29 &+ size) })
        let started = try await send("POST", "/v1/uploads")
        guard started.status == 202, let id = started.object["id"] as? String else { return }
        await ledger.open(id, .init(data: data, acknowledged: 0))
        let half = size / 2
        let chunk = try await send("PATCH", "/v1/uploads/\(id)",
                                   headers: ["Content-Range": "bytes 0-\(half - 1)/\(size)"], body: data.prefix(half))
        guard chunk.status == 202 else { return }
        await ledger.update(id) { $0.acknowledged = half }
        if finish { try await complete(id, data: data, from: half) }
    }

    /// Sends the rest of a session from `offset` and finishes it.
    func complete(_ id: String, data: Data, from offset: Int) async throws {
        await ledger.update(id) { $0.finishing = true }
        let digest = Digest.sha256(of: data)
        let headers = offset < data.count ? ["Content-Range": "bytes \(offset)-\(data.count - 1)/\(data.count)"] : [:]
        let done = try await send("PUT", "/v1/uploads/\(id)?digest=\(digest)", headers: headers, body: data[offset...])
        guard done.status == 201 else { return }
        await ledger.close(id)
        await ledger.acknowledge(digest, size: data.count)
    }

    private func resume() async throws {
        guard let (id, session) = await ledger.takeAnySession() else { return }
        await ledger.open(id, session)  // now owned by this trial, so no other worker takes it
        let status = try await send("GET", "/v1/uploads/\(id)")
        guard status.status == 200, let offset = status.object["offset"] as? Int, status.object["state"] as? String != "finishing"
        else { return }
        try await complete(id, data: session.data, from: offset)
    }

    private func makeGarbage(_ model: SyntheticModel) async throws {
        for (digest, data) in model.blobs {
            let response = try await send("PUT", "/v1/blobs/\(digest)", body: data)
            guard response.status == 201 else { return }
            makeOld(hub.data.appendingPathComponent("blobs/sha256/\(digest.hex.prefix(2))/\(digest.hex)").path)
        }
        await ledger.age(model)
    }

    /// Uploads garbage again (the blobs may or may not have been collected meanwhile) and publishes it.
    private func reuseGarbage() async throws {
        guard let model = await ledger.takeAged() else { return }
        try await push(model)
    }

    private func makeOld(_ path: String) {
        let past = time_t(Date().timeIntervalSince1970) - 7200
        var times = [timeval(tv_sec: past, tv_usec: 0), timeval(tv_sec: past, tv_usec: 0)]
        _ = utimes(path, &times)
    }
}

/// Set once, read by every task.
final class KillSwitch: @unchecked Sendable {
    private var value = false
    private let lock = NSLock()
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
