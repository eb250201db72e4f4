/// What can go wrong in the classroom directory, in domain terms; the Web target maps these to HTTP.
public enum ClassroomError: Error, Equatable, Sendable {
    case notFound(Classroom.ID)
    case unknownMunicipality(String)
    /// A query parameter that cannot be understood; `parameter` names it for the user.
    case invalidQuery(parameter: String, detail: String)
    /// An import file with problems; nothing was stored.
    case invalidImport([ImportIssue])
    /// Classrooms cannot be stored before the municipalities they belong to have been seeded.
    case noMunicipalities
    /// A listing cannot move from its current state by the change asked for (approving a published listing, say).
    case invalidTransition(from: ListingState, action: String)
    case organiserNotFound(Organiser.ID)
}

/// A save made from an older version than the one stored: someone else saved in between. Carries what is
/// stored now, so the person saving can compare and keep what they typed.
public struct ClassroomConflict: Error, Sendable {
    public var current: Classroom
    public init(current: Classroom) { self.current = current }
}

/// One problem found in an import file, located by line and column so a volunteer can fix it.
public struct ImportIssue: Sendable, Hashable, CustomStringConvertible {
    /// 1-based line in the file (the header is line 1).
    public var line: Int
    /// Column name from the header, or nil for a whole-row problem.
    public var column: String?
    public var message: String

    public init(line: Int, column: String?, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        if let column { return "line \(line), column \(column): \(message)" }
        return "line \(line): \(message)"
    }
}
