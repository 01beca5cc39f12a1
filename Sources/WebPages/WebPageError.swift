/// A failure of the web pages module itself (not of a request): a template that does not compile.
public enum WebPageError: Error, CustomStringConvertible {
    /// `Templates/NAME.mustache` did not parse; the parser's error is kept.
    case template(String, underlying: any Error)

    /// What went wrong, naming the template.
    public var description: String {
        switch self {
        case let .template(name, underlying):
            return "the web page template \(name).mustache does not parse: \(underlying)"
        }
    }
}
