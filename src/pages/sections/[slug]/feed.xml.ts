/** An RSS feed per section: `/sections/<slug>/feed.xml`. */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { ArticleEntry } from '../../../data/articles.ts';
import { latestItems, siteChannel } from '../../../data/feeds.ts';
import { siteIndex } from '../../../data/site-index.ts';
import { rssFeed } from '../../../lib/feeds.ts';
import { termPath, type Term } from '../../../lib/terms.ts';
import { siteConfig } from '../../../site.config.ts';

export const getStaticPaths = (async () =>
  (await siteIndex()).terms.section.map((term) => ({ params: { slug: term.slug }, props: { term } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ term: Term<ArticleEntry> }> = ({ props }) => {
  const path = termPath('section', props.term.name);
  const channel = siteChannel(`${path}feed.xml`, path, `${props.term.name} - ${siteConfig.name}`);
  return new Response(rssFeed(channel, latestItems(props.term.articles.map(({ article }) => article))), {
    headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' },
  });
};
