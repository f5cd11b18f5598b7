import CaseEngine

/// An open case past the window: in the back office, waiting for materials, a result, or escalated.
/// `at…` mirror where ``CaseBook`` says the case stands, so every event carries the same fields.
struct CaseRecord {
    var caseID: UInt32 = 0
    var service: UInt16 = 0
    /// The hall that accepted the case (results return there).
    var hall: UInt16 = 0
    var atHall: UInt16 = 0
    var atGroup: UInt16 = 0
    var atWindow: UInt16 = 0
    var channel: CaseEvent.Channel = .none
    /// The source whose streams and pick-up windows the case uses.
    var source: Int32 = 0
    /// Visits to a window so far.
    var visits: UInt16 = 1
    /// The bundle this case is a part of, as a record index, or -1.
    var parent: Int32 = -1
    /// For a bundle: parts not yet decided, and whether any was rejected.
    var partsLeft: Int32 = 0
    var partRejected = false
    /// Whether the person will never bring the missing materials.
    var givesUp = false
    /// Whether the materials were asked for at a window (the person comes back for another visit)
    /// rather than on acceptance (the file waits for them).
    var returnsToWindow = false
}

/// The open cases past a window, by record index; a record is freed when its case ends.
///
/// Cases served and finished at a window (the plain walk-in) never get a record: the record
/// table holds only what outlives a visit.
struct CaseRecords: ~Copyable {
    var table = SlotList<CaseRecord>()

    /// Record `r`.
    @inline(__always)
    subscript(r: Int) -> CaseRecord {
        get { table[r] }
        _modify { yield &table[r] }
    }

    /// Opens a record for `record`.
    /// - Returns: its index.
    mutating func open(_ record: CaseRecord) -> Int { table.insert(record) }

    /// Frees record `r` as its case ends.
    mutating func close(_ r: Int) { table.release(r) }

    /// Case `r` now stands at group `g` of `hall`, at `window` within it.
    mutating func place(_ r: Int, hall: UInt16, group g: Int, window: UInt16 = 0) {
        table[r].atHall = hall
        table[r].atGroup = UInt16(g)
        table[r].atWindow = window
    }
}
