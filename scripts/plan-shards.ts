/**
 * `npm run plan:shards [-- --json]`: the parts of the search index (whole years, at most
 * `searchShardPages` pages and `searchPartText` characters of text each) the content root makes, one line per part; each is a
 * value for ANNALS_BUILD_YEARS in a sharded build (docs/sharded-builds.md). `--json`
 * prints the GitHub Actions matrix the sharded workflow runs one job per entry of.
 * Checks the content first, as the build does: with errors, prints them and exits 1.
 */
import { parseArgs } from 'node:util';
import { formatYearRange, partLimitsOf, publishedPerYear } from '../src/lib/build-scope.ts';
import { checkContentRoot, formatProblem } from '../src/lib/content-check.ts';
import { contentRoot } from '../src/lib/content-root.ts';
import { planShards } from '../src/lib/search/shards.ts';
import { siteConfig } from '../src/site.config.ts';

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } } });

const { articles, problems } = checkContentRoot(contentRoot());
const errors = problems.filter((problem) => problem.severity === 'error');
if (errors.length > 0) {
  for (const error of errors) console.error(formatProblem(error));
  console.error(`plan:shards: ${errors.length} content error${errors.length === 1 ? '' : 's'}; fix them first (npm run lint:content)`);
  process.exit(1);
}
const parts = planShards(publishedPerYear(articles, siteConfig.timeZone), partLimitsOf(siteConfig));
const years = parts.map((part) => formatYearRange({ from: Math.min(...part.years), to: Math.max(...part.years) }));
if (values.json) {
  console.log(JSON.stringify({ include: parts.map((part, i) => ({ years: years[i], pages: part.pages })) }));
} else {
  for (const [i, part] of parts.entries()) console.log(`${years[i]}\t${part.pages} pages`);
  console.log(`plan:shards: ${parts.length} part${parts.length === 1 ? '' : 's'} of at most ${siteConfig.searchShardPages} pages and ${siteConfig.searchPartText} characters of text, unless one year alone is more`);
}
