import type { Page, PageRequest } from '../../domain/shared/page.ts';

/** The in-memory stores' pagination: the cursor is the offset of the next item. */
export function inMemoryPage<T>(all: readonly T[], request: PageRequest): Page<T> {
  const start = request.cursor ? Number(request.cursor) : 0;
  const items = all.slice(start, start + request.limit);
  return { items, nextCursor: start + request.limit < all.length ? String(start + request.limit) : null };
}
