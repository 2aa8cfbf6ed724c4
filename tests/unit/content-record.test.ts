import { describe, expect, it } from 'vitest';
import { checkContentRoot } from '../../src/lib/content-check.ts';
import { onContentRecorded, recordContent, recordedArticle, recordedContent } from '../../src/loaders/content-record.ts';

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('recordedArticle: what the build keeps of a checked article', () => {
  const { articles } = checkContentRoot('tests/fixtures/site');
  const article = articles.find((each) => each.textSample.length > 0);

  it('keeps what the output check and the search plan read, and neither the body nor the frontmatter as written', () => {
    expect(article).toBeDefined();
    if (!article) return;
    const recorded = recordedArticle(article);
    expect(Object.keys(recorded).sort()).toEqual(['data', 'digest', 'entry', 'file', 'slug', 'textLength', 'textSample', ...(article.slugLine === undefined ? [] : ['slugLine'])].sort());
    expect(recorded.textLength).toBe(article.data.title.length + article.body.length);
    expect(recorded.textSample).toEqual(article.textSample);
    expect(recorded.data).toBe(article.data);
  });

  it('is what the record gives its readers, made when first read and then kept; a build keeps no checked article', () => {
    recordContent({ root: 'tests/fixtures/site', cwd: '.', articles, entries: [] });
    const first = recordedContent()?.articles;
    expect(first?.map((each) => each.slug)).toEqual(articles.map((each) => each.slug));
    expect(first?.every((each) => !('body' in each) && !('raw' in each))).toBe(true);
    expect(recordedContent()?.articles).toBe(first);
    expect(recordedContent()?.checked).toBeUndefined();
  });
});

describe('the content record', () => {
  it('calls its listeners after a new record, in a later task, the last registered under a name only', async () => {
    const calls: string[] = [];
    const entries = [{ id: 'a', draft: false }];
    onContentRecorded('test', () => calls.push('first'));
    onContentRecorded('test', () => calls.push(`second saw ${recordedContent()?.entries === entries ? 'the record' : 'another'}`));
    recordContent({ root: '/content', cwd: '/', articles: [], entries });
    expect(calls).toEqual([]);
    await nextTask();
    expect(calls).toEqual(['second saw the record']);
    onContentRecorded('test', () => undefined);
  });
});
