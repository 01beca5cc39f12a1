import CCurl
import Foundation

/// One libcurl easy handle (kept and reused by `S3Client`'s pool, so connections stay open).
/// Not thread-safe: a handle belongs to one request at a time.
final class CurlEasy: @unchecked Sendable {  // moved between threads only through the pool, one user at a time
    let raw: UnsafeMutableRawPointer
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: 256)

    private static let initialized: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    init() {
        precondition(Self.initialized, "curl_global_init failed")
        guard let handle = curl_easy_init() else { preconditionFailure("curl_easy_init failed: out of memory") }
        raw = handle
    }

    deinit {
        curl_easy_cleanup(raw)
        errorBuffer.deallocate()
    }

    func reset() {
        curl_easy_reset(raw)
        errorBuffer[0] = 0
        _ = hub_curl_set_pointer(raw, CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer))
    }

    func set(_ option: CURLoption, _ value: Int) { _ = hub_curl_set_long(raw, option, value) }
    func set(_ option: CURLoption, _ value: String) { _ = value.withCString { hub_curl_set_string(raw, option, $0) } }
    func set(_ option: CURLoption, offset value: Int64) { _ = hub_curl_set_offset(raw, option, curl_off_t(value)) }
    func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) { _ = hub_curl_set_pointer(raw, option, value) }
    func set(_ option: CURLoption, headers value: UnsafeMutablePointer<curl_slist>?) {
        _ = hub_curl_set_headers(raw, option, value)
    }
    func set(_ option: CURLoption, callback value: hub_curl_data_callback) { _ = hub_curl_set_data_callback(raw, option, value) }

    func perform() -> CURLcode { curl_easy_perform(raw) }

    var responseCode: Int {
        var code = 0
        _ = hub_curl_get_long(raw, CURLINFO_RESPONSE_CODE, &code)
        return code
    }

    /// libcurl's message for the last failure.
    func failureText(_ code: CURLcode) -> String {
        let detail = String(cString: errorBuffer)
        return "curl \(code.rawValue): " + (detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail)
    }
}
