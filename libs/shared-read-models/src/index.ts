// The read models that span programmes: the open deadlines of every instance, the notification outbox.
export * from './deadlines/deadlines-projection';
export * from './every-programme-fold-registry';
export * from './notifications/notification-outbox-projection';
