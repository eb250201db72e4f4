import Foundation
import GRDB
import Storage

/// What teachers and staff do to listings: create and edit them, move them through approval, and the
/// organisers whose teachers edit them. Who may do which is the caller's decision (the Web target
/// declares it per route group); these calls only keep the listing's own rules.
extension ClassroomService {
    /// Stores a new listing as a draft (or as given by `state` for callers allowed to publish) and returns it.
    public func create(_ classroom: Classroom, by author: ChangeAuthor) async throws -> Classroom {
        var draft = classroom
        draft.status = .draft
        draft.awaitingApproval = false
        let id = try await store.create(draft, by: author)
        try await changes.publish(.rows([id.rawValue]))
        guard let stored = try await store.classroom(id) else { throw ClassroomError.notFound(id) }
        return stored
    }

    /// Saves a person's edit. Refused with ``ClassroomConflict`` (carrying what is stored) when `classroom.version`
    /// is not the stored version. The listing's state and organiser stay as stored: they change only through
    /// the transitions below.
    public func update(_ classroom: Classroom, by author: ChangeAuthor) async throws -> Classroom {
        let stored = try await store.modify(classroom.id, by: author, action: "classroom.update") { current in
            guard current.version == classroom.version else { throw ClassroomConflict(current: current) }
            var edited = classroom
            edited.status = current.status
            edited.awaitingApproval = current.awaitingApproval
            edited.organiserId = current.organiserId
            edited.reviewNote = current.reviewNote
            edited.isSample = current.isSample
            edited.createdAt = current.createdAt
            current = edited
        }
        try await changes.publish(.rows([classroom.id.rawValue]))
        return stored
    }

    /// A change of listing state.
    public enum Transition: String, Sendable, CaseIterable {
        /// A teacher asks for the first publication (or for a return from the archive).
        case submit
        /// Staff publish a listing that waits for approval.
        case approve
        /// Staff return a waiting listing to its teachers with a note.
        case sendBack = "send_back"
        /// Off the directory, kept for the record.
        case archive

        /// The states this transition starts from.
        public var from: Set<ListingState> {
            switch self {
            case .submit: [.draft, .archived]
            case .approve, .sendBack: [.awaitingApproval]
            case .archive: [.draft, .awaitingApproval, .published]
            }
        }
    }

    /// Moves a listing through its states; throws ``ClassroomError/invalidTransition(from:action:)`` when
    /// the listing is not in a state the transition starts from (approving twice, say).
    public func apply(_ transition: Transition, to id: Classroom.ID, note: String? = nil, by author: ChangeAuthor) async throws -> Classroom {
        let stored = try await store.modify(id, by: author, action: "classroom.\(transition.rawValue)") { classroom in
            guard transition.from.contains(classroom.listingState) else {
                throw ClassroomError.invalidTransition(from: classroom.listingState, action: transition.rawValue)
            }
            switch transition {
            case .submit:
                classroom.status = .draft
                classroom.awaitingApproval = true
            case .approve:
                classroom.status = .published
                classroom.awaitingApproval = false
                classroom.reviewNote = nil
            case .sendBack:
                classroom.awaitingApproval = false
                classroom.reviewNote = note
            case .archive:
                classroom.status = .archived
                classroom.awaitingApproval = false
            }
        }
        try await changes.publish(.rows([id.rawValue]))
        return stored
    }

    /// "Still running as listed": a teacher or staff member says the listing is true as it stands, which sets its
    /// last confirmed date to `today` (and so resets its ``Freshness``). An archived listing has nothing to confirm.
    public func confirm(_ id: Classroom.ID, today: LocalDate = TokyoDateTime.now.date, by author: ChangeAuthor) async throws -> Classroom {
        let stored = try await store.modify(id, by: author, action: "classroom.confirm") { classroom in
            guard classroom.listingState != .archived else {
                throw ClassroomError.invalidTransition(from: classroom.listingState, action: "confirm")
            }
            classroom.lastConfirmed = today
        }
        try await changes.publish(.rows([id.rawValue]))
        return stored
    }

    // MARK: - Organisers

    /// A new organiser, recorded in the audit log.
    public func createOrganiser(named name: String, by author: ChangeAuthor) async throws -> Organiser {
        try await store.createOrganiser(named: name, by: author)
    }

    public func organiser(_ id: Organiser.ID) async throws -> Organiser? { try await store.organiser(id) }

    /// Every organiser, by name.
    public func organisers() async throws -> [Organiser] { try await store.organisers() }

    /// The listings of one organiser, whatever their state, most recently changed first.
    public func storedClassrooms(of organiser: Organiser.ID) async throws -> [Classroom] {
        try await store.classrooms(where: ClassroomRecord.Columns.organiserId == organiser.rawValue)
    }

    /// Published listings of an organiser last confirmed on or before `date` (ISO dates compare as text), for the
    /// freshness reminders: read by the query, so the job does not decode the whole directory.
    public func publishedClassrooms(confirmedOnOrBefore date: LocalDate) async throws -> [Classroom] {
        try await store.classrooms(where: ClassroomRecord.Columns.status == ClassroomStatus.published.rawValue
            && ClassroomRecord.Columns.organiserId != nil && ClassroomRecord.Columns.lastConfirmed <= date.description)
    }

    /// The listings in the given municipalities, whatever their state, most recently changed first.
    public func storedClassrooms(in municipalities: Set<Municipality.Code>) async throws -> [Classroom] {
        try await store.classrooms(where: municipalities.map(\.rawValue).contains(ClassroomRecord.Columns.municipalityCode))
    }
}
