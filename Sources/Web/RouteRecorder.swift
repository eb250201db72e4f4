import Hummingbird

/// Forwards route registrations to the router and remembers each one, so that the OpenAPI test can
/// check every route the server really has against the document, and so that other methods on a
/// known path answer 405 with `Allow` instead of 404.
final class RouteRecorder<Context: RequestContext>: RouterMethods {
    let router: Router<Context>
    private(set) var routes: [(method: HTTPRequest.Method, path: String)] = []

    init(_ router: Router<Context>) {
        self.router = router
    }

    @discardableResult
    func on<Responder: HTTPResponder>(_ path: RouterPath, method: HTTPRequest.Method, responder: Responder) -> Self
    where Responder.Context == Context {
        routes.append((method, path.description))
        router.on(path, method: method, responder: responder)
        return self
    }

    @discardableResult
    func add(middleware: any MiddlewareProtocol<Request, Response, Context>) -> Self {
        router.add(middleware: middleware)
        return self
    }

    /// Registers 405 answers for the methods a path does not serve.
    func answerOtherMethodsNotAllowed() {
        let byPath = Dictionary(grouping: routes, by: \.path)
        for (path, served) in byPath {
            let allowed = served.map(\.method)
            let allow = (allowed + (allowed.contains(.get) ? [.head] : [])).map(\.rawValue).joined(separator: ", ")
            // TRACE would echo the request (cookies included) back; OPTIONS and QUERY are not served either.
            for method in [HTTPRequest.Method.post, .put, .patch, .delete, .trace, .options, HTTPRequest.Method("QUERY")!] where !allowed.contains(method) {
                router.on(RouterPath(path), method: method) { _, _ -> Response in
                    var problem = Problem(.methodNotAllowed, type: "method-not-allowed", detail: "\(path) answers \(allow) only.")
                    problem.headers[.allow] = allow
                    throw problem
                }
            }
        }
    }
}
