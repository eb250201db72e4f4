import Accounts
import Foundation
import Testing

@Suite("Signing in: one answer for every failure, back-off per address and per source")
struct SignInTests {
    static let source = "198.51.100.7"

    @Test func theRightPasswordSignsIn() async throws {
        let f = try await AccountsFixture()
        let teacher = try #require(try await f.accounts.account(f.teacher().id))
        let outcome = try await f.accounts.signIn(email: "tanaka@example.org", password: AccountsFixture.password, code: nil, source: Self.source)
        #expect(outcome == .signedIn(teacher))
        #expect(outcome.signedInAccount?.hasPassword == true)
    }

    @Test func theAddressMatchesHoweverItIsTyped() async throws {
        let f = try await AccountsFixture()
        let teacher = try await f.teacher()
        let outcome = try await f.accounts.signIn(email: "  TANAKA@Example.org ", password: AccountsFixture.password, code: nil, source: Self.source)
        #expect(outcome.signedInAccount?.id == teacher.id)
    }

    @Test func aWrongPasswordAndAnUnknownAddressGetTheSameAnswer() async throws {
        let f = try await AccountsFixture()
        try await f.teacher()
        let wrongPassword = try await f.accounts.signIn(email: "tanaka@example.org", password: "not-the-password", code: nil, source: Self.source)
        let unknownAddress = try await f.accounts.signIn(email: "nobody@example.org", password: AccountsFixture.password, code: nil, source: Self.source)
        let notAnAddress = try await f.accounts.signIn(email: "nobody", password: AccountsFixture.password, code: nil, source: Self.source)
        #expect(wrongPassword == .refused)
        #expect(unknownAddress == .refused)
        #expect(notAnAddress == .refused)
        #expect(wrongPassword == unknownAddress)
    }

    @Test func anAccountWithoutAPasswordYetCannotSignIn() async throws {
        let f = try await AccountsFixture()
        _ = try await f.invitedTeacher()
        #expect(try await f.accounts.signIn(email: "tanaka@example.org", password: "", code: nil, source: Self.source) == .refused)
        #expect(try await f.accounts.signIn(email: "tanaka@example.org", password: AccountsFixture.password, code: nil, source: Self.source) == .refused)
    }

    @Test func fiveFailuresThrottleTheSixthAttemptEvenWithTheRightPassword() async throws {
        let f = try await AccountsFixture()
        try await f.teacher()
        for attempt in 1...AccountService.freeFailuresPerAccount {
            let outcome = try await f.accounts.signIn(email: "tanaka@example.org", password: "wrong-\(attempt)", code: nil, source: Self.source)
            #expect(outcome == .refused, "attempt \(attempt)")
        }
        let sixth = try await f.accounts.signIn(email: "tanaka@example.org", password: AccountsFixture.password, code: nil, source: Self.source)
        #expect(sixth == .throttled(until: f.clock.now.addingTimeInterval(2)))
        // The block is on the address, whatever its case, and whichever source asks
        let elsewhere = try await f.accounts.signIn(email: "Tanaka@Example.org", password: AccountsFixture.password, code: nil, source: "203.0.113.50")
        #expect(elsewhere.throttledUntil != nil)
        // Another address from the same source is not blocked
        let other = try await f.staff("suzuki@example.org")
        let outcome = try await f.accounts.signIn(email: "suzuki@example.org", password: AccountsFixture.password, code: nil, source: Self.source)
        #expect(outcome.signedInAccount?.id == other.id)
    }

    @Test func fourFailuresDoNotThrottle() async throws {
        let f = try await AccountsFixture()
        try await f.teacher()
        for _ in 1..<AccountService.freeFailuresPerAccount {
            _ = try await f.accounts.signIn(email: "tanaka@example.org", password: "wrong", code: nil, source: Self.source)
        }
        let outcome = try await f.accounts.signIn(email: "tanaka@example.org", password: AccountsFixture.password, code: nil, source: Self.source)
        #expect(outcome.signedInAccount != nil)
    }

    @Test func theBlockLiftsOnceTheClockMovesPastIt() async throws {
        let f = try await AccountsFixture()
        let teacher = try await f.teacher()
        for _ in 1...5 {
            _ = try await f.accounts.signIn(email: "tanaka@example.org", password: "wrong", code: nil, source: Self.source)
        }
        let until = try #require(try await f.accounts.signIn(email: "tanaka@example.org", password: AccountsFixture.password, code: nil, source: Self.source).throttledUntil)
        f.clock.set(until.addingTimeInterval(-1))
        #expect(try await f.accounts.signIn(email: "tanaka@example.org", password: AccountsFixture.password, code: nil, source: Self.source).throttledUntil == until)
        f.clock.set(until.addingTimeInterval(1))
        let outcome = try await f.accounts.signIn(email: "tanaka@example.org", password: AccountsFixture.password, code: nil, source: Self.source)
        #expect(outcome.signedInAccount?.id == teacher.id)
    }

    @Test func throttledAttemptsAreNotCountedAsFailures() async throws {
        let f = try await AccountsFixture()
        try await f.teacher()
        for _ in 1...5 {
            _ = try await f.accounts.signIn(email: "tanaka@example.org", password: "wrong", code: nil, source: Self.source)
        }
        let until = try #require(try await f.accounts.signIn(email: "tanaka@example.org", password: "wrong", code: nil, source: Self.source).throttledUntil)
        for _ in 1...10 {
            #expect(try await f.accounts.signIn(email: "tanaka@example.org", password: "wrong", code: nil, source: Self.source).throttledUntil == until)
        }
        f.clock.set(until)
        #expect(try await f.accounts.signIn(email: "tanaka@example.org", password: AccountsFixture.password, code: nil, source: Self.source).signedInAccount != nil)
    }

