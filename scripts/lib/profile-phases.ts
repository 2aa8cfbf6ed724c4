/**
 * Where the time of a window of a V8 CPU profile (`node --cpu-prof`) went, by phase: each
 * sample is put in the first phase whose pattern matches a frame of its stack (function name
 * and file), innermost frame first, so a phase is inclusive of what it calls unless a phase
 * listed earlier matches. `bench:dev --profile` prints each figure's phases with it.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Phases in the order they are tried: a sample goes to the first that matches any frame of its stack. */
export const DEV_PHASES: [name: string, frame: RegExp][] = [
  ['idle (waiting: timers, I/O, compiler threads)', /^\(idle\)@/],
  ['garbage collection', /^\(garbage collector\)@/],
  ['content check: kept checks read/written', /^(readKeptChecks|writeKeptChecks\w*|keptChecksKey)@/],
  ['content check: walk over the files', /^(listFiles|walk)@.*content-check/],
  ['content check: frontmatter (YAML)', /^parseArticleFile@/],
  ['content check: MDX policy', /^analyseMdxBody@/],
  ['content check: rest (read, schema, digest, workers)', /^(checkContentRoot|precheckInParallel|checkFiles)@/],
  ['related articles', /^(relatedIndex|relatedArticles\w*)@/],
  ['site index (terms, neighbours)', /^(indexOf|siteIndex)@.*site-index/],
  ['articles from the check', /^(devArticles|devArticleEntries)@/],
  ['Astro content store: write', /data-store-writer|^writeToDisk@/],
  ['Astro content store: other (devalue, set)', /devalue|mutable-data-store/],
  ['file watcher', /_addToNodeFs|_handleDir|_watchWithNodeFs|fs\/watchers/],
  ['Vite: transform modules', /^(transformRequest|loadAndTransform|doTransform|ssrTransform\w*|fetchModule)@/],
  ['Vite: run modules', /^(runInlinedModule|directRequest|cachedRequest)@/],
  ['page render', /^(renderPage|renderToString|renderToAsyncIterable)@/],
  ['loader (rest)', /^load@.*loaders\/articles/],
];

/** Milliseconds of each phase (and `other`) in [fromUs, toUs] of the profile's clock. */
export function profilePhases(file: string, fromUs: number, toUs: number, phases = DEV_PHASES): Map<string, number> {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const phaseOf = new Map<number, string>();
  const classify = (id: number): string => {
    let phase = phaseOf.get(id);
    if (phase !== undefined) return phase;
    const frames: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame) frames.push(`${frame.functionName}@${frame.url}`);
    }
    phase = phases.find(([, pattern]) => frames.some((frame) => pattern.test(frame)))?.[0] ?? 'other';
    phaseOf.set(id, phase);
    return phase;
  };
  const totals = new Map<string, number>();
  let time = profile.startTime;
  const times = profile.timeDeltas.map((delta) => (time += delta));
  for (let i = 0; i < profile.samples.length; i++) {
    const at = times[i] ?? 0;
    if (at < fromUs || at > toUs) continue;
    const ms = ((times[i + 1] ?? at) - at) / 1000;
    const phase = classify(profile.samples[i] ?? 0);
    totals.set(phase, (totals.get(phase) ?? 0) + ms);
  }
  return totals;
}

/** The profile's first and last sample times, to tell which profile holds a window. */
export function profileSpan(file: string): { startUs: number; endUs: number } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  return { startUs: profile.startTime, endUs: profile.endTime };
}
