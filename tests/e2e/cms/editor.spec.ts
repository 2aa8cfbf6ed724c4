/**
 * The web editor in local mode (`npm run cms`, issue 16), driven in Chromium on a content
 * root of its own (tests/e2e/cms/serve.ts): a new article with two photos, two authors
 * with roles and an editor; an imported article completed and published from the review
 * queue; the reference article saved unchanged and with one change. What was saved must
 * pass `npm run lint:content` and build into pages that show every field.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures.ts';
import { CMS_E2E_IMPORTED as IMPORTED, CMS_E2E_ROOT } from './paths.ts';
import { changedLines } from '../../unit/cms/changed-lines.ts';

test.describe.configure({ mode: 'serial' });

const project = join(import.meta.dirname, '..', '..', '..');
const node = process.execPath;
const REFERENCE = join(CMS_E2E_ROOT, 'articles', '2017', '10', 'shaoyang-party-building-2017.mdx');
const NEW_ARTICLE = join(CMS_E2E_ROOT, 'articles', '2024', '03', 'county-briefing-2024.mdx');
const REVIEW = join(CMS_E2E_ROOT, 'articles', '_review', 'spring-ploughing-meeting.mdx');
const PUBLISHED = join(CMS_E2E_ROOT, 'articles', '2024', '04', 'spring-ploughing-meeting.mdx');

/** A one-pixel PNG of one colour: real PNG bytes, as the image check reads them, and two photos never the same file. */
function png(red: number, green: number, blue: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, red, green, blue]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function open(page: Page, hash: string): Promise<void> {
  // A new load each time: a hash change alone would not show the login step below.
  if (page.url().includes('/admin/')) await page.goto('about:blank');
  await page.goto(`/admin/#${hash}`);
  // The proxy backend asks for no credentials, but Decap shows its login button once per browser profile.
  const login = page.getByRole('button', { name: '登录' });
  await expect(login.or(page.locator('a[href^="#/collections/"]').first())).toBeVisible({ timeout: 20_000 });
  if (await login.isVisible()) await login.click();
}

/** Saves the entry: Decap's 发布 menu, 立即发布, and waits for the backend's answer; `sent` is what Decap sent. */
async function publish(page: Page): Promise<{ status: number; body: string; sent: { path: string; raw: string } }> {
  const answer = page.waitForResponse((response) => response.url().endsWith('/api/v1') && response.request().postData()?.includes('"persistEntry"') === true);
  await page.getByRole('button', { name: '发布', exact: true }).click();
  await page.getByText('立即发布', { exact: true }).click();
  const response = await answer;
  const request = JSON.parse(response.request().postData() ?? '{}') as { params: { dataFiles: { path: string; raw: string }[] } };
  const sent = request.params.dataFiles[0] ?? { path: '', raw: '' };
  return { status: response.status(), body: await response.text(), sent };
}

/**
 * Decap saves only an entry whose form differs from what it loaded, so "open and save
 * unchanged" is the file Decap wrote for a one-field change with that change undone:
 * every other line is Decap's own YAML writer's.
 */
async function saveUndone(page: Page, sent: { path: string; raw: string }, undo: (raw: string) => string): Promise<number> {
  const response = await page.request.post('/api/v1', { data: { action: 'persistEntry', params: { branch: 'main', dataFiles: [{ ...sent, raw: undo(sent.raw) }], assets: [] } } });
  return response.status();
}


/** Uploads a photo into the last figure (whose button still says 选择图片: a chosen one says otherwise). */
async function uploadPhoto(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page.getByRole('button', { name: '选择图片' }).last().click();
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'image/png', buffer: bytes });
  const card = page.getByRole('dialog').getByText(name, { exact: true });
  await expect(card).toBeVisible();
  // Decap selects a file it has just uploaded; a click would unselect it.
  const insert = page.getByRole('button', { name: '选用已选中项目' });
  if (await insert.isDisabled()) await card.click();
  await insert.click();
}

