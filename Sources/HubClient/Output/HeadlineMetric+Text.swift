import Foundation
import RegistryAPI

extension HeadlineMetric {
    /// `accuracy 0.913` style text, as `hub search` and `hub info` print it.
    public var text: String { "\(name) \(String(format: "%.3f", value))" }
}
