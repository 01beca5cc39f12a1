/// Boolean query parameters as HF clients send them: `true`/`false` (httpx), `True`/`False`
/// (requests, huggingface_hub 0.x), `1`/`0`.
enum QueryFlag {
    /// True for `true`, `1` or `yes`, in any case.
    static func isTrue(_ value: String) -> Bool {
        ["true", "1", "yes"].contains(value.lowercased())
    }
}
