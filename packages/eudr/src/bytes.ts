// Sizes as the IS counts them: bytes of UTF-8, and the length of their base64.

const encoder = new TextEncoder();

export const utf8Length = (text: string): number => encoder.encode(text).length;

/** RFC 4648 §4 with padding: four characters for every three bytes or part of three. */
export const base64Length = (bytes: number): number => 4 * Math.ceil(bytes / 3);
