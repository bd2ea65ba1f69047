import * as z from 'zod';
import { listFamilies as list } from '../../../domain/catalog/use-cases/families.ts';
import { idPattern } from '../../../domain/shared/ids.ts';
import { catalogDeps } from '../../composition.ts';
import { readsQuery, type Operation } from '../http-handler.ts';
import { idFilter, parseQuery } from '../request.ts';
import { json, pageOf } from '../responses.ts';
import { familyResource } from './representation.ts';

/** `?parentId=root` lists the top-level families (the store's `parentId: null`). */
const TOP_LEVEL = 'root';

const filters = {
  parentId: z.union([z.literal(TOP_LEVEL), z.string().regex(idPattern('family'))], { error: 'must be a family id (fam_…) or root' }).optional(),
  ancestorId: idFilter('family'),
  codePrefix: z.string().min(1).max(40).optional(),
};

export const listFamilies: Operation = readsQuery(async (event) => {
  const { page, filters: { parentId, ...query } } = parseQuery(event, filters);
  const result = await list(catalogDeps(), event.actor, { ...query, ...(parentId ? { parentId: parentId === TOP_LEVEL ? null : parentId } : {}) }, page);
  return json(200, pageOf(result, familyResource));
});
