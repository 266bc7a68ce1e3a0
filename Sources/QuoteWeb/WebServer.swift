import Foundation
public import Hummingbird
public import Logging
import NIOCore
public import QuoteCore
import ServiceLifecycle
import StateStore

/// The daemon's web server (DESIGN §8), read-only: the pages for a person (`/`, `/statements/ID`,
/// `/items/ID`, `/events`), the feeds for readers and programs (`/events.atom`, `/api/events`,
/// `/api/status`), `/metrics` for Prometheus and `/healthz` for a load balancer or monitor.
public struct WebServer: Service {
    let http: HTTPConfig
    let token: WebToken?
    let sources: WebSources
    let logger: Logger
    let listening: @Sendable (String) -> Void

    /// - Parameter listening: told the address bound (with the port the system chose for port 0).
    public init(http: HTTPConfig, token: WebToken?, sources: WebSources, logger: Logger, listening: @escaping @Sendable (String) -> Void = { _ in }) {
        self.http = http
        self.token = token
        self.sources = sources
        self.logger = logger
        self.listening = listening
    }

    public func run() async throws {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: WebHeaders())
        if let token { router.add(middleware: WebAuthorization(token: token)) }
        WebRoutes(sources: sources).add(to: router)
        var quiet = logger
        // Hummingbird's own lines (each request at info) stay out of the journal at notice.
        quiet.logLevel = max(logger.logLevel, .notice)
        let listening = self.listening
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(http.host, port: http.port), serverName: "quotewatch"),
            onServerRunning: { channel in
                let bound = channel.localAddress.flatMap { address -> String? in
                    guard let ip = address.ipAddress, let port = address.port else { return nil }
                    return ip.contains(":") ? "[\(ip)]:\(port)" : "\(ip):\(port)"
                }
                listening(bound ?? "\(channel.localAddress.map(String.init(describing:)) ?? "?")")
            },
            logger: quiet)
        do {
            try await app.run()
        } catch {
            // The feeds are still watched: the error says why the pages are not served, and the
            // service waits for the daemon's shutdown (its end would end the daemon).
            logger.error("http.listen \(http.listen): cannot serve the web pages: \(error)")
            try? await gracefulShutdown()
        }
    }
}
