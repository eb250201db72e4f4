import Accounts
import Classroom
import Foundation
import Hummingbird

/// The write API: `/api/v1/listings`, the classrooms as their teachers and staff keep them (any state but archived,
/// with their version), and their weekly slots, one-off sessions and cancellations. Every change goes through the
/// listing form's validation and ``ClassroomService``'s audited write path, under the token owner's name, with the
/// permissions of the pages: teachers edit their organiser's listings; teachers and ward staff confirm and archive.
struct ListingAPIController {
    let classrooms: ClassroomService
    let municipalityCodes: [String]

    /// Who may do what to one listing, as on the pages.
    enum Access {
        /// Read it: its teachers, staff of its ward, admin.
        case read
        /// Change what it says: its teachers only (staff review, they do not edit).
        case edit
        /// Confirm or archive it: its teachers, staff of its ward, admin.
        case manage
    }

    /// Largest body accepted: a listing with a full schedule is a few kilobytes.
    static let bodyLimit = 256 * 1024
    static let root = SiteURL.apiRoot + "/listings"

    /// One schedule part's routes, ids and rows.
    struct Part {
        var segment: String
        var what: String
        var shape: JSONShape
    }

    static let weekly = Part(segment: "weekly-slots", what: "weekly slot", shape: ListingSchema.weeklySlot)
    static let oneOff = Part(segment: "one-off-sessions", what: "one-off session", shape: ListingSchema.oneOffSession)
    static let cancellations = Part(segment: "cancellations", what: "cancellation", shape: ListingSchema.cancellation)

    func register(on routes: some RouterMethods<AppRequestContext>) {
        let root = Self.root
        routes.get(RouterPath(root), use: list)
        routes.post(RouterPath(root), use: create)
        routes.get(RouterPath(root + "/:id"), use: show)
        routes.patch(RouterPath(root + "/:id"), use: patch)
        routes.delete(RouterPath(root + "/:id"), use: archive)
        routes.post(RouterPath(root + "/:id/confirm"), use: confirm)
        for part in [Self.weekly, Self.oneOff, Self.cancellations] {
            let key = part.segment == "cancellations" ? "date" : "item"
            routes.post(RouterPath(root + "/:id/\(part.segment)")) { try await addItem(part, $0, $1) }
            routes.patch(RouterPath(root + "/:id/\(part.segment)/:\(key)")) { try await changeItem(part, $0, $1, remove: false) }
            routes.delete(RouterPath(root + "/:id/\(part.segment)/:\(key)")) { try await changeItem(part, $0, $1, remove: true) }
        }
    }

    // MARK: - Listings

