import Foundation
import Hummingbird

/// The OpenAPI 3.1 description of the JSON API, served at `/openapi.json`. A test checks that every
/// route the router has is described here, so the document cannot silently fall behind the code.
enum OpenAPIDocument {
    typealias Object = [String: Any]

    static func parameter(_ name: String, _ description: String, schema: Object, repeatable: Bool = false, required: Bool = false, in location: String = "query") -> Object {
        var p: Object = ["name": name, "in": location, "description": description, "required": required]
        p["schema"] = repeatable ? ["type": "array", "items": schema] : schema
        if repeatable { p["style"] = "form"; p["explode"] = true }
        return p
    }

    static func ref(_ name: String) -> Object { ["$ref": "#/components/schemas/\(name)"] }

    static func ok(_ schema: Object, _ description: String) -> Object {
        ["description": description, "content": ["application/json": ["schema": schema]]]
    }

    static var problem: Object { ["description": "Problem document (RFC 9457)", "content": ["application/problem+json": ["schema": ref("Problem")]]] }

    private static func get(_ summary: String, parameters: [Object] = [], response: Object, errors: [String] = ["400"]) -> Object {
        var responses: Object = ["200": response]
        for code in errors { responses[code] = problem }
        return ["get": ["summary": summary, "parameters": parameters, "responses": responses]]
    }

    static var string: Object { ["type": "string"] }
    static var boolean: Object { ["type": "boolean"] }
    static var integer: Object { ["type": "integer"] }
    static var time: Object { ["type": "string", "pattern": "^([01]?[0-9]|2[0-3]):[0-5][0-9]$"] }
    /// Text of at most `maxLength` characters without control characters (Unicode Cc), which every query
    /// parameter refuses.
    static func text(maxLength: Int) -> Object { ["type": "string", "maxLength": maxLength, "pattern": "^[^\\x00-\\x1F\\x7F-\\x9F]*$"] }

