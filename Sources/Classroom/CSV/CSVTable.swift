import Foundation

/// A parsed CSV file (RFC 4180): a header and records, each remembering the line it starts on so that
/// import errors can point at it. Quoted fields may hold commas, doubled quotes and line breaks.
struct CSVTable: Sendable {
    struct Record: Sendable {
        /// 1-based line number where the record starts.
        var line: Int
        var fields: [String]
    }

    enum ParseError: Error, Equatable {
        case unterminatedQuote(line: Int)
        case quoteInUnquotedField(line: Int)
        case empty
    }

    var header: [String]
    var records: [Record]

    init(parsing text: String) throws(ParseError) {
        var rows: [Record] = []
        var field = ""
        var fields: [String] = []
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var fieldWasQuoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        var text = text
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        iterator = text.unicodeScalars.makeIterator()

        func endRecord() {
            fields.append(field)
            // A line with nothing on it is not a record (trailing newline, blank lines).
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) { rows.append(Record(line: recordLine, fields: fields)) }
            fields = []
            field = ""
            fieldWasQuoted = false
        }

        while let scalar = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if scalar == "\"" {
                    let next = iterator.next()
                    if next == "\"" {
                        field.unicodeScalars.append("\"")
                    } else {
                        inQuotes = false
                        pending = next
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case ",":
                fields.append(field)
                field = ""
                fieldWasQuoted = false
            case "\r":
                let next = iterator.next()
                if next != "\n" { pending = next }
                endRecord()
                line += 1
                recordLine = line
            case "\n":
                endRecord()
                line += 1
                recordLine = line
            case "\"":
                guard field.isEmpty, !fieldWasQuoted else { throw .quoteInUnquotedField(line: line) }
                inQuotes = true
                fieldWasQuoted = true
            default:
                if fieldWasQuoted { throw .quoteInUnquotedField(line: line) }
                field.unicodeScalars.append(scalar)
            }
        }
        if inQuotes { throw .unterminatedQuote(line: recordLine) }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        guard let first = rows.first else { throw .empty }
        self.header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        self.records = Array(rows.dropFirst())
    }
}

/// Writes CSV the way `CSVTable` reads it: quoting only fields that need it, LF line ends.
struct CSVWriter {
    private(set) var text = ""

    mutating func write(_ fields: [String]) {
        text += fields.map(Self.quoted).joined(separator: ",")
        text += "\n"
    }

    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || field.hasPrefix(" ") || field.hasSuffix(" ")
        else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
