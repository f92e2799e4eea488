-- Issue 17: personal values encrypted at rest (lib/privacy/crypto): the frame's and the outbox's.
-- FrameClient's phone, email, title, firstName and lastName become one sealed
-- value, "personal" (base64 text: the frame import's COPY takes it as it is);
-- the draw and the channel choice read plain flags instead.
-- The plain values already stored cannot be sealed in SQL (the key is the
-- app's): they move to "_PersonalDataToSeal", which the migrate step
-- (scripts/db-migrate.ts, lib/privacy/crypto/seal-pending.ts) seals into
-- "personal" and then drops. (Written by hand, as the migrations before it.)

-- The data keys, wrapped by the master key.
CREATE TABLE "PersonalDataKey" (
    "id" SERIAL NOT NULL,
    "wrapped" BYTEA NOT NULL,
    "masterKeyId" TEXT NOT NULL,
    "current" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PersonalDataKey_pkey" PRIMARY KEY ("id")
);
-- business rule: at most one current data key
CREATE UNIQUE INDEX "PersonalDataKey_one_current" ON "PersonalDataKey" ("current") WHERE "current";

ALTER TABLE "FrameClient" ADD COLUMN "hasPhone" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "hasMobile" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "hasEmail" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "personal" TEXT;

UPDATE "FrameClient" SET "hasPhone" = "phone" IS NOT NULL, "hasMobile" = COALESCE("phone" ~ '^\+447[0-9]{9}$', false), "hasEmail" = "email" IS NOT NULL
WHERE "phone" IS NOT NULL OR "email" IS NOT NULL;

CREATE TABLE "_PersonalDataToSeal" AS
SELECT "id", "phone", "email", "title", "firstName", "lastName" FROM "FrameClient"
WHERE "phone" IS NOT NULL OR "email" IS NOT NULL OR "title" IS NOT NULL OR "firstName" IS NOT NULL OR "lastName" IS NOT NULL;

ALTER TABLE "FrameClient" DROP COLUMN "phone",
DROP COLUMN "email",
DROP COLUMN "title",
DROP COLUMN "firstName",
DROP COLUMN "lastName";

-- The outbox's address and personalisation (link, access code) likewise, sealed
-- together in "personal"; an erased message ("[erased]", '{}') has none.
ALTER TABLE "OutboxMessage" ADD COLUMN "personal" TEXT;

CREATE TABLE "_OutboxDataToSeal" AS
SELECT "id", "to", "personalisation" FROM "OutboxMessage" WHERE "to" <> '[erased]';

ALTER TABLE "OutboxMessage" DROP COLUMN "to",
DROP COLUMN "personalisation";
