import Foundation
import HallSimServer
import Testing

/// docs/openapi.yaml against the service: its routes, its command fields and names, its examples.
@Suite("OpenAPI description")
struct OpenAPITests {
    static let spec: [String] = (try? String(contentsOfFile: ServerProcess.root + "/docs/openapi.yaml", encoding: .utf8))?
        .components(separatedBy: "\n") ?? []

    /// `METHOD /path` for every operation under `paths:`.
    static var operations: Set<String> {
        var out: Set<String> = []
        var path: String?
        var inPaths = false
        for line in spec {
            if line == "paths:" { inPaths = true; continue }
            if !line.hasPrefix(" "), !line.isEmpty { inPaths = false }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") { path = String(line.dropFirst(2).dropLast()) }
            for method in ["get", "post", "put", "patch", "delete"] where line == "    \(method):" {
                out.insert("\(method.uppercased()) \(path ?? "?")")
            }
        }
        return out
    }

    /// The list after `key: [` on the first line under the Command schema that has it.
    static func list(_ key: String, after anchor: String) -> Set<String> {
        guard let start = spec.firstIndex(where: { $0.hasSuffix(anchor) }) else { return [] }
        for line in spec[start...] {
            guard let r = line.range(of: "\(key): [") else { continue }
            return Set(line[r.upperBound...].prefix { $0 != "]" }.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        return []
    }

    @Test func everyRouteTheServerRegistersIsDescribedAndNoOther() {
        #expect(!Self.spec.isEmpty)
        #expect(Self.operations == Set(CaseService.routes))
    }

    @Test func theCommandSchemaNamesEveryCommandAndField() {
        #expect(Self.list("enum", after: "        command:") == Set(ServedCommand.kindsByName.keys))
        var fields: Set<String> = []
        if let start = Self.spec.firstIndex(of: "    Command:"), let props = Self.spec[start...].firstIndex(of: "      properties:") {
            for line in Self.spec[(props + 1)...] {
                if line.hasPrefix("         ") { continue }
                guard line.hasPrefix("        ") else { break }
                fields.insert(String(line.dropFirst(8).prefix { $0 != ":" }))
            }
        }
        #expect(fields == CommandDecoder.fields)
    }

    @Test func everyExampleCommandReadsAndRoundTrips() throws {
        let decoder = CommandDecoder(catalog: try TestCatalog().catalog)
        let examples = Self.spec.compactMap { line -> String? in
            // Examples are JSON (flow-style YAML): a command object or an array of them.
            let text = line.trimmingCharacters(in: .whitespaces)
            guard text.hasPrefix("value: {\"command\"") || text.hasPrefix("value: [") else { return nil }
            return String(text.dropFirst("value: ".count))
        }
        #expect(examples.count >= 8)
        for example in examples {
            let (commands, _) = try decoder.decode(body: Data(example.utf8))
            for c in commands {
                let again = try decoder.decode(body: Data(c.json(decoder.catalog).utf8))
                #expect(again.commands == [c], "\(example)")
            }
        }
    }
}
