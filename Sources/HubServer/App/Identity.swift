/// Who a token belongs to and what it may do.
public struct Identity: Sendable, Hashable {
    /// The token's user; also the only namespace a `write` token may publish in.
    public let user: String
    /// What the token may do.
    public let scope: Scope
    /// The token's public id (for revocation and logs; never the secret).
    public let tokenID: String

    /// The three scopes, each including the one before.
    public enum Scope: String, Sendable, CaseIterable {
        /// Read only (needed for reads when the server is private).
        case read
        /// Read, upload blobs, publish and delete tags in the user's own namespace.
        case write
        /// Everything, including official models and every namespace.
        case admin
    }

    /// An identity.
    public init(user: String, scope: Scope, tokenID: String) {
        self.user = user
        self.scope = scope
        self.tokenID = tokenID
    }

    /// True when this identity may publish to or delete tags of `namespace` (nil: official).
    public func mayWrite(namespace: String?) -> Bool {
        switch scope {
        case .admin: return true
        case .write: return namespace == user
        case .read: return false
        }
    }
}
