import Curriculum
import Foundation
import GRDB
import Storage

/// Reads and writes the classroom tables in domain terms; GRDB stays behind this type, and only
/// `ClassroomService` holds one, so every change goes through the service.
/// Each write is one transaction, so an import lands whole or not at all.
struct ClassroomStore: Sendable {
    typealias SaveSummary = ClassroomService.SaveSummary

    let database: AppDatabase

    // MARK: - Municipalities

    /// Inserts or updates municipalities by code.
    func saveMunicipalities(_ municipalities: [Municipality]) async throws {
        try await database.writer.write { db in
            for municipality in municipalities {
                try MunicipalityRecord(municipality).upsert(db)
            }
        }
    }

    /// All municipalities, in code order.
    func municipalities() async throws -> [Municipality] {
        try await database.writer.read { db in
            try MunicipalityRecord.order(MunicipalityRecord.Columns.code).fetchAll(db).compactMap(\.municipality)
        }
    }

    // MARK: - Classrooms

    /// How a save treats what is stored.
    enum SaveMode {
        /// Imports and seeds: the row replaces the stored one whatever its version, keeping the stored
        /// organiser, approval state, review note and cancellation reasons, which the CSV format does not carry.
        case replace
        /// People's edits: refused with ``ClassroomConflict`` unless made from the stored version.
        case edit
    }

    /// Inserts new classrooms and replaces existing ones (by id) with their levels, languages and schedule,
    /// in one transaction. Keeps a stored `createdAt` unless the classroom carries its own; every stored
    /// change adds one to the version.
    @discardableResult
    func save(_ classrooms: [Classroom], by author: ChangeAuthor, action: String? = nil, mode: SaveMode = .replace) async throws -> SaveSummary {
        let now = Timestamp.now
        return try await database.writer.write { db in
            var summary = SaveSummary(inserted: 0, updated: 0)
            for classroom in classrooms {
                let existing = try Self.assembled(db, classroom.id)
                try Self.write(classroom, over: existing, mode: mode, by: author, action: action, at: now, in: db)
                if existing == nil { summary.inserted += 1 } else { summary.updated += 1 }
            }
            return summary
        }
    }

