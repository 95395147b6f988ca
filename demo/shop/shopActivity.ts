/**
 * What the shop's database records, from the same traffic model as the Prometheus history: every order checkout
 * places (the model's expected orders, so SQL revenue equals `revenue_dollars_total`), every payment attempt, and
 * the incident log. Payments go through checkout's API, so checkout's errors (its incidents and live chaos) fail
 * payments too. Counts are whole: the fractions the model expects are carried from one minute to the next, so a
 * day holds the orders the model expects for it, give or take one.
 */
import { SCRAPE_INTERVAL_SECONDS } from '../metrics';
import { between, unitNoise, type Incident, type TrafficModel } from '../traffic';

const HOUR = 3600;

/** Cards declined and fraud checks failed, whatever checkout does: the hourly wobble stays between these two. */
const DECLINED_RATIO: readonly [number, number] = [0.001, 0.002];

/**
 * A payment calls checkout's API three times (authorise, capture, confirm) and fails when any call gets a 5xx, so
 * a 0.4 % checkout error ratio fails about 1.2 % of payments: the payment-success SLO (99.5 %) feels it.
 */
const CHECKOUT_CALLS_PER_PAYMENT = 3;

/** One stretch of shop activity (a minute of the history, a tick of the live writer). */
export interface ShopInterval {
  startSec: number;
  endSec: number;
  /** Orders placed, each with its paid payment. */
  orders: number;
  /** Payment attempts that failed; they place no order. */
  failedPayments: number;
  /** The mean value of an order placed in this stretch, in dollars. */
  orderValueDollars: number;
}

/** The incident log's row for an incident; open while `resolvedAtSec` is undefined. */
export interface ShopIncident {
  service: string;
  title: string;
  startedAtSec: number;
  resolvedAtSec?: number;
}

/** Share of payment attempts that fail at `tSec` when checkout fails `checkoutErrorRatio` of its requests. */
export function paymentFailureRatio(tSec: number, checkoutErrorRatio: number): number {
  const declined = between(DECLINED_RATIO, unitNoise(Math.floor(tSec / HOUR), 4));
  return 1 - (1 - declined) * (1 - checkoutErrorRatio) ** CHECKOUT_CALLS_PER_PAYMENT;
}

/**
 * ShopLedger knows how many orders and failed payments the shop has recorded so far and the fractions it still
 * owes: whole counts per stretch whose running totals follow the model's expectation.
 */
export class ShopLedger {
  private owedOrders = 0;
  private owedFailures = 0;

  constructor(private readonly model: TrafficModel) {}

  /**
   * The activity between `fromSec` and `toSec`, in stretches of at most a minute; `minErrorRatio` is live chaos on
   * checkout (as the exporter applies it: at least that share of its requests fail).
   */
  record(fromSec: number, toSec: number, minErrorRatio = 0): ShopInterval[] {
    const intervals: ShopInterval[] = [];
    for (let startSec = fromSec; startSec < toSec; startSec += SCRAPE_INTERVAL_SECONDS) {
      const endSec = Math.min(startSec + SCRAPE_INTERVAL_SECONDS, toSec);
      const midSec = (startSec + endSec) / 2;
      const rates = this.model.ratesAt('checkout', midSec);
      const errorRatio = Math.max(rates.errorRatio, minErrorRatio);
      const carts = rates.requestsPerSecond * (endSec - startSec) * rates.cartsPerRequest;
      const expectedOrders = carts * rates.conversion * (1 - errorRatio);
      const failureRatio = paymentFailureRatio(midSec, errorRatio);
      this.owedOrders += expectedOrders;
      this.owedFailures += (expectedOrders * failureRatio) / (1 - failureRatio);
      const orders = Math.floor(this.owedOrders);
      const failedPayments = Math.floor(this.owedFailures);
      this.owedOrders -= orders;
      this.owedFailures -= failedPayments;
      intervals.push({ startSec, endSec, orders, failedPayments, orderValueDollars: rates.orderValueDollars });
    }
    return intervals;
  }
}

/** The incident log of the history: the model's incidents (the Prometheus history's), resolved by `endSec`. */
export function historyIncidents(incidents: readonly Incident[], endSec: number): ShopIncident[] {
  return incidents
    .filter((incident) => incident.startSec < endSec)
    .map((incident) => ({
      service: incident.service,
      title: incident.description,
      startedAtSec: incident.startSec,
      resolvedAtSec: incident.endSec <= endSec ? incident.endSec : undefined,
    }));
}
