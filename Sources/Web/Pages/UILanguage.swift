import Foundation
import Hummingbird

/// A language the pages are written in. Japanese pages are やさしい日本語 with furigana.
enum UILanguage: String, CaseIterable, Sendable {
    case ja, en
    case zhHans = "zh-Hans"
    case ko, vi, ne

    /// Its own name, for the switcher.
    var endonym: String {
        switch self {
        case .ja: "にほんご"
        case .en: "English"
        case .zhHans: "简体中文"
        case .ko: "한국어"
        case .vi: "Tiếng Việt"
        case .ne: "नेपाली"
        }
    }

    /// Chooses the language: `?lang=`, then the `lang` cookie, then Accept-Language, then Japanese.
    static func negotiate(query: String?, cookie: String?, acceptLanguage: String?) -> UILanguage {
        if let query, let language = match(query) { return language }
        if let cookie, let language = match(cookie) { return language }
        for tag in QualityList(acceptLanguage).choices {
            if let language = match(tag) { return language }
        }
        return .ja
    }

    /// Matches a BCP 47 tag loosely: `zh`, `zh-CN`, `zh-Hans-CN` all mean simplified Chinese here.
    static func match(_ tag: String) -> UILanguage? {
        let lower = tag.lowercased()
        if let exact = allCases.first(where: { $0.rawValue.lowercased() == lower }) { return exact }
        let primary = lower.split(separator: "-").first.map(String.init) ?? lower
        if primary == "zh" { return lower.contains("hant") || lower.hasSuffix("-tw") || lower.hasSuffix("-hk") ? nil : .zhHans }
        return allCases.first { $0.rawValue == primary }
    }
}

/// The UI strings of every language, loaded once from `Resources/Strings/*.json`.
struct StringCatalog: Sendable {
    let strings: [UILanguage: [String: String]]

    static func load() throws -> StringCatalog {
        let folder = WebResources.folder("Strings")
        var strings: [UILanguage: [String: String]] = [:]
        for language in UILanguage.allCases {
            let file = folder.appendingPathComponent("\(language.rawValue).json")
            guard let data = try? Data(contentsOf: file), let table = try? JSONDecoder().decode([String: String].self, from: data) else {
                throw CatalogError.missing(file.lastPathComponent)
            }
            strings[language] = table
        }
        // The teacher and staff pages speak やさしい日本語 and English; their strings live apart so that the
        // learner catalogues' six-language completeness check stays about learner pages.
        for language in [UILanguage.ja, .en] {
            let file = folder.appendingPathComponent("work/\(language.rawValue).json")
            guard let data = try? Data(contentsOf: file), let table = try? JSONDecoder().decode([String: String].self, from: data) else {
                throw CatalogError.missing("work/" + file.lastPathComponent)
            }
            strings[language, default: [:]].merge(table) { learner, _ in learner }
        }
        return StringCatalog(strings: strings)
    }

    enum CatalogError: Error { case missing(String) }

    /// The string for `key`, falling back to English and then to the key itself (a test keeps that from happening).
    func text(_ key: String, _ language: UILanguage, _ values: [String: String] = [:]) -> String {
        var text = strings[language]?[key] ?? strings[.en]?[key] ?? key
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }
}
