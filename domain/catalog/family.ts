import type { FamilyFields } from './schemas.ts';

/** A product family as stored: the client's fields plus what the server owns. */
export interface Family extends FamilyFields {
  readonly id: string;
  readonly version: number;
  /**
   * Every ancestor, the top-level family first. Kept on the item so that one read gives the whole chain:
   * pricing matches family rules nearest family first, analytics roll sales up to any level.
   */
  readonly ancestorIds: readonly string[];
  /**
   * Direct sub-families. Adding, moving in or moving out a sub-family rewrites the parent (new version): a move
   * that rewrites a subtree then fails on its version check instead of missing a sub-family created meanwhile.
   */
  readonly childCount: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A top-level family is at depth 1. */
export const MAX_FAMILY_DEPTH = 8;

/**
 * Moving a family rewrites it and every family below it (their `ancestorIds`) in one transaction, with both
 * parents and two events; DynamoDB takes at most 100 items in one. Larger subtrees move in steps.
 */
export const MAX_MOVED_FAMILIES = 90;

export function familyDepth(family: Pick<Family, 'ancestorIds'>): number {
  return family.ancestorIds.length + 1;
}

/** The chain from the top down to the family itself. */
export function familyPath(family: Pick<Family, 'id' | 'ancestorIds'>): readonly string[] {
  return [...family.ancestorIds, family.id];
}
