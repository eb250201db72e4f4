import Classroom
import Foundation

/// The learner's page of a listing that may not be published yet: the same page model and template as
/// `/classrooms/{id}`, cut to its article so it can sit inside a teacher's or staff member's page.
/// Its headings move down below the heading it sits under (`below`: 1 under the page's `<h1>`, 2 under a
/// section's `<h2>`): one `<h1>` a page and no skipped levels keep the outline screen-reader users move by.
enum LearnerPreview {
    static func html(_ classroom: Classroom, municipality: Municipality, renderer: PageRenderer, settings: PageSettings, freshness: FreshnessPolicy, below level: Int) -> String {
        let page = ClassroomPage(classroom, municipality: municipality, alternatives: [], renderer: renderer, settings: settings, now: .now, freshness: freshness)
        let full = renderer.library.render(page, withTemplate: "classroom") ?? ""
        guard let start = full.range(of: "<article"), let end = full.range(of: "</article>", range: start.upperBound..<full.endIndex) else { return "" }
        return "<div class=\"preview\">" + demoteHeadings(String(full[start.lowerBound..<end.upperBound]), by: level) + "</div>"
    }

    /// Each `<hN>` becomes `<hN+levels>` (deepest first, so none moves twice). Text in the template's output is escaped, so a literal `<h`
    /// can only be a tag.
    static func demoteHeadings(_ html: String, by levels: Int) -> String {
        var out = html
        for level in stride(from: 6 - levels, through: 1, by: -1) {
            out = out.replacingOccurrences(of: "<h\(level)>", with: "<h\(level + levels)>")
                .replacingOccurrences(of: "<h\(level) ", with: "<h\(level + levels) ")
                .replacingOccurrences(of: "</h\(level)>", with: "</h\(level + levels)>")
        }
        return out
    }
}