test('a new article with two photos and captions, two authors with roles and an editor is saved into its month', async ({ page }) => {
  test.setTimeout(90_000);
  await open(page, '/collections/articles/new');
  await page.locator('input[id^="title-field"]').fill('县委召开全体会议 部署春耕生产');
  await page.locator('input[id^="slug-field"]').fill('county-briefing-2024');
  await page.locator('input[id^="date-field"]').fill('2024-03-05T18:30+08:00');
  await page.locator('input[id^="name-field"]').first().fill('邵阳日报');
  await page.locator('input[id^="url-field"]').fill('https://www.example.com/2024/03/05/briefing.html');

  for (const [name, role] of [['艾哲', '记者'], ['李明', '摄影']] as const) {
    await page.getByRole('button', { name: '新增署名' }).click();
    await page.locator('input[id^="name-field"]').last().fill(name);
    await page.locator('input[id^="role-field"]').last().fill(role);
  }
  await page.locator('input[id^="editor-field"]').fill('刘茜');
  await page.locator('input[id^="section-field"]').fill('时政');
  await page.locator('input[id^="tags-field"]').fill('春耕, 县委');

  const figures = [
    { id: 'meeting', caption: '会议现场。', photo: 'meeting.png', bytes: png(200, 30, 30), alt: '县委常委会议室', credit: '摄影 李明' },
    { id: 'fields', caption: '春耕中的田野。', photo: 'fields.png', bytes: png(30, 160, 40), alt: '田间的拖拉机', credit: '摄影 李明' },
  ];
  for (const figure of figures) {
    await page.getByRole('button', { name: '新增图片' }).click();
    await page.locator('input[id^="id-field"]').last().fill(figure.id);
    await page.locator('textarea[id^="caption-field"]').last().fill(figure.caption);
    await uploadPhoto(page, figure.photo, figure.bytes);
    await page.locator('input[id^="alt-field"]').last().fill(figure.alt);
    await page.locator('input[id^="credit-field"]').last().fill(figure.credit);
  }

  // The body: text, and each figure put where it stands with its button.
  const body = page.locator('textarea[id^="body-field"]');
  await body.fill('县委昨日召开全体会议，部署春耕生产。');
  await body.press('End');
  await page.getByRole('button', { name: '插入图片位置 meeting' }).click();
  await body.press('ControlOrMeta+End');
  await body.pressSequentially('会议要求抓好农资供应。');
  await page.getByRole('button', { name: '插入图片位置 fields' }).click();

  const saved = await publish(page);
  expect(saved.status, saved.body).toBe(200);
  await expect.poll(() => existsSync(NEW_ARTICLE)).toBe(true);
  const text = readFileSync(NEW_ARTICLE, 'utf8');
  expect(text).toContain('date: 2024-03-05T18:30+08:00');
  expect(text).toMatch(/authors:\n {2}- name: 艾哲\n {4}role: 记者\n {2}- name: 李明\n {4}role: 摄影\n/);
  expect(text).toContain('editor: 刘茜');
  expect(text).toMatch(/<Figure id="meeting" \/>\n\n会议要求抓好农资供应。\n\n<Figure id="fields" \/>\n$/);
  for (const figure of figures) expect(existsSync(join(CMS_E2E_ROOT, 'articles', '2024', '03', figure.photo)), figure.photo).toBe(true);
});

test('an imported article waiting in _review/ is completed and published from the editor', async ({ page }) => {
  await open(page, '/collections/review');
  await page.getByText('县里召开春耕生产动员会').click();
  await page.locator('input[id^="date-field"]').fill('2024-04-02T09:00+08:00');
  await page.locator('input[id^="name-field"]').first().fill('邵阳日报');

  // Without ticking publish, a save keeps it in the queue.
  const kept = await publish(page);
  expect(kept.status, kept.body).toBe(200);
  expect(readFileSync(REVIEW, 'utf8')).toContain('date: 2024-04-02T09:00+08:00');

  await page.locator('[id^="publish-field"]').click();
  const published = await publish(page);
  expect(published.status, published.body).toBe(200);
  expect(existsSync(REVIEW)).toBe(false);
  const text = readFileSync(PUBLISHED, 'utf8');
  expect(text).toMatch(/^---\ntitle: 县里召开春耕生产动员会\nslug: spring-ploughing-meeting\ndate: 2024-04-02T09:00\+08:00\nsource: 邵阳日报\nauthors:/);
  expect(text).not.toMatch(/^publish:/m);
  // The importer's note that the file waits in the queue goes with it; others stay.
  expect(text).not.toContain('articles/_review/');
  expect(text).toMatch(/---\n\n县里召开春耕生产动员会，部署今年的春耕备耕工作。\n/);
});

test('the reference article: one field changed in the editor changes only its line; saved unchanged, it stays byte for byte', async ({ page }) => {
  const original = readFileSync(REFERENCE, 'utf8');
  await open(page, '/collections/articles/entries/2017/10/shaoyang-party-building-2017');
  await expect(page.locator('input[id^="title-field"]')).toHaveValue('党的十八大以来邵阳县党建工作发展纪实之为有源头活水来');
  await page.locator('input[id^="editor-field"]').fill('王芳');
  const edited = await publish(page);
  expect(edited.status, edited.body).toBe(200);
  // Decap wrote the whole file again; only the changed line reaches the disk.
  expect(edited.sent.raw).not.toBe(original.replace('editor: 刘茜\n', 'editor: 王芳\n'));
  expect(changedLines(original, readFileSync(REFERENCE, 'utf8'))).toEqual({ removed: ['editor: 刘茜'], added: ['editor: 王芳'] });

  writeFileSync(REFERENCE, original);
  expect(await saveUndone(page, edited.sent, (raw) => raw.replace('王芳', '刘茜'))).toBe(200);
  expect(readFileSync(REFERENCE, 'utf8')).toBe(original);
  writeFileSync(REFERENCE, original.replace('editor: 刘茜\n', 'editor: 王芳\n'));
});