    @Test func theBackOffDoublesWithEachFurtherFailure() async throws {
        let f = try await AccountsFixture()
        try await f.teacher()
        for _ in 1...5 {
            _ = try await f.accounts.signIn(email: "tanaka@example.org", password: "wrong", code: nil, source: Self.source)
        }
        var delays: [TimeInterval] = []
        for _ in 1...6 {
            let probe = try await f.accounts.signIn(email: "tanaka@example.org", password: "wrong", code: nil, source: Self.source)
            let until = try #require(probe.throttledUntil)
            delays.append(until.timeIntervalSince(f.clock.now))
            // Once the block is over, one more failure
            f.clock.set(until)
            #expect(try await f.accounts.signIn(email: "tanaka@example.org", password: "wrong", code: nil, source: Self.source) == .refused)
        }
        #expect(delays == [2, 4, 8, 16, 32, 64])
    }

    @Test func theBackOffStopsGrowingAtFifteenMinutes() async throws {
        let f = try await AccountsFixture()
        try await f.teacher()
        var last: TimeInterval = 0
        for _ in 1...20 {
            _ = try await f.accounts.signIn(email: "tanaka@example.org", password: "wrong", code: nil, source: Self.source)
            let probe = try await f.accounts.signIn(email: "tanaka@example.org", password: "wrong", code: nil, source: Self.source)
            if let until = probe.throttledUntil {
                last = until.timeIntervalSince(f.clock.now)
                f.clock.set(until)
            }
        }
        #expect(last == AccountService.maximumBackOff)
    }

    @Test func aSuccessfulSignInForgetsTheAddressesFailures() async throws {
        let f = try await AccountsFixture()
        try await f.teacher()
        for _ in 1...4 {
            _ = try await f.accounts.signIn(email: "tanaka@example.org", password: "wrong", code: nil, source: Self.source)
        }
        #expect(try await f.accounts.signIn(email: "tanaka@example.org", password: AccountsFixture.password, code: nil, source: Self.source).signedInAccount != nil)
        for _ in 1...4 {
            _ = try await f.accounts.signIn(email: "tanaka@example.org", password: "wrong", code: nil, source: Self.source)
        }
        #expect(try await f.accounts.signIn(email: "tanaka@example.org", password: AccountsFixture.password, code: nil, source: Self.source).signedInAccount != nil)
    }

    @Test func failuresOlderThanADayAreForgotten() async throws {
        let f = try await AccountsFixture()
        try await f.teacher()
        for _ in 1...4 {
            _ = try await f.accounts.signIn(email: "tanaka@example.org", password: "wrong", code: nil, source: Self.source)
        }
        f.clock.advance(by: 25 * 3600)
        // The fifth failure, but the first in the last day
        #expect(try await f.accounts.signIn(email: "tanaka@example.org", password: "wrong", code: nil, source: Self.source) == .refused)
        #expect(try await f.accounts.signIn(email: "tanaka@example.org", password: AccountsFixture.password, code: nil, source: Self.source).signedInAccount != nil)
    }

    @Test func unknownAddressesAreThrottledLikeKnownOnes() async throws {
        let f = try await AccountsFixture()
        for _ in 1...5 {
            #expect(try await f.accounts.signIn(email: "nobody@example.org", password: "guess", code: nil, source: Self.source) == .refused)
        }
        #expect(try await f.accounts.signIn(email: "nobody@example.org", password: "guess", code: nil, source: Self.source).throttledUntil != nil)
    }

    @Test func oneSourceIsThrottledAfterTwentyFailuresAcrossAddresses() async throws {
        let f = try await AccountsFixture()
        let teacher = try await f.teacher()
        for n in 1...AccountService.freeFailuresPerSource {
            // A different address each time, so no address reaches its own limit
            let outcome = try await f.accounts.signIn(email: "guess\(n)@example.org", password: "wrong", code: nil, source: Self.source)
            #expect(outcome == .refused, "attempt \(n)")
        }
        let blocked = try await f.accounts.signIn(email: "tanaka@example.org", password: AccountsFixture.password, code: nil, source: Self.source)
        #expect(blocked == .throttled(until: f.clock.now.addingTimeInterval(2)))
        // The same account from another source is fine
        let elsewhere = try await f.accounts.signIn(email: "tanaka@example.org", password: AccountsFixture.password, code: nil, source: "203.0.113.9")
        #expect(elsewhere.signedInAccount?.id == teacher.id)
    }

    @Test func nineteenFailuresFromOneSourceDoNotThrottleIt() async throws {
        let f = try await AccountsFixture()
        try await f.teacher()
        for n in 1..<AccountService.freeFailuresPerSource {
            _ = try await f.accounts.signIn(email: "guess\(n)@example.org", password: "wrong", code: nil, source: Self.source)
        }
        #expect(try await f.accounts.signIn(email: "tanaka@example.org", password: AccountsFixture.password, code: nil, source: Self.source).signedInAccount != nil)
    }
}