    /// Stores a new classroom under the next free id and returns that id.
    func create(_ classroom: Classroom, by author: ChangeAuthor) async throws -> Classroom.ID {
        let now = Timestamp.now
        return try await database.writer.write { db in
            let next = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) + 1 FROM classroom") ?? 1
            var fresh = classroom
            fresh.id = Classroom.ID(next)
            fresh.version = 1
            try Self.write(fresh, over: nil, mode: .edit, by: author, action: "classroom.create", at: now, in: db)
            return fresh.id
        }
    }

    /// Reads one classroom, applies `change` and stores the result, all in one transaction, so that two
    /// staff members approving at once cannot both see the draft. Returns the stored classroom.
    func modify(_ id: Classroom.ID, by author: ChangeAuthor, action: String, _ change: @Sendable (inout Classroom) throws -> Void) async throws -> Classroom {
        let now = Timestamp.now
        return try await database.writer.write { db in
            guard let existing = try Self.assembled(db, id) else { throw ClassroomError.notFound(id) }
            var changed = existing
            try change(&changed)
            try Self.write(changed, over: existing, mode: .edit, by: author, action: action, at: now, in: db)
            return try Self.assembled(db, id) ?? changed
        }
    }

    private static func assembled(_ db: Database, _ id: Classroom.ID) throws -> Classroom? {
        guard let record = try ClassroomRecord.fetchOne(db, key: id.rawValue) else { return nil }
        return try assemble(db, [record]).first
    }

    private static func write(
        _ incoming: Classroom, over existing: Classroom?, mode: SaveMode, by author: ChangeAuthor, action: String?, at now: Date, in db: Database
    ) throws {
        var classroom = incoming
        let id = classroom.id.rawValue
        if let existing {
            switch mode {
            case .edit:
                guard classroom.version == existing.version else { throw ClassroomConflict(current: existing) }
            case .replace:
                classroom.organiserId = existing.organiserId
                classroom.awaitingApproval = existing.awaitingApproval && classroom.status == .draft
                classroom.reviewNote = existing.reviewNote
                classroom.schedule.cancellationReasons = existing.schedule.cancellationReasons.filter { classroom.schedule.cancellations.contains($0.key) }
            }
            classroom.version = existing.version + 1
        }
        // The change and its audit entry commit together; saving what is already there records nothing.
        let changes = FieldChange.between(existing.map(auditFields), auditFields(of: classroom))
        if !changes.isEmpty {
            try AuditLog.append(
                AuditEntry(
                    at: now, author: author, action: action ?? (existing == nil ? "classroom.create" : "classroom.update"), subjectKind: "classroom",
                    subjectId: String(id), municipalityCode: classroom.municipalityCode.rawValue, changes: changes
                ),
                in: db
            )
        } else if existing != nil {
            return
        }
        let createdAt = classroom.createdAt ?? existing?.createdAt ?? now
        let record = ClassroomRecord(classroom, createdAt: createdAt, updatedAt: mode == .edit ? now : (classroom.updatedAt ?? now))
        if existing == nil {
            try record.insert(db)
        } else {
            try record.update(db)
            for table in ["classroomLevel", "classroomLanguage", "weeklySlot", "oneOffSession", "cancellation"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE classroomId = ?", arguments: [id])
            }
        }
        for level in classroom.levels { try ClassroomLevelRecord(classroomId: id, level: level.code).insert(db) }
        for tag in classroom.languages { try ClassroomLanguageRecord(classroomId: id, tag: tag.rawValue).insert(db) }
        for slot in classroom.schedule.weekly {
            try WeeklySlotRecord(
                classroomId: id, weekday: slot.weekday.rawValue, startMinute: slot.start.minutes, endMinute: slot.end.minutes,
                validFrom: slot.validFrom?.description, validUntil: slot.validUntil?.description
            ).insert(db)
        }
        for session in classroom.schedule.oneOff {
            try OneOffSessionRecord(
                classroomId: id, date: session.date.description, startMinute: session.start.minutes, endMinute: session.end.minutes
            ).insert(db)
        }
        for date in classroom.schedule.cancellations {
            try CancellationRecord(classroomId: id, date: date.description, reason: classroom.schedule.cancellationReasons[date]).insert(db)
        }
    }

    /// What the audit log compares: the import columns, and what only people's edits change.
    static func auditFields(of c: Classroom) -> [(field: String, value: String)] {
        ClassroomCSV.auditFields(of: c) + [
            ("state", c.listingState.rawValue),
            ("organiser_id", c.organiserId?.description ?? ""),
            ("review_note", c.reviewNote ?? ""),
            ("cancellation_reasons", c.schedule.cancellationReasons.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ";")),
        ]
    }

    // MARK: - Organisers

    func createOrganiser(named name: String, by author: ChangeAuthor) async throws -> Organiser {
        let now = Timestamp.now
        return try await database.writer.write { db in
            var record = OrganiserRecord(id: nil, name: name, createdAt: now)
            try record.insert(db)
            let id = db.lastInsertedRowID
            record.id = id
            try AuditLog.append(
                AuditEntry(at: now, author: author, action: "organiser.create", subjectKind: "organiser", subjectId: String(id), municipalityCode: nil,
                           changes: [FieldChange(field: "name", before: nil, after: name)]),
                in: db
            )
            return Organiser(id: Organiser.ID(id), name: name)
        }
    }

    func organiser(_ id: Organiser.ID) async throws -> Organiser? {
        try await database.writer.read { db in try OrganiserRecord.fetchOne(db, key: id.rawValue)?.organiser }
    }

    func organisers() async throws -> [Organiser] {
        try await database.writer.read { db in try OrganiserRecord.order(Column("name")).fetchAll(db).compactMap(\.organiser) }
    }

    /// Classrooms matching `filter`, newest change first.
    func classrooms(where filter: SQLExpression) async throws -> [Classroom] {
        try await database.writer.read { db in
            try Self.assemble(db, ClassroomRecord.filter(filter).order(ClassroomRecord.Columns.updatedAt.desc, ClassroomRecord.Columns.id).fetchAll(db))
        }
    }

    /// Every classroom whatever its status, by id.
    func allClassrooms() async throws -> [Classroom] {
        try await database.writer.read { db in try Self.assemble(db, ClassroomRecord.order(ClassroomRecord.Columns.id).fetchAll(db)) }
    }

    /// One classroom, or nil.
    func classroom(_ id: Classroom.ID) async throws -> Classroom? {
        try await database.writer.read { db in try Self.assembled(db, id) }
    }

    /// Every municipality and every classroom, read in one transaction so that the two agree.
    func everything() async throws -> (municipalities: [Municipality], classrooms: [Classroom]) {
        try await database.writer.read { db in
            let municipalities = try MunicipalityRecord.order(MunicipalityRecord.Columns.code).fetchAll(db).compactMap(\.municipality)
            return (municipalities, try Self.assemble(db, ClassroomRecord.order(ClassroomRecord.Columns.id).fetchAll(db)))
        }
    }

    /// Number of classrooms stored, whatever their status.
    func count() async throws -> Int {
        try await database.writer.read { db in try ClassroomRecord.fetchCount(db) }
    }

    private static func assemble(_ db: Database, _ records: [ClassroomRecord]) throws -> [Classroom] {
        guard !records.isEmpty else { return [] }
        let single = records.count == 1 ? records[0].id : nil
        func children<R: FetchableRecord & TableRecord>(_ type: R.Type) throws -> [R] {
            if let single { return try R.filter(Column("classroomId") == single).fetchAll(db) }
            return try R.fetchAll(db)
        }
        let levels = Dictionary(grouping: try children(ClassroomLevelRecord.self), by: \.classroomId)
        let languages = Dictionary(grouping: try children(ClassroomLanguageRecord.self), by: \.classroomId)
        let slots = Dictionary(grouping: try children(WeeklySlotRecord.self), by: \.classroomId)
        let oneOffs = Dictionary(grouping: try children(OneOffSessionRecord.self), by: \.classroomId)
        let cancellations = Dictionary(grouping: try children(CancellationRecord.self), by: \.classroomId)
        return records.compactMap { r in
            guard let code = Municipality.Code(r.municipalityCode), let format = ClassroomFormat(rawValue: r.format),
                let status = ClassroomStatus(rawValue: r.status), let lastConfirmed = LocalDate(r.lastConfirmed)
            else { return nil }
            let schedule = Schedule(
                weekly: (slots[r.id] ?? []).compactMap { s in
                    guard let day = Weekday(rawValue: s.weekday), let start = TimeOfDay(minutes: s.startMinute),
                        let end = TimeOfDay(minutes: s.endMinute)
                    else { return nil }
                    return WeeklySlot(weekday: day, start: start, end: end, validFrom: s.validFrom.flatMap(LocalDate.init), validUntil: s.validUntil.flatMap(LocalDate.init))
                },
                oneOff: (oneOffs[r.id] ?? []).compactMap { s in
                    guard let date = LocalDate(s.date), let start = TimeOfDay(minutes: s.startMinute), let end = TimeOfDay(minutes: s.endMinute)
                    else { return nil }
                    return OneOffSession(date: date, start: start, end: end)
                },
                cancellations: (cancellations[r.id] ?? []).compactMap { LocalDate($0.date) },
                cancellationReasons: Dictionary(
                    (cancellations[r.id] ?? []).compactMap { c in LocalDate(c.date).flatMap { date in c.reason.map { (date, $0) } } },
                    uniquingKeysWith: { a, _ in a }
                )
            )
            var classroom = Classroom(
                id: Classroom.ID(r.id), name: r.name, nameKana: r.nameKana, organiser: r.organiser, municipalityCode: code, venue: r.venue,
                address: r.address, latitude: r.latitude, longitude: r.longitude, format: format, feeYen: r.feeYen, materialsYen: r.materialsYen,
                childcare: r.childcare, wheelchairAccessible: r.wheelchairAccessible, eligibility: r.eligibility,
                levels: (levels[r.id] ?? []).compactMap { Level(rawValue: $0.level) },
                languages: (languages[r.id] ?? []).compactMap { LanguageTag($0.tag) }, capacity: r.capacity, accepting: r.accepting,
                contact: .init(url: r.url, email: r.email, phone: r.phone), status: status, lastConfirmed: lastConfirmed, schedule: schedule,
                isSample: r.isSample, createdAt: r.createdAt, updatedAt: r.updatedAt
            )
            classroom.organiserId = r.organiserId.map(Organiser.ID.init)
            classroom.version = r.version
            classroom.awaitingApproval = r.awaitingApproval
            classroom.reviewNote = r.reviewNote
            return classroom
        }
    }
}
