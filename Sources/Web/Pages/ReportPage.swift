import Classroom
import Mustache

/// `report.mustache`: the public form to report a problem with a listing, and its thank-you state.
struct ReportPage: MustacheParent {
    var chrome: PageChrome
    var nameHTML: String
    var classroomURL: String
    var action: String
    var kinds: [PageOption]
    var message: String
    var kindErrorHTML: String?
    var messageErrorHTML: String?
    /// Said above the form when the report could not be taken (too many from this address).
    var problemHTML: String?
    var thanks = false

    init(_ classroom: Classroom, renderer: PageRenderer, settings: PageSettings, kind: String = "", message: String = "") {
        let page = SiteURL.classroomReport(.value(classroom.id))
        let lang = settings.language
        chrome = PageChrome(
            title: renderer.catalog.text("report.title", lang), renderer: renderer, settings: settings,
            languageURL: { page.url([("lang", $0.rawValue)]) }, furiganaURL: { page.url([("lang", "ja"), ("furigana", $0 ? "on" : "off")]) }
        )
        nameHTML = renderer.data(classroom.name, settings)
        classroomURL = SiteURL.classroom(.value(classroom.id)).url([("lang", lang.rawValue)])
        action = page.url([("lang", lang.rawValue)])
        kinds = ListingReport.Kind.allCases.map {
            PageOption(value: $0.rawValue, labelHTML: renderer.text("report.kind.\($0.rawValue)", settings), detail: nil, selected: $0.rawValue == kind)
        }
        self.message = message
    }

    func child(named name: String) -> Any? {
        switch name {
        case "nameHTML": nameHTML
        case "classroomURL": classroomURL
        case "action": action
        case "kinds": kinds
        case "message": message
        case "kindErrorHTML": kindErrorHTML
        case "messageErrorHTML": messageErrorHTML
        case "messageDescribedBy": messageErrorHTML == nil ? "message-hint" : "message-hint message-error"
        case "problemHTML": problemHTML
        case "thanks": thanks
        default: chrome.child(named: name)
        }
    }
}
