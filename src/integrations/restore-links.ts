/**
 * Cached pages are restored by hard link, not by copy (`src/lib/restore-links.ts`): in a
 * rebuild where nothing changed Astro awaited a mkdir and a copy for each of 23,716 pages.
 *
 * Before the pages are generated every cached copy is linked into the staging folder, and
 * Astro keeps a page it finds there instead of copying it. The default prerenderer is
 * wrapped (`setPrerenderer`, Astro's API for adapters) so that before a page is rendered
 * again its linked name and its cache copy are unlinked: Astro then writes new files, never
 * through a link into the cache or into an earlier output that shares the file. After the
 * pages, linked pages this build did not produce are deleted, before the search index and
 * the output check read the folder.
 *
 * This leans on how Astro 7 restores a page (skipped when the output file exists; cached
 * copies under `<cacheDir>/dist/`, written with `writeFile`). Any other Astro, build format
 * or a missing hook gets one warning and Astro's own copying; the cache's copies are then
 * removed, as they may be linked into an earlier output that Astro would write through.
 *
 * Astro keeps one prerenderer, so this wrapper is also where each rendered page is announced
 * to the integrations that want it as it comes (`src/lib/rendered-pages.ts`).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger, AstroPrerenderer } from 'astro';
import { announceRenderedPage, renderedPagesWanted } from '../lib/rendered-pages.ts';
import { LinkedPages, outputFileOf, RestoreLinkError } from '../lib/restore-links.ts';

export const RESTORE_LINKS = 'annals:restore-links';

/** The Astro versions whose page restoring this was written against and tested with. */
export const SUPPORTED_ASTRO_MAJOR = 7;

/** Why restoring by link cannot be used with this Astro and configuration; undefined when it can. */
export function unsupportedReason(options: { astroVersion: string; format: string; incremental: boolean; hasSetPrerenderer: boolean }): string | undefined {
  if (!options.incremental) return 'experimental.incrementalBuild is off';
  if (Number(options.astroVersion.split('.')[0]) !== SUPPORTED_ASTRO_MAJOR) return `Astro ${options.astroVersion} is not Astro ${SUPPORTED_ASTRO_MAJOR}, whose page restoring src/integrations/restore-links.ts relies on`;
  if (options.format !== 'directory') return `build.format is '${options.format}', not 'directory'`;
  if (!options.hasSetPrerenderer) return 'astro:build:start has no setPrerenderer';
  return undefined;
}

/** Beside the cache's copies: present once any of them was linked into an output folder. */
const linkedMark = (cacheDist: string) => `${cacheDist}.annals-linked`;

function astroVersion(): string {
  const manifest = createRequire(import.meta.url).resolve('astro/package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** The default prerenderer, releasing each page's linked files before Astro writes it. */
export function releasingPrerenderer(inner: AstroPrerenderer, links: LinkedPages, base: string): AstroPrerenderer {
  return {
    ...inner,
    name: `${inner.name}+${RESTORE_LINKS}`,
    setup: async () => {
      await inner.setup?.();
    },
    getStaticPaths: () => inner.getStaticPaths(),
    render: async (request, options) => {
      const file = outputFileOf(new URL(request.url).pathname, base, options.routeData.type);
      if (file === undefined) throw new RestoreLinkError(`cannot tell which file ${request.url} (${options.routeData.type}) is written to, so a linked copy might be written through; src/lib/restore-links.ts outputFileOf needs to learn it`);
      links.release(file);
      const rendered = await inner.render(request, options);
      const response = rendered instanceof Response ? rendered : rendered.response;
      if (options.routeData.type === 'page' && response.status === 200 && renderedPagesWanted()) announceRenderedPage(file, await response.clone().text());
      return rendered;
    },
  };
}

export default function restoreLinks(): AstroIntegration {
  let links: LinkedPages | undefined;
  let cacheDist: string | undefined;
  let outDir: string | undefined;
  let base = '/';
  let supported: { format: string; incremental: boolean } | undefined;
  const fallBack = (logger: AstroIntegrationLogger, reason: string) => {
    logger.warn(`restoring cached pages by copy, as Astro does (${reason})`);
    links = undefined;
    if (!cacheDist || !existsSync(linkedMark(cacheDist))) return;
    // Copies an earlier build linked out may be in a published folder: Astro would write through them.
    rmSync(cacheDist, { recursive: true, force: true });
    rmSync(linkedMark(cacheDist), { force: true });
  };
  return {
    name: RESTORE_LINKS,
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDist = fileURLToPath(new URL('dist/', config.cacheDir)).replace(/\/+$/, '');
        outDir = fileURLToPath(config.outDir).replace(/\/+$/, '');
        base = config.base;
        supported = { format: config.build.format, incremental: config.experimental.incrementalBuild === true };
      },
      'astro:build:start': (params) => {
        const { logger } = params;
        if (!supported || !cacheDist || !outDir) return;
        const setPrerenderer = (params as { setPrerenderer?: unknown }).setPrerenderer;
        const reason = unsupportedReason({ astroVersion: astroVersion(), ...supported, hasSetPrerenderer: typeof setPrerenderer === 'function' });
        if (reason) {
          if (supported.incremental) fallBack(logger, reason);
          return;
        }
        const pages = new LinkedPages(cacheDist, outDir);
        links = pages;
        const pageBase = base;
        params.setPrerenderer((inner) => {
          const wrapped = releasingPrerenderer(inner, pages, pageBase);
          // Linked as the pages start, after the bundler has written its files.
          return {
            ...wrapped,
            setup: async () => {
              await wrapped.setup?.();
              const started = performance.now();
              const count = pages.linkAll();
              if (count > 0) writeFileSync(linkedMark(pages.cacheDir), 'copies in dist/ may be hard-linked into published output folders\n');
              logger.info(`linked ${count} cached pages into the output folder in ${Math.round(performance.now() - started)} ms`);
            },
          };
        });
      },
      'astro:build:done': ({ dir, assets, logger }) => {
        if (!links) return;
        const built = fileURLToPath(dir).replace(/\/+$/, '');
        if (built !== links.outDir) throw new RestoreLinkError(`pages were linked into ${links.outDir} but the build wrote ${built}`);
        if (!(assets instanceof Map)) throw new RestoreLinkError('astro:build:done gave no assets, so pages removed from the site cannot be told apart from restored ones');
        const produced = new Set<string>();
        for (const urls of assets.values()) {
          for (const url of urls) {
            const file = fileURLToPath(url);
            if (file.startsWith(`${built}/`)) produced.add(file.slice(built.length + 1));
          }
        }
        const summary = links.finish(produced);
        logger.info(`${summary.kept} pages restored by link, ${summary.released} rendered again, ${summary.removed} no longer in the site removed`);
      },
    },
  };
}
