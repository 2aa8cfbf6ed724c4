import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { patchYaml } from '../../../src/lib/frontmatter-patch.ts';

type Data = Record<string, unknown>;

/** The YAML after `change`, and proof that it still means what the new data says. */
function patched(yaml: string, change: (data: Data) => void): string {
  const before = parse(yaml, { version: '1.2' }) as Data;
  const after = structuredClone(before);
  change(after);
  const result = patchYaml(yaml, before, after);
  expect(parse(result, { version: '1.2' })).toEqual(JSON.parse(JSON.stringify(after)));
  return result;
}

const AUTHORS = 'title: 甲\nauthors:\n  - name: 艾哲\n    role: 记者\n  # 第二位\n  - name: 刘飞\n    role: 通讯员\n  - name: 李明\n    role: 摄影\nsection: 时政\n';

describe('patchYaml', () => {
  it('removes the lines of a removed list item and nothing else, keeping the comment before the next', () => {
    expect(patched(AUTHORS, (data) => (data['authors'] as Data[]).splice(0, 1))).toBe(AUTHORS.replace('  - name: 艾哲\n    role: 记者\n', ''));
  });

  it('adds a list item at the indentation of its siblings', () => {
    expect(patched(AUTHORS, (data) => (data['authors'] as Data[]).push({ name: '王芳', role: '实习生' }))).toBe(AUTHORS.replace('section:', '  - name: 王芳\n    role: 实习生\nsection:'));
  });

  it('adds a key in its place inside a list item, also before the first key on the item line', () => {
    const yaml = 'figures:\n  - caption: 会场。\n    credit: 摄影 李明\n';
    expect(patched(yaml, (data) => {
      data['figures'] = [{ id: 'lead', caption: '会场。', alt: '会场全景', credit: '摄影 李明' }];
    })).toBe('figures:\n  - id: lead\n    caption: 会场。\n    alt: 会场全景\n    credit: 摄影 李明\n');
  });

  it('writes a changed block scalar again as a whole, and leaves its neighbours', () => {
    const yaml = 'summary: |\n  第一行\n  第二行\ntags: [甲, 乙]\n';
    expect(patched(yaml, (data) => { data['summary'] = '一句话。'; })).toBe('summary: 一句话。\ntags: [甲, 乙]\n');
  });

  it('keeps a value in its quotes, and quotes a plain value only when it must', () => {
    const yaml = "title: '甲'\nsection: 时政\n";
    expect(patched(yaml, (data) => { data['title'] = '乙'; data['section'] = 'a: b'; })).toBe("title: '乙'\nsection: \"a: b\"\n");
  });

  it('removes a key with its trailing comment, keeping the comment line above the next key', () => {
    const yaml = 'title: 甲\neditor: 刘茜  # 值班\n# 栏目\nsection: 时政\n';
    expect(patched(yaml, (data) => { delete data['editor']; })).toBe('title: 甲\n# 栏目\nsection: 时政\n');
  });

  it('returns the text itself when nothing changed', () => {
    expect(patchYaml(AUTHORS, parse(AUTHORS) as Data, parse(AUTHORS) as Data)).toBe(AUTHORS);
  });
});
