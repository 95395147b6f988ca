-- The demo shop's database: what the shop's own services write, and what the example catalog's SQL KPIs read
-- (payment-success, shop-revenue, orders-per-day, incident-mttr). Idempotent, so the local demo, the tests and
-- docker-compose's /docker-entrypoint-initdb.d all apply this one file.
CREATE SCHEMA IF NOT EXISTS shop;

-- An order is placed when its payment goes through: one row per order, with what it is worth.
CREATE TABLE IF NOT EXISTS shop.orders (
  id bigserial PRIMARY KEY,
  created_at timestamptz NOT NULL,
  total_dollars numeric(10, 2) NOT NULL CHECK (total_dollars >= 0)
);

-- Every payment attempt: 'paid' ones have their order, 'failed' ones (declined, or checkout answered a 5xx) none.
CREATE TABLE IF NOT EXISTS shop.payments (
  id bigserial PRIMARY KEY,
  created_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('paid', 'failed')),
  amount_dollars numeric(10, 2) NOT NULL CHECK (amount_dollars >= 0),
  order_id bigint REFERENCES shop.orders (id)
);

-- The incident log the on-call team keeps: open while resolved_at is NULL.
CREATE TABLE IF NOT EXISTS shop.incidents (
  id serial PRIMARY KEY,
  service text NOT NULL,
  title text NOT NULL,
  started_at timestamptz NOT NULL,
  resolved_at timestamptz CHECK (resolved_at IS NULL OR resolved_at >= started_at)
);

-- $__timeFilter on these columns is every KPI query's WHERE clause.
CREATE INDEX IF NOT EXISTS orders_created_at ON shop.orders (created_at);
CREATE INDEX IF NOT EXISTS payments_created_at ON shop.payments (created_at);
CREATE INDEX IF NOT EXISTS incidents_resolved_at ON shop.incidents (resolved_at);
