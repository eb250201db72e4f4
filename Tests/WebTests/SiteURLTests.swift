import Classroom
import Testing

@testable import Web

@Suite("Typed site paths")
struct SiteURLTests {
    @Test func oneCaseGivesBothTheRouteAndTheLink() {
        #expect(SiteURL.classroom(.key).path == "/classrooms/:id")
        #expect(SiteURL.classroom(.value(Classroom.ID(42))).path == "/classrooms/42")
        #expect(SiteURL.classroomCalendar(.key).path == "/classrooms/:id/calendar.ics")
        #expect(SiteURL.municipalityCalendar(.value(Municipality.Code("131041")!)).path == "/municipalities/131041/calendar.ics")
        #expect(SiteURL.api(.classroom(.key)).path == "/api/v1/classrooms/:id")
    }

    @Test func queryValuesArePercentEncodedAsRFC3986Asks() {
        #expect(SiteURL.search.url([("lang", "en"), ("page", "2")]) == "/?lang=en&page=2")
        #expect(SiteURL.search.url([("q", "新宿 区&x=1")]) == "/?q=%E6%96%B0%E5%AE%BF%20%E5%8C%BA%26x%3D1")
        #expect(SiteURL.search.url([("lang", "zh-Hans"), ("furigana", nil)]) == "/?lang=zh-Hans")
        #expect(SiteURL.search.url([]) == "/")
        #expect(SiteURL.asset(.value("site.css")).url([("v", "abc_1~")]) == "/static/site.css?v=abc_1~")
    }
}
