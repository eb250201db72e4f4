import Foundation
import Testing

@testable import Web

@Suite("JSON writer")
struct JSONOutputTests {
    @Test func escapesAndNestsLikeJSONSerializationReadsIt() throws {
        var json = JSONOutput()
        let tricky = "quote \" backslash \\ newline \n tab \t bell \u{07} 日本語 🇯🇵 </script>"
        json.beginObject()
        json.field("text", tricky)
        json.field("none", nil as String?)
        json.field("n", 42)
        json.field("pi", 3.25 as Double?)
        json.field("nan", Double.nan as Double?)
        json.field("list", ["a", "b"])
        json.field("nested") { json in
            json.beginArray()
            json.beginObject()
            json.field("ok", true)
            json.endObject()
            json.beginArray()
            json.endArray()
            json.endArray()
        }
        json.endObject()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [String: Any])
        #expect(object["text"] as? String == tricky)
        #expect(object["none"] is NSNull && object["nan"] is NSNull)
        #expect(object["n"] as? Int == 42 && object["pi"] as? Double == 3.25)
        #expect(object["list"] as? [String] == ["a", "b"])
        let nested = try #require(object["nested"] as? [Any])
        #expect((nested[0] as? [String: Any])?["ok"] as? Bool == true)
        #expect((nested[1] as? [Any])?.isEmpty == true)
    }
}
