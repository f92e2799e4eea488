import "server-only";
import { randomBytes } from "node:crypto";
import { readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { decodeMasterKey, localKeyDir, MASTER_KEY_FILE, masterKey, writeLocalMasterKey } from "./master-key";
import { rotateMasterKey, type MasterKeyRotation } from "./rotate";

/**
 * `personal-data rotate-key`: the data keys wrapped again by a new master key.
 * With --new-key-file the operator then sets PERSONAL_DATA_KEY to it and
 * restarts; without it (the embedded default's key file) a new key is made and
 * the file replaced, written aside first so a failed rotation leaves the old one.
 */
export async function rotateKeyCommand({
  newKeyFile,
  actorId,
}: {
  newKeyFile?: string;
  actorId: string | null;
}): Promise<MasterKeyRotation & { keyFile?: string; next: string }> {
  if (newKeyFile) {
    const newKey = decodeMasterKey(readFileSync(newKeyFile, "utf8"), newKeyFile);
    const done = await rotateMasterKey({ newKey, actorId });
    return { ...done, next: "Set PERSONAL_DATA_KEY to the new key (the file's contents) and restart every instance; the old key opens nothing now." };
  }
  if (masterKey().from !== "file")
    throw new AppError(
      "NEW_KEY_NEEDED",
      "PERSONAL_DATA_KEY is set: give the new key with --new-key-file (openssl rand -base64 32 > new.key), then set PERSONAL_DATA_KEY to it",
      "newKeyFile",
    );
  const dir = localKeyDir();
  const newKey = randomBytes(32);
  const aside = writeLocalMasterKey(newKey, dir, `${MASTER_KEY_FILE}.new`);
  try {
    const done = await rotateMasterKey({ newKey, actorId });
    renameSync(aside, path.join(dir, MASTER_KEY_FILE));
    return { ...done, keyFile: path.join(dir, MASTER_KEY_FILE), next: "Restart the app (npm start) so it reads the new key." };
  } catch (error) {
    rmSync(aside, { force: true });
    throw error;
  }
}
