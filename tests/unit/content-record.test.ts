import { describe, expect, test } from 'vitest';
import { onContentRecorded, recordContent, recordedContent, type ContentRecord } from '../../src/loaders/content-record.ts';

const record = (): ContentRecord => ({ root: '/content', cwd: '/', articles: [], entries: [] });
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the content record', () => {
  test('calls its listeners after a new record, in a later task, the last registered under a name only', async () => {
    const calls: string[] = [];
    onContentRecorded('test', () => calls.push('first'));
    onContentRecorded('test', () => calls.push(`second saw ${recordedContent() === latest ? 'the record' : 'another'}`));
    const latest = record();
    recordContent(latest);
    expect(calls).toEqual([]);
    await nextTask();
    expect(calls).toEqual(['second saw the record']);
    onContentRecorded('test', () => undefined);
  });
});
