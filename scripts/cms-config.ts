/**
 * `npm run cms:config -- [--github owner/repo] [--branch main] [--auth-url URL] [--out DIR]`
 *
 * Prints the web editor's configuration, generated from the article schema
 * (src/lib/cms-config.ts). With `--github`, the configuration for GitHub mode: editors log
 * in with GitHub and Decap CMS commits to the repository (docs/editing.md, "GitHub mode").
 * With `--out DIR`, writes a complete editor into DIR to be hosted on its own address:
 * index.html, config.yml, the MDX body widget and Decap CMS's files from node_modules.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { cmsConfig, type CmsBackend } from '../src/lib/cms-config.ts';

const USAGE = 'usage: npm run cms:config -- [--github owner/repo] [--branch main] [--auth-url https://auth.example.org] [--out DIR]';
let parsed;
try {
  parsed = parseArgs({
    options: {
      github: { type: 'string' },
      branch: { type: 'string', default: 'main' },
      'auth-url': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (error) {
  console.error(`cms:config: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}
const { values } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values.github !== undefined && !/^[\w.-]+\/[\w.-]+$/.test(values.github)) {
  console.error(`cms:config: --github wants owner/repo, such as shaoyang-daily/archive, not "${values.github}"`);
  process.exit(2);
}

const backend: CmsBackend = values.github
  ? { name: 'github', repo: values.github, branch: values.branch, ...(values['auth-url'] ? { base_url: values['auth-url'], auth_endpoint: 'auth' } : {}) }
  : { name: 'proxy', proxy_url: '/api/v1', branch: values.branch };
const config = stringify(cmsConfig({ backend }), { lineWidth: 0 });

if (values.out === undefined) {
  process.stdout.write(config);
} else {
  const out = resolve(values.out);
  const project = join(dirname(fileURLToPath(import.meta.url)), '..');
  const decap = join(project, 'node_modules', 'decap-cms', 'dist');
  if (!existsSync(join(decap, 'decap-cms.js'))) {
    console.error('cms:config: node_modules/decap-cms/dist/decap-cms.js is missing; run npm install');
    process.exit(1);
  }
  mkdirSync(out, { recursive: true });
  for (const name of readdirSync(decap)) if (!name.endsWith('.map') && /\.(js|wasm|txt)$/.test(name)) copyFileSync(join(decap, name), join(out, name));
  for (const name of ['index.html', 'mdx-body-widget.js']) copyFileSync(join(project, 'src', 'cms', name), join(out, name));
  writeFileSync(join(out, 'config.yml'), config);
  console.log(`cms:config: wrote the editor (${values.github ? `GitHub mode, ${values.github} ${values.branch}` : 'local mode'}) to ${out}`);
}
