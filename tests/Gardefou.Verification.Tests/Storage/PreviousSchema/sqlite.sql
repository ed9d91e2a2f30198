CREATE TABLE "realms" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_realms" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL
);


CREATE TABLE "secrets" (
    "Name" TEXT NOT NULL CONSTRAINT "PK_secrets" PRIMARY KEY,
    "Value" BLOB NOT NULL,
    "CreatedAt" TEXT NOT NULL
);


CREATE TABLE "api_keys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_api_keys" PRIMARY KEY AUTOINCREMENT,
    "RealmId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "KeyHash" BLOB NOT NULL,
    "Revoked" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_api_keys_realms_RealmId" FOREIGN KEY ("RealmId") REFERENCES "realms" ("Id") ON DELETE CASCADE
);


CREATE TABLE "codes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_codes" PRIMARY KEY AUTOINCREMENT,
    "RealmId" INTEGER NOT NULL,
    "ShortCodeHmac" BLOB NOT NULL,
    "LongCodeHmac" BLOB NOT NULL,
    "TestType" INTEGER NOT NULL,
    "TestDate" TEXT NOT NULL,
    "SymptomDate" TEXT NULL,
    "IssuedAt" TEXT NOT NULL,
    "ShortExpiresAt" TEXT NOT NULL,
    "LongExpiresAt" TEXT NOT NULL,
    "ClaimedAt" TEXT NULL,
    CONSTRAINT "FK_codes_realms_RealmId" FOREIGN KEY ("RealmId") REFERENCES "realms" ("Id") ON DELETE CASCADE
);


CREATE TABLE "daily_counts" (
    "RealmId" INTEGER NOT NULL,
    "Day" TEXT NOT NULL,
    "CodesIssued" INTEGER NOT NULL,
    "CodesClaimed" INTEGER NOT NULL,
    "CertificatesIssued" INTEGER NOT NULL,
    CONSTRAINT "PK_daily_counts" PRIMARY KEY ("RealmId", "Day"),
    CONSTRAINT "FK_daily_counts_realms_RealmId" FOREIGN KEY ("RealmId") REFERENCES "realms" ("Id") ON DELETE CASCADE
);


CREATE TABLE "health_workers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_health_workers" PRIMARY KEY AUTOINCREMENT,
    "RealmId" INTEGER NOT NULL,
    "UserName" TEXT NOT NULL,
    "PasswordHash" TEXT NOT NULL,
    "Role" INTEGER NOT NULL,
    "Disabled" INTEGER NOT NULL,
    "FailedLogins" INTEGER NOT NULL,
    "LockedUntil" TEXT NULL,
    "SecurityStamp" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_health_workers_realms_RealmId" FOREIGN KEY ("RealmId") REFERENCES "realms" ("Id") ON DELETE CASCADE
);


CREATE TABLE "tokens" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_tokens" PRIMARY KEY AUTOINCREMENT,
    "RealmId" INTEGER NOT NULL,
    "TokenHash" BLOB NOT NULL,
    "TestType" INTEGER NOT NULL,
    "TestDate" TEXT NOT NULL,
    "SymptomDate" TEXT NULL,
    "ExpiresAt" TEXT NOT NULL,
    "UsedAt" TEXT NULL,
    CONSTRAINT "FK_tokens_realms_RealmId" FOREIGN KEY ("RealmId") REFERENCES "realms" ("Id") ON DELETE CASCADE
);


CREATE UNIQUE INDEX "IX_api_keys_KeyHash" ON "api_keys" ("KeyHash");


CREATE INDEX "IX_api_keys_RealmId" ON "api_keys" ("RealmId");


CREATE UNIQUE INDEX "IX_codes_LongCodeHmac" ON "codes" ("LongCodeHmac");


CREATE INDEX "IX_codes_LongExpiresAt" ON "codes" ("LongExpiresAt");


CREATE INDEX "IX_codes_RealmId" ON "codes" ("RealmId");


CREATE UNIQUE INDEX "IX_codes_ShortCodeHmac" ON "codes" ("ShortCodeHmac");


CREATE INDEX "IX_health_workers_RealmId" ON "health_workers" ("RealmId");


CREATE UNIQUE INDEX "IX_health_workers_UserName" ON "health_workers" ("UserName");


CREATE UNIQUE INDEX "IX_realms_Name" ON "realms" ("Name");


CREATE INDEX "IX_tokens_ExpiresAt" ON "tokens" ("ExpiresAt");


CREATE INDEX "IX_tokens_RealmId" ON "tokens" ("RealmId");


CREATE UNIQUE INDEX "IX_tokens_TokenHash" ON "tokens" ("TokenHash");


