/// A command a reader copies (`hub pull …`), shown by the `copy-command` partial as a `<pre>` with a Copy
/// button that hub.js wires up (`data-copy` names the `<pre>`'s id). Without JavaScript the button stays
/// hidden and the text can be selected as usual.
///
/// In a page's template: `{{#commands}}{{>copy-command}}{{/commands}}` over stored `[CopyCommand]`.
public struct CopyCommand: Sendable, Hashable {
    /// The `<pre>` element's id: unique on the page, letters, digits and `-` only.
    public let id: String
    /// The command, shown as text (escaped).
    public let command: String
    /// What the command does, shown above it, if anything.
    public let label: String?

    /// A command; `id` is reduced to letters, digits and `-` so that it is a safe, valid HTML id.
    public init(id: String, command: String, label: String = "") {
        self.id = "copy-" + id.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        self.command = command
        self.label = label.isEmpty ? nil : label
    }
}
