import Classroom

/// Dates as each language writes them (`date.day`, `date.session` in the catalogues): 11月28日（土曜日）
/// on Japanese pages, where the counter readings give the furigana (がつ, にち, ついたち), and ISO dates
/// where the language's own habits are ambiguous (English day/month order).
extension PageRenderer {
    /// Plain text of a calendar date, to put into another string.
    func dayText(_ date: LocalDate, _ language: UILanguage) -> String {
        catalog.text("date.day", language, dateParts(date, language))
    }

    /// Plain text of one session: date, weekday, start and end.
    func sessionText(_ session: Session, _ language: UILanguage) -> String {
        var parts = dateParts(session.date, language)
        parts["start"] = session.start.description
        parts["end"] = session.end.description
        return catalog.text("date.session", language, parts)
    }

    /// The "may be out of date" note for a listing nobody has confirmed for long enough, or nil.
    func outOfDateNote(_ classroom: Classroom, freshness: FreshnessPolicy, today: LocalDate, _ page: PageSettings) -> String? {
        switch freshness.freshness(lastConfirmed: classroom.lastConfirmed, today: today) {
        case .current, .dueForReminder: nil
        case .stale, .hidden: text("classroom.out_of_date", page, ["date": dayText(classroom.lastConfirmed, page.language)])
        }
    }

    /// One session as HTML (furigana on Japanese pages).
    func session(_ session: Session, _ page: PageSettings) -> String {
        html(sessionText(session, page.language), page)
    }

    private func dateParts(_ date: LocalDate, _ language: UILanguage) -> [String: String] {
        let twoDigits = { (n: Int) in n < 10 ? "0\(n)" : String(n) }
        return [
            "year": String(date.year), "month": String(date.month), "day": String(date.day),
            "mm": twoDigits(date.month), "dd": twoDigits(date.day),
            "weekday": catalog.text("weekday.\(date.weekday.code)", language),
        ]
    }
}
