import Foundation
import GRDB
import Storage

/// A plain-text message to one person.
public struct MailMessage: Sendable, Hashable {
    public var to: String
    public var subject: String
    public var body: String

    public init(to: String, subject: String, body: String) {
        self.to = to
        self.subject = subject
        self.body = body
    }

    /// RFC 5322 text for `sendmail -t`: UTF-8 body, subject as an encoded word so Japanese survives.
    func rfc5322(from: String) -> String {
        let subject = "=?UTF-8?B?\(Data(self.subject.utf8).base64EncodedString())?="
        return """
            From: \(from)\r
            To: \(to)\r
            Subject: \(subject)\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=UTF-8\r
            Content-Transfer-Encoding: 8bit\r
            \r
            \(body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n"))\r

            """
    }
}

/// How mail leaves: through the host's `sendmail` interface when `MANABI_SENDMAIL` names it (e.g.
/// `/usr/sbin/sendmail -t`), or into the outbox table, which admin reads in the browser.
public enum MailDelivery: Sendable {
    case sendmail(command: [String], from: String)
    case outbox

    /// From the environment: `MANABI_SENDMAIL` (command and arguments, split on spaces) and `MANABI_MAIL_FROM`.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> MailDelivery {
        guard let command = environment["MANABI_SENDMAIL"]?.split(separator: " ").map(String.init), !command.isEmpty else { return .outbox }
        return .sendmail(command: command, from: environment["MANABI_MAIL_FROM"] ?? "Manabi <no-reply@localhost>")
    }
}

/// Sending failed; the message is kept in the outbox so that nothing is lost.
public struct MailError: Error, CustomStringConvertible {
    public var description: String
}

/// Delivers messages as `MailDelivery` says.
public struct Mailer: Sendable {
    let delivery: MailDelivery
    let database: AppDatabase

    public init(delivery: MailDelivery, database: AppDatabase) {
        self.delivery = delivery
        self.database = database
    }

    /// Sends `message`. A failing sendmail leaves the message in the outbox (admin can forward it) and
    /// throws, so the caller can say that the mail did not go.
    public func send(_ message: MailMessage) async throws {
        switch delivery {
        case .outbox:
            try await keep(message)
        case .sendmail(let command, let from):
            do {
                try await Self.run(command, input: message.rfc5322(from: from))
            } catch {
                try await keep(message)
                throw error
            }
        }
    }

    private func keep(_ message: MailMessage) async throws {
        try await database.writer.write { db in
            try db.execute(
                sql: "INSERT INTO outbox (recipient, subject, body, createdAt) VALUES (?, ?, ?, ?)",
                arguments: [message.to, message.subject, message.body, Date()]
            )
        }
    }

    static func run(_ command: [String], input: String) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: command[0])
            process.arguments = Array(command.dropFirst())
            let stdin = Pipe()
            process.standardInput = stdin
            process.terminationHandler = { process in
                if process.terminationStatus == 0 {
                    continuation.resume()
                } else {
                    continuation.resume(throwing: MailError(description: "\(command[0]) exited with status \(process.terminationStatus)"))
                }
            }
            do {
                try process.run()
                stdin.fileHandleForWriting.write(Data(input.utf8))
                try? stdin.fileHandleForWriting.close()
            } catch {
                continuation.resume(throwing: MailError(description: "cannot run \(command[0]): \(error)"))
            }
        }
    }

    /// Records `key` and returns true the first time it is given; false ever after. A notice meant to go once
    /// (a reminder for one listing's one confirmation date) is sent only when this says true.
    public func claimOnce(_ key: String) async throws -> Bool {
        try await database.writer.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO mailOnce (key, recordedAt) VALUES (?, ?)", arguments: [key, Date()])
            return db.changesCount == 1
        }
    }

    /// Messages kept in the outbox, newest first.
    public func outbox(limit: Int = 100) async throws -> [(id: Int64, message: MailMessage, at: Date)] {
        try await database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY id DESC LIMIT ?", arguments: [limit]).map {
                (id: $0["id"], message: MailMessage(to: $0["recipient"], subject: $0["subject"], body: $0["body"]), at: $0["createdAt"])
            }
        }
    }
}
