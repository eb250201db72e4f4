import GRDB
import Storage

/// The accounts' tables. Append-only like every domain's migrations; the composition root places them
/// after the classroom directory's, whose `organiser` and `municipality` tables they refer to.
public enum AccountSchema {
    public static let migrations: [Migration] = [createV1, mailOnceV2, apiTokensV3]

    /// Which one-off notices (a listing's freshness reminder, say) were already sent, so a restart or a second
    /// run of the same job sends none twice.
    public static let mailOnceV2 = Migration("accounts-v2-mail-once") { db in
        try db.execute(
            sql: """
                CREATE TABLE mailOnce (
                    key TEXT PRIMARY KEY NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
                    recordedAt DATETIME NOT NULL
                ) WITHOUT ROWID;
                """
        )
    }

    /// Personal API tokens: only the SHA-256 of each secret, its owner's label, and when it was made, last used
    /// and revoked (kept after revocation for the audit trail's sake; a revoked token never authenticates).
    public static let apiTokensV3 = Migration("accounts-v3-api-tokens") { db in
        try db.execute(
            sql: """
                CREATE TABLE apiToken (
                    id INTEGER PRIMARY KEY,
                    accountId INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    tokenHash TEXT NOT NULL UNIQUE CHECK (length(tokenHash) = 64),
                    label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
                    createdAt DATETIME NOT NULL,
                    lastUsedAt DATETIME,
                    revokedAt DATETIME
                );
                CREATE INDEX apiToken_on_accountId ON apiToken(accountId);
                """
        )
    }

    public static let createV1 = Migration("accounts-v1-create") { db in
        try db.execute(
            sql: """
                CREATE TABLE account (
                    id INTEGER PRIMARY KEY,
                    email TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (email = lower(email) AND email LIKE '_%@_%._%' AND length(email) <= 254),
                    role TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'teacher')),
                    organiserId INTEGER REFERENCES organiser(id) ON DELETE RESTRICT,
                    passwordHash TEXT,
                    totpSecret TEXT,
                    totpLastStep INTEGER,
                    createdAt DATETIME NOT NULL,
                    CHECK ((role = 'teacher') = (organiserId IS NOT NULL))
                );
                CREATE INDEX account_on_organiserId ON account(organiserId);
                CREATE TABLE accountMunicipality (
                    accountId INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    municipalityCode TEXT NOT NULL REFERENCES municipality(code) ON DELETE RESTRICT,
                    PRIMARY KEY (accountId, municipalityCode)
                ) WITHOUT ROWID;
                CREATE TABLE oneTimeLink (
                    tokenHash TEXT PRIMARY KEY NOT NULL,
                    purpose TEXT NOT NULL CHECK (purpose IN ('setup', 'reset')),
                    accountId INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    createdAt DATETIME NOT NULL,
                    expiresAt DATETIME NOT NULL,
                    usedAt DATETIME
                ) WITHOUT ROWID;
                CREATE TABLE signInThrottle (
                    key TEXT PRIMARY KEY NOT NULL,
                    failures INTEGER NOT NULL CHECK (failures >= 0),
                    lastFailureAt DATETIME NOT NULL,
                    blockedUntil DATETIME
                ) WITHOUT ROWID;
                CREATE TABLE session (
                    keyHash TEXT PRIMARY KEY NOT NULL,
                    accountId INTEGER REFERENCES account(id) ON DELETE CASCADE,
                    data BLOB NOT NULL,
                    expiresAt DATETIME NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX session_on_accountId ON session(accountId);
                CREATE TABLE joinRequest (
                    id INTEGER PRIMARY KEY,
                    email TEXT NOT NULL CHECK (length(email) <= 254),
                    organiserName TEXT NOT NULL CHECK (organiserName <> '' AND length(organiserName) <= 200),
                    municipalityCode TEXT NOT NULL REFERENCES municipality(code) ON DELETE RESTRICT,
                    message TEXT CHECK (length(message) <= 1000),
                    state TEXT NOT NULL CHECK (state IN ('open', 'approved', 'refused')),
                    createdAt DATETIME NOT NULL,
                    decidedAt DATETIME,
                    decidedBy INTEGER REFERENCES account(id) ON DELETE SET NULL
                );
                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY,
                    recipient TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    body TEXT NOT NULL,
                    createdAt DATETIME NOT NULL
                );
                """
        )
    }
}
