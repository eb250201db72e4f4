import Classroom
import Curriculum
import Foundation
import Hummingbird
import JapaneseText

/// The listing form: every field of the directory, the weekly slots, one-off dates and cancellations as
/// rows (with blank rows to add more, since the pages work without JavaScript), and the conversion between
/// the posted fields and ``ClassroomForm``.
struct ListingFormPage {
    let pages: WorkPages

    /// Blank rows offered after the filled ones.
    static let spareRows = 2

    /// Reads a posted form. Unknown names are ignored; row indices may have gaps.
    static func form(from data: FormData) -> ClassroomForm {
        var form = ClassroomForm()
        for column in ClassroomForm.editableColumns where data.has(column) { form.values[column] = data[column].trimmingCharacters(in: .whitespacesAndNewlines) }
        for flag in ["childcare", "wheelchair", "accepting"] { form.values[flag] = data[flag] == "true" ? "true" : "false" }
        form.values["levels"] = data.all("levels").joined(separator: "|")
        let other = data["languages_other"].split(whereSeparator: { $0 == " " || $0 == "," || $0 == "、" || $0 == "|" }).map(String.init)
        form.values["languages"] = (data.all("languages") + other).joined(separator: "|")
        func rows(_ prefix: String) -> [Int] {
            Set(data.names.compactMap { name -> Int? in
                let parts = name.split(separator: ".")
                guard parts.count == 3, parts[0] == prefix, let index = Int(parts[1]), (0..<200).contains(index) else { return nil }
                return index
            }).sorted()
        }
        form.weekly = rows("weekly").map { i in
            ClassroomForm.WeeklyRow(weekday: data["weekly.\(i).weekday"], start: data["weekly.\(i).start"], end: data["weekly.\(i).end"],
                                    from: data["weekly.\(i).from"], until: data["weekly.\(i).until"])
        }
        form.oneOff = rows("one_off").map { i in ClassroomForm.OneOffRow(date: data["one_off.\(i).date"], start: data["one_off.\(i).start"], end: data["one_off.\(i).end"]) }
        form.cancellations = rows("cancellations").map { i in ClassroomForm.CancellationRow(date: data["cancellations.\(i).date"], reason: data["cancellations.\(i).reason"]) }
        form.version = Int(data["version"])
        return form
    }

    /// The form as hidden fields, to carry what was typed through the preview.
    static func hidden(_ form: ClassroomForm) -> [WorkPage.Hidden] {
        var hidden: [WorkPage.Hidden] = []
        for column in ClassroomForm.editableColumns where !["levels", "languages"].contains(column) {
            if let value = form.values[column] { hidden.append(.init(name: column, value: value)) }
        }
        for level in (form.values["levels"] ?? "").split(separator: "|") { hidden.append(.init(name: "levels", value: String(level))) }
        hidden.append(.init(name: "languages_other", value: (form.values["languages"] ?? "").replacingOccurrences(of: "|", with: " ")))
        for (i, row) in form.weekly.enumerated() {
            hidden += [.init(name: "weekly.\(i).weekday", value: row.weekday), .init(name: "weekly.\(i).start", value: row.start), .init(name: "weekly.\(i).end", value: row.end),
                       .init(name: "weekly.\(i).from", value: row.from), .init(name: "weekly.\(i).until", value: row.until)]
        }
        for (i, row) in form.oneOff.enumerated() {
            hidden += [.init(name: "one_off.\(i).date", value: row.date), .init(name: "one_off.\(i).start", value: row.start), .init(name: "one_off.\(i).end", value: row.end)]
        }
        for (i, row) in form.cancellations.enumerated() {
            hidden += [.init(name: "cancellations.\(i).date", value: row.date), .init(name: "cancellations.\(i).reason", value: row.reason)]
        }
        if let version = form.version { hidden.append(.init(name: "version", value: String(version))) }
        return hidden
    }

