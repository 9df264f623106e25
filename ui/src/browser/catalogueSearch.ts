// The browser's search of the Actions catalogue: a page of the best matches at a time
// (one more is asked for, to know whether "Show more" has anything to show), and only
// the answer to the latest query is kept, whatever order the answers arrive in.
import { useEffect, useState } from "react";
import { catalogueSearch, type ActionSummary } from "../ipc";
import { PAGE } from "./catalogue";

export interface CatalogueSearch {
  actions: ActionSummary[];
  /** Whether more actions match than are shown. */
  more: boolean;
  showMore(): void;
  /** Whether the answer for the current query (and page) is in. */
  ready: boolean;
  failed: boolean;
}

interface Answer {
  key: string;
  actions: ActionSummary[];
  failed: boolean;
}

export function useCatalogueSearch(query: string): CatalogueSearch {
  const q = query.trim();
  const [pages, setPages] = useState({ query: q, count: 1 });
  const count = pages.query === q ? pages.count : 1;
  const limit = count * PAGE;
  const key = `${limit}\u0000${q}`;
  const [answer, setAnswer] = useState<Answer | null>(null);
  useEffect(() => {
    let live = true;
    catalogueSearch(q, limit + 1).then(
      (actions) => live && setAnswer({ key, actions, failed: false }),
      () => live && setAnswer({ key, actions: [], failed: true }),
    );
    return () => {
      live = false;
    };
  }, [q, limit, key]);
  // While the next page loads, the previous answer for this query stays on screen.
  const shown = answer && (answer.key === key || answer.key.endsWith(`\u0000${q}`)) ? answer : null;
  const actions = shown?.actions ?? [];
  return {
    actions: actions.slice(0, limit),
    more: actions.length > limit,
    showMore: () => setPages({ query: q, count: count + 1 }),
    ready: answer?.key === key,
    failed: shown?.failed ?? false,
  };
}
