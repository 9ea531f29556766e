export { parseWebhooks, signedEndpoint, WebhookConfigError, MIN_SECRET_LENGTH, type WebhookConfig } from './webhook-config';
export { signPayload, verifySignature, SIGNATURE_HEADER, DELIVERY_HEADER, EVENT_HEADER, DEFAULT_TOLERANCE_SECONDS } from './signature';
export { WebhookDispatcher, DELIVERY_STATUS, type WebhookDispatcherOptions, type TickResult } from './webhook-dispatcher';
export { listDeadLetters, retryDeadLetter, deliveryStats, type DeadLetter, type DeadLetterPage, type DeliveryStats } from './deliveries';
export type { NotificationPayload, NotificationCategory } from '@apo/shared-read-models';
