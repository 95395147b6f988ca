/**
 * Chaos for the live demo: make one service fail a share of its requests for a while, to watch a KPI burn its
 * error budget. Parameters come from a query string and are checked before anything changes.
 */
import { SERVICES, isServiceName, type ServiceName } from './traffic';

export interface Chaos {
  service: ServiceName;
  /** Share of requests that fail while the chaos lasts (the service's own errors continue underneath). */
  errorRate: number;
  untilSec: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** A day at most: long enough for the slow-burn alerts, short enough that a forgotten experiment ends. */
const MAX_MINUTES = 1440;

/** Refuses parameters it does not know, so a typo such as `error_rate` is not silently ignored. */
function unknownParameter(params: URLSearchParams, known: readonly string[]): string | undefined {
  const unknown = [...params.keys()].find((name) => !known.includes(name));
  return unknown === undefined ? undefined : `unknown parameter "${unknown}": use ${known.join(', ')}`;
}

export function parseService(params: URLSearchParams, known: readonly string[] = ['service']): Parsed<ServiceName> {
  const unknown = unknownParameter(params, known);
  if (unknown) {
    return { ok: false, message: unknown };
  }
  const service = params.get('service');
  if (service === null || !isServiceName(service)) {
    const got = service === null ? 'it is missing' : `got "${service}"`;
    return { ok: false, message: `service must be one of ${SERVICES.join(', ')} (${got})` };
  }
  return { ok: true, value: service };
}

/** `service=checkout&errorRate=0.05&minutes=30` → chaos on checkout, 5 % errors, for 30 minutes from `nowSec`. */
export function parseChaos(params: URLSearchParams, nowSec: number): Parsed<Chaos> {
  const service = parseService(params, ['service', 'errorRate', 'minutes']);
  if (!service.ok) {
    return service;
  }
  const errorRate = strictNumber(params.get('errorRate'));
  if (errorRate === undefined || errorRate <= 0 || errorRate > 1) {
    return {
      ok: false,
      message: `errorRate must be a number greater than 0 and at most 1, e.g. 0.05 for 5 % (got ${quoted(params.get('errorRate'))})`,
    };
  }
  const minutes = strictNumber(params.get('minutes'));
  if (minutes === undefined || minutes <= 0 || minutes > MAX_MINUTES) {
    return {
      ok: false,
      message: `minutes must be a number greater than 0 and at most ${MAX_MINUTES} (got ${quoted(params.get('minutes'))})`,
    };
  }
  return { ok: true, value: { service: service.value, errorRate, untilSec: nowSec + minutes * 60 } };
}

/** A decimal number and nothing else: `Number('')` is 0 and `Number('0x10')` is 16, neither of which was meant. */
function strictNumber(text: string | null): number | undefined {
  return text !== null && /^\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
}

function quoted(text: string | null): string {
  return text === null ? 'nothing' : `"${text}"`;
}

/** ChaosSchedule knows which services are failing on purpose, and until when. */
export class ChaosSchedule {
  private readonly chaos = new Map<ServiceName, Chaos>();

  /** Starts chaos on a service, replacing any chaos it already had. */
  start(chaos: Chaos): void {
    this.chaos.set(chaos.service, chaos);
  }

  /** Ends chaos on a service early; false when it had none. */
  stop(service: ServiceName, nowSec: number): boolean {
    const active = this.active(service, nowSec) !== undefined;
    this.chaos.delete(service);
    return active;
  }

  /** The error rate forced on a service at `nowSec`, 0 without chaos. */
  errorRate(service: ServiceName, nowSec: number): number {
    return this.active(service, nowSec)?.errorRate ?? 0;
  }

  list(nowSec: number): Chaos[] {
    return SERVICES.map((service) => this.active(service, nowSec)).filter(
      (chaos): chaos is Chaos => chaos !== undefined
    );
  }

  private active(service: ServiceName, nowSec: number): Chaos | undefined {
    const chaos = this.chaos.get(service);
    return chaos && chaos.untilSec > nowSec ? chaos : undefined;
  }
}