    /// - Parameter municipalityCodes: the codes the server knows (Tokyo's 62), so that a code it would refuse
    ///   is outside the documented values.
    ///   - languageNames: the language names the server takes in place of a tag (`Vietnamese`, `ベトナム語`).
    static func document(municipalityCodes: [String], languageNames: [String]) -> Object {
        let code: Object = ["type": "string", "enum": municipalityCodes]
        // A tag as LanguageTag reads it (language, then optional script, then optional region), or a known name.
        let language: Object = ["anyOf": [
            ["type": "string", "pattern": "^[A-Za-z]{2,3}([-_][A-Za-z]{4})?([-_]([A-Za-z]{2}|[0-9]{3}))?$"],
            ["type": "string", "enum": languageNames],
        ]]
        let q = parameter("q", "Free text in any script: kanji, hiragana, katakana (also half-width), romaji with or without long vowels.", schema: text(maxLength: 200))
        let classroomParameters: [Object] = [
            q,
            parameter("municipality", "6-digit municipality code (see /api/v1/municipalities)", schema: code, repeatable: true),
            parameter("weekday", "Day of a weekly slot", schema: ["type": "string", "enum": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]], repeatable: true),
            parameter("from", "A slot must end after this time (HH:MM). Independent of to: to before from asks for slots that span from to to.", schema: time),
            parameter("to", "A slot must start before this time (HH:MM)", schema: time),
            parameter("level", "Level offered", schema: ["type": "string", "enum": ["pre_a1", "a1", "a2", "b1"]], repeatable: true),
            parameter("language", "Support language: BCP 47 code, or its name in English, Japanese or itself", schema: language, repeatable: true),
            parameter("format", "Where the class meets", schema: ["type": "string", "enum": ["in_person", "online", "hybrid"]]),
            parameter("free", "Only free classes", schema: boolean),
            parameter("childcare", "Only classes with childcare", schema: boolean),
            parameter("accepting", "Only classes taking new learners", schema: boolean),
            parameter("limit", "Page size", schema: ["type": "integer", "minimum": 1, "maximum": 100, "default": 20]),
            parameter("offset", "Items to skip", schema: ["type": "integer", "minimum": 0, "maximum": 1_000_000, "default": 0]),
        ]
        var paths: Object = [
            "/healthz": get("Health: 200 when the database answers", response: ok(["type": "object"], "Healthy"), errors: ["503"]),
            "/openapi.json": get("This document", response: ok(["type": "object"], "OpenAPI 3.1 document"), errors: []),
            "/api/v1/municipalities": get(
                "Tokyo's 62 municipalities in gojūon order, or those matching q", parameters: [q],
                response: ok(["type": "object", "properties": ["items": ["type": "array", "items": ref("Municipality")]]], "Municipalities")
            ),
            "/api/v1/classrooms": get("Search published classrooms", parameters: classroomParameters, response: ok(ref("ClassroomPage"), "A page of classrooms")),
            "/api/v1/classrooms/{id}": get(
                "One classroom with its schedule", parameters: [parameter("id", "Classroom id", schema: integer, required: true, in: "path")],
                response: ok(ref("ClassroomDetail"), "The classroom"), errors: ["400", "404"]
            ),
            "/api/v1/suggest": get(
                "Suggestions for a search box: municipalities, languages and classrooms whose keys start with q",
                parameters: [q, parameter("limit", "At most this many (1–10)", schema: ["type": "integer", "minimum": 1, "maximum": 10, "default": 10])],
                response: ok(["type": "object", "properties": ["items": ["type": "array", "items": ref("Suggestion")]]], "Suggestions")
            ),
            "/classrooms/{id}/calendar.ics": get(
                "One classroom's sessions as iCalendar (RFC 5545): RRULE per weekly slot, EXDATE for cancellations, Asia/Tokyo",
                parameters: [parameter("id", "Classroom id", schema: integer, required: true, in: "path")],
                response: ["description": "Calendar", "content": ["text/calendar": ["schema": string]]], errors: ["404"]
            ),
            "/municipalities/{code}/calendar.ics": get(
                "Every published classroom of a municipality as iCalendar",
                parameters: [parameter("code", "6-digit municipality code", schema: code, required: true, in: "path")],
                response: ["description": "Calendar", "content": ["text/calendar": ["schema": string]]], errors: ["404"]
            ),
            "/api/v1/furigana": get(
                "Furigana: segments of text with hiragana readings for those holding kanji",
                parameters: [parameter("text", "Text, at most 2,000 characters", schema: text(maxLength: 2000), required: true)],
                response: ok(ref("Furigana"), "Segments that concatenate back to text"), errors: ["400"]
            ),
        ]
        paths.merge(listingPaths(municipalityCodes: municipalityCodes)) { old, _ in old }
        var components: Object = ["schemas": schemas.merging(listingSchemas(municipalityCodes: municipalityCodes)) { old, _ in old }]
        components["securitySchemes"] = [
            "bearerToken": [
                "type": "http", "scheme": "bearer",
                "description": "A personal API token, made on the account page (shown once). It acts with its owner's role and scope.",
            ],
        ]
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Manabi API", "version": "1.0.0",
                "description": "Find a local Japanese class (地域日本語教室) in Tokyo. Classrooms flagged sample are sample data written for this project.",
            ],
            "paths": paths,
            "components": components,
        ]
    }

    private static func object(_ properties: Object, required: [String] = []) -> Object {
        ["type": "object", "properties": properties, "required": required]
    }

    private static var nullableString: Object { ["type": ["string", "null"]] }

    static var schemas: Object {
        let slot = object(["weekday": string, "start": time, "end": time, "valid_from": nullableString, "valid_until": nullableString], required: ["weekday", "start", "end"])
        let session = object(["date": string, "start": time, "end": time, "starts_at": string], required: ["date", "start", "end", "starts_at"])
        let municipalityRef = object(["code": string, "name": string, "kana": string], required: ["code", "name", "kana"])
        let strings: Object = ["type": "array", "items": string]
        let summaryProperties: Object = [
            "id": integer, "name": string, "name_kana": string, "organiser": string, "municipality": ref("MunicipalityRef"), "format": string,
            "fee_yen": integer, "childcare": boolean, "levels": strings, "languages": strings, "slots": ["type": "array", "items": ref("Slot")],
            "one_off": ["type": "array", "items": ref("Session"), "description": "one-off sessions still to come (not on a cancelled date)"],
            "next_session": ["oneOf": [ref("Session"), ["type": "null"]]], "accepting": boolean, "last_confirmed": string,
            "sample": ["type": "boolean", "description": "true for sample data written for this project"],
        ]
        var detailProperties = summaryProperties
        for (key, value) in [
            "venue": string, "address": nullableString, "lat": ["type": ["number", "null"]], "lon": ["type": ["number", "null"]],
            "materials_yen": ["type": ["integer", "null"]], "wheelchair_accessible": boolean, "eligibility": nullableString,
            "capacity": ["type": ["integer", "null"]], "contact": object(["url": nullableString, "email": nullableString, "phone": nullableString]),
            "status": string, "created_at": nullableString, "updated_at": nullableString,
            "schedule": object([
                "weekly": ["type": "array", "items": ref("Slot")], "one_off": ["type": "array", "items": ref("Session")], "cancellations": strings,
                "upcoming": ["type": "array", "items": ref("Session")],
            ]),
        ] as Object { detailProperties[key] = value }
        detailProperties["slots"] = nil
        detailProperties["one_off"] = nil
        return [
            "Problem": object(
                [
                    "type": string, "title": string, "status": integer, "detail": string, "parameter": string,
                    "errors": ["type": "array", "items": object(["pointer": string, "detail": string], required: ["pointer", "detail"])],
                    "current_version": integer,
                ],
                required: ["type", "title", "status", "detail"]
            ),
            "Slot": slot,
            "Session": session,
            "MunicipalityRef": municipalityRef,
            "Municipality": object(
                [
                    "code": string, "name": string, "kana": string, "romaji": string, "kind": string, "lat": ["type": "number"], "lon": ["type": "number"],
                    "foreign_residents": integer, "foreign_residents_date": string, "foreign_residents_source": string, "classroom_count": integer,
                ], required: ["code", "name", "kana", "romaji", "kind", "lat", "lon", "foreign_residents", "foreign_residents_date", "classroom_count"]
            ),
            "ClassroomSummary": object(summaryProperties, required: ["id", "name", "municipality", "levels", "languages", "slots", "one_off", "sample"]),
            "ClassroomPage": object(
                ["total": integer, "limit": integer, "offset": integer, "items": ["type": "array", "items": ref("ClassroomSummary")]],
                required: ["total", "limit", "offset", "items"]
            ),
            "ClassroomDetail": object(detailProperties, required: ["id", "name", "municipality", "schedule", "sample"]),
            "Suggestion": object(["type": ["type": "string", "enum": ["municipality", "language", "classroom"]], "id": string, "label": string, "detail": string, "url": string], required: ["type", "id", "label", "url"]),
            "Furigana": object(
                ["text": string, "segments": ["type": "array", "items": object(["text": string, "reading": string], required: ["text"])]],
                required: ["text", "segments"]
            ),
        ]
    }

    /// The document as JSON bytes.
    static func json(municipalityCodes: [String], languageNames: [String]) -> Data {
        let document = document(municipalityCodes: municipalityCodes, languageNames: languageNames)
        return (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    }

    /// The OpenAPI path template of a router path (`/api/v1/classrooms/:id` → `/api/v1/classrooms/{id}`).
    static func template(_ routerPath: String) -> String {
        routerPath.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
    }
}
