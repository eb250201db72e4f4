import Mustache

/// A link a page prints, with its text as HTML.
struct PageLink: MustacheParent {
    var url: String
    var labelHTML: String

    func child(named name: String) -> Any? {
        switch name {
        case "url": url
        case "labelHTML": labelHTML
        default: nil
        }
    }
}
