import Mustache

/// A choice in a list a page prints: a select's option, or a language in the switcher.
struct PageOption: MustacheParent {
    var value: String
    var labelHTML: String
    var detail: String?
    var selected: Bool

    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "labelHTML": labelHTML
        case "detail": detail
        case "selected": selected
        default: nil
        }
    }
}
