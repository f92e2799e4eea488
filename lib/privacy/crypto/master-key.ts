// The master key (key-encryption key) that wraps the data keys (keys.ts).
// In a deployment it is PERSONAL_DATA_KEY (base64, 32 bytes; required in
// production: lib/env.ts). Without it (the embedded default, development,
// tests) it is generated once and kept in a file beside the data,
// FIELDWORK_DATA_DIR/personal-data-key (default .data/), readable by its owner
// only, as npm start keeps the NEXTAUTH_SECRET. Losing it loses every sealed value.

import { createHmac, randomBytes } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { processEnv } from "../../env";

export const MASTER_KEY_FILE = "personal-data-key";

export class MasterKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MasterKeyError";
  }
}

/** A base64 master key's 32 bytes, or an error naming where it came from. */
export function decodeMasterKey(text: string, from: string): Buffer {
  const key = Buffer.from(text.trim(), "base64");
  if (key.length !== 32 || key.toString("base64") !== text.trim())
    throw new MasterKeyError(`${from} must be 32 random bytes in base64 (generate one with: openssl rand -base64 32)`);
  return key;
}

/** A master key's public name: which key wrapped a data key, without revealing it. */
export function masterKeyId(key: Uint8Array): string {
  return createHmac("sha256", key).update("fieldwork personal-data master key id").digest("hex").slice(0, 16);
}

/** The folder the local key file lives in: FIELDWORK_DATA_DIR, else .data in the project. */
export function localKeyDir(): string {
  const dir = processEnv().FIELDWORK_DATA_DIR;
  return dir ? path.resolve(dir) : path.join(process.cwd(), ".data");
}

/**
 * The local master key (base64), generated on first use. Two processes starting
 * at once agree: the file appears whole (written aside, then linked) or not at all.
 */
export function localMasterKey(dir: string = localKeyDir()): string {
  const file = path.join(dir, MASTER_KEY_FILE);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dir, { recursive: true });
  const aside = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(aside, randomBytes(32).toString("base64"), { mode: 0o600 });
  try {
    linkSync(aside, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(aside);
  }
  return readFileSync(file, "utf8").trim();
}

/** Writes a key file in the local key folder (key rotation of the embedded default); returns its path. */
export function writeLocalMasterKey(key: Uint8Array, dir: string = localKeyDir(), name = MASTER_KEY_FILE): string {
  const file = path.join(dir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, Buffer.from(key).toString("base64"), { mode: 0o600 });
  return file;
}

/** This process's master key: PERSONAL_DATA_KEY, or (outside production) the local key file. */
export function masterKey(): { key: Buffer; from: "PERSONAL_DATA_KEY" | "file" } {
  const env = processEnv();
  if (env.PERSONAL_DATA_KEY) return { key: decodeMasterKey(env.PERSONAL_DATA_KEY, "PERSONAL_DATA_KEY"), from: "PERSONAL_DATA_KEY" };
  if (env.NODE_ENV === "production")
    throw new MasterKeyError("PERSONAL_DATA_KEY is required in production: the key that encrypts personal data (generate one with: openssl rand -base64 32)");
  const dir = localKeyDir();
  return { key: decodeMasterKey(localMasterKey(dir), path.join(dir, MASTER_KEY_FILE)), from: "file" };
}
