internal import CCurl

/// `curl_global_init`, once per process.
enum CurlGlobal {
    /// The `CURLcode` of the one `curl_global_init` call (0 when it worked); reading it performs the call.
    static let initCode: Int = {
        let code = curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        return Int(code.rawValue)
    }()
}
