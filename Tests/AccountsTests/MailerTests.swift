import Accounts
import Foundation
import Testing

@Suite("Mail: the outbox and the host's sendmail")
struct MailerTests {
    static let message = MailMessage(to: "tanaka@example.org", subject: "Manabi: パスワードの設定", body: "こんにちは。\nこのリンクを開いてください。\n")

    /// An executable shell script in the fixture's temp folder.
    func script(_ f: AccountsFixture, named name: String, _ body: String) throws -> String {
        let url = f.test.folder.appendingPathComponent(name)
        try ("#!/bin/sh\n" + body + "\n").write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url.path
    }

    @Test func theOutboxKeepsTheMessage() async throws {
        let f = try await AccountsFixture(seeded: false)
        try await f.accounts.mailer.send(Self.message)
        let kept = try await f.accounts.mailer.outbox()
        #expect(kept.count == 1)
        let first = try #require(kept.first)
        #expect(first.message == Self.message)
        #expect(first.id > 0)
    }

    @Test func theOutboxListsTheNewestFirstUpToTheLimit() async throws {
        let f = try await AccountsFixture(seeded: false)
        for n in 1...3 {
            try await f.accounts.mailer.send(MailMessage(to: "n\(n)@example.org", subject: "\(n)", body: "body \(n)"))
        }
        #expect(try await f.accounts.mailer.outbox().map(\.message.to) == ["n3@example.org", "n2@example.org", "n1@example.org"])
        #expect(try await f.accounts.mailer.outbox(limit: 2).map(\.message.subject) == ["3", "2"])
    }

    @Test func sendmailReceivesAnRFC5322Message() async throws {
        let f = try await AccountsFixture(seeded: false)
        let received = f.test.folder.appendingPathComponent("received.eml")
        let sendmail = try script(f, named: "sendmail", "cat > '\(received.path)'")
        let mailer = Mailer(delivery: .sendmail(command: [sendmail, "-t"], from: "Manabi <no-reply@manabi.example>"), database: f.database)

        try await mailer.send(Self.message)

        let text = try String(contentsOf: received, encoding: .utf8)
        #expect(text.contains("To: tanaka@example.org\r\n"))
        #expect(text.contains("From: Manabi <no-reply@manabi.example>\r\n"))
        let encoded = Data(Self.message.subject.utf8).base64EncodedString()
        #expect(text.contains("Subject: =?UTF-8?B?\(encoded)?=\r\n"))
        #expect(text.contains("=?UTF-8?B?"))
        #expect(text.contains("Content-Type: text/plain; charset=UTF-8\r\n"))
        #expect(text.contains("MIME-Version: 1.0\r\n"))
        // Headers, a blank line, then the body with CRLF line ends
        #expect(text.contains("\r\n\r\nこんにちは。\r\nこのリンクを開いてください。\r\n"))
        #expect(!text.contains("パスワードの設定"), "the subject travels only as an encoded word")
        // Delivered: nothing left in the outbox
        #expect(try await mailer.outbox().isEmpty)
    }

    @Test func sendmailGetsItsArguments() async throws {
        let f = try await AccountsFixture(seeded: false)
        let arguments = f.test.folder.appendingPathComponent("arguments.txt")
        let sendmail = try script(f, named: "sendmail", "echo \"$@\" > '\(arguments.path)'; cat > /dev/null")
        let mailer = Mailer(delivery: .sendmail(command: [sendmail, "-t", "-oi"], from: "no-reply@manabi.example"), database: f.database)
        try await mailer.send(Self.message)
        #expect(try String(contentsOf: arguments, encoding: .utf8) == "-t -oi\n")
    }

    @Test func aFailingSendmailThrowsAndKeepsTheMessage() async throws {
        let f = try await AccountsFixture(seeded: false)
        let sendmail = try script(f, named: "sendmail", "cat > /dev/null; exit 1")
        let mailer = Mailer(delivery: .sendmail(command: [sendmail], from: "no-reply@manabi.example"), database: f.database)
        await #expect(throws: MailError.self) { try await mailer.send(Self.message) }
        #expect(try await mailer.outbox().map(\.message) == [Self.message])
    }

    @Test func aMissingSendmailThrowsAndKeepsTheMessage() async throws {
        let f = try await AccountsFixture(seeded: false)
        let missing = f.test.folder.appendingPathComponent("no-such-sendmail").path
        let mailer = Mailer(delivery: .sendmail(command: [missing, "-t"], from: "no-reply@manabi.example"), database: f.database)
        await #expect(throws: MailError.self) { try await mailer.send(Self.message) }
        #expect(try await mailer.outbox().map(\.message) == [Self.message])
    }

    @Test func deliveryComesFromTheEnvironment() {
        guard case .outbox = MailDelivery.fromEnvironment([:]) else {
            Issue.record("no MANABI_SENDMAIL should mean the outbox")
            return
        }
        guard case .outbox = MailDelivery.fromEnvironment(["MANABI_SENDMAIL": ""]) else {
            Issue.record("an empty MANABI_SENDMAIL should mean the outbox")
            return
        }
        guard case .sendmail(let command, let from) = MailDelivery.fromEnvironment(["MANABI_SENDMAIL": "/usr/sbin/sendmail -t -oi", "MANABI_MAIL_FROM": "Manabi <m@example.org>"])
        else {
            Issue.record("MANABI_SENDMAIL should mean sendmail")
            return
        }
        #expect(command == ["/usr/sbin/sendmail", "-t", "-oi"])
        #expect(from == "Manabi <m@example.org>")
        guard case .sendmail(_, let fallback) = MailDelivery.fromEnvironment(["MANABI_SENDMAIL": "/usr/sbin/sendmail"]) else {
            Issue.record("MANABI_SENDMAIL should mean sendmail")
            return
        }
        #expect(fallback == "Manabi <no-reply@localhost>")
    }
}
