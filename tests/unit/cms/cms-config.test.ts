import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { articleFields, cmsConfig, CmsConfigError, configFieldPaths, schemaFieldPaths, type CmsField } from '../../../src/lib/cms-config.ts';
import { articleSchema } from '../../../src/schemas/article.ts';

const config = cmsConfig({ backend: { name: 'proxy', proxy_url: '/api/v1', branch: 'main' } });
const [articles, review] = config.collections;
const field = (fields: readonly CmsField[] | undefined, path: string): CmsField | undefined => {
  const [name, ...rest] = path.split('.');
  const found = fields?.find((candidate) => candidate.name === name);
  return rest.length === 0 ? found : field(found?.fields, rest.join('.'));
};

describe('the web editor configuration is generated from the article schema', () => {
  it('shows every field of the schema, nested ones included, in both collections', () => {
    const paths = schemaFieldPaths();
    expect(paths).toContain('figures.credit');
    expect(paths).toContain('corrections.date');
    for (const collection of [articles, review]) {
      const shown = configFieldPaths(collection?.fields ?? []);
      expect(paths.filter((path) => !shown.includes(path))).toEqual([]);
    }
  });

  it('shows a field added to the schema without a second list, and refuses one without a label', () => {
    const labelled = articleSchema.extend({ byline: z.string().optional().meta({ title: '署名行', description: '照原文' }) });
    expect(field(articleFields(labelled), 'byline')).toMatchObject({ widget: 'string', required: false, label: '署名行' });
    const unlabelled = articleSchema.extend({ byline: z.string().optional() });
    expect(() => articleFields(unlabelled)).toThrow(CmsConfigError);
    expect(() => articleFields(unlabelled)).toThrow(/^byline: .*add \.meta/);
  });

  it('requires what the schema requires, and nothing else', () => {
    const required = (articles?.fields ?? []).filter((candidate) => candidate.required !== false).map((candidate) => candidate.name);
    // The slug is asked for so the CMS can name new files; body is the text itself.
    expect(required).toEqual(['title', 'slug', 'date', 'source', 'body']);
    expect(field(articles?.fields, 'authors.role')?.required).toBeUndefined();
    expect(field(articles?.fields, 'figures.image')?.required).toBe(false);
    expect(field(articles?.fields, 'source.url')?.required).toBe(false);
  });

  it('edits dates as the text the editor writes, with the offset, and checks the form', () => {
    const date = field(articles?.fields, 'date');
    expect(date?.widget).toBe('string');
    const pattern = new RegExp(date?.pattern?.[0] ?? '$^');
    expect(pattern.test('2017-10-17T09:41+08:00')).toBe(true);
    expect(pattern.test('2017-10-17')).toBe(true);
    expect(pattern.test('2017-10-17T09:41')).toBe(false);
    expect(field(articles?.fields, 'corrections.date')?.pattern).toEqual(date?.pattern);
  });

  it('uses the schema regex for figure ids and the permalink rule for slugs', () => {
    expect(new RegExp(field(articles?.fields, 'figures.id')?.pattern?.[0] ?? '$^').test('photo-2')).toBe(true);
    expect(new RegExp(field(articles?.fields, 'figures.id')?.pattern?.[0] ?? '$^').test('Photo 2')).toBe(false);
    expect(new RegExp(field(articles?.fields, 'slug')?.pattern?.[0] ?? '$^').test('shaoyang-party-building-2017')).toBe(true);
  });

  it('has photo, caption, alt and credit per figure, roles per author, and the MDX body widget', () => {
    expect(field(articles?.fields, 'figures.image')?.widget).toBe('image');
    expect(field(articles?.fields, 'figures.caption')?.widget).toBe('text');
    expect(field(articles?.fields, 'authors')?.fields?.map((sub) => sub.name)).toEqual(['name', 'role']);
    expect(field(articles?.fields, 'editor')?.label).toBe('责任编辑');
    expect(field(articles?.fields, 'body')?.widget).toBe('mdx-body');
  });

  it('has a Chinese interface, and a review queue where date and source may wait and publish is offered', () => {
    expect(config.locale).toBe('zh_Hans');
    expect(Object.values(config.backend.commit_messages).every((message) => message.startsWith('cms: '))).toBe(true);
    expect(articles?.folder).toBe('content/articles');
    expect(review?.folder).toBe('content/articles/_review');
    expect(review?.create).toBe(false);
    expect(field(review?.fields, 'date')?.required).toBe(false);
    expect(field(review?.fields, 'source')?.required).toBe(false);
    expect(field(review?.fields, 'publish')?.widget).toBe('boolean');
    expect(field(articles?.fields, 'publish')).toBeUndefined();
  });
});
