import Hummingbird

/// Forwards route registrations to the router and remembers each one, so that the OpenAPI test can
/// check every route the server really has against the document, and so that other methods on a
/// known path answer 405 with `Allow` instead of 404.
final class RouteRecorder<Context: RequestContext>: RouterMethods {
    let router: Router<Context>
    /// Where routes go: the router, or a group of it carrying middleware of its own (the write API's token check).
    private let target: any RouterMethods<Context>
    private(set) var routes: [(method: HTTPRequest.Method, path: String)] = []

    /// - Parameter target: a group of `router` without a path prefix to register through; the 405 answers for
    ///   other methods go to `router` itself, so they answer before any of the group's middleware.
    init(_ router: Router<Context>, through target: (any RouterMethods<Context>)? = nil) {
        self.router = router
        self.target = target ?? router
    }

    @discardableResult
    func on<Responder: HTTPResponder>(_ path: RouterPath, method: HTTPRequest.Method, responder: Responder) -> Self
    where Responder.Context == Context {
        routes.append((method, path.description))
        target.on(path, method: method, responder: responder)
        return self
    }

    @discardableResult
    func add(middleware: any MiddlewareProtocol<Request, Response, Context>) -> Self {
        target.add(middleware: middleware)
        return self
    }

    /// Registers 405 answers for the methods a path does not serve.
    func answerOtherMethodsNotAllowed() {
        let byPath = Dictionary(grouping: routes, by: \.path)
        for (path, served) in byPath {
            let allowed = served.map(\.method)
            let allow = (allowed + (allowed.contains(.get) ? [.head] : [])).map(\.rawValue).joined(separator: ", ")
            // TRACE would echo the request (cookies included) back; OPTIONS and QUERY are not served either.
            // A path served only by POST, PATCH or DELETE (the write API's actions) answers GET and HEAD with 405 too.
            let reads: [HTTPRequest.Method] = allowed.contains(.get) ? [] : [.get, .head]
            for method in reads + [HTTPRequest.Method.post, .put, .patch, .delete, .trace, .options, HTTPRequest.Method("QUERY")!] where !allowed.contains(method) {
                router.on(RouterPath(path), method: method) { _, _ -> Response in
                    var problem = Problem(.methodNotAllowed, type: "method-not-allowed", detail: "\(path) answers \(allow) only.")
                    problem.headers[.allow] = allow
                    throw problem
                }
            }
        }
    }
}
