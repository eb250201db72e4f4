import Classroom
import Foundation
import Storage
import Testing
import TestSupport

@Suite("Listings people edit: the form, versions, approval states, organisers")
struct ListingTests {
    static let shinjuku = Municipality.Code("131041")!
    static let shibuya = Municipality.Code("131130")!
    static let today = LocalDate("2026-12-01")!
    static let author = ChangeAuthor.account(7)

    // MARK: - Builders

    static func goodValues(_ overrides: [String: String] = [:]) -> [String: String] {
        var values = [
            "name": "ひまわり日本語教室", "name_kana": "ひまわりにほんごきょうしつ", "organiser": "ひまわりの会", "municipality_code": "131041",
            "venue": "新宿区民センター", "format": "in_person", "fee_yen": "300", "childcare": "true", "wheelchair": "false", "accepting": "true",
            "levels": "a1|a2", "languages": "en|zh",
        ]
        for (key, value) in overrides { values[key] = value }
        return values
    }

    static func goodForm() -> ClassroomForm {
        ClassroomForm(values: goodValues(), weekly: [ClassroomForm.WeeklyRow(weekday: "sat", start: "10:00", end: "12:00")])
    }

    static let saturday = WeeklySlot(weekday: .sat, start: TimeOfDay("10:00")!, end: TimeOfDay("12:00")!)

    /// A draft listing as a teacher would create it (the id is replaced on create).
    static func draft(
        _ name: String = "ひまわり日本語教室", in code: Municipality.Code = shinjuku, organiser: Organiser.ID? = nil, schedule: Schedule = Schedule(weekly: [saturday])
    ) -> Classroom {
        var c = Classroom(
            id: Classroom.ID(1), name: name, nameKana: "ひまわりにほんごきょうしつ", organiser: "ひまわりの会", municipalityCode: code, venue: "新宿区民センター",
            levels: [.a1, .a2], languages: [LanguageTag("en")!], status: .draft, lastConfirmed: today, schedule: schedule, isSample: false
        )
        c.organiserId = organiser
        return c
    }

    static func known(_ test: TestDatabase) async throws -> Set<Municipality.Code> {
        Set(try await test.classrooms.municipalities().map(\.code))
    }

    // MARK: - The form

