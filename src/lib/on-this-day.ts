/** 历史上的今天: which calendar day it is for the reader, in the site's time zone. */

/** Today's `{ year, monthDay: 'MM-DD' }` in `timeZone`, from the given instant (the reader's clock). */
export function todayIn(timeZone: string, now: Date): { year: number; monthDay: string } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return { year: Number(get('year')), monthDay: `${get('month')}-${get('day')}` };
}

/** Whether an article's `datetime` (`2017-10-17T09:41:00+08:00` or `2017-10-17`) is from a year before `year`. */
export function isEarlierYear(datetime: string, year: number): boolean {
  return Number(datetime.slice(0, 4)) < year;
}
