/** A fact that happened, published after the state change that caused it is stored. */
export interface DomainEvent<T = unknown> {
  readonly id: string;
  /** `<context>.<fact>`, e.g. `customer.created`. */
  readonly type: string;
  /** Schema version of `data`; bumped on any incompatible change. */
  readonly version: number;
  readonly occurredAt: string;
  /** Who caused it. */
  readonly actorId: string;
  /** The aggregate the event is about. */
  readonly subject: string;
  readonly data: T;
}
