/**
 * The live shop: as the demo workload serves traffic, the orders and payments checkout's traffic makes are
 * inserted into the shop's tables, and chaos on a service opens an incident in the log (resolved when the chaos
 * ends). A write PostgreSQL refuses is kept and retried on the next tick, so a database restart loses no orders.
 */
import type { Chaos } from '../chaos';
import type { TrafficModel } from '../traffic';
import { ShopLedger, type ShopInterval } from './shopActivity';
import { lastPaymentSec, openIncident, resolveIncident, writeShopIntervals, type Database } from './shopDatabase';

/** The history's end, or the latest payment of an earlier run, whichever is later: where the writing continues. */
export async function resumeFromSec(db: Database, model: TrafficModel): Promise<number> {
  const last = await lastPaymentSec(db);
  return Math.max(model.historyEndSec, last === undefined ? 0 : Math.ceil(last));
}

/** ShopWriter knows what the shop has written up to when, and which chaos has an open incident. */
export class ShopWriter {
  private readonly ledger: ShopLedger;
  private pending: ShopInterval[] = [];
  private readonly incidents = new Map<Chaos, Promise<number>>();

  constructor(
    private readonly db: Database,
    model: TrafficModel,
    private writtenUntilSec: number
  ) {
    this.ledger = new ShopLedger(model);
  }

  /**
   * Writes the activity up to `nowSec` with at least `checkoutErrorRatio` of checkout's requests failing, and
   * keeps the incident log in step with `activeChaos`.
   */
  async advance(nowSec: number, checkoutErrorRatio: number, activeChaos: readonly Chaos[]): Promise<void> {
    if (nowSec > this.writtenUntilSec) {
      this.pending.push(...this.ledger.record(this.writtenUntilSec, nowSec, checkoutErrorRatio));
      this.writtenUntilSec = nowSec;
    }
    await this.logChaos(nowSec, activeChaos);
    const batch = this.pending;
    await writeShopIntervals(this.db, batch);
    this.pending = this.pending.slice(batch.length);
  }

  private async logChaos(nowSec: number, activeChaos: readonly Chaos[]): Promise<void> {
    for (const chaos of activeChaos) {
      if (!this.incidents.has(chaos)) {
        const percent = Math.round(chaos.errorRate * 1000) / 10;
        const title = `chaos: ${percent} % of ${chaos.service} requests fail`;
        const opened = openIncident(this.db, { service: chaos.service, title, startedAtSec: nowSec });
        // A failed insert is tried again on the next tick.
        opened.catch(() => this.incidents.delete(chaos));
        this.incidents.set(chaos, opened);
      }
    }
    for (const [chaos, opened] of [...this.incidents]) {
      if (!activeChaos.includes(chaos)) {
        await resolveIncident(this.db, await opened, Math.min(nowSec, chaos.untilSec));
        this.incidents.delete(chaos);
      }
    }
    await Promise.all(this.incidents.values());
  }
}
