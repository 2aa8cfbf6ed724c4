import { defineCollection } from 'astro:content';
import { contentRoot } from './lib/content-root.ts';
import { articlesLoader } from './loaders/articles.ts';
import { createArticleSchema } from './schemas/article.ts';

export const collections = {
  articles: defineCollection({
    loader: articlesLoader({ root: contentRoot() }),
    schema: ({ image }) => createArticleSchema(image()),
  }),
};
