/// A query parameter the filters do not understand (answered with 400).
struct FilterError: Error, Sendable {
    var message: String
    init(_ message: String) { self.message = message }
}