    /// The caller's listings (their organiser's, their wards', or all for admin), archived ones left out, newest change first.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        var parameters = try QueryParameters(request, allowed: ["limit", "offset"])
        try parameters.readAsAPI()
        let limit = try parameters.integer("limit", default: 20, range: 1...100)
        let offset = try parameters.integer("offset", default: 0, range: 0...1_000_000)
        let account = try context.requireIdentity()
        let all: [Classroom]
        switch account.role {
        case .teacher:
            guard let organiser = account.organiserId else { throw Problem(.forbidden, type: "forbidden", detail: "This teacher has no organiser.") }
            all = try await classrooms.storedClassrooms(of: Organiser.ID(organiser))
        case .staff: all = try await classrooms.storedClassrooms(in: Set(account.municipalities.compactMap(Municipality.Code.init)))
        case .admin: all = try await classrooms.storedClassrooms().sorted { ($0.updatedAt ?? .distantPast) > ($1.updatedAt ?? .distantPast) }
        }
        let live = all.filter { $0.listingState != .archived }
        let page = live.dropFirst(offset).prefix(limit).map(ListingDocument.init)
        return try JSON.response(ListingPage(total: live.count, limit: limit, offset: offset, items: Array(page)))
    }

    struct ListingPage: Encodable {
        var total, limit, offset: Int
        var items: [ListingDocument]
    }

    /// A new draft for the teacher's organiser; 201 with the listing and its `Location`.
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try context.requireIdentity()
        guard account.role == .teacher, let organiserId = account.organiserId else {
            throw Problem(.forbidden, type: "forbidden", detail: "Only a teacher's token can create a listing (for the teacher's organiser).")
        }
        let members = try await body(request, ListingSchema.create(municipalityCodes: municipalityCodes))
        var form = ClassroomForm()
        form.values = ["accepting": "true", "fee_yen": "0", "childcare": "false", "wheelchair": "false"]
        if let organiser = try await classrooms.organiser(Organiser.ID(organiserId)) { form.values["organiser"] = organiser.name }
        ListingInput.apply(members, to: &form)
        var classroom = try await validated(form, base: nil)
        classroom.organiserId = Organiser.ID(organiserId)
        let stored = try await classrooms.create(classroom, by: .account(account.id.rawValue))
        var response = try JSON.response(ListingDocument(stored), status: .created)
        response.headers[.location] = Self.root + "/\(stored.id)"
        return response
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        let (_, classroom) = try await listing(context, .read)
        return try JSON.response(ListingDocument(classroom))
    }

    /// Changes the fields sent, from the version named in the body; 409 with the current version when it is stale.
    @Sendable func patch(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (account, stored) = try await listing(context, .edit)
        let members = try await body(request, ListingSchema.patch(municipalityCodes: municipalityCodes))
        var form = ClassroomForm(stored)
        ListingInput.apply(members, to: &form)
        form.version = JSONShape.integer(members["version"] ?? .null).map { Int($0) }
        return try JSON.response(ListingDocument(try await save(form, base: stored, by: account)))
    }

    /// DELETE archives: the listing leaves the directory and this API, and its record, history and reports stay
    /// (a teacher can bring it back from their page). 204.
    @Sendable func archive(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        let (account, classroom) = try await listing(context, .manage)
        _ = try await classrooms.apply(.archive, to: classroom.id, by: .account(account.id.rawValue))
        return Response(status: .noContent)
    }

    /// "Still running as listed".
    @Sendable func confirm(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        let (account, classroom) = try await listing(context, .manage)
        return try JSON.response(ListingDocument(try await classrooms.confirm(classroom.id, by: .account(account.id.rawValue))))
    }

    // MARK: - Schedule items

    /// Adds a weekly slot, one-off session or cancellation; 201 with the listing. 409 when the same item is there already.
    func addItem(_ part: Part, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (account, stored) = try await listing(context, .edit)
        let members = try await body(request, ListingSchema.item(part.shape, partial: false))
        let saved = try await editSchedule(stored, members, by: account) { form, current in
            switch part.segment {
            case Self.weekly.segment:
                let row = ListingInput.weeklyRow(.object(members))
                if form.weekly.contains(where: { ListingInput.same($0, row, ListingInput.weeklyFields) }) { throw duplicate(part) }
                form.weekly.append(row)
            case Self.oneOff.segment:
                let row = ListingInput.oneOffRow(.object(members))
                if form.oneOff.contains(where: { ListingInput.same($0, row, ListingInput.oneOffFields) }) { throw duplicate(part) }
                form.oneOff.append(row)
            default:
                let row = ListingInput.cancellationRow(.object(members))
                if form.cancellations.contains(where: { $0.date == row.date }) { throw duplicate(part) }
                form.cancellations.append(row)
            }
        }
        return try JSON.response(ListingDocument(saved), status: .created)
    }

    /// PATCH (the fields sent) or DELETE one item, found by its id (a cancellation by its date); 200 with the listing.
    func changeItem(_ part: Part, _ request: Request, _ context: AppRequestContext, remove: Bool) async throws -> Response {
        let (account, stored) = try await listing(context, .edit)
        let key = context.parameters.get(part.segment == "cancellations" ? "date" : "item") ?? ""
        let members = remove ? [:] : try await body(request, ListingSchema.item(part.shape, partial: true))
        if remove { _ = try QueryParameters(request, allowed: []) }
        // Removes the row at `index`, or writes the body's members over it unless that makes it the same as another row.
        func change<Row>(_ rows: inout [Row], at index: Int?, _ fields: ListingInput.Fields<Row>, clash: (Row, Row) -> Bool, in current: Classroom) throws {
            guard let index else { throw Problem(.notFound, type: "not-found", detail: "Listing \(current.id) has no \(part.what) \(key.prefix(40)).") }
            if remove { rows.remove(at: index); return }
            let row = ListingInput.patched(rows[index], .object(members), fields)
            if rows.indices.contains(where: { $0 != index && clash(rows[$0], row) }) { throw duplicate(part) }
            rows[index] = row
        }
        let saved = try await editSchedule(stored, members, by: account) { form, current in
            switch part.segment {
            case Self.weekly.segment:
                let fields = ListingInput.weeklyFields
                try change(&form.weekly, at: current.schedule.weekly.firstIndex { ScheduleItemID.of($0) == key }, fields,
                           clash: { ListingInput.same($0, $1, fields) }, in: current)
            case Self.oneOff.segment:
                let fields = ListingInput.oneOffFields
                try change(&form.oneOff, at: current.schedule.oneOff.firstIndex { ScheduleItemID.of($0) == key }, fields,
                           clash: { ListingInput.same($0, $1, fields) }, in: current)
            default:
                try change(&form.cancellations, at: current.schedule.cancellations.firstIndex { $0.description == key }, ListingInput.cancellationFields,
                           clash: { $0.date.trimmingCharacters(in: .whitespaces) == $1.date.trimmingCharacters(in: .whitespaces) }, in: current)
            }
        }
        return try JSON.response(ListingDocument(saved))
    }

    func duplicate(_ part: Part) -> Problem {
        Problem(.conflict, type: "duplicate", detail: "The listing has this \(part.what) already.")
    }

    /// Applies `change` to the stored listing's form and saves it. A `version` in the body must be the stored one
    /// (409 otherwise); without one, a save that meets another's change is retried on the new version, since an
    /// item named by its content cannot land on the wrong slot.
    func editSchedule(
        _ stored: Classroom, _ members: [String: JSONValue], by account: Account, change: (inout ClassroomForm, Classroom) throws -> Void
    ) async throws -> Classroom {
        let expected = members["version"].flatMap(JSONShape.integer).map { Int($0) }
        var current = stored
        for attempt in 1...3 {
            if let expected, expected != current.version { throw Self.conflict(current) }
            var form = ClassroomForm(current)
            try change(&form, current)
            do {
                return try await save(form, base: current, by: account)
            } catch let problem as Problem where problem.statusCode == 409 && expected == nil && attempt < 3 {
                guard let fresh = try await classrooms.storedClassroom(current.id), fresh.listingState != .archived else { throw Self.notFound(current.id) }
                current = fresh
            }
        }
        throw Self.conflict(current)
    }

    // MARK: - Shared steps

    /// The listing `{id}` names, when the caller may have `access` to it: 404 when there is none (or it is archived),
    /// 403 when it is not theirs.
    func listing(_ context: AppRequestContext, _ access: Access) async throws -> (Account, Classroom) {
        let account = try context.requireIdentity()
        let text = context.parameters.get("id") ?? ""
        guard let number = Int64(text), number > 0 else { throw Self.notFound(text) }
        guard let classroom = try await classrooms.storedClassroom(Classroom.ID(number)), classroom.listingState != .archived else { throw Self.notFound(text) }
        let teaches = ListingAccessMiddleware.allows(account, classroom, .organiser)
        let allowed = switch access {
        case .edit: teaches
        case .read, .manage: teaches || ListingAccessMiddleware.allows(account, classroom, .municipality)
        }
        guard allowed else {
            throw Problem(.forbidden, type: "forbidden", detail: access == .edit
                ? "Only the teachers of listing \(number)'s organiser can change it." : "Listing \(number) is not one of yours or of your wards.")
        }
        return (account, classroom)
    }

    static func notFound(_ id: some CustomStringConvertible) -> Problem {
        Problem(.notFound, type: "not-found", detail: "There is no listing \(String(id.description.prefix(40))) (or it was archived).")
    }

    static func conflict(_ current: Classroom) -> Problem {
        var problem = Problem(.conflict, type: "version-conflict",
                              detail: "Listing \(current.id) has changed since the version you sent: it is at version \(current.version) now. Read it again and reapply your change.")
        problem.currentVersion = current.version
        return problem
    }

    /// The request body as a JSON object that fits `shape`: 415 when it is not JSON, 413 when too large, 400 when
    /// it does not parse, 422 with a pointer per problem when it does not fit.
    func body(_ request: Request, _ shape: JSONShape) async throws -> [String: JSONValue] {
        let type = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        guard type == "application/json" || (type.hasPrefix("application/") && type.hasSuffix("+json")) else {
            throw Problem(.unsupportedMediaType, type: "unsupported-media-type", detail: "Send the body as application/json.")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: Self.bodyLimit)
        } catch {
            throw Problem(.contentTooLarge, type: "too-large", detail: "The body is larger than \(Self.bodyLimit / 1024) KiB.")
        }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: buffer))
        } catch {
            throw Problem(.badRequest, type: "invalid-json", detail: "The body is not valid JSON.")
        }
        let problems = shape.problems(value)
        guard problems.isEmpty, case .object(let members) = value else {
            var problem = Problem(.unprocessableContent, type: "invalid-body", detail: problems.map { "\($0.pointer.isEmpty ? "body" : $0.pointer) \($0.detail)" }.joined(separator: "; "))
            problem.errors = problems.map { .init(pointer: $0.pointer, detail: $0.detail) }
            throw problem
        }
        return members
    }

    /// The classroom `form` describes, or 422 with the form's problems as pointers into the body.
    func validated(_ form: ClassroomForm, base: Classroom?) async throws -> Classroom {
        let known = Set(try await classrooms.municipalities().map(\.code))
        switch form.validate(base: base, today: TokyoDateTime.now.date, knownMunicipalities: known) {
        case .success(let classroom): return classroom
        case .failure(let problems):
            let errors = problems.byField.sorted { $0.key < $1.key }.flatMap { field, messages in
                messages.map { Problem.FieldError(pointer: ListingInput.pointer(field), detail: $0) }
            }
            var problem = Problem(.unprocessableContent, type: "invalid-listing", detail: errors.map { "\($0.pointer.isEmpty ? "listing" : $0.pointer) \($0.detail)" }.joined(separator: "; "))
            problem.errors = errors
            throw problem
        }
    }

    /// Validates and stores an edit of `base` made from `form.version`; 409 with the current version when stale.
    func save(_ form: ClassroomForm, base: Classroom, by account: Account) async throws -> Classroom {
        let classroom = try await validated(form, base: base)
        do {
            return try await classrooms.update(classroom, by: .account(account.id.rawValue))
        } catch let conflict as ClassroomConflict {
            throw Self.conflict(conflict.current)
        }
    }
}