    @Test func aGoodFormBecomesAClassroom() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let result = Self.goodForm().validate(base: nil, today: Self.today, knownMunicipalities: try await Self.known(test))
        let c = try result.get()
        #expect(c.name == "ひまわり日本語教室")
        #expect(c.nameKana == "ひまわりにほんごきょうしつ")
        #expect(c.organiser == "ひまわりの会")
        #expect(c.municipalityCode == Self.shinjuku)
        #expect(c.format == .inPerson)
        #expect(c.feeYen == 300)
        #expect(c.childcare == true)
        #expect(c.wheelchairAccessible == false)
        #expect(c.accepting == true)
        #expect(c.levels == [.a1, .a2])
        #expect(c.languages.map(\.rawValue) == ["en", "zh"])
        #expect(c.schedule.weekly == [Self.saturday])
        #expect(c.schedule.oneOff.isEmpty && c.schedule.cancellations.isEmpty)
        #expect(c.status == .draft)
        #expect(c.lastConfirmed == Self.today)
        #expect(c.isSample == false)
        #expect(c.version == 1)
        #expect(c.organiserId == nil)
    }

    @Test func theFormReadsEveryKindOfScheduleRow() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        var form = Self.goodForm()
        form.weekly = [
            ClassroomForm.WeeklyRow(weekday: "wed", start: "18:30", end: "20:30", from: "2027-01-01", until: "2027-03-31"),
            ClassroomForm.WeeklyRow(),
            ClassroomForm.WeeklyRow(weekday: " sat ", start: "10:00 ", end: " 12:00"),
        ]
        form.oneOff = [ClassroomForm.OneOffRow(date: "2027-02-11", start: "13:00", end: "15:00"), ClassroomForm.OneOffRow()]
        form.cancellations = [
            ClassroomForm.CancellationRow(date: "2026-12-26", reason: "年末休み"), ClassroomForm.CancellationRow(date: "2027-01-02"),
            ClassroomForm.CancellationRow(),
        ]
        let c = try form.validate(base: nil, today: Self.today, knownMunicipalities: try await Self.known(test)).get()
        #expect(c.schedule.weekly.count == 2)
        #expect(c.schedule.weekly.contains(WeeklySlot(weekday: .wed, start: TimeOfDay("18:30")!, end: TimeOfDay("20:30")!, validFrom: LocalDate("2027-01-01"), validUntil: LocalDate("2027-03-31"))))
        #expect(c.schedule.weekly.contains(Self.saturday))
        #expect(c.schedule.oneOff == [OneOffSession(date: LocalDate("2027-02-11")!, start: TimeOfDay("13:00")!, end: TimeOfDay("15:00")!)])
        #expect(c.schedule.cancellations == [LocalDate("2026-12-26")!, LocalDate("2027-01-02")!])
        #expect(c.schedule.cancellationReasons == [LocalDate("2026-12-26")!: "年末休み"])
    }

    @Test func aBadFormReportsEachProblemUnderItsField() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let form = ClassroomForm(
            values: Self.goodValues(["name": "", "fee_yen": "three hundred", "municipality_code": "139999"]),
            weekly: [
                ClassroomForm.WeeklyRow(weekday: "sat", start: "10:00", end: "12:00"),
                ClassroomForm.WeeklyRow(weekday: "sun", start: "12:00", end: "10:00"),
            ],
            cancellations: [ClassroomForm.CancellationRow(date: "2026-13-45", reason: "休み")]
        )
        let result = form.validate(base: nil, today: Self.today, knownMunicipalities: try await Self.known(test))
        guard case .failure(let problems) = result else {
            Issue.record("expected problems, got \(result)")
            return
        }
        #expect(Set(problems.byField.keys) == ["name", "fee_yen", "weekly.1", "cancellations.0", "municipality_code"])
        #expect(problems.byField["weekly.0"] == nil)
        #expect(problems.byField["cancellations.0"]?.first?.contains("2026-13-45") == true)
        #expect(problems.byField["municipality_code"]?.first?.contains("139999") == true)
        #expect(!problems.isEmpty)
    }

    @Test(arguments: [
        (["levels": ""], "levels"), (["levels": "c9"], "levels"), (["format": "radio"], "format"), (["childcare": "maybe"], "childcare"),
        (["name_kana": "日本語"], "name_kana"), (["email": "not-an-email"], "email"), (["url": "javascript:alert(1)"], "url"),
        (["lat": "35.6"], "lon"), (["capacity": "0"], "capacity"), (["fee_yen": "-1"], "fee_yen"),
    ])
    func eachScalarProblemSitsBesideItsField(_ overrides: [String: String], _ field: String) async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        var form = Self.goodForm()
        form.values = Self.goodValues(overrides)
        guard case .failure(let problems) = form.validate(base: nil, today: Self.today, knownMunicipalities: try await Self.known(test)) else {
            Issue.record("expected a problem with \(field)")
            return
        }
        #expect(Array(problems.byField.keys) == [field])
    }

    @Test func scheduleRowProblemsAreNumberedByRow() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        var form = Self.goodForm()
        form.weekly = [
            ClassroomForm.WeeklyRow(weekday: "funday", start: "10:00", end: "12:00"), ClassroomForm.WeeklyRow(),
            ClassroomForm.WeeklyRow(weekday: "sat", start: "25:00", end: "26:00"),
            ClassroomForm.WeeklyRow(weekday: "sat", start: "10:00", end: "12:00", from: "2027-04-01", until: "2027-03-01"),
        ]
        form.oneOff = [ClassroomForm.OneOffRow(date: "2027-02-30", start: "10:00", end: "12:00")]
        form.cancellations = [
            ClassroomForm.CancellationRow(date: "2026-12-26"), ClassroomForm.CancellationRow(date: "", reason: "理由だけ"),
            ClassroomForm.CancellationRow(date: "2027-01-09", reason: String(repeating: "長", count: ClassroomForm.reasonLimit + 1)),
        ]
        guard case .failure(let problems) = form.validate(base: nil, today: Self.today, knownMunicipalities: try await Self.known(test)) else {
            Issue.record("expected problems")
            return
        }
        #expect(Set(problems.byField.keys) == ["weekly.0", "weekly.2", "weekly.3", "one_off.0", "cancellations.1", "cancellations.2"])
    }

    @Test func aPublishedListingWithoutSessionsIsToldBesideTheWeeklyRows() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        var published = Self.draft()
        published.status = .published
        var form = ClassroomForm(published)
        form.weekly = []
        guard case .failure(let problems) = form.validate(base: published, today: Self.today, knownMunicipalities: try await Self.known(test)) else {
            Issue.record("expected problems")
            return
        }
        #expect(Array(problems.byField.keys) == ["weekly"])
    }

    @Test func aFormFilledFromAStoredListingValidatesBackToIt() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let service = test.classrooms
        let organiser = try await service.createOrganiser(named: "ひまわりの会", by: Self.author)
        let cancelled = LocalDate("2026-12-26")!
        let stored = try await service.create(
            Self.draft(organiser: organiser.id, schedule: Schedule(weekly: [Self.saturday], cancellations: [cancelled], cancellationReasons: [cancelled: "年末休み"])),
            by: Self.author
        )
        let form = ClassroomForm(stored)
        #expect(form.version == 1)
        #expect(form.cancellations == [ClassroomForm.CancellationRow(date: "2026-12-26", reason: "年末休み")])
        let later = LocalDate("2027-01-05")!
        var again = try form.validate(base: stored, today: later, knownMunicipalities: try await Self.known(test)).get()
        #expect(again.id == stored.id)
        #expect(again.organiserId == organiser.id)
        #expect(again.version == stored.version)
        #expect(again.createdAt == stored.createdAt)
        #expect(again.lastConfirmed == later)
        #expect(again.schedule == stored.schedule)
        again.lastConfirmed = stored.lastConfirmed
        again.updatedAt = stored.updatedAt
        #expect(again == stored)

        // A posted edit that omits its version is never a silent overwrite.
        var unversioned = form
        unversioned.version = nil
        let blind = try unversioned.validate(base: stored, today: later, knownMunicipalities: try await Self.known(test)).get()
        await #expect(throws: ClassroomConflict.self) { _ = try await service.update(blind, by: Self.author) }
    }

    // MARK: - Create and update

    @Test func createStoresADraftUnderTheNextId() async throws {
        let test = try await TestDatabase.seeded()
        let service = test.classrooms
        let highest = try await service.storedClassrooms().map(\.id.rawValue).max() ?? 0
        #expect(highest > 0)
        var given = Self.draft()
        given.id = Classroom.ID(3)
        given.status = .published
        given.version = 9
        let created = try await service.create(given, by: Self.author)
        #expect(created.id == Classroom.ID(highest + 1))
        #expect(created.version == 1)
        #expect(created.status == .draft)
        #expect(created.listingState == .draft)
        #expect(created.createdAt != nil && created.updatedAt != nil)
        // Nothing was overwritten
        #expect(try await service.storedClassroom(Classroom.ID(3))?.name != "ひまわり日本語教室")
        let second = try await service.create(Self.draft("二つ目の教室"), by: Self.author)
        #expect(second.id == Classroom.ID(highest + 2))
    }

    @Test func anUpdateFromTheStoredVersionBumpsIt() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let service = test.classrooms
        let created = try await service.create(Self.draft(), by: Self.author)
        var edit = created
        edit.feeYen = 500
        let updated = try await service.update(edit, by: Self.author)
        #expect(updated.version == 2)
        #expect(updated.feeYen == 500)
        #expect(try await service.storedClassroom(created.id)?.version == 2)
    }

    @Test func anUpdateFromAnOlderVersionIsAConflictCarryingWhatIsStored() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let service = test.classrooms
        let created = try await service.create(Self.draft(), by: Self.author)
        var first = created
        first.feeYen = 500
        _ = try await service.update(first, by: Self.author)

        var stale = created
        stale.feeYen = 800
        let conflict = await #expect(throws: ClassroomConflict.self) { try await service.update(stale, by: Self.author) }
        #expect(conflict?.current.version == 2)
        #expect(conflict?.current.feeYen == 500)
        // Nothing of the stale edit was stored
        #expect(try await service.storedClassroom(created.id)?.feeYen == 500)
        #expect(try await service.storedClassroom(created.id)?.version == 2)
    }

    @Test func anUpdateOfAMissingListingIsNotFound() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        var ghost = Self.draft()
        ghost.id = Classroom.ID(4242)
        await #expect(throws: ClassroomError.notFound(Classroom.ID(4242))) { try await test.classrooms.update(ghost, by: Self.author) }
    }

    @Test func anUpdateKeepsTheStoredStateOrganiserAndNote() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let service = test.classrooms
        let mine = try await service.createOrganiser(named: "ひまわりの会", by: Self.author)
        let theirs = try await service.createOrganiser(named: "ほかの会", by: Self.author)
        let created = try await service.create(Self.draft(organiser: mine.id), by: Self.author)
        var edit = created
        edit.status = .published
        edit.awaitingApproval = false
        edit.organiserId = theirs.id
        edit.reviewNote = "自分で書いたメモ"
        edit.isSample = true
        edit.name = "新しい名前の教室"
        let updated = try await service.update(edit, by: Self.author)
        #expect(updated.name == "新しい名前の教室")
        #expect(updated.status == .draft)
        #expect(updated.organiserId == mine.id)
        #expect(updated.reviewNote == nil)
        #expect(updated.isSample == false)
        #expect(updated.createdAt == created.createdAt)
    }

    @Test func cancellationReasonsRoundTripThroughStorage() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let service = test.classrooms
        let a = LocalDate("2026-12-26")!, b = LocalDate("2027-01-02")!, c = LocalDate("2027-01-09")!
        let schedule = Schedule(weekly: [Self.saturday], cancellations: [a, b, c], cancellationReasons: [a: "年末のため休み", c: "会場点検 (Venue closed)"])
        let created = try await service.create(Self.draft(schedule: schedule), by: Self.author)
        let stored = try #require(try await service.storedClassroom(created.id))
        #expect(stored.schedule.cancellations == [a, b, c])
        #expect(stored.schedule.cancellationReasons == [a: "年末のため休み", c: "会場点検 (Venue closed)"])
        // And through an edit that changes a reason
        var edit = stored
        edit.schedule = Schedule(weekly: [Self.saturday], cancellations: [a, b], cancellationReasons: [b: "祝日"])
        let updated = try await service.update(edit, by: Self.author)
        #expect(updated.schedule.cancellations == [a, b])
        #expect(updated.schedule.cancellationReasons == [b: "祝日"])
    }

    // MARK: - Transitions

    @Test func aDraftIsSubmittedApprovedAndThenSearchable() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let service = test.classrooms
        let directory = try await ClassroomDirectory(following: service)
        let created = try await service.create(Self.draft(), by: Self.author)
        #expect(throws: ClassroomError.notFound(created.id)) { try directory.classroom(created.id) }

        let submitted = try await service.apply(.submit, to: created.id, by: Self.author)
        #expect(submitted.listingState == .awaitingApproval)
        #expect(submitted.status == .draft && submitted.awaitingApproval)
        #expect(submitted.version == 2)
        #expect(throws: ClassroomError.notFound(created.id)) { try directory.classroom(created.id) }

        let approved = try await service.apply(.approve, to: created.id, by: .account(8))
        #expect(approved.listingState == .published)
        #expect(approved.status == .published && !approved.awaitingApproval)
        #expect(approved.version == 3)
        #expect(try directory.classroom(created.id).classroom.name == "ひまわり日本語教室")
        var query = ClassroomQuery()
        query.text = "ひまわり日本語教室"
        #expect(try directory.search(query).items.map(\.classroom.id) == [created.id])
    }

    @Test func approvingTwiceIsAnInvalidTransition() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let service = test.classrooms
        let created = try await service.create(Self.draft(), by: Self.author)
        _ = try await service.apply(.submit, to: created.id, by: Self.author)
        _ = try await service.apply(.approve, to: created.id, by: Self.author)
        await #expect(throws: ClassroomError.invalidTransition(from: .published, action: "approve")) {
            try await service.apply(.approve, to: created.id, by: Self.author)
        }
        #expect(try await service.storedClassroom(created.id)?.version == 3)
    }

    @Test func aDraftCannotBeApprovedOrSentBackBeforeItIsSubmitted() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let service = test.classrooms
        let created = try await service.create(Self.draft(), by: Self.author)
        await #expect(throws: ClassroomError.invalidTransition(from: .draft, action: "approve")) {
            try await service.apply(.approve, to: created.id, by: Self.author)
        }
        await #expect(throws: ClassroomError.invalidTransition(from: .draft, action: "send_back")) {
            try await service.apply(.sendBack, to: created.id, note: "まだです", by: Self.author)
        }
        _ = try await service.apply(.submit, to: created.id, by: Self.author)
        await #expect(throws: ClassroomError.invalidTransition(from: .awaitingApproval, action: "submit")) {
            try await service.apply(.submit, to: created.id, by: Self.author)
        }
    }

    @Test func sendingBackReturnsTheDraftWithANoteThatApprovalClears() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let service = test.classrooms
        let created = try await service.create(Self.draft(), by: Self.author)
        _ = try await service.apply(.submit, to: created.id, by: Self.author)
        let sentBack = try await service.apply(.sendBack, to: created.id, note: "会場の住所を書いてください", by: .account(8))
        #expect(sentBack.listingState == .draft)
        #expect(sentBack.reviewNote == "会場の住所を書いてください")
        #expect(try await service.storedClassroom(created.id)?.reviewNote == "会場の住所を書いてください")
        // The teacher's edit keeps the note; approval clears it
        var edit = sentBack
        edit.address = "東京都新宿区（サンプル住所）"
        #expect(try await service.update(edit, by: Self.author).reviewNote == "会場の住所を書いてください")
        _ = try await service.apply(.submit, to: created.id, by: Self.author)
        let approved = try await service.apply(.approve, to: created.id, by: .account(8))
        #expect(approved.reviewNote == nil)
        #expect(approved.address == "東京都新宿区（サンプル住所）")
    }

    @Test func archivingTakesAListingOffTheDirectoryAndSubmittingBringsItBackForApproval() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let service = test.classrooms
        let directory = try await ClassroomDirectory(following: service)
        let created = try await service.create(Self.draft(), by: Self.author)
        _ = try await service.apply(.submit, to: created.id, by: Self.author)
        _ = try await service.apply(.approve, to: created.id, by: Self.author)
        #expect(directory.classrooms(in: Self.shinjuku).map(\.id) == [created.id])

        let archived = try await service.apply(.archive, to: created.id, by: Self.author)
        #expect(archived.listingState == .archived)
        #expect(archived.status == .archived)
        #expect(directory.classrooms(in: Self.shinjuku).isEmpty)
        await #expect(throws: ClassroomError.invalidTransition(from: .archived, action: "archive")) {
            try await service.apply(.archive, to: created.id, by: Self.author)
        }

        let resubmitted = try await service.apply(.submit, to: created.id, by: Self.author)
        #expect(resubmitted.listingState == .awaitingApproval)
        #expect(directory.classrooms(in: Self.shinjuku).isEmpty)
    }

    @Test(arguments: [ListingState.draft, .awaitingApproval, .published])
    func everyLiveStateCanBeArchived(_ state: ListingState) async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let service = test.classrooms
        let created = try await service.create(Self.draft(), by: Self.author)
        if state != .draft { _ = try await service.apply(.submit, to: created.id, by: Self.author) }
        if state == .published { _ = try await service.apply(.approve, to: created.id, by: Self.author) }
        #expect(try await service.storedClassroom(created.id)?.listingState == state)
        #expect(try await service.apply(.archive, to: created.id, by: Self.author).listingState == .archived)
    }

    @Test func transitionsStartFromTheDocumentedStates() {
        #expect(ClassroomService.Transition.submit.from == [.draft, .archived])
        #expect(ClassroomService.Transition.approve.from == [.awaitingApproval])
        #expect(ClassroomService.Transition.sendBack.from == [.awaitingApproval])
        #expect(ClassroomService.Transition.archive.from == [.draft, .awaitingApproval, .published])
        #expect(ClassroomService.Transition.sendBack.rawValue == "send_back")
    }

    @Test func aTransitionOfAMissingListingIsNotFound() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        await #expect(throws: ClassroomError.notFound(Classroom.ID(4242))) {
            try await test.classrooms.apply(.submit, to: Classroom.ID(4242), by: Self.author)
        }
    }

    // MARK: - Imports over edited listings

    @Test func anImportOfAnExistingListingKeepsItsOrganiserAndCancellationReasons() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let service = test.classrooms
        let organiser = try await service.createOrganiser(named: "ひまわりの会", by: Self.author)
        let a = LocalDate("2026-12-26")!, b = LocalDate("2027-01-02")!
        let created = try await service.create(
            Self.draft(organiser: organiser.id, schedule: Schedule(weekly: [Self.saturday], cancellations: [a, b], cancellationReasons: [a: "年末休み", b: "正月休み"])),
            by: Self.author
        )
        let row = Fixtures.row(id: Int(created.id.rawValue), ["name": "ひまわり日本語教室（改）", "cancellations": "2026-12-26;2027-01-02", "sample": "false"])
        let summary = try await service.importCSV(Data(Fixtures.csv([row]).utf8), by: .commandLine)
        #expect(summary == ClassroomService.SaveSummary(inserted: 0, updated: 1))

        let stored = try #require(try await service.storedClassroom(created.id))
        #expect(stored.name == "ひまわり日本語教室（改）")
        #expect(stored.organiserId == organiser.id)
        #expect(stored.schedule.cancellationReasons == [a: "年末休み", b: "正月休み"])
        #expect(stored.version == 2)
        #expect(try await service.storedClassrooms(of: organiser.id).map(\.id) == [created.id])
    }

    @Test func anImportDropsTheReasonsOfDatesItNoLongerCancels() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let service = test.classrooms
        let a = LocalDate("2026-12-26")!, b = LocalDate("2027-01-02")!
        let created = try await service.create(
            Self.draft(schedule: Schedule(weekly: [Self.saturday], cancellations: [a, b], cancellationReasons: [a: "年末休み", b: "正月休み"])), by: Self.author
        )
        let row = Fixtures.row(id: Int(created.id.rawValue), ["cancellations": "2027-01-02"])
        try await service.importCSV(Data(Fixtures.csv([row]).utf8), by: .commandLine)
        let stored = try #require(try await service.storedClassroom(created.id))
        #expect(stored.schedule.cancellations == [b])
        #expect(stored.schedule.cancellationReasons == [b: "正月休み"])
    }

    @Test func anImportKeepsAWaitingListingWaitingOnlyWhileItStaysADraft() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let service = test.classrooms
        let waiting = try await service.create(Self.draft("待っている教室"), by: Self.author)
        _ = try await service.apply(.submit, to: waiting.id, by: Self.author)
        let other = try await service.create(Self.draft("もう一つの教室"), by: Self.author)
        _ = try await service.apply(.submit, to: other.id, by: Self.author)
        let rows = [
            Fixtures.row(id: Int(waiting.id.rawValue), ["status": "draft"]),
            Fixtures.row(id: Int(other.id.rawValue), ["status": "published"]),
        ]
        try await service.importCSV(Data(Fixtures.csv(rows).utf8), by: .commandLine)
        #expect(try await service.storedClassroom(waiting.id)?.listingState == .awaitingApproval)
        #expect(try await service.storedClassroom(other.id)?.listingState == .published)
    }

    // MARK: - The audit trail

    @Test func everyUpdateAndTransitionIsAudited() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let service = test.classrooms
        let created = try await service.create(Self.draft(), by: .account(7))
        var edit = created
        edit.feeYen = 500
        _ = try await service.update(edit, by: .account(7))
        _ = try await service.apply(.submit, to: created.id, by: .account(7))
        _ = try await service.apply(.sendBack, to: created.id, note: "住所をお願いします", by: .account(8))
        _ = try await service.apply(.submit, to: created.id, by: .account(7))
        _ = try await service.apply(.approve, to: created.id, by: .account(8))
        _ = try await service.apply(.archive, to: created.id, by: .account(8))

        let history = try await service.history(of: created.id)
        #expect(history.map(\.action) == [
            "classroom.archive", "classroom.approve", "classroom.submit", "classroom.send_back", "classroom.submit", "classroom.update", "classroom.create",
        ])
        #expect(history.allSatisfy { $0.subjectKind == "classroom" && $0.subjectId == String(created.id.rawValue) })
        #expect(history.allSatisfy { $0.municipalityCode == Self.shinjuku.rawValue })
        #expect(history.map(\.author) == [.account(8), .account(8), .account(7), .account(8), .account(7), .account(7), .account(7)])

        func change(_ entry: AuditEntry, _ field: String) -> FieldChange? { entry.changes.first { $0.field == field } }
        // The edit names the field it changed, and not the state
        #expect(change(history[5], "fee_yen") == FieldChange(field: "fee_yen", before: "0", after: "500"))
        #expect(change(history[5], "state") == nil)
        // Each transition names the state it moved between
        #expect(change(history[4], "state") == FieldChange(field: "state", before: "draft", after: "awaiting_approval"))
        #expect(change(history[3], "state") == FieldChange(field: "state", before: "awaiting_approval", after: "draft"))
        #expect(change(history[3], "review_note") == FieldChange(field: "review_note", before: nil, after: "住所をお願いします"))
        #expect(change(history[2], "state") == FieldChange(field: "state", before: "draft", after: "awaiting_approval"))
        #expect(change(history[1], "state") == FieldChange(field: "state", before: "awaiting_approval", after: "published"))
        #expect(change(history[1], "status") == FieldChange(field: "status", before: "draft", after: "published"))
        #expect(change(history[1], "review_note") == FieldChange(field: "review_note", before: "住所をお願いします", after: nil))
        #expect(change(history[0], "state") == FieldChange(field: "state", before: "published", after: "archived"))
        // The creation starts from nothing
        #expect(change(history[6], "state") == FieldChange(field: "state", before: nil, after: "draft"))
    }

    @Test func aRefusedChangeWritesNoAuditEntry() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let service = test.classrooms
        let created = try await service.create(Self.draft(), by: Self.author)
        var stale = created
        stale.version = 0
        stale.feeYen = 999
        _ = try? await service.update(stale, by: Self.author)
        _ = try? await service.apply(.approve, to: created.id, by: Self.author)
        #expect(try await service.history(of: created.id).map(\.action) == ["classroom.create"])
    }

    @Test func creatingAnOrganiserIsAudited() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let service = test.classrooms
        let organiser = try await service.createOrganiser(named: "ひまわりの会", by: Self.author)
        #expect(try await service.organiser(organiser.id) == organiser)
        let entries = try await AuditLog.entries(about: "organiser", organiser.id.description, in: test.database)
        #expect(entries.map(\.action) == ["organiser.create"])
        #expect(entries.first?.author == Self.author)
        #expect(entries.first?.changes == [FieldChange(field: "name", before: nil, after: "ひまわりの会")])
    }

    // MARK: - Organisers and scopes

    @Test func organisersAreListedByName() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let service = test.classrooms
        let b = try await service.createOrganiser(named: "B会", by: Self.author)
        let a = try await service.createOrganiser(named: "A会", by: Self.author)
        #expect(try await service.organisers() == [a, b])
        #expect(try await service.organiser(Organiser.ID(999)) == nil)
    }

    @Test func storedListingsAreFoundByOrganiserAndByMunicipality() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let service = test.classrooms
        let himawari = try await service.createOrganiser(named: "ひまわりの会", by: Self.author)
        let asagao = try await service.createOrganiser(named: "あさがおの会", by: Self.author)
        let h1 = try await service.create(Self.draft("ひまわり新宿", in: Self.shinjuku, organiser: himawari.id), by: Self.author)
        let h2 = try await service.create(Self.draft("ひまわり渋谷", in: Self.shibuya, organiser: himawari.id), by: Self.author)
        let a1 = try await service.create(Self.draft("あさがお新宿", in: Self.shinjuku, organiser: asagao.id), by: Self.author)
        let none = try await service.create(Self.draft("どこにも属さない", in: Self.shibuya), by: Self.author)
        // Whatever their state
        _ = try await service.apply(.submit, to: h2.id, by: Self.author)
        _ = try await service.apply(.archive, to: a1.id, by: Self.author)

        #expect(Set(try await service.storedClassrooms(of: himawari.id).map(\.id)) == [h1.id, h2.id])
        #expect(try await service.storedClassrooms(of: asagao.id).map(\.id) == [a1.id])
        #expect(try await service.storedClassrooms(of: Organiser.ID(999)).isEmpty)

        #expect(Set(try await service.storedClassrooms(in: [Self.shinjuku]).map(\.id)) == [h1.id, a1.id])
        #expect(Set(try await service.storedClassrooms(in: [Self.shibuya]).map(\.id)) == [h2.id, none.id])
        #expect(Set(try await service.storedClassrooms(in: [Self.shinjuku, Self.shibuya]).map(\.id)) == [h1.id, h2.id, a1.id, none.id])
        #expect(try await service.storedClassrooms(in: []).isEmpty)
        #expect(try await service.storedClassrooms(in: [Municipality.Code("131016")!]).isEmpty)
    }
}
