import { describe, expect, it } from 'vitest';
import { findOperation, loadSpec, responseValidator, type JsonSchema } from '../support/openapi.ts';

/** The helpers API tests rely on to hold every real response to the contract. */

const spec = loadSpec();
const { validateResponse } = responseValidator(spec);
const customerExample = (spec.components?.schemas?.Customer as JsonSchema).example as Record<string, unknown>;
const CUSTOMER = 'cus_01JDQ7ZK3M9X2V4B6N8P0R2T4W';
const ADDRESS = 'adr_01JDQ80A1B2C3D4E5F6G7H8J9K';
const notFound = { type: 'https://comptoir.dev/problems/not-found', title: 'Not Found', status: 404, detail: `Customer ${CUSTOMER} was not found`, code: 'not_found' };

describe('findOperation', () => {
  it('matches a concrete path to its template and decodes the parameters', () => {
    expect(findOperation('POST', `/customers/${CUSTOMER}/qualify`)).toMatchObject({
      operationId: 'qualifyCustomer',
      path: '/customers/{customerId}/qualify',
      pathParams: { customerId: CUSTOMER },
    });
    expect(findOperation('get', `/customers/${CUSTOMER}/addresses/${ADDRESS}?limit=5`)).toMatchObject({
      operationId: 'getCustomerAddress',
      pathParams: { customerId: CUSTOMER, addressId: ADDRESS },
    });
    expect(findOperation('GET', '/customers/a%20b')?.pathParams).toEqual({ customerId: 'a b' });
  });

  it('tells the method apart, and matches templates as well as concrete paths', () => {
    expect(findOperation('GET', '/customers')?.operationId).toBe('listCustomers');
    expect(findOperation('POST', '/customers')?.operationId).toBe('createCustomer');
    expect(findOperation('PATCH', '/customers/{customerId}/contacts/{contactId}')?.operationId).toBe('updateCustomerContact');
  });

  it('finds nothing for an unknown path or method', () => {
    expect(findOperation('GET', '/orders')).toBeUndefined();
    expect(findOperation('DELETE', `/customers/${CUSTOMER}`)).toBeUndefined();
    expect(findOperation('GET', '/customers/')).toBeUndefined();
  });
});

