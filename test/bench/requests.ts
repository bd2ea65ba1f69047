import type { BenchSystem, RequestOptions } from './bench-system.ts';
import { expectStatus } from './bench-system.ts';
import { CUSTOMER_WITH_CHILDREN, customerView, ifMatch } from './customer-bodies.ts';
import type { DynamoDbRecorder, RecordedCall } from './dynamodb-recorder.ts';
import { newIdempotencyKey } from './latency.ts';

export interface OperationCount {
  readonly operation: string;
  readonly request: string;
  readonly status: number;
  readonly calls: readonly RecordedCall[];
}

const MERGE_PATCH = { 'content-type': 'application/merge-patch+json' };

/**
 * Runs one request of each operation against the local API, in an order where each builds on the last
 * (versions from ETags, ids from bodies), and keeps the DynamoDB calls each one made. Every POST carries an
 * Idempotency-Key, as a well-behaved client sends: the claim and its completion are part of the bill.
 */
export async function countRequestsPerOperation(system: BenchSystem, recorder: DynamoDbRecorder): Promise<OperationCount[]> {
  const counts: OperationCount[] = [];
  const measure = async (operation: string, method: string, path: string, expected: number, options: RequestOptions = {}) => {
    recorder.reset();
    const reply = await system.request(method, path, options);
    expectStatus(reply, expected, `${operation} (${method} ${path})`);
    counts.push({ operation, request: `${method} ${path.replace(/[a-z]{3}_[0-9A-Z]{26}/g, (id) => `{${id.slice(0, 3)}}`)}`, status: reply.status, calls: [...recorder.calls()] });
    return reply;
  };

  const createKey = newIdempotencyKey();
  const createOptions = { body: CUSTOMER_WITH_CHILDREN, headers: { 'idempotency-key': createKey } };
  const created = customerView(await measure('createCustomer (2 addresses, 3 contacts)', 'POST', '/customers', 201, createOptions));
  await measure('createCustomer replayed (same Idempotency-Key)', 'POST', '/customers', 201, createOptions);
  const base = `/customers/${created.id}`;
  await measure('getCustomer', 'GET', base, 200);
  await measure('listCustomers (limit 50)', 'GET', '/customers?limit=50', 200);

  let version = created.version;
  const updated = await measure('updateCustomer (merge patch)', 'PATCH', base, 200, {
    body: { notes: 'Livrer avant 6 h, côté cour' },
    headers: { ...MERGE_PATCH, ...ifMatch(version) },
  });
  version = customerView(updated).version;
  await measure('qualifyCustomer', 'POST', `${base}/qualify`, 200, { headers: { ...ifMatch(version), 'idempotency-key': newIdempotencyKey() } });

  await measure('addCustomerAddress', 'POST', `${base}/addresses`, 201, {
    body: { label: 'Dépôt', roles: ['delivered_to'], line1: 'ZI des Gaulnes', postalCode: '69330', city: 'Jonage', countryCode: 'FR' },
    headers: { 'idempotency-key': newIdempotencyKey() },
  });
  const contact = created.contacts[1];
  if (!contact) throw new Error('The created customer has fewer contacts than sent');
  await measure('updateCustomerContact (merge patch)', 'PATCH', `${base}/contacts/${contact.id}`, 200, {
    body: { jobTitle: 'Directeur financier' },
    headers: { ...MERGE_PATCH, ...ifMatch(contact.version) },
  });
  const other = created.contacts[2];
  if (!other) throw new Error('The created customer has fewer contacts than sent');
  // A conversion is guarded by the child's own version, like its update.
  await measure('convertContactToCustomer', 'POST', `${base}/contacts/${other.id}/convert-to-customer`, 201, {
    body: { asSubsidiary: true },
    headers: { ...ifMatch(other.version), 'idempotency-key': newIdempotencyKey() },
  });
  return counts;
}
