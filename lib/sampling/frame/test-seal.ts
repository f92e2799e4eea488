// Tests of the frame parse compare COPY text made by different chunkings, on
// different threads: each chunk seals its rows' personal values with a keystream
// of its own (lib/privacy/crypto/cipher.ts), so the tests compare the lines with
// those values opened again.
import { ChunkSealer, openValue, type DataKey } from "../../privacy/crypto/cipher";
import { unpackFields } from "../../privacy/crypto/fields";
import { copyLine } from "./copy";
import type { FrameRow } from "./row";

export const TEST_SEAL_KEY: DataKey = { id: 7, key: Buffer.alloc(32, 7) };

/** A COPY line (or lines) with the sealed personal values (the last column) opened: `phone|email|title|first|last`. */
export function openCopyText(text: string): string {
  return text.replace(/\t([A-Za-z0-9+/]{24,}={0,2})\n/g, (_, sealed: string) => {
    const values = unpackFields(openValue(Buffer.from(sealed, "base64"), TEST_SEAL_KEY), 5);
    return `\t${values.map((v) => v ?? "\\N").join("|")}\n`;
  });
}

/** A row's COPY line, its personal values opened (openCopyText). */
export const plainCopyLine = (r: FrameRow): string => openCopyText(copyLine(r, new ChunkSealer(TEST_SEAL_KEY)));
