/** Names shared by the indexer (Node) and the search page (browser). */

/** The Traditional → Simplified table, written beside Pagefind's files and fetched with the first query. */
export const FOLD_TABLE_FILE = 'annals-fold.txt';
