/**
 * Turns the bytes of a saved web page into text.
 *
 * The declared charset of a Chinese news page is a hint, not a fact: pages re-saved by
 * browsers or migrated CMSes keep `<meta charset="gb2312">` over UTF-8 bytes (people.cn,
 * qq.com and 163.com pages in the sample do). So the order is: byte-order mark, then strict
 * UTF-8 (a GB-family byte stream with Chinese text is practically never valid UTF-8), then
 * the declared charset, widened to GB18030 for gb2312/gbk because GB18030 is their
 * superset and browsers do the same (WHATWG Encoding: gb2312 and gbk are labels of gbk,
 * and the GBK decoder is the GB18030 decoder).
 */

export interface DecodedPage {
  text: string;
  /** The encoding that really decoded the bytes: utf-8, gb18030, big5 … */
  encoding: string;
  /** Set when the declaration and the bytes disagree, for the import log. */
  note?: string;
}

/** Encodings in the GB family that are read as GB18030, their superset. */
const GB_FAMILY = new Set(['gb2312', 'gbk', 'gb18030', 'x-gbk', 'csgb2312', 'chinese', 'iso-ir-58', 'gb_2312-80', 'gb_2312']);

const ascii = new TextDecoder('latin1');

/** The charset a page declares in its first bytes (`<meta charset>` or `http-equiv` content-type). */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  // The HTML prescan looks at the first 1024 bytes; CMS pages often put the meta later, so look further.
  const head = ascii.decode(bytes.subarray(0, 8192));
  const direct = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return direct?.[1]?.toLowerCase();
}

function tryDecode(bytes: Uint8Array, encoding: string, fatal: boolean): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal }).decode(bytes);
  } catch {
    return undefined;
  }
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte > 0x7f) return true;
  return false;
}

export function decodeHtml(bytes: Uint8Array): DecodedPage {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };

  const declared = declaredCharset(bytes);
  const declaredUtf8 = declared === undefined || declared === 'utf-8' || declared === 'utf8';

  const utf8 = tryDecode(bytes, 'utf-8', true);
  if (utf8 !== undefined) {
    if (declaredUtf8 || !hasNonAscii(bytes)) return { text: utf8, encoding: 'utf-8' };
    return { text: utf8, encoding: 'utf-8', note: `declares ${declared} but the bytes are valid UTF-8; read as UTF-8` };
  }

  if (declared === undefined || declaredUtf8) {
    // Undeclared or wrongly declared non-UTF-8 bytes: a Chinese page is most likely GB18030.
    const gb = tryDecode(bytes, 'gb18030', true);
    if (gb !== undefined) {
      return { text: gb, encoding: 'gb18030', note: `${declared ? `declares ${declared} but is not valid UTF-8` : 'declares no charset'}; read as GB18030` };
    }
    throw new Error(`the page is neither valid UTF-8 nor GB18030 (declared charset: ${declared ?? 'none'}); convert it to UTF-8 and import again`);
  }

  const encoding = GB_FAMILY.has(declared) ? 'gb18030' : declared;
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new Error(`the page declares charset "${declared}", which this importer cannot decode; convert it to UTF-8 and import again`);
  }
  try {
    return { text: decoder.decode(bytes), encoding: decoder.encoding };
  } catch {
    throw new Error(`the page declares charset "${declared}" but its bytes are not valid ${decoder.encoding}; the file may be damaged or mixed; convert it to UTF-8 and import again`);
  }
}
