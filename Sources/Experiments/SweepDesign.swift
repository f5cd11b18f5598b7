import Foundation

/// The variants of a sweep: one or more parameters, each a scenario path with a list of
/// values, combined as a full grid or, zipped, position by position.
///
/// Values are written as `--vary` takes them: a list `5,6,7` (YAML values, which may hold
/// commas inside brackets or braces, `[a, b]`), an integer range `5..9` or one with a step
/// `10..40/10`, or a change to the file's value as `--set` takes it (`*1.2`, `+2`).
public struct SweepDesign: Sendable, Equatable {
    /// One varied parameter: a `--set` path and its values, as text.
    public struct Parameter: Sendable, Equatable {
        public var path: String
        public var values: [String]
    }

    /// Why a `--vary` cannot be read.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var text: String
        public var message: String
        public var description: String { "--vary \(text): \(message)" }
    }

    public var parameters: [Parameter]
    public var zipped: Bool

    /// The most variants a sweep may have (a typo such as `1..100000` is refused, not run).
    public static let maximumVariants = 10_000

    public init(parameters: [Parameter], zipped: Bool) throws(Problem) {
        self.parameters = parameters
        self.zipped = zipped
        if zipped, let first = parameters.first, let other = parameters.first(where: { $0.values.count != first.values.count }) {
            throw Problem(
                text: "\(other.path)=…",
                message: "--zip pairs values by position, but '\(first.path)' has \(first.values.count) and '\(other.path)' has \(other.values.count)"
            )
        }
        let count = variantCount
        guard count <= Self.maximumVariants else {
            throw Problem(text: parameters.map(\.path).joined(separator: ", "), message: "\(count) variants, more than \(Self.maximumVariants)")
        }
    }

    /// Reads `PATH=VALUES`.
    public static func parameter(_ text: String) throws(Problem) -> Parameter {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw Problem(text: text, message: "expected PATH=VALUES, e.g. halls.hall.windows.w.count=8..12")
        }
        let path = String(text[..<equals]), list = String(text[text.index(after: equals)...])
        let values = try Self.values(list, in: text)
        guard !values.isEmpty else { throw Problem(text: text, message: "no values after '='") }
        return Parameter(path: path, values: values)
    }

    /// `LO..HI`, `LO..HI/STEP` or a comma-separated list.
    static func values(_ list: String, in text: String) throws(Problem) -> [String] {
        if let range = list.range(of: ".."), let lo = Int(list[..<range.lowerBound]) {
            let rest = list[range.upperBound...]
            let parts = rest.split(separator: "/", maxSplits: 1)
            guard let hi = parts.first.flatMap({ Int($0) }), let step = parts.count == 2 ? Int(parts[1]) : 1 else {
                throw Problem(text: text, message: "expected an integer range LO..HI or LO..HI/STEP")
            }
            guard step > 0, hi >= lo else { throw Problem(text: text, message: "a range needs LO ≤ HI and a positive step") }
            guard (hi - lo) / step < maximumVariants else { throw Problem(text: text, message: "more than \(maximumVariants) values") }
            return Array(stride(from: lo, through: hi, by: step)).map(String.init)
        }
        var values: [String] = []
        var depth = 0
        var current = ""
        for c in list {
            switch c {
            case "[", "{": depth += 1
            case "]", "}": depth -= 1
            default: break
            }
            if c == ",", depth == 0 {
                values.append(current.trimmingSpaces())
                current = ""
            } else {
                current.append(c)
            }
        }
        values.append(current.trimmingSpaces())
        guard !values.contains("") else { throw Problem(text: text, message: "an empty value in the list") }
        return values
    }

    /// The number of variants.
    public var variantCount: Int {
        guard let first = parameters.first else { return 1 }
        if zipped { return first.values.count }
        return parameters.reduce(1) { n, p in n > Self.maximumVariants ? n : n * p.values.count }
    }

    /// Each variant's assignments `path=value`, in order: the first parameter varies slowest.
    public var variants: [[String]] {
        guard !parameters.isEmpty else { return [[]] }
        if zipped {
            return (0 ..< variantCount).map { i in parameters.map { "\($0.path)=\($0.values[i])" } }
        }
        var grid: [[String]] = [[]]
        for p in parameters {
            grid = grid.flatMap { prefix in p.values.map { prefix + ["\(p.path)=\($0)"] } }
        }
        return grid
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
