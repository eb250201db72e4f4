import GRDB
import Storage

/// The classroom directory's tables. Migrations are append-only: never edit one that has shipped;
/// add a new one at the end. Invariants live in the schema so that no code path can store a broken classroom.
public enum ClassroomSchema {
    /// The directory's migrations, oldest first; the composition root places them in the one plan.
    public static let migrations: [Migration] = [createV1, listingsV2, reportsV3]

    public static let createV1 = Migration("classroom-v1-create") { db in
        try db.execute(
            sql: """
                CREATE TABLE municipality (
                    code TEXT PRIMARY KEY NOT NULL CHECK (length(code) = 6 AND code GLOB '13[0-9][0-9][0-9][0-9]'),
                    name TEXT NOT NULL UNIQUE CHECK (name <> ''),
                    kana TEXT NOT NULL CHECK (kana <> ''),
                    romaji TEXT NOT NULL,
                    romajiFull TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('ward', 'city', 'town', 'village')),
                    latitude REAL NOT NULL CHECK (latitude BETWEEN -90 AND 90),
                    longitude REAL NOT NULL CHECK (longitude BETWEEN -180 AND 180),
                    foreignResidents INTEGER NOT NULL CHECK (foreignResidents >= 0),
                    foreignResidentsDate TEXT NOT NULL,
                    population INTEGER NOT NULL CHECK (population >= 0),
                    source TEXT NOT NULL
                );
                CREATE TABLE classroom (
                    id INTEGER PRIMARY KEY NOT NULL CHECK (id > 0),
                    name TEXT NOT NULL CHECK (name <> ''),
                    nameKana TEXT NOT NULL CHECK (nameKana <> ''),
                    organiser TEXT NOT NULL CHECK (organiser <> ''),
                    municipalityCode TEXT NOT NULL REFERENCES municipality(code) ON DELETE RESTRICT,
                    venue TEXT NOT NULL,
                    address TEXT,
                    latitude REAL CHECK (latitude BETWEEN -90 AND 90),
                    longitude REAL CHECK (longitude BETWEEN -180 AND 180),
                    format TEXT NOT NULL CHECK (format IN ('in_person', 'online', 'hybrid')),
                    feeYen INTEGER NOT NULL CHECK (feeYen >= 0),
                    materialsYen INTEGER CHECK (materialsYen >= 0),
                    childcare BOOLEAN NOT NULL,
                    wheelchairAccessible BOOLEAN NOT NULL,
                    eligibility TEXT,
                    capacity INTEGER CHECK (capacity >= 1),
                    accepting BOOLEAN NOT NULL,
                    url TEXT,
                    email TEXT,
                    phone TEXT,
                    status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
                    lastConfirmed TEXT NOT NULL CHECK (lastConfirmed GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                    isSample BOOLEAN NOT NULL,
                    createdAt DATETIME NOT NULL,
                    updatedAt DATETIME NOT NULL,
                    CHECK ((latitude IS NULL) = (longitude IS NULL))
                );
                CREATE INDEX classroom_on_municipalityCode ON classroom(municipalityCode);
                CREATE TABLE classroomLevel (
                    classroomId INTEGER NOT NULL REFERENCES classroom(id) ON DELETE CASCADE,
                    level TEXT NOT NULL CHECK (level IN ('pre_a1', 'a1', 'a2', 'b1')),
                    PRIMARY KEY (classroomId, level)
                ) WITHOUT ROWID;
                CREATE TABLE classroomLanguage (
                    classroomId INTEGER NOT NULL REFERENCES classroom(id) ON DELETE CASCADE,
                    tag TEXT NOT NULL CHECK (length(tag) BETWEEN 2 AND 12),
                    PRIMARY KEY (classroomId, tag)
                ) WITHOUT ROWID;
                CREATE TABLE weeklySlot (
                    id INTEGER PRIMARY KEY,
                    classroomId INTEGER NOT NULL REFERENCES classroom(id) ON DELETE CASCADE,
                    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
                    startMinute INTEGER NOT NULL CHECK (startMinute BETWEEN 0 AND 1439),
                    endMinute INTEGER NOT NULL CHECK (endMinute BETWEEN 1 AND 1439 AND endMinute > startMinute),
                    validFrom TEXT,
                    validUntil TEXT,
                    CHECK (validFrom IS NULL OR validUntil IS NULL OR validFrom <= validUntil)
                );
                CREATE INDEX weeklySlot_on_classroomId ON weeklySlot(classroomId);
                CREATE TABLE oneOffSession (
                    id INTEGER PRIMARY KEY,
                    classroomId INTEGER NOT NULL REFERENCES classroom(id) ON DELETE CASCADE,
                    date TEXT NOT NULL,
                    startMinute INTEGER NOT NULL CHECK (startMinute BETWEEN 0 AND 1439),
                    endMinute INTEGER NOT NULL CHECK (endMinute BETWEEN 1 AND 1439 AND endMinute > startMinute)
                );
                CREATE INDEX oneOffSession_on_classroomId ON oneOffSession(classroomId);
                CREATE TABLE cancellation (
                    classroomId INTEGER NOT NULL REFERENCES classroom(id) ON DELETE CASCADE,
                    date TEXT NOT NULL,
                    PRIMARY KEY (classroomId, date)
                ) WITHOUT ROWID;
                """
        )
    }

    /// Listings that people edit (issue 9): organisers whose teachers edit their classrooms, an optimistic
    /// version per classroom, the approval step before a first publication, and reasons for cancellations.
    public static let listingsV2 = Migration("classroom-v2-listings") { db in
        try db.execute(
            sql: """
                CREATE TABLE organiser (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL CHECK (name <> '' AND length(name) <= 200),
                    createdAt DATETIME NOT NULL
                );
                ALTER TABLE classroom ADD COLUMN organiserId INTEGER REFERENCES organiser(id) ON DELETE RESTRICT;
                ALTER TABLE classroom ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
                ALTER TABLE classroom ADD COLUMN awaitingApproval BOOLEAN NOT NULL DEFAULT 0 CHECK (awaitingApproval = 0 OR status = 'draft');
                ALTER TABLE classroom ADD COLUMN reviewNote TEXT CHECK (length(reviewNote) <= 1000);
                CREATE INDEX classroom_on_organiserId ON classroom(organiserId);
                ALTER TABLE cancellation ADD COLUMN reason TEXT CHECK (length(reason) <= 200);
                """
        )
    }

    /// Corrections from the public. The reporter is not recorded; `reportLimit` keeps a hash of each address
    /// for an hour, for the rate limit.
    public static let reportsV3 = Migration("classroom-v3-reports") { db in
        try db.execute(
            sql: """
                CREATE TABLE listingReport (
                    id INTEGER PRIMARY KEY,
                    classroomId INTEGER NOT NULL REFERENCES classroom(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL CHECK (kind IN ('time_changed', 'ended', 'contact', 'other')),
                    message TEXT NOT NULL CHECK (length(message) <= 1000),
                    createdAt DATETIME NOT NULL,
                    closedAt DATETIME,
                    closedBy INTEGER,
                    closeNote TEXT CHECK (length(closeNote) <= 1000)
                );
                CREATE INDEX listingReport_on_classroomId ON listingReport(classroomId, closedAt);
                CREATE TABLE reportLimit (
                    key TEXT PRIMARY KEY NOT NULL,
                    windowStart DATETIME NOT NULL,
                    count INTEGER NOT NULL CHECK (count >= 1)
                ) WITHOUT ROWID;
                """
        )
    }
}