test('articles imported from the xwlb corpus: a new title changes only the title line; saved unchanged, each stays byte for byte', async ({ page }) => {
  test.skip(!existsSync(IMPORTED), 'the xwlb corpus (../shared) is not on this machine');
  test.setTimeout(180_000);
  const imported = JSON.parse(readFileSync(IMPORTED, 'utf8')) as string[];
  expect(imported.length).toBeGreaterThan(0);
  let identical = 0;
  for (const relative of imported) {
    const file = join(CMS_E2E_ROOT, relative);
    const original = readFileSync(file, 'utf8');
    await open(page, `/collections/articles/entries/${relative.replace(/^articles\//, '').replace(/\.mdx$/, '')}`);
    const title = page.locator('input[id^="title-field"]');
    const before = await title.inputValue();
    await title.fill(`${before}（修订）`);
    const saved = await publish(page);
    expect(saved.status, `${relative}: ${saved.body}`).toBe(200);
    const diff = changedLines(original, readFileSync(file, 'utf8'));
    expect(diff.removed, relative).toHaveLength(1);
    expect(diff.added[0], relative).toMatch(/^title: .*（修订）/);
    writeFileSync(file, original);
    expect(await saveUndone(page, saved.sent, (raw) => raw.replace(`${before}（修订）`, before))).toBe(200);
    if (readFileSync(file, 'utf8') === original) identical++;
  }
  expect(identical).toBe(imported.length);
});

test.describe('a refused save', () => {
  // Decap logs the refusal it shows the editor, and rethrows it.
  test.use({ expectedConsole: [/status of 422|API_ERROR: 没有保存|^uncaught: Object$/] });

  test('a save the build would refuse is refused with the field and the fix, and the file is kept', async ({ page }) => {
    const original = readFileSync(REFERENCE, 'utf8');
    await open(page, '/collections/articles/entries/2017/10/shaoyang-party-building-2017');
    await page.locator('input[id^="id-field"]').first().fill('lead');
    const refused = await publish(page);
    expect(refused.status).toBe(422);
    expect(JSON.parse(refused.body).error).toMatch(/<Figure id="county-secretary" \/> names no figure in the frontmatter; add it under figures: or fix the id/);
    await expect(page.getByText(/names no figure in the frontmatter/).first()).toBeVisible();
    expect(readFileSync(REFERENCE, 'utf8')).toBe(original);
  });
});

test('what the editor saved passes npm run lint:content and builds into pages that show every field', async () => {
  test.setTimeout(300_000);
  const env = { ...process.env, ANNALS_CONTENT_DIR: CMS_E2E_ROOT };
  const lint = execFileSync(node, ['scripts/lint-content.ts'], { cwd: project, env, encoding: 'utf8' });
  const imported = existsSync(IMPORTED) ? (JSON.parse(readFileSync(IMPORTED, 'utf8')) as string[]).length : 0;
  expect(lint).toMatch(new RegExp(`checked ${3 + imported} articles .*: 0 errors, 0 warnings`));

  const out = mkdtempSync(join(tmpdir(), 'annals-cms-e2e-dist-'));
  try {
    execFileSync(node, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', out], { cwd: project, env: { ...env, ANNALS_CACHE_DIR: join(out, '.cache') }, stdio: 'pipe' });
    const page = readFileSync(join(out, 'articles', 'county-briefing-2024', 'index.html'), 'utf8');
    for (const shown of ['县委召开全体会议 部署春耕生产', '邵阳日报', '艾哲', '记者', '李明', '摄影', '刘茜', '时政', '春耕', '县委', '会议现场。', '春耕中的田野。', '县委常委会议室', '田间的拖拉机', '摄影 李明', '2024年3月5日', '会议要求抓好农资供应。']) {
      expect(page, shown).toContain(shown);
    }
    expect(page.match(/<img /g)?.length).toBe(2);
    const published = readFileSync(join(out, 'articles', 'spring-ploughing-meeting', 'index.html'), 'utf8');
    expect(published).toContain('县里召开春耕生产动员会');
    expect(published).toContain('动员会现场。');
    expect(readFileSync(join(out, 'articles', 'shaoyang-party-building-2017', 'index.html'), 'utf8')).toContain('王芳');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
