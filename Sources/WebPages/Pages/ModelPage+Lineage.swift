import Manifest

extension ModelPage {
    /// `lineage`: relation, strategy, the parent (linked, with a comparison), hyperparameters and notes.
    struct LineageView: Sendable {
        let relation: String
        let strategy: String?
        let parent: ParentLink?
        let hyperparameters: [Pair]
        let notes: String?

        init(_ lineage: Lineage, name: String, reference: String) {
            relation = lineage.relation
            strategy = lineage.strategy
            parent = lineage.parent.map { ParentLink($0, child: reference) }
            hyperparameters = Pair.sorted(lineage.hyperparameters)
            notes = lineage.notes
        }
    }

    /// The parent version: its page, and the comparison of this version with it.
    struct ParentLink: Sendable {
        /// `name@sha256:…`.
        let reference: String
        /// `name@sha256:` and the first 12 hex digits.
        let shortReference: String
        let path: String
        let comparePath: String

        init(_ parent: Reference, child: String) {
            reference = parent.description
            shortReference = parent.digest.map { "\(parent.repository)@\($0.short)" } ?? parent.description
            path = SitePath.model(parent.repository, version: parent.tag ?? parent.digest?.description)
            comparePath = SitePath.compare(parent.description, child)
        }
    }

    /// The model's versions, each linked, with its tags linked too.
    struct VersionList: Sendable {
        let rows: [Row]
        let more: Bool

        /// One version.
        struct Row: Sendable {
            let shortDigest: String
            let path: String
            let published: String
            let size: String
            let tags: [TagLink]
            let isCurrent: Bool
        }

        /// A tag and the page of the version it points at.
        struct TagLink: Sendable {
            let tag: String
            let path: String
        }

        init(_ versions: [Version], more: Bool, name: String, current: String) {
            rows = versions.map { version in
                Row(shortDigest: String(version.digest.dropFirst("sha256:".count).prefix(12)),
                    path: SitePath.model(name, version: version.digest), published: version.published,
                    size: DisplayNumber.bytes(version.weightBytes),
                    tags: version.tags.map { TagLink(tag: $0, path: SitePath.model(name, version: $0)) },
                    isCurrent: version.digest == current)
            }
            self.more = more
        }
    }
}
