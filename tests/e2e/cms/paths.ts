import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the editor under test keeps its content root (tests/e2e/cms/serve.ts). Fixed, never
 * configurable: the server deletes its parent folder to start fresh.
 */
export const CMS_E2E_ROOT = join(tmpdir(), 'annals-cms-e2e', 'content');
export const CMS_E2E_PORT = 4402;
/** The articles the server imported from the xwlb corpus, when ../shared is present: their paths from the content root, as JSON. */
export const CMS_E2E_IMPORTED = join(CMS_E2E_ROOT, '..', 'imported.json');
/** How many: enough kinds of article, few enough that a browser saves them all in a minute. */
export const CMS_E2E_CORPUS_ARTICLES = 12;
