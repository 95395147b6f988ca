-- Grafana's read-only role on the shop (provisioning/datasources/postgres.yaml): KPI queries only read.
-- docker-compose runs it after schema.sql; the local demo and the tests connect as the cluster's owner instead.
CREATE ROLE grafana LOGIN;
GRANT USAGE ON SCHEMA shop TO grafana;
GRANT SELECT ON ALL TABLES IN SCHEMA shop TO grafana;
