/**
 * `npm run plan:shards [-- --json]`: the parts of the search index (whole years, or months of
 * a year too big for one, at most `searchShardPages` pages and `searchPartText` characters
 * of text each, raised if need be to keep within `MAX_PARTS` parts: `partLimitsFor`) the content root makes, one line per range of years a sharded build takes
 * (ANNALS_BUILD_YEARS, docs/sharded-builds.md): a part of whole years, or a split year with
 * its parts. `--json` prints the GitHub Actions matrix the sharded workflow runs one job per entry of.
 * Checks the content first, as the build does: with errors, prints them and exits 1.
 */
import { parseArgs } from 'node:util';
import { buildRanges, formatYearRange, partLimitsOf, partsForRange, publishedPerYear } from '../src/lib/build-scope.ts';
import { checkContentRoot, formatProblem } from '../src/lib/content-check.ts';
import { contentRoot } from '../src/lib/content-root.ts';
import { MAX_PARTS, partLimitsFor, planShards } from '../src/lib/search/shards.ts';
import { recordedArticle } from '../src/loaders/content-record.ts';
import { siteConfig } from '../src/site.config.ts';

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } } });

const { articles, problems } = checkContentRoot(contentRoot());
const errors = problems.filter((problem) => problem.severity === 'error');
if (errors.length > 0) {
  for (const error of errors) console.error(formatProblem(error));
  console.error(`plan:shards: ${errors.length} content error${errors.length === 1 ? '' : 's'}; fix them first (npm run lint:content)`);
  process.exit(1);
}
const sizes = publishedPerYear(articles.map(recordedArticle), siteConfig.timeZone);
const configured = partLimitsOf(siteConfig);
const limits = partLimitsFor(sizes, configured);
const parts = planShards(sizes, limits);
const builds = buildRanges(parts).map((range) => {
  const inside = partsForRange(parts, range);
  return { years: formatYearRange(range), pages: inside.reduce((sum, part) => sum + part.pages, 0), parts: inside.map((part) => part.name) };
});
if (values.json) {
  console.log(JSON.stringify({ include: builds.map(({ years, pages }) => ({ years, pages })) }));
} else {
  for (const build of builds) console.log(`${build.years}\t${build.pages} pages${build.parts.length > 1 ? `\tparts ${build.parts.join(', ')}` : ''}`);
  console.log(
    `plan:shards: ${builds.length} build${builds.length === 1 ? '' : 's'}, ${parts.length} search part${parts.length === 1 ? '' : 's'} of at most ${limits.pages} pages and ${limits.text} characters of text, unless one month alone is more` +
      (limits === configured ? '' : ` (raised from ${configured.pages} and ${configured.text} to keep the archive within ${MAX_PARTS} parts)`),
  );
}
