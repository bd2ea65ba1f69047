import * as z from 'zod';
import { listUnits as list } from '../../../domain/catalog/use-cases/units.ts';
import { DIMENSIONS } from '../../../domain/catalog/units.ts';
import { ValidationError } from '../../../domain/shared/errors.ts';
import { catalogDeps } from '../../composition.ts';
import { readsQuery, type Operation } from '../http-handler.ts';
import { parseQuery } from '../request.ts';
import { json } from '../responses.ts';
import { unitResource } from './representation.ts';

const filters = { dimension: z.enum(DIMENSIONS).optional() };

/** The standard units then the custom ones (a bounded list, read whole): paged like every list, the cursor being the last code. */
export const listUnits: Operation = readsQuery(async (event) => {
  const { page, filters: query } = parseQuery(event, filters);
  const units = await list(catalogDeps(), event.actor, query);
  const start = page.cursor === undefined ? 0 : units.findIndex((unit) => cursorOf(unit.code) === page.cursor) + 1;
  if (start === 0 && page.cursor !== undefined) throw ValidationError.field('/query/cursor', 'is not a cursor of this list');
  const items = units.slice(start, start + page.limit);
  const more = start + items.length < units.length;
  return json(200, { items: items.map(unitResource), nextCursor: more ? cursorOf(items.at(-1)!.code) : null });
});

const cursorOf = (code: string) => Buffer.from(code).toString('base64url');
