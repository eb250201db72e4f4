/// Where a class meets.
public enum ClassroomFormat: String, Sendable, Codable, CaseIterable {
    case inPerson = "in_person"
    case online
    case hybrid
}

/// Whether a classroom is visible to learners.
public enum ClassroomStatus: String, Sendable, Codable, CaseIterable {
    /// Being written; not searchable.
    case draft
    /// Listed and searchable.
    case published
    /// Kept for the record; not searchable.
    case archived
}
