/** `/font-size.js`: applies the reader's stored 字体 size before the first paint (see `fontSizeBootScript`). */
import type { APIRoute } from 'astro';
import { fontSizeBootScript } from '../lib/reader-prefs.ts';

export const GET: APIRoute = () =>
  new Response(fontSizeBootScript(), { headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
