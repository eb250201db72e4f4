/// One plain sentence per level telling a learner what they can do there, written for this project
/// in the spirit of the reference framework's global scale (not a quotation of it).
public struct LevelDescription: Sendable, Equatable {
    public let level: Level
    /// やさしい日本語 (easy Japanese) description.
    public let easyJapanese: String
    /// English description.
    public let english: String

    /// Descriptions for every level, in order.
    public static let all: [LevelDescription] = [
        LevelDescription(
            level: .preA1,
            easyJapanese: "にほんごを はじめて べんきょうします。あいさつや なまえを いうことから はじめます。",
            english: "Starting from zero: greetings, saying your name, numbers and the kana."
        ),
        LevelDescription(
            level: .a1,
            easyJapanese: "じぶんのことや まいにちの ことを、かんたんな ことばで はなせます。",
            english: "You can talk about yourself and daily life in simple words and short sentences."
        ),
        LevelDescription(
            level: .a2,
            easyJapanese: "かいものや びょういんなど、よくある ばめんで やりとりが できます。",
            english: "You can handle everyday situations such as shopping, the clinic or the ward office."
        ),
        LevelDescription(
            level: .b1,
            easyJapanese: "しごとや せいかつの ことを、すこし ながく せつめいしたり、いけんを いえます。",
            english: "You can explain things about work and life at some length and give your opinion."
        ),
    ]

    /// The description of one level.
    public static func of(_ level: Level) -> LevelDescription {
        all.first { $0.level == level }!
    }
}
