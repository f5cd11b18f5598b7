/// One self-contained HTML page: inline CSS, inline SVG charts, a few lines of inline script to
/// sort tables, and nothing fetched from anywhere (no link, image or script source). It reads
/// the same offline and printed. docs/report.md describes what the reports hold.
struct HTMLDocument {
    var title: String
    /// The line under the title.
    var subtitle: String
    /// The sections, in order.
    private var parts: [String] = []
    /// The sections' ids and titles, for the contents list.
    private var contents: [(id: String, title: String)] = []

    init(title: String, subtitle: String) {
        self.title = title
        self.subtitle = subtitle
    }

    /// `text` with the five characters HTML gives a meaning to escaped: safe in text and in quoted attributes.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Adds a section with an `id` (what the browser check looks for), a heading and its HTML.
    mutating func section(_ id: String, _ heading: String, intro: String? = nil, _ html: String) {
        contents.append((id, heading))
        var s = "<section id=\"\(Self.escape(id))\"><h2>\(Self.escape(heading))</h2>\n"
        if let intro { s += "<p class=\"intro\">\(Self.escape(intro))</p>\n" }
        parts.append(s + html + "</section>\n")
    }

    /// The page.
    func render() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta name=\"generator\" content=\"hallsim\">\n"
        out += "<title>\(Self.escape(title))</title>\n<style>\(Self.style)</style>\n</head>\n<body>\n"
        out += "<header><h1>\(Self.escape(title))</h1><p>\(Self.escape(subtitle))</p>\n<nav aria-label=\"Contents\"><ol>"
        for (id, heading) in contents { out += "<li><a href=\"#\(Self.escape(id))\">\(Self.escape(heading))</a></li>" }
        out += "</ol></nav></header>\n<main>\n"
        out += parts.joined()
        out += "</main>\n<script>\(Self.script)</script>\n</body>\n</html>\n"
        return out
    }

    static let style = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2630;margin:0 auto;max-width:1180px;padding:0 20px 40px}
        h1{font-size:24px;margin:18px 0 2px}h2{font-size:19px;border-bottom:2px solid #d5dde5;padding-bottom:3px;margin-top:30px}
        h3{font-size:15px;margin:18px 0 4px}header p{color:#4a5866;margin:0 0 8px}.intro{color:#4a5866;max-width:860px}
        nav ol{display:flex;flex-wrap:wrap;gap:4px 14px;padding:0;margin:6px 0;list-style:none}nav a{color:#1f5f99}
        .cards{display:flex;flex-wrap:wrap;gap:10px}.card{border:1px solid #d5dde5;border-radius:6px;padding:8px 12px;min-width:150px}
        .card .label{color:#4a5866;font-size:12px}.card .value{font-size:20px;font-weight:600}.ci{color:#4a5866;font-size:12px;font-weight:400}
        .charts{display:flex;flex-wrap:wrap;gap:14px}figure{margin:8px 0;break-inside:avoid}figcaption{font-size:12px;color:#4a5866;max-width:560px}
        svg{background:#fff}svg text{font:11px system-ui,sans-serif;fill:#1d2630}svg .title{font-size:13px;font-weight:600}
        table{border-collapse:collapse;margin:6px 0;font-size:13px}th,td{border-bottom:1px solid #e3e8ee;padding:3px 8px;text-align:right}
        th{background:#f2f5f8;cursor:pointer;user-select:none}th:first-child,td:first-child,td.text,th.text{text-align:left}
        details{margin:4px 0 10px}summary{cursor:pointer;color:#1f5f99;font-size:12px}.scroll{max-height:560px;overflow:auto}
        .legend{display:inline-block;width:18px;height:9px;margin:0 4px 0 10px;vertical-align:middle}
        .better{color:#1b7a3a}.worse{color:#b3261e}
        @media print{nav,summary{display:none}details>*{display:block}.scroll{max-height:none;overflow:visible}section{break-before:auto}body{max-width:none}}
        """

    /// Sorts a table by the column whose heading is clicked (numbers by `data-value`, text otherwise).
    static let script = """
        document.querySelectorAll("table.sortable th").forEach(function(th,col){th.addEventListener("click",function(){
        var t=th.closest("table"),b=t.tBodies[0],rows=Array.prototype.slice.call(b.rows),up=th.getAttribute("aria-sort")!=="ascending";
        t.querySelectorAll("th").forEach(function(h){h.removeAttribute("aria-sort")});th.setAttribute("aria-sort",up?"ascending":"descending");
        function key(r){var c=r.cells[col],v=c.getAttribute("data-value");return v===null||v===""||isNaN(+v)?c.textContent:+v}
        rows.sort(function(a,b){var x=key(a),y=key(b);var r=(typeof x==="number"&&typeof y==="number")?x-y:String(x).localeCompare(String(y));return up?r:-r});
        rows.forEach(function(r){b.appendChild(r)})})});
        """
}
