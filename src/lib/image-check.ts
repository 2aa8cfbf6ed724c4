/**
 * Checks a figure's image file before the image pipeline sees it: the bytes must be the
 * format the extension names (a PNG saved as .jpg is refused, as browsers and sharp would
 * each guess differently), a raster image may have at most 40 megapixels (a decompression
 * bomb would stall or crash the build), and an SVG may carry no script, event handler,
 * javascript: link or embedded foreign content (an SVG opened from the site runs its scripts).
 *
 * Formats are recognised by their magic bytes; dimensions are read from the header, so no
 * image is decoded.
 */
import { readFileSync } from 'node:fs';

export const MAX_MEGAPIXELS = 40;

export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'avif' | 'svg';

const FORMAT_BY_EXTENSION: Record<string, ImageFormat> = {
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.png': 'png',
  '.gif': 'gif',
  '.webp': 'webp',
  '.avif': 'avif',
  '.svg': 'svg',
};

const EXTENSION_BY_FORMAT: Record<ImageFormat, string> = { jpeg: '.jpg', png: '.png', gif: '.gif', webp: '.webp', avif: '.avif', svg: '.svg' };

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

/** The format the bytes are in, whatever the file is called. */
export function sniffFormat(bytes: Uint8Array): ImageFormat | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
  if (ascii(bytes, 4, 4) === 'ftyp' && /^avi[fs]$/.test(ascii(bytes, 8, 4))) return 'avif';
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '');
  if (/^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)) return 'svg';
  return undefined;
}

/** Width and height from the file header, or undefined when the header cannot be read. */
export function rasterSize(bytes: Uint8Array, format: ImageFormat): { width: number; height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    switch (format) {
      case 'png':
        return { width: view.getUint32(16), height: view.getUint32(20) };
      case 'gif':
        return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
      case 'jpeg': {
        let offset = 2;
        while (offset + 9 < bytes.length) {
          if (bytes[offset] !== 0xff) return undefined;
          const marker = bytes[offset + 1] ?? 0;
          if (marker === 0xff) { offset += 1; continue; }
          const length = view.getUint16(offset + 2);
          // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
          if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
            return { height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
          }
          offset += 2 + length;
        }
        return undefined;
      }
      case 'webp': {
        const chunk = ascii(bytes, 12, 4);
        if (chunk === 'VP8X') return { width: 1 + (view.getUint32(24, true) & 0xffffff), height: 1 + (view.getUint32(27, true) & 0xffffff) };
        if (chunk === 'VP8 ') return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
        if (chunk === 'VP8L') {
          const bits = view.getUint32(21, true);
          return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
        }
        return undefined;
      }
      case 'avif': {
        // The image spatial extents property: 'ispe', 4 bytes version/flags, width, height.
        for (let offset = 0; offset + 16 <= bytes.length; offset++) {
          if (bytes[offset] === 0x69 && ascii(bytes, offset, 4) === 'ispe') {
            return { width: view.getUint32(offset + 8), height: view.getUint32(offset + 12) };
          }
        }
        return undefined;
      }
      case 'svg':
        return undefined;
    }
  } catch {
    return undefined;
  }
}

/** What in an SVG would run or load code when the file is opened. */
export function svgHazards(text: string): string[] {
  const hazards: string[] = [];
  if (/<script[\s>/]/i.test(text)) hazards.push('a <script> element');
  const handler = /\s(on[a-z]+)\s*=/i.exec(text);
  if (handler) hazards.push(`an event handler (${handler[1]}=)`);
  if (/(?:href|src)\s*=\s*["']?\s*(?:javascript|data:text\/html|vbscript):/i.test(text)) hazards.push('a javascript: link');
  if (/<foreignObject[\s>/]/i.test(text)) hazards.push('embedded HTML (<foreignObject>)');
  if (/<!ENTITY/i.test(text)) hazards.push('an XML entity declaration');
  return hazards;
}

/** Problems with one image file, as sentences that end with the fix. */
export function checkImageFile(path: string, extension: string): string[] {
  const expected = FORMAT_BY_EXTENSION[extension.toLowerCase()];
  if (!expected) return [`${extension || 'a file without extension'} is not an image format the site publishes; use .jpg, .png, .webp, .avif, .gif or .svg`];
  const bytes = readFileSync(path);
  if (bytes.length === 0) return ['the image file is empty; replace it with the photo or remove image: to keep the caption alone'];
  const actual = sniffFormat(bytes);
  if (actual === undefined) return [`the file is not a ${expected.toUpperCase()} image (its bytes match no image format); replace it with the real photo`];
  if (actual !== expected) {
    return [`the file is named ${extension} but its bytes are a ${actual.toUpperCase()} image; rename it to ${EXTENSION_BY_FORMAT[actual]} (and image: with it) or convert it`];
  }
  if (actual === 'svg') {
    const hazards = svgHazards(bytes.toString('utf8'));
    return hazards.length > 0 ? [`the SVG contains ${hazards.join(', ')}, which would run in readers' browsers; export it again without scripts or use a PNG`] : [];
  }
  const size = rasterSize(bytes, actual);
  if (!size || size.width === 0 || size.height === 0) return [`the ${actual.toUpperCase()} header gives no image size (the file is damaged or truncated); export it again`];
  const megapixels = (size.width * size.height) / 1e6;
  if (megapixels > MAX_MEGAPIXELS) {
    return [`the image is ${size.width}×${size.height} (${megapixels.toFixed(1)} megapixels), over the ${MAX_MEGAPIXELS}-megapixel limit; scale it down before adding it`];
  }
  return [];
}
