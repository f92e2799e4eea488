/**
 * What the plain (JavaScript-off) frame upload can get wrong before an import
 * starts: the route sends the browser back to /frame?error=<code> and the page
 * says this, linked to the file field.
 */
export const FRAME_UPLOAD_ERRORS = {
  file: "Choose a CSV file to upload",
  "file-name": "The file name is not readable: rename the file and upload it again",
  unreadable: "The upload could not be read. Choose the file and upload it again",
} as const;

export type FrameUploadError = keyof typeof FRAME_UPLOAD_ERRORS;

export function frameUploadErrorMessage(code: string | string[] | undefined): string | undefined {
  return typeof code === "string" && Object.hasOwn(FRAME_UPLOAD_ERRORS, code) ? FRAME_UPLOAD_ERRORS[code as FrameUploadError] : undefined;
}