describe('validateResponse', () => {
  it('accepts a valid response, by operationId or by method and path, whatever the charset', () => {
    expect(validateResponse({ operationId: 'getCustomer', status: 200, contentType: 'application/json', body: customerExample })).toEqual([]);
    expect(
      validateResponse({ method: 'GET', path: `/customers/${CUSTOMER}`, status: 200, contentType: 'application/json; charset=utf-8', body: customerExample, headers: { ETag: '"2"' } }),
    ).toEqual([]);
    expect(validateResponse({ method: 'GET', path: '/customers', status: 200, contentType: 'application/json', body: { items: [], nextCursor: null } })).toEqual([]);
    expect(validateResponse({ method: 'GET', path: `/customers/${CUSTOMER}`, status: 404, contentType: 'application/problem+json', body: notFound })).toEqual([]);
  });

  it('accepts a bodiless 204, as fetch gives it (empty text, no content type)', () => {
    expect(validateResponse({ method: 'DELETE', path: `/customers/${CUSTOMER}/addresses/${ADDRESS}`, status: 204, contentType: '', body: '' })).toEqual([]);
  });

  it('refuses a status the operation does not document', () => {
    expect(validateResponse({ operationId: 'getCustomer', status: 409, contentType: 'application/problem+json', body: notFound })).toEqual([
      'status 409 not documented for getCustomer',
    ]);
  });

  it('checks a server error against the default response', () => {
    const internal = { type: 'https://comptoir.dev/problems/internal-error', title: 'Internal Server Error', status: 500, detail: 'Something went wrong', code: 'internal_error' };
    expect(validateResponse({ operationId: 'getCustomer', status: 500, contentType: 'application/problem+json', body: internal })).toEqual([]);
    expect(validateResponse({ operationId: 'getCustomer', status: 500, contentType: 'application/problem+json', body: { ...internal, code: 'oops' } })).toEqual([
      expect.stringMatching(/^getCustomer 500 application\/problem\+json: \/code must be equal to one of the allowed values \(validation_failed, /),
    ]);
  });

  it('refuses an undocumented content type, or a missing one', () => {
    expect(validateResponse({ operationId: 'getCustomer', status: 200, contentType: 'text/html', body: '<html>' })).toEqual([
      'getCustomer 200: content type text/html not documented (expected application/json)',
    ]);
    expect(validateResponse({ operationId: 'getCustomer', status: 404, contentType: 'application/json', body: notFound })).toEqual([
      'getCustomer 404: content type application/json not documented (expected application/problem+json)',
    ]);
    expect(validateResponse({ operationId: 'getCustomer', status: 200, body: customerExample })).toEqual(['getCustomer 200: no Content-Type, expected application/json']);
  });

  it('refuses a body where none is documented', () => {
    expect(validateResponse({ operationId: 'removeCustomerContact', status: 204, contentType: 'application/json', body: {} })).toEqual([
      'removeCustomerContact 204: a body was sent but none is documented',
    ]);
  });

  it('names each schema error with its place in the body', () => {
    const { contacts: _, ...withoutContacts } = customerExample;
    const broken = {
      ...withoutContacts,
      version: 0,
      state: 'deleted',
      outstanding: { amount: 12.5, currency: 'EUR' },
      addresses: [{ ...(customerExample.addresses as object[])[0], roles: ['shipped_to'] }],
    };
    const errors = validateResponse({ operationId: 'getCustomer', status: 200, contentType: 'application/json', body: broken });
    expect(errors).toEqual(
      expect.arrayContaining([
        "getCustomer 200 application/json: (body) must have required property 'contacts'",
        'getCustomer 200 application/json: /version must be >= 1',
        'getCustomer 200 application/json: /state must be equal to one of the allowed values (prospect, qualified, active, blocked, abandoned)',
        'getCustomer 200 application/json: /outstanding/amount must be string',
        'getCustomer 200 application/json: /addresses/0/roles/0 must be equal to one of the allowed values (ordered_by, delivered_to, invoiced_to, paid_by)',
      ]),
    );
  });

  it('refuses unknown properties where the contract forbids them, and a malformed problem', () => {
    const errors = validateResponse({
      operationId: 'getCustomer',
      status: 200,
      contentType: 'application/json',
      body: { ...customerExample, outstanding: { amount: '1.00', currency: 'EUR', vat: '0.20' } },
    });
    expect(errors).toEqual(['getCustomer 200 application/json: /outstanding must NOT have additional properties (vat)']);
    expect(validateResponse({ operationId: 'getCustomer', status: 404, contentType: 'application/problem+json', body: { message: 'not found' } })).toHaveLength(5);
  });

  it('checks the documented headers that are present, from a record or from fetch', () => {
    const badETag = ['getCustomer 200: header ETag must match pattern "^"\\d+"$"'];
    const response = { operationId: 'getCustomer', status: 200, contentType: 'application/json', body: customerExample };
    expect(validateResponse({ ...response, headers: { etag: 'v2' } })).toEqual(badETag);
    expect(validateResponse({ ...response, headers: new Headers({ ETag: 'v2', 'X-Correlation-Id': 'abc-1' }) })).toEqual(badETag);
    expect(validateResponse({ ...response, headers: new Headers({ ETag: '"2"', 'X-Correlation-Id': 'abc-1' }) })).toEqual([]);
  });

  it('says so when the operation is not in the spec', () => {
    expect(validateResponse({ operationId: 'deleteCustomer', status: 204, body: '' })).toEqual(['operation deleteCustomer is not in the spec']);
    expect(validateResponse({ method: 'GET', path: '/orders', status: 200, body: [] })).toEqual(['no operation GET /orders in the spec']);
  });
});
