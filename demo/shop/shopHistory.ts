/**
 * The shop's history: `days` days of orders, payments and incidents up to the end of the Prometheus history, from
 * the same traffic model, so the payment dip sits where checkout's error burst does and the incident log holds
 * the incidents the Prometheus history shows.
 */
import { SCRAPE_INTERVAL_SECONDS } from '../metrics';
import type { TrafficModel } from '../traffic';
import { ShopLedger, historyIncidents } from './shopActivity';
import { openIncident, writeShopIntervals, type Database } from './shopDatabase';

const DAY = 86_400;

export interface ShopHistorySummary {
  startSec: number;
  orders: number;
  failedPayments: number;
  incidents: number;
}

/** Writes the history ending at the model's history end, one day per statement. */
export async function writeShopHistory(db: Database, model: TrafficModel, days: number): Promise<ShopHistorySummary> {
  const endSec = Math.floor(model.historyEndSec / SCRAPE_INTERVAL_SECONDS) * SCRAPE_INTERVAL_SECONDS;
  const startSec = endSec - days * DAY;
  const ledger = new ShopLedger(model);
  let orders = 0;
  let failedPayments = 0;
  for (let dayStart = startSec; dayStart < endSec; dayStart += DAY) {
    const intervals = ledger.record(dayStart, Math.min(dayStart + DAY, endSec));
    await writeShopIntervals(db, intervals);
    intervals.forEach((interval) => {
      orders += interval.orders;
      failedPayments += interval.failedPayments;
    });
  }
  const incidents = historyIncidents(model.incidents, endSec).filter((incident) => incident.startedAtSec >= startSec);
  for (const incident of incidents) {
    await openIncident(db, incident);
  }
  return { startSec, orders, failedPayments, incidents: incidents.length };
}
