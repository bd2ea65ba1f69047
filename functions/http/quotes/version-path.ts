import type { HttpEvent } from '../../middleware/http-event.ts';
import { pathPart } from '../request.ts';

/** A version number of the path (`/versions/{versionNumber}`): 1 to 999999, without leading zeros (else a 404). */
export function versionNumber(event: HttpEvent, name: 'versionNumber' | 'otherVersionNumber'): number {
  return Number(pathPart(event, name, 'quote version', (part) => /^[1-9]\d{0,5}$/.test(part)));
}
