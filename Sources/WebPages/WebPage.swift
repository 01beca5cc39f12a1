/// A page of the registry's web site: a view model that one template renders.
///
/// The template `Templates/<template>.mustache` sees the page's stored properties (Mustache reads them by
/// reflection) and extends `layout` (`{{<layout}}…{{/layout}}`), which reads `title` and `chrome`.
public protocol WebPage: Sendable {
    /// The template's file name without `.mustache`.
    static var template: String { get }
    /// The text of the `<title>` element and of the page's heading.
    var title: String { get }
    /// What every page shows around its content: the search box, who is signed in.
    var chrome: PageChrome { get }
}
