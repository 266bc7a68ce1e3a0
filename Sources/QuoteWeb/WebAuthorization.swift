import Hummingbird

/// With `http.tokenFile` set, every request needs `Authorization: Bearer TOKEN`; any other is
/// answered 401 with a `WWW-Authenticate` challenge (RFC 6750).
struct WebAuthorization<Context: RequestContext>: RouterMiddleware {
    let token: WebToken

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard token.accepts(authorization: request.headers[.authorization]) else {
            var headers = HTTPFields()
            headers[.wwwAuthenticate] = "Bearer realm=\"quotewatch\""
            headers[.contentType] = "text/plain; charset=utf-8"
            return Response(status: .unauthorized, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "a bearer token is required (Authorization: Bearer TOKEN)\n")))
        }
        return try await next(request, context)
    }
}
