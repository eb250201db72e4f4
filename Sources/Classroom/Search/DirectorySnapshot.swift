import Curriculum
import Foundation
import JapaneseText

/// An immutable, in-memory view of the published directory with every search key precomputed.
/// Searching it is a scan over plain arrays (tens of microseconds at 10,000 classrooms), so no query
/// touches SQLite; a write builds a new snapshot and swaps it in.
final class DirectorySnapshot: Sendable {
    /// A published classroom with what its filters and ranking need.
    struct Entry: Sendable {
        let classroom: Classroom
        let municipality: Municipality
        let nameKeys: KeySet
    }

    /// In gojūon order of their readings.
    let municipalities: [Municipality]
    /// In alphabetical order of their romaji, macrons ignored (Adachi, Akiruno, Akishima, …).
    let municipalitiesByRomaji: [Municipality]
    let municipalityByCode: [Municipality.Code: Municipality]
    let municipalityKeys: [Municipality.Code: KeySet]
    let classroomCounts: [Municipality.Code: Int]
    let languages: [(language: SupportLanguage, keys: KeySet)]
    /// Published classrooms in the default order: municipality reading, first start time, name reading.
    let entries: [Entry]
    let entryIndex: [Classroom.ID: Int]
    let prefixIndex: PrefixIndex
    let filters: FilterTable
    /// Every classroom's name and reading keys in their own script, in `entries` order.
    let nameScript: KeyCorpus
    /// Every classroom's romaji name keys, in `entries` order.
    let nameLatin: KeyCorpus
    /// The distinct organisers and venues (many classrooms share one), with their keys.
    let otherText: KeyCorpus
    /// For each classroom, the indices in `otherText` of its organiser and venue.
    let otherOf: [(organiser: Int32, venue: Int32)]

    /// Builds the snapshot; keys of texts the previous snapshot had come from `cache` (a new cache
    /// computes them all).
    init(municipalities unsorted: [Municipality], classrooms: [Classroom], cache: DerivedKeyCache) {
        var keys = cache.snapshotBuilder()
        defer { cache.keep(keys) }
        let collator = JapaneseCollator.shared
        let sortKeys = Dictionary(uniqueKeysWithValues: unsorted.map { ($0.code, collator.sortKey($0.kana)) })
        municipalities = unsorted.sorted { a, b in
            let ka = sortKeys[a.code]!, kb = sortKeys[b.code]!
            return ka == kb ? a.code < b.code : ka.lexicographicallyPrecedes(kb)
        }
        let romaji = Dictionary(uniqueKeysWithValues: unsorted.map {
            ($0.code, $0.romajiFull.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil))
        })
        municipalitiesByRomaji = municipalities.enumerated().sorted { a, b in
            let (ka, kb) = (romaji[a.element.code]!, romaji[b.element.code]!)
            return ka == kb ? a.offset < b.offset : ka < kb
        }.map(\.element)
        municipalityByCode = Dictionary(uniqueKeysWithValues: unsorted.map { ($0.code, $0) })
        municipalityKeys = Dictionary(uniqueKeysWithValues: unsorted.map { ($0.code, Self.keys(for: $0)) })
        languages = SupportLanguage.catalog.map { language in
            var keys = KeySet()
            for name in language.names { keys.add(name) }
            return (language, keys)
        }

        let published = classrooms.filter { $0.status == .published }
        var counts: [Municipality.Code: Int] = [:]
        var built: [(entry: Entry, order: ([UInt8], Int, [UInt8], Int64))] = []
        built.reserveCapacity(published.count)
        for classroom in published {
            guard let municipality = municipalityByCode[classroom.municipalityCode] else { continue }
            counts[municipality.code, default: 0] += 1
            var nameKeys = keys.keySet(classroom.name)
            nameKeys.merge(keys.keySet(classroom.nameKana))
            let entry = Entry(
                classroom: classroom, municipality: municipality, nameKeys: nameKeys
            )
            let firstStart = classroom.schedule.weekly.map(\.start.minutes).min() ?? classroom.schedule.oneOff.map(\.start.minutes).min() ?? 0
            built.append((entry, (sortKeys[municipality.code]!, firstStart, keys.sortKey(classroom.nameKana), classroom.id.rawValue)))
        }
        built.sort { a, b in
            let (x, y) = (a.order, b.order)
            if x.0 != y.0 { return x.0.lexicographicallyPrecedes(y.0) }
            if x.1 != y.1 { return x.1 < y.1 }
            if x.2 != y.2 { return x.2.lexicographicallyPrecedes(y.2) }
            return x.3 < y.3
        }
        entries = built.map(\.entry)
        entryIndex = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.classroom.id, $0) })
        classroomCounts = counts
        nameScript = KeyCorpus(entries.map(\.nameKeys.script))
        nameLatin = KeyCorpus(entries.map(\.nameKeys.latin))
        var distinct: [String: Int32] = [:]
        var others: [[[UInt8]]] = []
        func index(of text: String) -> Int32 {
            if let known = distinct[text] { return known }
            others.append(keys.otherKeys(text))
            distinct[text] = Int32(others.count - 1)
            return Int32(others.count - 1)
        }
        otherOf = entries.map { (index(of: $0.classroom.organiser), index(of: $0.classroom.venue)) }
        otherText = KeyCorpus(others)
        filters = FilterTable(classrooms: entries.map(\.classroom), municipalities: unsorted)
        prefixIndex = PrefixIndex(municipalityKeys: municipalityKeys, languages: languages, entries: entries)
    }

    /// A municipality is found by its name, its stem (新宿), its reading with and without suffix,
    /// and romaji with the suffixes people add in Japanese or English (Shinjuku-ku, Shinjuku City).
    static func keys(for municipality: Municipality) -> KeySet {
        var keys = KeySet()
        let stem = municipality.stem
        for text in [municipality.name, stem.name, municipality.kana, stem.kana, municipality.romaji, municipality.romajiFull] {
            keys.add(text)
        }
        for base in [stem.kana, municipality.romaji] {
            for suffix in municipality.kind.latinSuffixes { keys.addLatin("\(base) \(suffix)") }
        }
        return keys
    }
}
