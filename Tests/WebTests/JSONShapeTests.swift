import Foundation
import Testing

@testable import Web

@Suite("JSONShape: the schema the document prints is the rule the server keeps")
struct JSONShapeTests {
    func value(_ json: String) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)) }

    @Test func typesAreKeptApart() throws {
        #expect(try value("true") == .bool(true))
        #expect(try value("1") == .integer(1))
        #expect(try value("1.5") == .number(1.5))
        #expect(try value("\"1\"") == .string("1"))
        #expect(JSONShape.boolean.problems(try value("1")).count == 1)
        #expect(JSONShape.integer(minimum: 0, maximum: 10).problems(try value("true")).count == 1)
        #expect(JSONShape.integer(minimum: 0, maximum: 10).problems(try value("2.0")).isEmpty)
        #expect(JSONShape.integer(minimum: 0, maximum: 10).problems(try value("2.5")).count == 1)
        #expect(JSONShape.integer(minimum: 0, maximum: 10).problems(try value("11")).count == 1)
        #expect(JSONShape.number(minimum: -90, maximum: 90).problems(try value("35")).isEmpty)
    }

    @Test func stringsCountCodePointsAndPatternsMatchTheWholeText() throws {
        let time = ListingSchema.time
        #expect(time.problems(.string("09:30")).isEmpty)
        // ICU's $ would accept a final line break; JSON Schema's (ECMAScript's) does not, and neither does the server.
        #expect(time.problems(.string("09:30\n")).count == 1)
        #expect(time.problems(.string("9:30")).count == 1)
        #expect(time.problems(.string("24:00")).count == 1)
        let name = ListingSchema.text(3, required: true)
        #expect(name.problems(.string("👨‍👩‍👧")).count == 1, "one grapheme, five code points")
        #expect(name.problems(.string("")).first?.detail == "must not be empty")
        #expect(name.problems(.string("a\u{0}")).count == 1)
    }

    @Test func objectsRefuseUnknownMembersAndNameEachProblemByPointer() throws {
        let problems = ListingSchema.weeklySlot.problems(try value(#"{"weekday":"sat","start":"10:00","colour/x":1,"valid_from":null}"#), at: "/weekly_slots/0")
        #expect(problems.map(\.pointer).sorted() == ["/weekly_slots/0/colour~1x", "/weekly_slots/0/end"])
        let levels = JSONShape.array(.enumeration(["a1", "a2"]), minItems: 1, maxItems: 2, uniqueItems: true)
        #expect(levels.problems(try value(#"["a1","a1"]"#)).count == 1)
        #expect(levels.problems(try value("[]")).count == 1)
        #expect(levels.problems(try value(#"["b2"]"#)).map(\.pointer) == ["/0"])
    }

    @Test func theStrictSchemaStatesEveryLimitTheCheckKeeps() {
        let schema = ListingSchema.weeklySlot.schema()
        #expect(schema["additionalProperties"] as? Bool == false)
        #expect((schema["required"] as? [String])?.sorted() == ["end", "start", "weekday"])
        let start = (schema["properties"] as? [String: Any])?["start"] as? [String: Any]
        #expect(start?["pattern"] as? String == ListingSchema.timePattern)
        #expect(start?["maxLength"] as? Int == 5)
        // Responses describe stored data by type only.
        #expect(ListingSchema.weeklySlot.schema(strict: false)["additionalProperties"] as? Bool == true)
    }
}
