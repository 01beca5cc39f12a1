import Mustache

/// Renders pages with the templates embedded in the binary (`Templates/*.mustache`, compiled once).
public struct PageRenderer: Sendable {
    private let library: MustacheLibrary

    /// Compiles every template; a template that does not parse is a bug in hub, reported with its name.
    public init() throws(WebPageError) {
        // Every template escapes with `HTMLText` (scalar by scalar): Mustache's own HTML escaper compares
        // whole Characters, so a `"` followed by a combining mark would pass it unescaped.
        MustacheContentTypes.register(ScalarHTML(), named: ScalarHTML.name)
        var library = MustacheLibrary()
        for (name, bytes) in Templates.all {
            do {
                let source = "{{% CONTENT_TYPE: \(ScalarHTML.name) }}" + String(decoding: bytes, as: UTF8.self)
                try library.register(source, named: name)
            } catch {
                throw WebPageError.template(name, underlying: error)
            }
        }
        self.library = library
    }

    /// The page's HTML document.
    public func render<Page: WebPage>(_ page: Page) -> String {
        guard let html = library.render(MustacheTree.prepare(page), withTemplate: Page.template) else {
            preconditionFailure("no template \(Page.template).mustache is registered in Templates.all")
        }
        return html
    }

    /// A partial (`copy-command`, `model-list`) rendered on its own with `value` as its context.
    func render(partial name: String, with value: Any) -> String? {
        library.render(MustacheTree.prepare(value), withTemplate: name)
    }

    /// The page rendered by Mustache's reflection of the view model itself, without `MustacheTree`
    /// (what `render` must equal byte for byte; for tests).
    func renderReflecting<Page: WebPage>(_ page: Page) -> String? {
        library.render(page, withTemplate: Page.template)
    }
}

/// HTML escaping of every `{{value}}` by Unicode scalar (`HTMLText.escaped`).
struct ScalarHTML: MustacheContentType {
    static let name = "HUB_HTML"
    func escapeText(_ text: String) -> String { HTMLText.escaped(text) }
}
