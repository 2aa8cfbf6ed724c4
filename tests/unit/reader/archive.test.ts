import { describe, expect, test } from 'vitest';
import { archivePath, dayOf, groupBy, monthCalendar, monthKey, yearSummaries } from '../../../src/lib/archive.ts';
import { article } from './helpers.ts';

describe('the archive', () => {
  test('places an article on its day in the site time zone, not UTC', () => {
    // 00:30 in Beijing is the previous day in UTC.
    expect(dayOf(article('a', { date: '2017-10-17T00:30+08:00' }), 'Asia/Shanghai')).toEqual({ year: 2017, month: 10, day: 17 });
  });

  test('counts articles per year and month, newest year first', () => {
    const articles = [article('a', { date: '2017-10-17' }), article('b', { date: '2017-10-18' }), article('c', { date: '2016-01-01' })];
    expect(yearSummaries(articles, 'Asia/Shanghai')).toEqual([
      { year: 2017, count: 2, months: [{ year: 2017, month: 10, count: 2 }] },
      { year: 2016, count: 1, months: [{ year: 2016, month: 1, count: 1 }] },
    ]);
  });

  test('groups oldest first inside a month', () => {
    const groups = groupBy([article('late', { date: '2017-10-20' }), article('early', { date: '2017-10-01' })], (a) => monthKey(dayOf(a, 'Asia/Shanghai')));
    expect([...groups.keys()]).toEqual(['2017/10']);
    expect(groups.get('2017/10')?.map((a) => a.id)).toEqual(['early', 'late']);
  });

  test('builds paths for a year, a month and a day', () => {
    expect(archivePath({ year: 2017 })).toBe('/archive/2017/');
    expect(archivePath({ year: 2017, month: 3 })).toBe('/archive/2017/03/');
    expect(archivePath({ year: 2017, month: 3, day: 9 })).toBe('/archive/2017/03/09/');
  });

  test('lays out October 2017 Monday first: the 1st is a Sunday, 31 days in 6 weeks', () => {
    const weeks = monthCalendar(2017, 10, new Map([[17, 2]]));
    expect(weeks).toHaveLength(6);
    expect(weeks[0]?.slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(weeks[0]?.[6]).toEqual({ day: 1, count: 0 });
    expect(weeks[3]?.[1]).toEqual({ day: 17, count: 2 }); // Tuesday the 17th, fourth row
    expect(weeks.flat().filter(Boolean)).toHaveLength(31);
  });

  test('knows February 2016 had 29 days', () => {
    expect(monthCalendar(2016, 2, new Map()).flat().filter(Boolean)).toHaveLength(29);
  });
});
