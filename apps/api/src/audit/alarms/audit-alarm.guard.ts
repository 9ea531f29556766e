import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { MemoReflector } from '../../http/memo-reflector';
import { AuditAlarmGate } from './alarm-gate';
import { APPENDS_TO_LOG } from './appends-to-log.decorator';
import { AuditAlarmOpen } from './audit-alarm.error';

/**
 * Refuses every route marked `@AppendsToLog()` with 503 AUDIT_ALARM while the gate reports an open
 * alarm (after authentication, so only callers with a key learn of it); reads are never asked about.
 */
@Injectable()
export class AuditAlarmGuard implements CanActivate {
  private readonly reflector = new MemoReflector();

  constructor(private readonly gate: AuditAlarmGate) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.reflector.getAllAndOverride<boolean>(APPENDS_TO_LOG, [context.getHandler(), context.getClass()])) return true;
    const alarms = await this.gate.openAlarms();
    if (alarms.length > 0) throw new AuditAlarmOpen(alarms);
    return true;
  }
}
