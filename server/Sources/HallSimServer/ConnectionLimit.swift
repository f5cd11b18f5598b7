import Foundation
import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Counts the open connections; past the limit a new connection's first request is answered 503
/// and the connection closed, so a flood of clients gets a clear answer instead of a stall.
public final class ConnectionGate: @unchecked Sendable {
    public let limit: Int
    let lock = NSLock()
    var open = 0
    let metrics: ServiceMetrics

    public init(limit: Int, metrics: ServiceMetrics) {
        self.limit = limit
        self.metrics = metrics
    }

    /// Takes a place for a new connection; `false` when all are taken.
    func enter() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard open < limit else { return false }
        open += 1
        return true
    }

    func leave() {
        lock.lock()
        open -= 1
        lock.unlock()
    }

    /// The handler each connection's pipeline gets.
    func handler() -> ConnectionLimitHandler { ConnectionLimitHandler(gate: self) }
}

/// One connection's place at the ``ConnectionGate``.
final class ConnectionLimitHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let gate: ConnectionGate
    var admitted = false
    var refused = false

    init(gate: ConnectionGate) { self.gate = gate }

    func handlerAdded(context: ChannelHandlerContext) {
        admitted = gate.enter()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if admitted {
            gate.leave()
            admitted = false
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !admitted else {
            context.fireChannelRead(data)
            return
        }
        guard case .end = unwrapInboundIn(data), !refused else { return }
        refused = true
        gate.metrics.count("hallsim_connections_refused_total")
        let body = JSONText.error("too_many_connections", "the service has all its \(gate.limit) connections open; retry later") + "\n"
        var head = HTTPResponse(status: .serviceUnavailable)
        head.headerFields[.contentType] = "application/json"
        head.headerFields[.contentLength] = String(body.utf8.count)
        head.headerFields[.connection] = "close"
        head.headerFields[.retryAfter] = "1"
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(string: body))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        context.write(data, promise: promise)
    }
}
