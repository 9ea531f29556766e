// The read models that span programmes: the open deadlines of every instance, the notification outbox, the transparency log.
export * from './deadlines/deadlines-projection';
export * from './every-programme-fold-registry';
export * from './notifications/notification-outbox-projection';
export * from './transparency/transparency-log-projection';
export * from './transparency/transparency-log-reader';
export * from './transparency/transparency-checkpointer';
export * from './transparency/transparency-alarms';
