import Testing

/// The 62 municipalities of Tokyo as (name, kana, romaji, romaji with suffix).
///
/// Generated once from shared/data/tokyo_municipalities.csv (columns name_ja, kana, romaji, romaji_full);
/// embedded because the test target declares no resources.
enum Municipalities {
    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var kana: String
        var romaji: String
        var romajiFull: String
        var testDescription: String { name }
    }

    static let all: [Row] = [
        Row(name: "千代田区", kana: "ちよだく", romaji: "Chiyoda", romajiFull: "Chiyoda-ku"),
        Row(name: "中央区", kana: "ちゅうおうく", romaji: "Chuo", romajiFull: "Chuo-ku"),
        Row(name: "港区", kana: "みなとく", romaji: "Minato", romajiFull: "Minato-ku"),
        Row(name: "新宿区", kana: "しんじゅくく", romaji: "Shinjuku", romajiFull: "Shinjuku-ku"),
        Row(name: "文京区", kana: "ぶんきょうく", romaji: "Bunkyo", romajiFull: "Bunkyo-ku"),
        Row(name: "台東区", kana: "たいとうく", romaji: "Taito", romajiFull: "Taito-ku"),
        Row(name: "墨田区", kana: "すみだく", romaji: "Sumida", romajiFull: "Sumida-ku"),
        Row(name: "江東区", kana: "こうとうく", romaji: "Koto", romajiFull: "Koto-ku"),
        Row(name: "品川区", kana: "しながわく", romaji: "Shinagawa", romajiFull: "Shinagawa-ku"),
        Row(name: "目黒区", kana: "めぐろく", romaji: "Meguro", romajiFull: "Meguro-ku"),
        Row(name: "大田区", kana: "おおたく", romaji: "Ota", romajiFull: "Ota-ku"),
        Row(name: "世田谷区", kana: "せたがやく", romaji: "Setagaya", romajiFull: "Setagaya-ku"),
        Row(name: "渋谷区", kana: "しぶやく", romaji: "Shibuya", romajiFull: "Shibuya-ku"),
        Row(name: "中野区", kana: "なかのく", romaji: "Nakano", romajiFull: "Nakano-ku"),
        Row(name: "杉並区", kana: "すぎなみく", romaji: "Suginami", romajiFull: "Suginami-ku"),
        Row(name: "豊島区", kana: "としまく", romaji: "Toshima", romajiFull: "Toshima-ku"),
        Row(name: "北区", kana: "きたく", romaji: "Kita", romajiFull: "Kita-ku"),
        Row(name: "荒川区", kana: "あらかわく", romaji: "Arakawa", romajiFull: "Arakawa-ku"),
        Row(name: "板橋区", kana: "いたばしく", romaji: "Itabashi", romajiFull: "Itabashi-ku"),
        Row(name: "練馬区", kana: "ねりまく", romaji: "Nerima", romajiFull: "Nerima-ku"),
        Row(name: "足立区", kana: "あだちく", romaji: "Adachi", romajiFull: "Adachi-ku"),
        Row(name: "葛飾区", kana: "かつしかく", romaji: "Katsushika", romajiFull: "Katsushika-ku"),
        Row(name: "江戸川区", kana: "えどがわく", romaji: "Edogawa", romajiFull: "Edogawa-ku"),
        Row(name: "八王子市", kana: "はちおうじし", romaji: "Hachioji", romajiFull: "Hachioji-shi"),
        Row(name: "立川市", kana: "たちかわし", romaji: "Tachikawa", romajiFull: "Tachikawa-shi"),
        Row(name: "武蔵野市", kana: "むさしのし", romaji: "Musashino", romajiFull: "Musashino-shi"),
        Row(name: "三鷹市", kana: "みたかし", romaji: "Mitaka", romajiFull: "Mitaka-shi"),
        Row(name: "青梅市", kana: "おうめし", romaji: "Ome", romajiFull: "Ome-shi"),
        Row(name: "府中市", kana: "ふちゅうし", romaji: "Fuchu", romajiFull: "Fuchu-shi"),
        Row(name: "昭島市", kana: "あきしまし", romaji: "Akishima", romajiFull: "Akishima-shi"),
        Row(name: "調布市", kana: "ちょうふし", romaji: "Chofu", romajiFull: "Chofu-shi"),
        Row(name: "町田市", kana: "まちだし", romaji: "Machida", romajiFull: "Machida-shi"),
        Row(name: "小金井市", kana: "こがねいし", romaji: "Koganei", romajiFull: "Koganei-shi"),
        Row(name: "小平市", kana: "こだいらし", romaji: "Kodaira", romajiFull: "Kodaira-shi"),
        Row(name: "日野市", kana: "ひのし", romaji: "Hino", romajiFull: "Hino-shi"),
        Row(name: "東村山市", kana: "ひがしむらやまし", romaji: "Higashimurayama", romajiFull: "Higashimurayama-shi"),
        Row(name: "国分寺市", kana: "こくぶんじし", romaji: "Kokubunji", romajiFull: "Kokubunji-shi"),
        Row(name: "国立市", kana: "くにたちし", romaji: "Kunitachi", romajiFull: "Kunitachi-shi"),
        Row(name: "福生市", kana: "ふっさし", romaji: "Fussa", romajiFull: "Fussa-shi"),
        Row(name: "狛江市", kana: "こまえし", romaji: "Komae", romajiFull: "Komae-shi"),
        Row(name: "東大和市", kana: "ひがしやまとし", romaji: "Higashiyamato", romajiFull: "Higashiyamato-shi"),
        Row(name: "清瀬市", kana: "きよせし", romaji: "Kiyose", romajiFull: "Kiyose-shi"),
        Row(name: "東久留米市", kana: "ひがしくるめし", romaji: "Higashikurume", romajiFull: "Higashikurume-shi"),
        Row(name: "武蔵村山市", kana: "むさしむらやまし", romaji: "Musashimurayama", romajiFull: "Musashimurayama-shi"),
        Row(name: "多摩市", kana: "たまし", romaji: "Tama", romajiFull: "Tama-shi"),
        Row(name: "稲城市", kana: "いなぎし", romaji: "Inagi", romajiFull: "Inagi-shi"),
        Row(name: "羽村市", kana: "はむらし", romaji: "Hamura", romajiFull: "Hamura-shi"),
        Row(name: "あきる野市", kana: "あきるのし", romaji: "Akiruno", romajiFull: "Akiruno-shi"),
        Row(name: "西東京市", kana: "にしとうきょうし", romaji: "Nishitokyo", romajiFull: "Nishitokyo-shi"),
        Row(name: "瑞穂町", kana: "みずほまち", romaji: "Mizuho", romajiFull: "Mizuho-machi"),
        Row(name: "日の出町", kana: "ひのでまち", romaji: "Hinode", romajiFull: "Hinode-machi"),
        Row(name: "檜原村", kana: "ひのはらむら", romaji: "Hinohara", romajiFull: "Hinohara-mura"),
        Row(name: "奥多摩町", kana: "おくたままち", romaji: "Okutama", romajiFull: "Okutama-machi"),
        Row(name: "大島町", kana: "おおしままち", romaji: "Oshima", romajiFull: "Oshima-machi"),
        Row(name: "利島村", kana: "としまむら", romaji: "Toshima", romajiFull: "Toshima-mura"),
        Row(name: "新島村", kana: "にいじまむら", romaji: "Niijima", romajiFull: "Niijima-mura"),
        Row(name: "神津島村", kana: "こうづしまむら", romaji: "Kozushima", romajiFull: "Kozushima-mura"),
        Row(name: "三宅村", kana: "みやけむら", romaji: "Miyake", romajiFull: "Miyake-mura"),
        Row(name: "御蔵島村", kana: "みくらじまむら", romaji: "Mikurajima", romajiFull: "Mikurajima-mura"),
        Row(name: "八丈町", kana: "はちじょうまち", romaji: "Hachijo", romajiFull: "Hachijo-machi"),
        Row(name: "青ヶ島村", kana: "あおがしまむら", romaji: "Aogashima", romajiFull: "Aogashima-mura"),
        Row(name: "小笠原村", kana: "おがさわらむら", romaji: "Ogasawara", romajiFull: "Ogasawara-mura"),
    ]
}
