/// The headers every HTML page is sent with. The policy allows scripts and styles only from this site's
/// own `/static/` files: no inline `<script>`, no `style="…"` attributes, no event-handler attributes, so
/// markup that slipped through escaping still could not run. Sizes and colours go in SVG attributes.
public enum PageSecurity {
    /// `Content-Security-Policy`.
    public static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    /// Every security header of an HTML response, as (name, value).
    public static let headers: [(name: String, value: String)] = [
        ("Content-Security-Policy", contentSecurityPolicy),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        ("X-Frame-Options", "DENY"),
    ]
}
