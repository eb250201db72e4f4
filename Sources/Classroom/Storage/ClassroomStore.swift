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

    /// Inserts new classrooms and replaces existing ones (by id) with their levels, languages and schedule,
    /// in one transaction. Keeps a stored `createdAt` unless the classroom carries its own.
    @discardableResult
    func save(_ classrooms: [Classroom], by author: ChangeAuthor) async throws -> SaveSummary {
        let now = Timestamp.now
        return try await database.writer.write { db in
            var summary = SaveSummary(inserted: 0, updated: 0)
            for classroom in classrooms {
                let id = classroom.id.rawValue
                let existing = try ClassroomRecord.fetchOne(db, key: id)
                // The change and its audit entry commit together; saving what is already there records nothing.
                let before = try existing.flatMap { try Self.assemble(db, [$0]).first }.map(ClassroomCSV.auditFields)
                let changes = FieldChange.between(before, ClassroomCSV.auditFields(of: classroom))
                if !changes.isEmpty {
                    try AuditLog.append(
                        AuditEntry(
                            at: now, author: author, action: existing == nil ? "classroom.create" : "classroom.update", subjectKind: "classroom",
                            subjectId: String(id), municipalityCode: classroom.municipalityCode.rawValue, changes: changes
                        ),
                        in: db
                    )
                }
                let createdAt = classroom.createdAt ?? existing?.createdAt ?? now
                let record = ClassroomRecord(classroom, createdAt: createdAt, updatedAt: classroom.updatedAt ?? now)
                if existing == nil {
                    try record.insert(db)
                    summary.inserted += 1
                } else {
                    try record.update(db)
                    summary.updated += 1
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
                for date in classroom.schedule.cancellations { try CancellationRecord(classroomId: id, date: date.description).insert(db) }
            }
            return summary
        }
    }

    /// Every classroom whatever its status, by id.
    func allClassrooms() async throws -> [Classroom] {
        try await database.writer.read { db in try Self.assemble(db, ClassroomRecord.order(ClassroomRecord.Columns.id).fetchAll(db)) }
    }

    /// One classroom, or nil.
    func classroom(_ id: Classroom.ID) async throws -> Classroom? {
        try await database.writer.read { db in
            guard let record = try ClassroomRecord.fetchOne(db, key: id.rawValue) else { return nil }
            return try Self.assemble(db, [record]).first
        }
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
                cancellations: (cancellations[r.id] ?? []).compactMap { LocalDate($0.date) }
            )
            return Classroom(
                id: Classroom.ID(r.id), name: r.name, nameKana: r.nameKana, organiser: r.organiser, municipalityCode: code, venue: r.venue,
                address: r.address, latitude: r.latitude, longitude: r.longitude, format: format, feeYen: r.feeYen, materialsYen: r.materialsYen,
                childcare: r.childcare, wheelchairAccessible: r.wheelchairAccessible, eligibility: r.eligibility,
                levels: (levels[r.id] ?? []).compactMap { Level(rawValue: $0.level) },
                languages: (languages[r.id] ?? []).compactMap { LanguageTag($0.tag) }, capacity: r.capacity, accepting: r.accepting,
                contact: .init(url: r.url, email: r.email, phone: r.phone), status: status, lastConfirmed: lastConfirmed, schedule: schedule,
                isSample: r.isSample, createdAt: r.createdAt, updatedAt: r.updatedAt
            )
        }
    }
}
