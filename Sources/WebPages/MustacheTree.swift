import Mustache

/// A view model as Mustache reads it, built once before rendering: every struct becomes a dictionary of its
/// stored properties (a `nil` property is left out, as Mustache's reflection treats it), arrays and
/// dictionaries are converted element by element, everything else stays as it is.
///
/// Why: Mustache finds a name by reflecting the object (`Mirror`) on every lookup, and again on every
/// object of the context stack it climbs, which was ~80% of a search page's rendering time; a dictionary
/// lookup is a hash. The output is byte for byte what rendering the view model itself gives
/// (`PageRenderingTests`).
enum MustacheTree {
    /// Deeper than this, values are left for Mustache to reflect (view models are a few levels deep; the
    /// bound only keeps a cyclic class graph from recursing forever).
    static let maximumDepth = 32

    static func prepare(_ value: Any, depth: Int = 0) -> Any {
        guard depth < maximumDepth else { return value }
        switch value {
        case is String, is Substring, is Bool, is Int, is Int64, is Double, is Float,
             is MustacheParent, is MustacheLambda, is MustacheCustomRenderable:
            return value
        case let array as [Any]:
            return array.map { prepare($0, depth: depth + 1) }
        default:
            break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct, .class:
            var fields: [String: Any] = [:]
            fields.reserveCapacity(Int(mirror.children.count))
            for child in mirror.children {
                guard let label = child.label, let field = unwrapped(child.value) else { continue }
                fields[label] = prepare(field, depth: depth + 1)
            }
            return fields
        case .optional:
            return unwrapped(value).map { prepare($0, depth: depth + 1) } as Any
        default:
            return value
        }
    }

    /// The value inside an optional (nil for `.none`), or the value itself.
    private static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }
}
