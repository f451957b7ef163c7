import CCurl

/// Owns one curl easy handle (one HTTP transfer at a time), cleaned up in `deinit`.
final class EasyHandle {
    /// The C handle.
    let raw: UnsafeMutableRawPointer

    /// Creates a handle, or nil when libcurl cannot allocate one.
    init?() {
        guard CurlRuntime.initialized, let handle = curl_easy_init() else { return nil }
        raw = handle
    }

    deinit { curl_easy_cleanup(raw) }

    /// Sets a long option.
    @discardableResult
    func set(_ option: CURLoption, _ value: Int) -> CURLcode { lens_easy_setopt_long(raw, option, value) }

    /// Sets a string option (libcurl copies the string).
    @discardableResult
    func set(_ option: CURLoption, _ value: String) -> CURLcode { lens_easy_setopt_string(raw, option, value) }

    /// Sets a pointer option (the caller keeps the pointee alive while the handle uses it).
    @discardableResult
    func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) -> CURLcode {
        lens_easy_setopt_pointer(raw, option, value)
    }

    /// Sets a data callback (write or header function).
    @discardableResult
    func set(_ option: CURLoption, callback: lens_curl_data_callback) -> CURLcode {
        lens_easy_setopt_data_callback(raw, option, callback)
    }

    /// The HTTP status of the last response, or 0.
    var responseCode: Int {
        var code = 0
        _ = lens_easy_getinfo_long(raw, CURLINFO_RESPONSE_CODE, &code)
        return code
    }
}
