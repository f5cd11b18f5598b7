/// Finds the candidate a misspelt word most likely meant.
enum Suggestions {
    /// The closest candidate: an exact case-insensitive match, else one within edit distance 2.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let lowered = word.lowercased()
        if let match = candidates.first(where: { $0.lowercased() == lowered }) {
            return match
        }
        var best: (candidate: String, distance: Int)?
        let length = lowered.unicodeScalars.count
        for candidate in candidates {
            // Only distances up to 2 count, and lengths further apart than that are further apart:
            // skipping them keeps a huge word (a megabyte of id) linear instead of length × length.
            guard abs(candidate.unicodeScalars.count - length) <= 2 else { continue }
            let distance = editDistance(lowered, candidate.lowercased())
            guard distance <= 2, distance < candidate.count, distance < best?.distance ?? .max else { continue }
            best = (candidate, distance)
        }
        return best?.candidate
    }

    /// A "did you mean" hint for `word`, or `nil` when nothing is close.
    static func didYouMean(_ word: String, in candidates: [String]) -> String? {
        closest(to: word, in: candidates).map { "did you mean '\($0)'?" }
    }

    /// The optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d = min(d, table[i - 2][j - 2] + 1)
                }
                table[i][j] = d
            }
        }
        return table[a.count][b.count]
    }

    /// Quotes and joins words as "'a', 'b' or 'c'".
    static func list(_ words: [String], conjunction: String = "or") -> String {
        let quoted = words.map { "'\($0)'" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " \(conjunction) " + quoted[quoted.count - 1]
    }
}
