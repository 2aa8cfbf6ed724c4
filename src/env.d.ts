/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The figures of the article being rendered, read by the `<Figure id>` placements in its body. */
    figures?: import('astro:content').CollectionEntry<'articles'>['data']['figures'];
  }
}
