/// How far a listing can be trusted, from the days since someone last confirmed it (Open Referral's
/// "last assured" date; Food Oasis shows learners when each listing was last checked).
public enum Freshness: String, Sendable, Equatable, CaseIterable {
    /// Confirmed recently.
    case current
    /// Still shown as current; its teachers are reminded to confirm it.
    case dueForReminder = "due_for_reminder"
    /// Shown with a "may be out of date" note.
    case stale
    /// Left out of search, suggestions and calendars of a municipality; its own page still answers, with the note,
    /// so links people shared keep working.
    case hidden
}

/// The ages, in whole days in Tokyo, at which a listing moves from one ``Freshness`` to the next.
/// A listing confirmed today is 0 days old; one confirmed 180 days ago has reached `staleAfterDays`.
public struct FreshnessPolicy: Sendable, Equatable {
    public let remindAfterDays: Int
    public let staleAfterDays: Int
    public let hideAfterDays: Int

    /// 150 / 180 / 365 days: a reminder a month before learners see the note, and a year before the listing leaves search.
    public static let standard = FreshnessPolicy(uncheckedRemind: 150, stale: 180, hide: 365)

    /// Nil unless 0 < remind ≤ stale ≤ hide: a reminder after the note, or a note after hiding, would make no sense.
    public init?(remindAfterDays: Int, staleAfterDays: Int, hideAfterDays: Int) {
        guard remindAfterDays > 0, remindAfterDays <= staleAfterDays, staleAfterDays <= hideAfterDays else { return nil }
        self.init(uncheckedRemind: remindAfterDays, stale: staleAfterDays, hide: hideAfterDays)
    }

    private init(uncheckedRemind remind: Int, stale: Int, hide: Int) {
        remindAfterDays = remind
        staleAfterDays = stale
        hideAfterDays = hide
    }

    /// The policy from `MANABI_REMIND_AFTER_DAYS`, `MANABI_STALE_AFTER_DAYS` and `MANABI_HIDE_AFTER_DAYS`,
    /// each falling back to the standard value; a failure that says why when a value is not a whole number or
    /// the three are out of order.
    public static func from(environment: [String: String]) -> Result<FreshnessPolicy, FreshnessSettingsError> {
        func value(_ name: String, _ fallback: Int) -> Result<Int, FreshnessSettingsError> {
            guard let raw = environment[name], !raw.isEmpty else { return .success(fallback) }
            guard let number = Int(raw) else { return .failure(.notANumber(name: name, value: raw)) }
            return .success(number)
        }
        return value("MANABI_REMIND_AFTER_DAYS", standard.remindAfterDays).flatMap { remind in
            value("MANABI_STALE_AFTER_DAYS", standard.staleAfterDays).flatMap { stale in
                value("MANABI_HIDE_AFTER_DAYS", standard.hideAfterDays).flatMap { hide in
                    FreshnessPolicy(remindAfterDays: remind, staleAfterDays: stale, hideAfterDays: hide)
                        .map { .success($0) } ?? .failure(.outOfOrder(remind: remind, stale: stale, hide: hide))
                }
            }
        }
    }

    /// Where a listing last confirmed on `lastConfirmed` stands on `today` (a date in the future counts as today).
    public func freshness(lastConfirmed: LocalDate, today: LocalDate) -> Freshness {
        let age = today.dayNumber - lastConfirmed.dayNumber
        if age >= hideAfterDays { return .hidden }
        if age >= staleAfterDays { return .stale }
        if age >= remindAfterDays { return .dueForReminder }
        return .current
    }

    /// The earliest last-confirmed date a listing may have on `today` and still be searched.
    public func oldestSearchable(today: LocalDate) -> LocalDate { today.adding(days: -(hideAfterDays - 1)) }
}

/// A freshness setting that cannot be used, said in words for the operator.
public enum FreshnessSettingsError: Error, Equatable, CustomStringConvertible {
    case notANumber(name: String, value: String)
    case outOfOrder(remind: Int, stale: Int, hide: Int)

    public var description: String {
        switch self {
        case .notANumber(let name, let value): "\(name)=\(value) is not a whole number of days"
        case .outOfOrder(let remind, let stale, let hide):
            "freshness days must satisfy 0 < remind (\(remind)) ≤ stale (\(stale)) ≤ hide (\(hide))"
        }
    }
}
