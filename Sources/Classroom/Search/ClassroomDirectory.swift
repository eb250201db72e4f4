import Curriculum
import Foundation
import GRDB
import JapaneseText
import Storage
import Synchronization

/// The published classroom directory as searches see it: an in-memory snapshot of every published
/// classroom with its search keys. It follows a ``ClassroomService``: after each change the service
/// commits, a new snapshot is built from the database and swapped in, while searches keep reading the
/// old one until then (a rebuild never blocks a search).
public final class ClassroomDirectory: Sendable {
    private let current: Mutex<DirectorySnapshot>
    private let generationCounter = Atomic<Int>(0)
    /// Keys of the texts in the current snapshot, reused by the next build.
    private let keyCache = DerivedKeyCache()

    /// When listings leave search for want of confirmation (their pages stay).
    public let freshness: FreshnessPolicy

    /// Changes every time the searchable data changes, so callers can key caches on it.
    public var generation: Int { generationCounter.load(ordering: .acquiring) }

    /// Loads the directory from what `service` has stored, and follows its changes from now on.
    /// Add the directory before anything that reads it to the service's ``ClassroomService/changes``.
    public init(following service: ClassroomService, freshness: FreshnessPolicy = .standard) async throws {
        let store = service.store
        self.freshness = freshness
        current = Mutex(try await Self.load(from: store, cache: keyCache))
        service.changes.follow("search snapshot") { [weak self] (change: ChangeFeed.Change) in try await self?.reload(change, from: store) }
    }

    var snapshot: DirectorySnapshot { current.withLock { $0 } }

    private static func load(from store: ClassroomStore, cache: DerivedKeyCache) async throws -> DirectorySnapshot {
        let stored = try await store.everything()
        return DirectorySnapshot(municipalities: stored.municipalities, classrooms: stored.classrooms, cache: cache)
    }

    /// Builds a fresh snapshot off to the side and swaps it in; searches meanwhile read the old one. When only some
    /// listings changed (a save in this process), only those are read again and the rest come from the current
    /// snapshot, which holds every published listing as of the rounds before (rounds run one at a time, and each
    /// reads its own rows after their commit, so no round can bring back an older version of a row).
    private func reload(_ change: ChangeFeed.Change, from store: ClassroomStore) async throws {
        let fresh: DirectorySnapshot
        switch change {
        case .everything:
            fresh = try await Self.load(from: store, cache: keyCache)
        case .rows(let ids):
            let old = snapshot
            let changed = try await store.classrooms(where: Array(ids).contains(ClassroomRecord.Columns.id))
            let kept = old.entries.lazy.map(\.classroom).filter { !ids.contains($0.id.rawValue) }
            fresh = DirectorySnapshot(municipalities: old.municipalities, classrooms: Array(kept) + changed, cache: keyCache)
        }
        current.withLock { $0 = fresh }
        generationCounter.add(1, ordering: .releasing)
    }

    // MARK: - Reads

    /// Published classrooms matching `query`, ranked by relevance when it has text, otherwise by
    /// municipality reading and start time; those not confirmed for ``FreshnessPolicy/hideAfterDays`` are left out.
    public func search(_ query: ClassroomQuery, now: TokyoDateTime = .now) throws(ClassroomError) -> Page<SearchHit> {
        try query.validate()
        return snapshot.search(query, now: now, oldestConfirmed: freshness.oldestSearchable(today: now.date))
    }

    /// Whether a listing still appears in search, suggestions and a municipality's calendar on `today`.
    public func isSearchable(_ classroom: Classroom, today: LocalDate) -> Bool {
        classroom.lastConfirmed >= freshness.oldestSearchable(today: today)
    }

    /// A published classroom with its municipality, or `notFound`; also one that has left search for want of
    /// confirmation, so that links people shared keep working.
    public func classroom(_ id: Classroom.ID) throws(ClassroomError) -> (classroom: Classroom, municipality: Municipality) {
        let snapshot = snapshot
        guard let index = snapshot.entryIndex[id] else { throw .notFound(id) }
        let entry = snapshot.entries[index]
        return (entry.classroom, entry.municipality)
    }

    /// How a full list of municipalities is ordered: gojūon for readers of Japanese, romaji for the others.
    public enum MunicipalityOrder: Sendable {
        case gojuon, romaji
    }

    /// Municipalities in `order` (gojūon by default); with `text`, only those it finds, best match first.
    public func municipalities(matching text: String? = nil, order: MunicipalityOrder = .gojuon) throws(ClassroomError) -> [MunicipalityListing] {
        let snapshot = snapshot
        let listing = { (m: Municipality) in MunicipalityListing(municipality: m, classroomCount: snapshot.classroomCounts[m.code] ?? 0) }
        guard let text = try ClassroomQuery.searchText(text) else {
            return (order == .gojuon ? snapshot.municipalities : snapshot.municipalitiesByRomaji).map(listing)
        }
        let keys = QueryKeys(text)
        // Text that folds to nothing (only symbols or emoji) names no municipality.
        guard !keys.isEmpty else { return [] }
        let scored = snapshot.municipalities.enumerated().compactMap { index, m -> (Int, Int, Municipality)? in
            guard let rank = snapshot.municipalityKeys[m.code]?.rank(keys) else { return nil }
            return (index, rank, m)
        }
        // Equal matches (豊島区 and 利島村 are both "Toshima") put the one more residents live in first.
        return scored.sorted { a, b in
            if a.1 != b.1 { return a.1 > b.1 }
            if a.2.foreignResidents != b.2.foreignResidents { return a.2.foreignResidents > b.2.foreignResidents }
            return a.0 < b.0
        }.map { listing($0.2) }
    }

