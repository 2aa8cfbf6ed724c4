/**
 * Merging the incremental-build manifests of sharded builds (docs/sharded-builds.md).
 *
 * Astro 7.2's experimental incremental build keeps `incremental-build.json` in its cache
 * dir: per route, the hash of the route's code and, per page, the cache key it was rendered
 * with and where its copy is. Shards render disjoint pages with the same code, so their
 * manifests merge by union; anything else (other code, another Astro or lockfile, one page
 * from two shards) means the shards do not belong together and assembling must stop.
 * The format is Astro's and experimental: an unknown version is refused, not guessed at.
 */

export const SUPPORTED_MANIFEST_VERSION = 1;

interface PageEntry {
  cacheKey: string;
  outputFile: string;
  [field: string]: unknown;
}

interface RouteEntry {
  dependencyHash: string;
  paths: Record<string, PageEntry>;
}

export interface IncrementalManifest {
  version: number;
  configHash: string;
  lockfileHash: string;
  keyDigest?: string;
  routes: Record<string, RouteEntry>;
}

export class ManifestMergeError extends Error {
  override name = 'ManifestMergeError';
}

export function mergeIncrementalManifests(manifests: readonly { source: string; manifest: IncrementalManifest }[]): IncrementalManifest {
  const [first] = manifests;
  if (!first) throw new ManifestMergeError('there are no shard caches to assemble');
  const merged: IncrementalManifest = { ...first.manifest, routes: {} };
  const owner = new Map<string, string>();
  for (const { source, manifest } of manifests) {
    if (manifest.version !== SUPPORTED_MANIFEST_VERSION) {
      throw new ManifestMergeError(`${source}: incremental-build.json has version ${manifest.version}; this assembler knows version ${SUPPORTED_MANIFEST_VERSION} (Astro's experimental format changed: update scripts and Astro together)`);
    }
    for (const field of ['configHash', 'lockfileHash'] as const) {
      if (manifest[field] !== first.manifest[field]) throw new ManifestMergeError(`${source}: built with another ${field === 'configHash' ? 'Astro configuration' : 'package-lock.json'} than ${first.source}; build every shard from the same commit`);
    }
    for (const [route, entry] of Object.entries(manifest.routes)) {
      const target = (merged.routes[route] ??= { dependencyHash: entry.dependencyHash, paths: {} });
      if (target.dependencyHash !== entry.dependencyHash) throw new ManifestMergeError(`${source}: ${route} was built from other code than in ${owner.get(route) ?? first.source}; build every shard from the same commit`);
      owner.set(route, owner.get(route) ?? source);
      for (const [path, page] of Object.entries(entry.paths)) {
        const previous = owner.get(`${route}\u0000${path}`);
        if (previous) throw new ManifestMergeError(`${source}: the page ${path} was also built by ${previous}; shards must cover different years`);
        owner.set(`${route}\u0000${path}`, source);
        target.paths[path] = page;
      }
    }
  }
  return merged;
}
