import Curriculum
import Foundation

/// A classroom as a person types it into the listing form: every field as text, and the schedule as rows.
/// Validation is the CSV import's own (`RowReader`), so a listing accepted by one is accepted by the other;
/// schedule rows are checked one by one so that each problem sits beside its row.
public struct ClassroomForm: Sendable, Hashable {
    /// A weekly slot as typed: weekday code (mon…sun), HH:MM times, optional YYYY-MM-DD range.
    public struct WeeklyRow: Sendable, Hashable {
        public var weekday = "", start = "", end = "", from = "", until = ""
        public init(weekday: String = "", start: String = "", end: String = "", from: String = "", until: String = "") {
            (self.weekday, self.start, self.end, self.from, self.until) = (weekday, start, end, from, until)
        }
        var isBlank: Bool { [weekday, start, end, from, until].allSatisfy { $0.trimmed.isEmpty } }
    }

    /// A one-off session as typed.
    public struct OneOffRow: Sendable, Hashable {
        public var date = "", start = "", end = ""
        public init(date: String = "", start: String = "", end: String = "") { (self.date, self.start, self.end) = (date, start, end) }
        var isBlank: Bool { [date, start, end].allSatisfy { $0.trimmed.isEmpty } }
    }

    /// A date with no class, and why (optional, shown to learners).
    public struct CancellationRow: Sendable, Hashable {
        public var date = "", reason = ""
        public init(date: String = "", reason: String = "") { (self.date, self.reason) = (date, reason) }
        var isBlank: Bool { date.trimmed.isEmpty && reason.trimmed.isEmpty }
    }

    /// The fields a person edits, by their import column names.
    public static let editableColumns = [
        "name", "name_kana", "organiser", "municipality_code", "venue", "address", "lat", "lon", "format", "fee_yen", "materials_yen",
        "childcare", "wheelchair", "accepting", "eligibility", "levels", "languages", "capacity", "url", "email", "phone",
    ]
    /// Longest reason for a cancellation.
    public static let reasonLimit = 200

    /// Text of each editable column; booleans as "true"/"false", lists joined by "|".
    public var values: [String: String]
    public var weekly: [WeeklyRow]
    public var oneOff: [OneOffRow]
    public var cancellations: [CancellationRow]
    /// The stored version this form was opened on; nil for a new listing.
    public var version: Int?

    public init(values: [String: String] = [:], weekly: [WeeklyRow] = [], oneOff: [OneOffRow] = [], cancellations: [CancellationRow] = [], version: Int? = nil) {
        self.values = values
        self.weekly = weekly
        self.oneOff = oneOff
        self.cancellations = cancellations
        self.version = version
    }

    /// The form filled from a stored classroom.
    public init(_ c: Classroom) {
        let fields = Dictionary(uniqueKeysWithValues: zip(ClassroomCSV.columns, ClassroomCSV.fields(of: c)))
        values = fields.filter { Self.editableColumns.contains($0.key) }
        weekly = c.schedule.weekly.map {
            WeeklyRow(weekday: $0.weekday.code, start: "\($0.start)", end: "\($0.end)", from: $0.validFrom?.description ?? "", until: $0.validUntil?.description ?? "")
        }
        oneOff = c.schedule.oneOff.map { OneOffRow(date: $0.date.description, start: "\($0.start)", end: "\($0.end)") }
        cancellations = c.schedule.cancellations.map { CancellationRow(date: $0.description, reason: c.schedule.cancellationReasons[$0] ?? "") }
        version = c.version
    }

    /// Problems keyed by field: an import column name, or `weekly.N`, `one_off.N`, `cancellations.N` for row N.
    public struct Problems: Error, Sendable, Hashable {
        public var byField: [String: [String]]
        public var isEmpty: Bool { byField.isEmpty }
    }

