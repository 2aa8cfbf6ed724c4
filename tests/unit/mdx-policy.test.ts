import { describe, expect, it } from 'vitest';
import { analyseMdxBody, refusedUrl } from '../../src/lib/mdx-policy.ts';

const problems = (body: string) => analyseMdxBody(body).problems.map((problem) => `${problem.line}: ${problem.message}`);

describe('the MDX policy allows what articles need', () => {
  it('accepts Markdown, figures on their own line, review comments, code that shows markup, and safe links', () => {
    const body = [
      '{/* 待审核 REVIEW: date: the time had no UTC offset */}',
      '',
      '<Figure id="lead" />',
      '',
      '## 小标题',
      '',
      '正文 **加粗** ~~删除~~，见[下文](#小标题)、[原文](https://example.com/a?b=1&c=2)、[来信](mailto:a@example.com)与[图](./photo.jpg)。',
      '',
      '```html',
      '<script>alert(1)</script> {process.env.HOME}',
      '```',
      '',
      '行内 `<iframe>` 与 `{x}` 也只是文字；转义的 \\{ 和 \\< 亦然。',
      '',
      '| 表 | 格 |',
      '| -- | -- |',
      '| a | b |',
    ].join('\n');
    expect(problems(body)).toEqual([]);
    expect(analyseMdxBody(body).figures).toEqual([{ id: 'lead', line: 3 }]);
  });

  it('samples the first and last paragraph text for the output check', () => {
    expect(analyseMdxBody('第一段文字。\n\n## 标题\n\n最后一段**文字**。').textSample).toEqual(['第一段文字。', '最后一段']);
  });

  it('reads URLs as a browser does: case, whitespace and control characters do not hide a scheme', () => {
    expect(refusedUrl('JavaScript:alert(1)')).toMatch(/runs code/);
    expect(refusedUrl('java\tscript:alert(1)')).toMatch(/runs code/);
    expect(refusedUrl(' data:text/html,x')).toMatch(/data:/);
    expect(refusedUrl('#section')).toBeUndefined();
    expect(refusedUrl('../2017/10/')).toBeUndefined();
    expect(refusedUrl('tel:+86-739-1234567')).toBeUndefined();
  });

  it('refuses two comments in one expression and code beside a comment', () => {
    expect(problems('{/* a */ /* b */}')).toHaveLength(1);
    expect(problems('{/* a */ process.exit(1)}')[0]).toMatch(/is a JavaScript expression \(it reads the build machine/);
  });
});
