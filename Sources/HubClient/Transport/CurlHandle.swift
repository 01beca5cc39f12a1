import CCurl
import Foundation

/// One libcurl easy handle. Reusing it across requests reuses its open connections (keep-alive),
/// so a transport keeps one handle for its whole life.
///
/// Not thread-safe: a handle belongs to one thread at a time.
final class CurlHandle {
    /// The raw handle.
    let raw: UnsafeMutableRawPointer
    /// libcurl's detailed message for the last failure (`CURLOPT_ERRORBUFFER`, 256 bytes).
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: 256)

    /// Allocates a handle (after making sure libcurl is initialised once for the process).
    init() {
        CurlGlobal.ensureInitialized()
        guard let handle = curl_easy_init() else {
            preconditionFailure("curl_easy_init failed: libcurl is out of memory")
        }
        raw = handle
        errorBuffer[0] = 0
    }

    deinit {
        curl_easy_cleanup(raw)
        errorBuffer.deallocate()
    }

    /// Clears every option but keeps the connection cache, ready for the next request.
    func reset() {
        curl_easy_reset(raw)
        errorBuffer[0] = 0
        set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
    }

    /// The detailed message of the last failed `perform` (e.g. which certificate check failed),
    /// or nil when libcurl left none.
    var failureDetail: String? {
        let text = String(cString: errorBuffer).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    func set(_ option: CURLoption, _ value: Int) {
        _ = hub_curl_set_long(raw, option, value)
    }

    func set(_ option: CURLoption, _ value: Bool) {
        _ = hub_curl_set_long(raw, option, value ? 1 : 0)
    }

    /// libcurl copies string options, so the Swift string need not outlive the call.
    func set(_ option: CURLoption, _ value: String) {
        _ = value.withCString { hub_curl_set_string(raw, option, $0) }
    }

    func set(_ option: CURLoption, offset value: Int64) {
        _ = hub_curl_set_offset(raw, option, curl_off_t(value))
    }

    func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) {
        _ = hub_curl_set_pointer(raw, option, value)
    }

    func set(_ option: CURLoption, headers value: UnsafeMutablePointer<curl_slist>?) {
        _ = hub_curl_set_headers(raw, option, value)
    }

    func set(_ option: CURLoption, callback value: hub_curl_data_callback) {
        _ = hub_curl_set_data_callback(raw, option, value)
    }

    /// Runs the configured request to completion on the calling thread.
    func perform() -> CURLcode { curl_easy_perform(raw) }

    /// The last response's HTTP status (0 when no response arrived).
    var responseCode: Int {
        var code = 0
        _ = hub_curl_get_long(raw, CURLINFO_RESPONSE_CODE, &code)
        return code
    }
}

/// `curl_global_init`, exactly once per process and before any thread uses libcurl.
enum CurlGlobal {
    private static let initialized: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
    }()

    /// Initialises libcurl if no one did yet.
    static func ensureInitialized() {
        precondition(initialized, "curl_global_init failed")
    }

    /// libcurl's message for a result code.
    static func message(for code: CURLcode) -> String {
        String(cString: curl_easy_strerror(code))
    }
}