    /// The classroom this form describes, or every problem with it.
    /// - Parameters:
    ///   - base: the stored listing being edited (its id, status, sample flag and dates are kept), or nil for a new one.
    ///   - today: the date a saved listing counts as confirmed on (saving it is its teacher saying it is current).
    public func validate(base: Classroom?, today: LocalDate, knownMunicipalities: Set<Municipality.Code>) -> Result<Classroom, Problems> {
        var problems: [String: [String]] = [:]
        func add(_ field: String, _ message: String) { problems[field, default: []].append(message) }

        var weeklySlots: [WeeklySlot] = []
        for (index, row) in weekly.enumerated() where !row.isBlank {
            var text = "\(row.weekday.trimmed) \(row.start.trimmed)-\(row.end.trimmed)"
            if !row.from.trimmed.isEmpty || !row.until.trimmed.isEmpty { text += " \(row.from.trimmed)..\(row.until.trimmed)" }
            switch ScheduleText.parseWeekly(text[...]) {
            case .success(let slot): weeklySlots.append(slot)
            case .failure(let problem): add("weekly.\(index)", problem.message)
            }
        }
        var oneOffSessions: [OneOffSession] = []
        for (index, row) in oneOff.enumerated() where !row.isBlank {
            switch ScheduleText.parseOneOff("\(row.date.trimmed) \(row.start.trimmed)-\(row.end.trimmed)"[...]) {
            case .success(let session): oneOffSessions.append(session)
            case .failure(let problem): add("one_off.\(index)", problem.message)
            }
        }
        var cancelled: [LocalDate] = []
        var reasons: [LocalDate: String] = [:]
        for (index, row) in cancellations.enumerated() where !row.isBlank {
            guard let date = LocalDate(row.date.trimmed) else {
                add("cancellations.\(index)", row.date.trimmed.isEmpty ? "give the date with no class" : "'\(row.date)' is not a date YYYY-MM-DD")
                continue
            }
            let reason = row.reason.trimmed
            if reason.count > Self.reasonLimit { add("cancellations.\(index)", "the reason is longer than \(Self.reasonLimit) characters") }
            if reason.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { add("cancellations.\(index)", "the reason contains control characters") }
            cancelled.append(date)
            if !reason.isEmpty { reasons[date] = reason }
        }

        // The scalar fields go through the import's reader, as one CSV record with the fixed columns filled in.
        var fields = values.filter { Self.editableColumns.contains($0.key) }
        fields["id"] = String(base?.id.rawValue ?? 1)
        fields["status"] = (base?.status ?? .draft).rawValue
        fields["last_confirmed"] = today.description
        fields["sample"] = String(base?.isSample ?? false)
        // The schedule was read above, row by row; the reader needs only to know whether there is one.
        fields["slots"] = ScheduleText.weekly(weeklySlots)
        fields["one_off"] = ScheduleText.oneOff(oneOffSessions)
        let header = ClassroomCSV.columns
        var reader = RowReader(
            header: header, record: CSVTable.Record(line: 1, fields: header.map { fields[$0] ?? "" }), knownMunicipalities: knownMunicipalities
        )
        let parsed = reader.classroom()
        for issue in reader.issues {
            // A published listing with no sessions: the message belongs beside the weekly rows.
            add(issue.column == "slots" ? "weekly" : issue.column ?? "form", issue.message)
        }
        guard problems.isEmpty, var classroom = parsed else { return .failure(Problems(byField: problems)) }
        classroom.schedule = Schedule(weekly: weeklySlots, oneOff: oneOffSessions, cancellations: cancelled, cancellationReasons: reasons)
        if let base {
            classroom.organiserId = base.organiserId
            classroom.awaitingApproval = base.awaitingApproval
            classroom.reviewNote = base.reviewNote
            classroom.createdAt = base.createdAt
        }
        classroom.updatedAt = nil
        // An edit that does not say which version it was made from cannot be checked, so it is never taken
        // as made from the current one: version 0 matches nothing stored and the save reports a conflict.
        classroom.version = version ?? (base == nil ? 1 : 0)
        return .success(classroom)
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespaces) }
}
