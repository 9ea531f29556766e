import { arrayOf, int, named, nullable, object, str } from '../../http/openapi-schema';

const text = nullable(str());

const DEAD_LETTER = named(
  'DeadLetter',
  object({
    webhook: str({ example: 'chat' }),
    position: str({ description: 'Outbox position: with webhook, the key to retry it by', example: '4211' }),
    eventId: nullable(str({ description: 'The X-APO-Delivery header; null while the outbox is being rebuilt' })),
    category: text,
    type: text,
    programme: text,
    instanceId: text,
    streamId: text,
    from: text,
    to: text,
    recordedAt: text,
    attempts: int(),
    lastError: text,
    failedAt: str({ description: 'When the last attempt failed' }),
  }),
);

/** GET /notifications/dead-letters. */
export const DEAD_LETTER_PAGE = named('DeadLetterPage', object({ items: arrayOf(DEAD_LETTER), total: int(), limit: int(), offset: int() }));

/** GET /notifications/deliveries/stats. */
export const DELIVERY_STATS = named(
  'DeliveryStats',
  object({
    webhooks: arrayOf(
      object({ webhook: str(), pending: int(), delivered: int(), dead: int(), lastDeliveredAt: nullable(str({ description: 'null: none delivered yet' })) }),
    ),
  }),
);

/** POST /notifications/dead-letters/{webhook}/{position}/retry. */
export const RETRIED_DELIVERY = named('RetriedDelivery', object({ webhook: str(), position: str(), status: str({ enum: ['pending'] }), nextAttemptAt: str() }));
