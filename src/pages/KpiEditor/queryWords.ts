/**
 * What the editor calls an indicator's queries, in the words of the KPI's data source: PromQL returns events per
 * second, SQL (and a type Northstar does not know, whose range frames are read the same way) counts per time bucket
 * (src/reading/dsQueryModels.ts rangeReadingOf). A label saying "per second · PromQL" above Grafana's SQL editor
 * asks for the wrong query.
 */
import { queryLanguageOf, type QueryLanguage } from '../../kpi/model';

export interface QueryFieldWords {
  label: string;
  description?: string;
  placeholder?: string;
}

/** The words of a ratio's and a value KPI's queries, and of a value KPI's `sum`. */
export interface QueryWords {
  good: QueryFieldWords;
  total: QueryFieldWords;
  numerator: QueryFieldWords;
  denominator: QueryFieldWords;
  valueQuery: QueryFieldWords;
  sumAggregation: string;
}

const rate = (metric: string) => `sum(rate(${metric}[$__rate_interval]))`;
const perBucket = (select: string, table: string) =>
  `SELECT $__timeGroupAlias(created_at, $__interval), ${select} FROM ${table} ` +
  'WHERE $__timeFilter(created_at) GROUP BY 1 ORDER BY 1';
const DIVIDED = 'its sum over the period is divided by the denominator’s';

const PROMQL: QueryWords = {
  good: {
    label: 'Good events per second',
    description: "PromQL as in a panel; Grafana's macros work",
    placeholder: rate('http_requests_total{job="checkout",code!~"5.."}'),
  },
  total: { label: 'All events per second', placeholder: rate('http_requests_total{job="checkout"}') },
  numerator: {
    label: 'Numerator per second',
    description: `PromQL as in a panel, e.g. orders per second; ${DIVIDED}`,
    placeholder: rate('orders_total'),
  },
  denominator: { label: 'Denominator per second', placeholder: rate('carts_created_total') },
  valueQuery: {
    label: 'Query',
    description: 'One series: sum away every label',
    placeholder: rate('revenue_dollars_total'),
  },
  sumAggregation: 'sum: the period’s total of a per-second rate (as increase)',
};

const SQL: QueryWords = {
  good: {
    label: 'Good events per bucket',
    description: "SQL, as in a panel: a count per $__timeGroupAlias bucket; Grafana's macros work",
    placeholder: perBucket("count(*) FILTER (WHERE status = 'paid') AS good", 'payments'),
  },
  total: { label: 'All events per bucket', placeholder: perBucket('count(*) AS total', 'payments') },
  numerator: {
    label: 'Numerator per bucket',
    description: `SQL, as in a panel, e.g. orders per time bucket; ${DIVIDED}`,
    placeholder: perBucket('count(*) AS orders', 'orders'),
  },
  denominator: { label: 'Denominator per bucket', placeholder: perBucket('count(*) AS carts', 'carts') },
  valueQuery: {
    label: 'Query',
    description: 'SQL, as in a panel: one value per $__timeGroupAlias bucket, in one series',
    placeholder: perBucket('sum(amount) AS revenue', 'orders'),
  },
  sumAggregation: 'sum: the period’s total of the buckets’ values',
};

const OWN_QUERY = 'The data source’s own query, as in a panel';
const OPAQUE: QueryWords = {
  good: { label: 'Good events per bucket', description: `${OWN_QUERY}: a count per time bucket` },
  total: { label: 'All events per bucket' },
  numerator: { label: 'Numerator per bucket', description: `${OWN_QUERY}; ${DIVIDED}` },
  denominator: { label: 'Denominator per bucket' },
  valueQuery: { label: 'Query', description: `${OWN_QUERY}: one value per time bucket, in one series` },
  sumAggregation: SQL.sumAggregation,
};

const WORDS: Record<QueryLanguage, QueryWords> = { promql: PROMQL, sql: SQL, opaque: OPAQUE };

/** The words for a data source type; PromQL's while none is chosen, as the catalog's default data source is. */
export function queryWordsFor(datasourceType: string): QueryWords {
  return datasourceType === '' ? PROMQL : WORDS[queryLanguageOf(datasourceType)];
}
