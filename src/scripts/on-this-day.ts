/**
 * The home page's 历史上的今天: fetches the page built for today's calendar day (in the
 * site's time zone) and shows its articles from earlier years. The build never knows the
 * date; the reader's clock decides.
 */
import { isEarlierYear, todayIn } from '../lib/on-this-day.ts';

export async function showOnThisDay(): Promise<void> {
  const section = document.querySelector<HTMLElement>('.on-this-day');
  const target = section?.querySelector('.on-this-day-list');
  if (!section || !target) return;
  const { year, monthDay } = todayIn(section.dataset['timeZone'] ?? 'Asia/Shanghai', new Date());
  const href = `${section.dataset['pages'] ?? '/archive/on-this-day/'}${monthDay}/`;
  section.querySelector<HTMLAnchorElement>('.on-this-day-link')?.setAttribute('href', href);
  const response = await fetch(href);
  if (!response.ok) return;
  const page = new DOMParser().parseFromString(await response.text(), 'text/html');
  const items = [...page.querySelectorAll('main .article-list > li')].filter((item) =>
    isEarlierYear(item.querySelector('time')?.getAttribute('datetime') ?? '', year),
  );
  if (items.length === 0) {
    const empty = document.createElement('p');
    empty.textContent = section.dataset['empty'] ?? '';
    target.replaceChildren(empty);
    return;
  }
  const list = document.createElement('ol');
  list.className = 'article-list';
  list.append(...items.map((item) => document.importNode(item, true)));
  target.replaceChildren(list);
}
