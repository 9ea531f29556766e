import { applyDecorators, SetMetadata } from '@nestjs/common';
import type { Role } from './api-keys';

export const ROLES_KEY = 'roles';
export const PUBLIC_KEY = 'public';
export const METRICS_ROUTE = 'metricsRoute';

/** Roles allowed on a route; every non-public route must name them. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** A route anyone may call (health, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** The metrics route: roles admin and metrics, or anyone when METRICS_PUBLIC=true (a private network). */
export const MetricsRoute = () => applyDecorators(SetMetadata(METRICS_ROUTE, true), Roles('admin', 'metrics'));
