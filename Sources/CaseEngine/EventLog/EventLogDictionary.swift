/// The dictionary block's payload: the run's ``Catalog`` in little-endian binary.
///
/// ```
/// string   = u32 byte count, UTF-8 bytes
/// scenario : string
/// seed     : u64
/// halls    : u32 count, then per hall: id string, tier string
/// groups   : u32 count, then per group: id string, hall u32, servers u32
/// services : u32 count, then per service: id string
/// ```
enum EventLogDictionary {
    struct Malformed: Error {
        var message: String
    }

    static func encode(_ catalog: Catalog) throws(Malformed) -> [UInt8] {
        var out: [UInt8] = []
        func u32(_ v: Int, _ what: String) throws(Malformed) {
            guard let x = UInt32(exactly: v) else { throw Malformed(message: "\(what) (\(v)) does not fit in 32 bits") }
            withUnsafeBytes(of: x.littleEndian) { out.append(contentsOf: $0) }
        }
        func string(_ s: String) throws(Malformed) {
            let bytes = Array(s.utf8)
            try u32(bytes.count, "a name's length")
            out.append(contentsOf: bytes)
        }
        try string(catalog.scenario)
        withUnsafeBytes(of: catalog.seed.littleEndian) { out.append(contentsOf: $0) }
        try u32(catalog.halls.count, "the number of halls")
        for h in catalog.halls {
            try string(h.id)
            try string(h.tier)
        }
        try u32(catalog.groups.count, "the number of groups")
        for g in catalog.groups {
            guard catalog.halls.indices.contains(g.hall) else {
                throw Malformed(message: "group '\(g.id)' refers to hall \(g.hall), but the catalog has \(catalog.halls.count) halls")
            }
            try string(g.id)
            try u32(g.hall, "group '\(g.id)' hall index")
            try u32(g.servers, "group '\(g.id)' servers")
        }
        try u32(catalog.services.count, "the number of services")
        for s in catalog.services { try string(s) }
        return out
    }

    static func decode(_ bytes: [UInt8]) throws(Malformed) -> Catalog {
        var at = 0
        func u32(_ what: String) throws(Malformed) -> Int {
            guard bytes.count - at >= 4 else { throw Malformed(message: "dictionary ends inside \(what) at payload byte \(at)") }
            var v: UInt32 = 0
            for i in 0..<4 { v |= UInt32(bytes[at + i]) << (8 * i) }
            at += 4
            return Int(v)
        }
        func u64(_ what: String) throws(Malformed) -> UInt64 {
            guard bytes.count - at >= 8 else { throw Malformed(message: "dictionary ends inside \(what) at payload byte \(at)") }
            var v: UInt64 = 0
            for i in 0..<8 { v |= UInt64(bytes[at + i]) << (8 * i) }
            at += 8
            return v
        }
        func string(_ what: String) throws(Malformed) -> String {
            let n = try u32("the length of \(what)")
            guard bytes.count - at >= n else { throw Malformed(message: "\(what) runs past the dictionary's end (payload byte \(at))") }
            guard let s = String(validating: bytes[at..<(at + n)], as: UTF8.self) else {
                throw Malformed(message: "\(what) is not valid UTF-8 (payload byte \(at))")
            }
            at += n
            return s
        }
        /// A count of items of at least `minSize` bytes each, checked against what is left, so a bad count cannot make us allocate.
        func count(_ what: String, minSize: Int) throws(Malformed) -> Int {
            let n = try u32("the number of \(what)")
            guard n <= (bytes.count - at) / minSize else { throw Malformed(message: "\(n) \(what) cannot fit in the dictionary's remaining \(bytes.count - at) bytes") }
            return n
        }
        let scenario = try string("the scenario name")
        let seed = try u64("the seed")
        var halls: [Catalog.Hall] = []
        for i in 0..<(try count("halls", minSize: 8)) {
            let id = try string("hall \(i) id")
            let tier = try string("hall \(i) tier")
            halls.append(Catalog.Hall(id: id, tier: tier))
        }
        var groups: [Catalog.Group] = []
        for i in 0..<(try count("groups", minSize: 12)) {
            let id = try string("group \(i) id")
            let hall = try u32("group \(i) hall")
            guard hall < halls.count else { throw Malformed(message: "group \(i) refers to hall \(hall), but there are \(halls.count) halls") }
            let servers = try u32("group \(i) servers")
            groups.append(Catalog.Group(id: id, hall: hall, servers: servers))
        }
        var services: [String] = []
        for i in 0..<(try count("services", minSize: 4)) {
            services.append(try string("service \(i) id"))
        }
        guard at == bytes.count else { throw Malformed(message: "\(bytes.count - at) unexpected bytes after the catalog") }
        return Catalog(scenario: scenario, seed: seed, halls: halls, groups: groups, services: services)
    }
}
