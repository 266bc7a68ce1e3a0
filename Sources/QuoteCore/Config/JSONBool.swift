/// Whether a value decoded by `JSONSerialization` was a JSON `true`/`false`.
///
/// Foundation bridges JSON numbers and booleans to NSNumber, and `as? Bool` succeeds on the number
/// 1 as well; only the boolean singleton's class tells them apart.
func isJSONBool(_ value: Any) -> Bool {
    String(describing: type(of: value)).contains("Boolean") || type(of: value) == Bool.self
}
