import { documentSettingsSchema, getDocumentSettings as get, updateDocumentSettings as update } from '../../../domain/printing/document-settings.ts';
import { httpPlatform, printingDeps } from '../../composition.ts';
import { contextHandler, readsBody, type Operation } from '../http-handler.ts';
import { expectedVersion } from '../request.ts';
import { json } from '../responses.ts';

/** The settings' ETag is their version: "0" while they are the default. */
const getDocumentSettings: Operation = async () => {
  const settings = await get(printingDeps());
  return json(200, settings, { version: settings.version });
};

const updateDocumentSettings: Operation = readsBody(documentSettingsSchema, async (event) => {
  const settings = await update(printingDeps(), event.actor, expectedVersion(event), event.json);
  return json(200, settings, { version: settings.version });
});

/** The printing context's operations, by the operationId of the contract. */
export const operations: Record<string, Operation> = { getDocumentSettings, updateDocumentSettings };

export const handler = contextHandler(operations, httpPlatform);
