import CaseEngine
import Foundation
public import Hummingbird
import Logging
import NIOCore
public import Reports
import HTTPTypes
import SimCore

/// The HTTP face of the case engine: the routes over an ``EventStore`` (docs/api.md).
public struct CaseService: Sendable {
    /// What the service is started with.
    public struct Options: Sendable {
        public var host = "127.0.0.1"
        public var port = 8080
        /// The largest request body taken, in bytes.
        public var maxBodyBytes = 16 << 20
        /// Connections open at once; more are answered 503.
        public var maxConnections = 1024
        public init() {}
    }

    /// Every route the service registers, as `METHOD path` in the OpenAPI spelling (checked against docs/openapi.yaml).
    public static let routes = ["GET /health", "POST /commands", "GET /cases/{id}", "GET /kpis", "GET /metrics"]

    public let store: EventStore
    public let options: Options
    /// Expected demand on closed days, from the scenario (what `hallsim run` adds to its summary).
    public let closedDays: Summary.ClosedDays?
    /// The connections' readers ahead (pipelined `POST /commands`).
    let readAhead: ReadAhead

    public init(store: EventStore, options: Options, closedDays: Summary.ClosedDays? = nil) {
        self.store = store
        self.options = options
        self.closedDays = closedDays
        readAhead = ReadAhead(store: store, maxBodyBytes: options.maxBodyBytes)
    }

    /// The router with every route and the request metrics.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        let store = store
        let limit = options.maxBodyBytes
        let closedDays = closedDays
        let readAhead = readAhead
        router.add(middleware: RequestMetrics(metrics: store.metrics))
        router.get("/health") { _, _ in
            Self.json(200, "{\"status\":\"ok\",\"scenario\":\(JSONText.quoted(store.catalog.scenario))}")
        }
        router.post("/commands") { request, _ -> Response in
            var request = request
            let buffer: ByteBuffer
            do {
                buffer = try await request.collectBody(upTo: limit)
            } catch {
                return Self.json(413, JSONText.error("body_too_large", "the body is larger than the limit of \(limit) bytes; split the batch"))
            }
            // A request the connection's reader handed to the writer ahead (pipelining): its answer.
            if let ticket = request.headers[ReadAhead.header].flatMap { UInt64($0) }, let reply = await readAhead.take(ticket) {
                return Self.json(reply)
            }
            let key = request.headers[HTTPField.Name("Idempotency-Key")!]
            if let key, key.isEmpty || key.utf8.count > 255 {
                return Self.json(400, JSONText.error("bad_idempotency_key", "Idempotency-Key must be 1 to 255 bytes"))
            }
            let decoded: (commands: [ServedCommand], single: Bool)
            do throws(CommandInputError) {
                decoded = try CommandDecoder(catalog: store.catalog).decode(body: Data(buffer.readableBytesView))
            } catch {
                return Self.json(400, JSONText.error("bad_request", error.message))
            }
            return Self.json(await store.submit(decoded.commands, single: decoded.single, key: key))
        }
        router.get("/cases/:id") { _, context -> Response in
            guard let text = context.parameters.get("id"), let id = UInt32(text) else {
                return Self.json(400, JSONText.error("bad_request", "a case id is a number from 0"))
            }
            let json = JSONText(catalog: store.catalog)
            return Self.json(await store.read { ledger, _ in
                guard let body = json.caseState(id, in: ledger) else {
                    return Reply(status: 404, json: JSONText.error("unknown_case", "case \(id) has not been submitted"))
                }
                return Reply(status: 200, json: body)
            })
        }
        router.get("/kpis") { _, _ -> Response in
            Self.json(await store.read { ledger, writer in
                var summary = Summary(projection: ledger.kpis, wallSeconds: nil, log: .init(events: writer.events, digest: writer.digest))
                summary.closed_days = closedDays
                guard let data = try? summary.jsonData() else {
                    return Reply(status: 500, json: JSONText.error("internal", "the summary could not be written"))
                }
                return Reply(status: 200, body: data)
            })
        }
        router.get("/metrics") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                     body: .init(byteBuffer: ByteBuffer(string: store.metrics.text())))
        }
        return router
    }

    static func json(_ status: Int, _ body: String) -> Response { json(status, Data(body.utf8)) }

    static func json(_ reply: Reply) -> Response {
        var response = json(reply.status, reply.body)
        if reply.replayed { response.headers[HTTPField.Name("Idempotent-Replayed")!] = "true" }
        return response
    }

    static func json(_ status: Int, _ body: Data) -> Response {
        var bytes = ByteBuffer(bytes: body)
        bytes.writeString("\n")
        return Response(status: .init(code: status), headers: [.contentType: "application/json"], body: .init(byteBuffer: bytes))
    }

    /// Runs the service until SIGINT or SIGTERM; `ready` is told the bound port once it listens.
    public func run(ready: @escaping @Sendable (Int) -> Void) async throws {
        let gate = ConnectionGate(limit: options.maxConnections, metrics: store.metrics)
        let app = Application(
            router: router(),
            server: .http1(configuration: .init(additionalChannelHandlers: [gate.handler(), readAhead.handler()])),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "hallsim"),
            onServerRunning: { channel in ready(channel.localAddress?.port ?? 0) },
            logger: {
                var logger = Logger(label: "hallsim-serve")
                logger.logLevel = .warning
                return logger
            }()
        )
        try await app.runService()
    }
}

/// Counts every request and its latency, by route.
struct RequestMetrics<Context: RequestContext>: RouterMiddleware {
    let metrics: ServiceMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let path = request.uri.path
        let route = path.hasPrefix("/cases/") ? "/cases/{id}" : (CaseService.routes.contains { $0.hasSuffix(" " + path) } ? path : "other")
        do {
            let response = try await next(request, context)
            metrics.request(route: route, status: response.status.code, seconds: EventStore.seconds(since: started))
            return response
        } catch {
            metrics.request(route: route, status: (error as? any HTTPResponseError)?.status.code ?? 500, seconds: EventStore.seconds(since: started))
            throw error
        }
    }
}
