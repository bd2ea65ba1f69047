import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface RecordedCall {
  /** The DynamoDB API action, e.g. `TransactWriteItems`. */
  readonly action: string;
  /** The document-level input (plain values, before marshalling), copied when the call was made. */
  readonly input: Record<string, unknown>;
  /** HTTP requests sent for this call: more than 1 when the SDK retried. */
  attempts: number;
}

export interface DynamoDbRecorder {
  calls(): readonly RecordedCall[];
  reset(): void;
  detach(): void;
}

const CALL_MIDDLEWARE = 'benchRecordDynamoDbCall';
const ATTEMPT_MIDDLEWARE = 'benchCountDynamoDbAttempt';

/**
 * Records every call sent through a document client by hooking its middleware stack, which it shares with
 * the DynamoDBClient it wraps: nothing in the code under measurement changes. A call is seen once at the
 * `initialize` step (with its document input, which the floor replays); each HTTP attempt passes the
 * `deserialize` step, which runs inside the retry loop.
 */
export function recordDynamoDbCalls(client: DynamoDBDocumentClient): DynamoDbRecorder {
  let calls: RecordedCall[] = [];
  const byContext = new WeakMap<object, RecordedCall>();

  client.middlewareStack.add(
    (next, context) => async (args) => {
      const call: RecordedCall = {
        action: (context.commandName ?? 'Unknown').replace(/Command$/, ''),
        input: structuredClone(args.input) as Record<string, unknown>,
        attempts: 0,
      };
      calls.push(call);
      byContext.set(context, call);
      return next(args);
    },
    { step: 'initialize', name: CALL_MIDDLEWARE },
  );
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const call = byContext.get(context);
      if (call) call.attempts += 1;
      return next(args);
    },
    { step: 'deserialize', name: ATTEMPT_MIDDLEWARE },
  );

  return {
    calls: () => calls,
    reset: () => {
      calls = [];
    },
    detach: () => {
      client.middlewareStack.remove(CALL_MIDDLEWARE);
      client.middlewareStack.remove(ATTEMPT_MIDDLEWARE);
    },
  };
}

/** `GetItem 1, TransactWriteItems 1 (7 items), PutItem 1`, in the order the calls were first made. */
export function summarizeCalls(calls: readonly RecordedCall[]): string {
  const summary = new Map<string, { count: number; items: number; retries: number }>();
  for (const call of calls) {
    const entry = summary.get(call.action) ?? { count: 0, items: 0, retries: 0 };
    entry.count += 1;
    entry.retries += Math.max(0, call.attempts - 1);
    const transactItems = call.input.TransactItems;
    if (Array.isArray(transactItems)) entry.items += transactItems.length;
    summary.set(call.action, entry);
  }
  if (summary.size === 0) return '(none)';
  return [...summary]
    .map(([action, { count, items, retries }]) => {
      const details = [items > 0 ? `${items} items` : '', retries > 0 ? `+${retries} retries` : ''].filter(Boolean).join(', ');
      return `${action} ${count}${details ? ` (${details})` : ''}`;
    })
    .join(', ');
}

/** The partitions a read names: a GetItem's key, a Query's `:pk`, every key of a BatchGetItem (empty for writes). */
export function partitionsOf(call: RecordedCall): string[] {
  const { input } = call;
  switch (call.action) {
    case 'GetItem':
      return [String((input.Key as { pk: unknown }).pk)];
    case 'Query':
      return [String((input.ExpressionAttributeValues as Record<string, unknown>)[':pk'])];
    case 'BatchGetItem':
      return Object.values(input.RequestItems as Record<string, { Keys: { pk: unknown }[] }>).flatMap((request) => request.Keys.map((key) => String(key.pk)));
    default:
      return [];
  }
}