    /// Fieldsets of the form, each error beside its field; `problems` keys are ``ClassroomForm/Problems`` field keys.
    func fieldsets(_ form: ClassroomForm, problems: [String: [String]], municipalities: [Municipality], _ s: PageSettings) -> [WorkPage.Fieldset] {
        let t = { (key: String) in pages.t(key, s) }
        func error(_ field: String) -> String? {
            guard let messages = problems[field], !messages.isEmpty else { return nil }
            // Japanese pages say what the field needs in plain words; the reader's own message (English) follows for detail.
            return s.language == .ja ? t("work.listing.error.\(field.split(separator: ".").first ?? "")") : HTML.escape(messages.joined(separator: "; "))
        }
        func text(_ column: String, type: String = "text", required: Bool = false, hint: Bool = false, inputmode: String? = nil, kind: WorkPage.Field.Kind = .input) -> WorkPage.Field {
            WorkPage.Field(id: column, name: column, labelHTML: t("work.listing.\(column)"), type: type, value: form.values[column] ?? "",
                           hintHTML: hint ? t("work.listing.\(column)_hint") : nil, errorHTML: error(column), required: required, inputmode: inputmode, kind: kind)
        }
        func check(_ column: String) -> WorkPage.Field {
            WorkPage.Field(id: column, name: column, labelHTML: t("work.listing.\(column)"), value: form.values[column] ?? "false", errorHTML: error(column), kind: .checkbox)
        }
        let levels = Set((form.values["levels"] ?? "").split(separator: "|").map(String.init))
        let languages = Set((form.values["languages"] ?? "").split(separator: "|").map(String.init))
        let known = SupportLanguage.catalog.map(\.tag.rawValue)
        let format = form.values["format"] ?? ClassroomFormat.inPerson.rawValue
        var basics = WorkPage.Fieldset(legendHTML: t("work.listing.about"), fields: [
            text("name", required: true),
            text("name_kana", required: true, hint: true),
            text("organiser", required: true),
            WorkPage.Field(id: "municipality_code", name: "municipality_code", labelHTML: t("work.listing.municipality_code"), errorHTML: error("municipality_code"),
                           options: [WorkPage.Option(value: "", labelHTML: t("work.choose"), selected: (form.values["municipality_code"] ?? "").isEmpty)]
                               + municipalities.map { WorkPage.Option(value: $0.code.rawValue, labelHTML: pages.renderer.municipality($0, s), selected: form.values["municipality_code"] == $0.code.rawValue) },
                           kind: .select),
            text("venue", required: true),
            text("address"),
            WorkPage.Field(id: "format", name: "format", labelHTML: t("work.listing.format"), errorHTML: error("format"),
                           options: ClassroomFormat.allCases.map { WorkPage.Option(value: $0.rawValue, labelHTML: t("work.listing.format.\($0.rawValue)"), selected: $0.rawValue == format) }, kind: .select),
            WorkPage.Field(id: "levels", name: "levels", labelHTML: t("work.listing.levels"), errorHTML: error("levels"),
                           options: Level.allCases.map { WorkPage.Option(value: $0.code, labelHTML: HTML.escape($0.label), selected: levels.contains($0.code)) }, kind: .choices),
            WorkPage.Field(id: "languages", name: "languages", labelHTML: t("work.listing.languages"), errorHTML: error("languages"),
                           options: SupportLanguage.catalog.map { WorkPage.Option(value: $0.tag.rawValue, labelHTML: pages.renderer.languageNames([$0.tag], s), selected: languages.contains($0.tag.rawValue)) },
                           kind: .choices),
            WorkPage.Field(id: "languages_other", name: "languages_other", labelHTML: t("work.listing.languages_other"),
                           value: languages.subtracting(known).sorted().joined(separator: " "), hintHTML: t("work.listing.languages_other_hint")),
        ])
        basics.fields[0].maxlength = 200
        let practical = WorkPage.Fieldset(legendHTML: t("work.listing.practical"), fields: [
            text("fee_yen", type: "text", required: true, hint: true, inputmode: "numeric"),
            text("materials_yen", inputmode: "numeric"),
            text("capacity", hint: true, inputmode: "numeric"),
            check("accepting"), check("childcare"), check("wheelchair"),
            text("eligibility", kind: .textarea),
            text("url", type: "url"), text("email", type: "email"), text("phone", type: "tel"),
            text("lat", inputmode: "decimal"), text("lon", inputmode: "decimal"),
        ])
        var sets = [basics, practical]
        let weekdays = Weekday.allCases
        for (i, row) in (form.weekly + Array(repeating: .init(), count: Self.spareRows)).enumerated() {
            sets.append(.init(legendHTML: t("work.listing.weekly_row") + " \(i + 1)", errorHTML: error("weekly.\(i)") ?? (i == 0 ? error("weekly") : nil), errorId: "weekly-\(i)-error", fields: [
                WorkPage.Field(id: "weekly-\(i)-weekday", name: "weekly.\(i).weekday", labelHTML: t("work.listing.weekday"),
                               options: [WorkPage.Option(value: "", labelHTML: t("work.choose"), selected: row.weekday.isEmpty)]
                                   + weekdays.map { WorkPage.Option(value: $0.code, labelHTML: t("work.weekday.\($0.code)"), selected: row.weekday == $0.code) }, kind: .select),
                WorkPage.Field(id: "weekly-\(i)-start", name: "weekly.\(i).start", labelHTML: t("work.listing.start"), type: "time", value: row.start),
                WorkPage.Field(id: "weekly-\(i)-end", name: "weekly.\(i).end", labelHTML: t("work.listing.end"), type: "time", value: row.end),
                WorkPage.Field(id: "weekly-\(i)-from", name: "weekly.\(i).from", labelHTML: t("work.listing.valid_from"), type: "date", value: row.from),
                WorkPage.Field(id: "weekly-\(i)-until", name: "weekly.\(i).until", labelHTML: t("work.listing.valid_until"), type: "date", value: row.until, hintHTML: t("work.listing.valid_until_hint")),
            ]))
        }
        for (i, row) in (form.oneOff + Array(repeating: .init(), count: 1)).enumerated() {
            sets.append(.init(legendHTML: t("work.listing.one_off_row") + " \(i + 1)", errorHTML: error("one_off.\(i)"), errorId: "one_off-\(i)-error", fields: [
                WorkPage.Field(id: "one_off-\(i)-date", name: "one_off.\(i).date", labelHTML: t("work.listing.date"), type: "date", value: row.date),
                WorkPage.Field(id: "one_off-\(i)-start", name: "one_off.\(i).start", labelHTML: t("work.listing.start"), type: "time", value: row.start),
                WorkPage.Field(id: "one_off-\(i)-end", name: "one_off.\(i).end", labelHTML: t("work.listing.end"), type: "time", value: row.end),
            ]))
        }
        for (i, row) in (form.cancellations + Array(repeating: .init(), count: Self.spareRows)).enumerated() {
            sets.append(.init(legendHTML: t("work.listing.cancellation_row") + " \(i + 1)", errorHTML: error("cancellations.\(i)"), errorId: "cancellations-\(i)-error", fields: [
                WorkPage.Field(id: "cancellations-\(i)-date", name: "cancellations.\(i).date", labelHTML: t("work.listing.date"), type: "date", value: row.date),
                WorkPage.Field(id: "cancellations-\(i)-reason", name: "cancellations.\(i).reason", labelHTML: t("work.listing.reason"), value: row.reason,
                               hintHTML: t("work.listing.reason_hint"), maxlength: ClassroomForm.reasonLimit),
            ]))
        }
        return sets
    }

    /// Links of the error summary: each problem to its field.
    func summary(_ problems: [String: [String]], _ s: PageSettings) -> [(id: String, html: String)] {
        problems.keys.sorted().map { field in
            let id = field.contains(".") ? field.replacingOccurrences(of: ".", with: "-") + "-error" : (field == "weekly" ? "weekly-0-error" : field)
            let label = field.contains(".") || field == "weekly" ? pages.t("work.listing.schedule_problem", s) : pages.t("work.listing.\(field)", s)
            return (id, label + ": " + (s.language == .ja ? pages.t("work.listing.error.\(field.split(separator: ".").first ?? "")", s) : HTML.escape(problems[field]!.joined(separator: "; "))))
        }
    }
}
