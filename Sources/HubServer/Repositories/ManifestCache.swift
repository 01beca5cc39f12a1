import Foundation
import Manifest

/// Manifests kept in memory by digest, for `GET …/manifests/{reference}`. A version's manifest never
/// changes (its digest is the SHA-256 of its bytes and versions are never rewritten or deleted), so an
/// entry never goes stale; the cache is bounded by bytes (each entry counts its manifest's bytes plus
/// `entryOverheadBytes`) and evicts the least recently used entries. It is filled only by
/// `ModelRepository.manifest` with bytes read from SQLite whose SHA-256 was checked against their digest.
/// It sits behind the auth middleware like every route, so a private registry still wants a token.
final class ManifestCache: Sendable {
    /// One cached version.
    struct Entry: Sendable {
        /// The model that owns the version, as the request that filled the entry named it.
        let repository: String
        /// The version's row id (what a download is counted against).
        let versionID: Int64
        /// The manifest's bytes, exactly as published.
        let bytes: Data
    }

    /// The default bound: 64 MiB.
    static let defaultCapacityBytes = 64 << 20
    /// Bytes each entry counts on top of its manifest (key, name, bookkeeping).
    static let entryOverheadBytes = 256

    /// Most bytes the entries may count together.
    let capacityBytes: Int
    private let state = LockedBox(State())

    private struct State {
        var entries: [Digest: (entry: Entry, lastUse: UInt64)] = [:]
        var bytes = 0
        var clock: UInt64 = 0
    }

    /// A cache holding at most `capacityBytes` (0 turns it off).
    init(capacityBytes: Int = ManifestCache.defaultCapacityBytes) {
        self.capacityBytes = max(0, capacityBytes)
    }

    /// The entry for `digest`, marked as just used.
    func entry(for digest: Digest) -> Entry? {
        state.withLock { state in
            guard let found = state.entries[digest] else { return nil }
            state.clock += 1
            state.entries[digest] = (found.entry, state.clock)
            return found.entry
        }
    }

    /// Keeps `entry` under `digest`, evicting the least recently used entries until the bound holds.
    /// The caller has checked that `entry.bytes` hash to `digest`. An entry bigger than the bound is not kept.
    func insert(_ entry: Entry, for digest: Digest) {
        let cost = Self.cost(of: entry)
        guard cost <= capacityBytes else { return }
        state.withLock { state in
            state.clock += 1
            if let old = state.entries.updateValue((entry, state.clock), forKey: digest) {
                state.bytes -= Self.cost(of: old.entry)
            }
            state.bytes += cost
            guard state.bytes > capacityBytes else { return }
            Self.evict(&state, downTo: capacityBytes - capacityBytes / 8)
        }
    }

    /// Bytes counted by the entries now (never above `capacityBytes`).
    var countedBytes: Int { state.withLock { $0.bytes } }

    /// How many manifests are cached.
    var count: Int { state.withLock { $0.entries.count } }

    /// Drops least recently used entries until at most `target` bytes are counted (evicting an
    /// eighth of the bound at a time keeps the sort off the path of most inserts).
    private static func evict(_ state: inout State, downTo target: Int) {
        let oldestFirst = state.entries.sorted { $0.value.lastUse < $1.value.lastUse }
        for (digest, value) in oldestFirst where state.bytes > target {
            state.entries[digest] = nil
            state.bytes -= cost(of: value.entry)
        }
    }

    private static func cost(of entry: Entry) -> Int { entry.bytes.count + entryOverheadBytes }
}
