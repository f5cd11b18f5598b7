import Foundation
import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Pipelined requests (HTTP/1.1, docs/api.md *Pipelining*). The routes answer a connection's
/// requests one at a time, so a request sent before the previous answer would reach the writer
/// only after that answer, late by the reordering window and a commit. A ``ReadAheadHandler``
/// between the HTTP decoder and the routes hands each `POST /commands` to the writer as soon as it
/// has arrived whole, in the connection's order, and marks it with a ticket; the route collects
/// the answer by its ticket and writes it in the request's turn, so answers stay in order.
public final class ReadAhead: @unchecked Sendable {
    /// The header that carries a request's ticket from the handler to the route (a client's own is dropped).
    static let header = HTTPField.Name("Hallsim-Read-Ahead")!

    /// Requests of one connection handed to the writer whose answer the route has not taken.
    final class Lane: @unchecked Sendable {
        var outstanding = 0
        var tickets: Set<UInt64> = []
    }

    enum Slot {
        /// Handed to the writer (or still arriving), no answer yet.
        case pending
        case answered(Reply)
        /// The route is waiting for it.
        case waiting(CheckedContinuation<Reply?, Never>)
        /// Not handed to the writer (too large, malformed, a bad key): the route answers it itself.
        case declined
        /// Its connection closed before the route took it: dropped when the writer answers.
        case abandoned
    }

    let store: EventStore
    let maxBodyBytes: Int
    /// Requests of one connection handed ahead and not yet answered to it, at most: past it the
    /// connection is read only as fast as the routes answer.
    let perConnection: Int
    let lock = NSLock()
    var slots: [UInt64: (slot: Slot, lane: Lane)] = [:]
    var next: UInt64 = 0

    public init(store: EventStore, maxBodyBytes: Int, perConnection: Int = 1_024) {
        self.store = store
        self.maxBodyBytes = maxBodyBytes
        self.perConnection = perConnection
    }

    /// The handler each connection's pipeline gets.
    func handler() -> ReadAheadHandler { ReadAheadHandler(readAhead: self) }

    /// A new ticket on `lane`, pending.
    func open(_ lane: Lane) -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        next += 1
        slots[next] = (.pending, lane)
        lane.outstanding += 1
        lane.tickets.insert(next)
        return next
    }

    /// The writer's answer to `ticket`, or `nil`: not handed to the writer.
    func settle(_ ticket: UInt64, _ reply: Reply?) {
        lock.lock()
        guard case let (slot, lane)? = slots[ticket] else { return lock.unlock() }
        switch slot {
        case .waiting(let route):
            forget(ticket, lane)
            lock.unlock()
            route.resume(returning: reply)
        case .pending:
            slots[ticket] = (reply.map(Slot.answered) ?? .declined, lane)
            lock.unlock()
        case .abandoned:
            slots[ticket] = nil
            lock.unlock()
        case .answered, .declined:
            lock.unlock()
        }
    }

    /// The answer to `ticket` once the writer gives it; `nil` when the request was not handed ahead.
    func take(_ ticket: UInt64) async -> Reply? {
        await withCheckedContinuation { (route: CheckedContinuation<Reply?, Never>) in
            lock.lock()
            guard case let (slot, lane)? = slots[ticket] else {
                lock.unlock()
                return route.resume(returning: nil)
            }
            switch slot {
            case .pending:
                slots[ticket] = (.waiting(route), lane)
                lock.unlock()
            case .answered(let reply):
                forget(ticket, lane)
                lock.unlock()
                route.resume(returning: reply)
            case .declined, .abandoned, .waiting:
                forget(ticket, lane)
                lock.unlock()
                route.resume(returning: nil)
            }
        }
    }

    /// Under the lock: the route is done with `ticket`.
    private func forget(_ ticket: UInt64, _ lane: Lane) {
        slots[ticket] = nil
        lane.outstanding -= 1
        lane.tickets.remove(ticket)
    }

    /// The connection of `lane` closed: its answers nobody will take are dropped (those the writer
    /// still owes, when it gives them).
    func close(_ lane: Lane) {
        lock.lock()
        defer { lock.unlock() }
        for ticket in lane.tickets {
            switch slots[ticket]?.slot {
            case .pending: slots[ticket]?.slot = .abandoned
            case .answered, .declined: slots[ticket] = nil
            default: break
            }
        }
    }

    /// Whether `lane` may read more requests ahead.
    func hasRoom(_ lane: Lane) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return lane.outstanding < perConnection
    }
}

/// One connection's reader ahead (see ``ReadAhead``): passes every part on unchanged but for the
/// ticket header, decodes each whole `POST /commands` and hands it to the writer at once.
final class ReadAheadHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    let readAhead: ReadAhead
    let lane = ReadAhead.Lane()
    /// The request arriving: its ticket, its body so far (`nil` once past the limit), its key.
    var current: (ticket: UInt64, body: ByteBuffer?, key: String?)?

    init(readAhead: ReadAhead) { self.readAhead = readAhead }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(var head):
            head.headerFields[ReadAhead.header] = nil
            if head.method == .post, (head.path ?? "").split(separator: "?").first == "/commands" {
                let ticket = readAhead.open(lane)
                head.headerFields[ReadAhead.header] = String(ticket)
                current = (ticket, context.channel.allocator.buffer(capacity: 0), head.headerFields[HTTPField.Name("Idempotency-Key")!])
            }
            context.fireChannelRead(wrapInboundOut(.head(head)))
        case .body(var part):
            if var body = current?.body {
                current?.body = nil
                if body.readableBytes + part.readableBytes <= readAhead.maxBodyBytes {
                    body.writeBuffer(&part)
                    current?.body = body
                }
            }
            context.fireChannelRead(data)
        case .end:
            if let request = current {
                current = nil
                submit(request.ticket, body: request.body, key: request.key)
            }
            context.fireChannelRead(data)
        }
    }

    /// Hands a whole request to the writer, or declines it (the route then answers what is wrong).
    private func submit(_ ticket: UInt64, body: ByteBuffer?, key: String?) {
        let readAhead = readAhead
        guard let body, key.map({ !$0.isEmpty && $0.utf8.count <= 255 }) ?? true,
              let decoded = try? CommandDecoder(catalog: readAhead.store.catalog).decode(body: Data(body.readableBytesView)) else {
            return readAhead.settle(ticket, nil)
        }
        readAhead.store.submit(decoded.commands, single: decoded.single, key: key) { readAhead.settle(ticket, $0) }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        // Read on while this connection's requests ahead have room, whatever the routes have taken.
        if readAhead.hasRoom(lane) { context.read() }
        context.fireChannelReadComplete()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if let request = current { readAhead.settle(request.ticket, nil) }
        current = nil
        readAhead.close(lane)
    }
}
