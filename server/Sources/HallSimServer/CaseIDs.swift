/// The clients' case ids and the log's: a client chooses any id for a new case (0 … 4,294,967,294),
/// while the log, the case book and the projections number cases from 0 in order of submission,
/// as a simulated log does. This is the mapping both ways; its memory grows with the cases
/// submitted, never with the size of the ids (an id of 4,000,000,000 costs what an id of 4 does).
///
/// Client ids below about twice the number of cases sit in a dense table; any other in a dictionary.
/// Clients that number their cases from 0 (as the load tester and a simulated run do) therefore
/// use the table alone. The mapping is kept in the commit journal (``CommitJournal``), in the order
/// the cases were submitted, so recovery rebuilds it.
public struct CaseIDs: Sendable, Equatable {
    /// The client id of each case, by the log's id.
    public private(set) var clientIDs: [UInt32] = []
    /// The log's id of each client id below `dense.count` (`none` when unused).
    var dense: [UInt32] = []
    /// The log's id of the other client ids.
    var sparse: [UInt32: UInt32] = [:]
    /// No id below it is free: where the search for a free id (a `submit` without `case`) starts.
    var nextFree: UInt32 = 0

    static let none = UInt32.max
    /// The dense table grows to cover an id when the id is below this many times the cases, plus a margin.
    static let denseFactor = 2
    static let denseMargin = 4_096

    public init() {}

    /// The number of cases mapped.
    public var count: Int { clientIDs.count }

    /// The log's id of client id `client`, or `nil` when no case has it.
    public func logID(of client: UInt32) -> UInt32? {
        if Int(client) < dense.count {
            let id = dense[Int(client)]
            return id == Self.none ? nil : id
        }
        return sparse[client]
    }

    /// The client id of the case the log numbers `id`.
    public func clientID(of id: UInt32) -> UInt32 {
        Int(id) < clientIDs.count ? clientIDs[Int(id)] : id
    }

    /// The smallest id no case has, from which a `submit` without `case` takes its id.
    public mutating func freeID() -> UInt32 {
        while logID(of: nextFree) != nil { nextFree += 1 }
        return nextFree
    }

    /// Gives the next case of the log (id ``count``) the client id `client`, which must be unused.
    public mutating func add(_ client: UInt32) {
        precondition(logID(of: client) == nil, "case id \(client) is in use")
        let id = UInt32(clientIDs.count)
        clientIDs.append(client)
        if Int(client) >= dense.count, Int(client) < Self.denseFactor * clientIDs.count + Self.denseMargin {
            grow(to: Swift.max(Int(client) + 1, Swift.min(2 * dense.count, Self.denseFactor * clientIDs.count + Self.denseMargin)))
        }
        if Int(client) < dense.count {
            dense[Int(client)] = id
        } else {
            sparse[client] = id
        }
    }

    /// Widens the dense table to `size` ids, moving into it the ids of the dictionary it now covers.
    mutating func grow(to size: Int) {
        dense.append(contentsOf: repeatElement(Self.none, count: size - dense.count))
        for (client, id) in sparse where Int(client) < size {
            dense[Int(client)] = id
            sparse[client] = nil
        }
    }
}