    /// The support language a name stands for (`Vietnamese`, `ベトナム語`, `tieng viet`), if exactly one does.
    public func language(named name: String) -> LanguageTag? {
        let keys = QueryKeys(name)
        guard !keys.isEmpty else { return nil }
        let found = snapshot.languages.filter { $0.keys.match(keys) == .exact }
        return found.count == 1 ? found[0].language.tag : nil
    }

    /// The published, still searchable classrooms of one municipality, in the default order.
    public func classrooms(in code: Municipality.Code, today: LocalDate = TokyoDateTime.now.date) -> [Classroom] {
        snapshot.entries.lazy.filter { $0.municipality.code == code && self.isSearchable($0.classroom, today: today) }.map(\.classroom)
    }

    /// A municipality by code.
    public func municipality(_ code: Municipality.Code) -> Municipality? { snapshot.municipalityByCode[code] }

    /// Up to `limit` municipalities, languages and classrooms with a key starting with `text`: places first,
    /// then languages, then classrooms; exact matches before longer ones.
    public func suggestions(for raw: String, limit: Int = 10, today: LocalDate = TokyoDateTime.now.date) throws(ClassroomError) -> [Suggestion] {
        guard let text = try ClassroomQuery.searchText(raw) else { return [] }
        let snapshot = snapshot
        let keys = QueryKeys(text)
        guard !keys.isEmpty else { return [] }
        let oldest = freshness.oldestSearchable(today: today)
        let shown = { (target: PrefixIndex.Target) -> Bool in
            if case .classroom(let index) = target { return snapshot.entries[index].classroom.lastConfirmed >= oldest }
            return true
        }
        var found = snapshot.prefixIndex.targets(withPrefix: keys.script, limit: limit, where: shown)
        for other in [keys.scriptRead, keys.latin].compactMap({ $0 }) {
            found += snapshot.prefixIndex.targets(withPrefix: other, limit: limit, where: shown)
        }
        var best: [PrefixIndex.Target: Bool] = [:]
        for (target, exact) in found { best[target] = (best[target] ?? false) || exact }
        let ordered = best.keys.sorted { a, b in
            if a.rank != b.rank { return a.rank < b.rank }
            if best[a]! != best[b]! { return best[a]! }
            return Self.tiebreak(a, snapshot) > Self.tiebreak(b, snapshot)
        }
        return ordered.prefix(limit).map { target in
            switch target {
            case .municipality(let code):
                let m = snapshot.municipalityByCode[code]!
                return Suggestion(kind: .municipality, id: code.rawValue, label: m.name, detail: "\(m.kana) · \(m.romajiFull)")
            case .language(let index):
                let language = snapshot.languages[index].language
                return Suggestion(kind: .language, id: language.tag.rawValue, label: language.japanese, detail: "\(language.english) · \(language.endonyms[0])")
            case .classroom(let index):
                let classroom = snapshot.entries[index].classroom
                return Suggestion(kind: .classroom, id: classroom.id.description, label: classroom.name, detail: snapshot.entries[index].municipality.name)
            }
        }
    }

    private static func tiebreak(_ target: PrefixIndex.Target, _ snapshot: DirectorySnapshot) -> Int {
        switch target {
        case .municipality(let code): snapshot.municipalityByCode[code]?.foreignResidents ?? 0
        case .language(let index): -index
        case .classroom(let index): -index
        }
    }

    /// Place names and classroom names with their readings, for the furigana gazetteer.
    public func knownReadings() -> [KnownReading] {
        let snapshot = snapshot
        var entries: [KnownReading] = []
        for m in snapshot.municipalities {
            entries.append(KnownReading(surface: m.name, reading: m.kana))
            let stem = m.stem
            if stem.name != m.name, Gazetteer.acceptsStem(stem.name) { entries.append(KnownReading(surface: stem.name, reading: stem.kana)) }
        }
        for entry in snapshot.entries where entry.classroom.nameKana.allSatisfy({ !$0.isLetter || $0.isHiraganaOrKatakana }) {
            entries.append(KnownReading(surface: entry.classroom.name, reading: entry.classroom.nameKana))
        }
        return entries
    }
}

extension Character {
    var isHiraganaOrKatakana: Bool {
        unicodeScalars.allSatisfy { (0x3041...0x30FF).contains($0.value) || $0.value == 0x30FC }
    }
}

/// A name and how it is read, for the furigana gazetteer.
public struct KnownReading: Sendable, Equatable {
    public var surface: String
    public var reading: String
}
