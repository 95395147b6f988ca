import { readFileSync } from 'node:fs';
import { parse, parseAllDocuments } from 'yaml';
import { EXAMPLE, SLOTH_EXAMPLE, OPENSLO_EXAMPLE, run, sloCatalog, tempFile, BERLIN_CATALOG } from '../cliTestSupport';

describe('northstar convert', () => {
  test('convert --to sloth keeps a KPI with maintenance windows and warns that they stay behind', async () => {
    const file = tempFile('berlin.yaml', BERLIN_CATALOG);
    const { code, stdout, stderr } = await run('convert', file, '--from', 'catalog', '--to', 'sloth');
    expect(code).toBe(0);
    expect(stderr).toBe(
      `${file}: warning: kpis[0] (checkout).maintenance: Sloth has no maintenance windows: 2 windows are left ` +
        "out of the spec, so Sloth's rules count the events inside them and alert during them"
    );
    expect(stdout).toContain('name: checkout');
  });

  test('Sloth → catalog names every SLO field it does not carry in a note and exits 0', async () => {
    const { code, stderr } = await run('convert', SLOTH_EXAMPLE, '--from', 'sloth', '--to', 'catalog');
    expect(code).toBe(0);
    expect(stderr.split('\n')).toEqual([
      `${SLOTH_EXAMPLE}: note: documents[0] (checkout).slos[0] (requests-availability).(not carried over): ` +
        'labels.tier, alerting.name, alerting.labels.category',
      `${SLOTH_EXAMPLE}: note: documents[0] (checkout).slos[1] (requests-latency).(not carried over): ` +
        'labels.tier, alerting.name, alerting.labels.category',
      `${SLOTH_EXAMPLE}: note: documents[1] (payments-api).slos[0] (charge-success).(not carried over): alerting.name`,
    ]);
  });

  test('catalog → Sloth names each KPI it cannot write, writes the rest and exits 1', async () => {
    const { code, stdout, stderr } = await run(
      'convert',
      EXAMPLE,
      '--from',
      'catalog',
      '--to',
      'sloth',
      '--window',
      '28d'
    );
    expect(code).toBe(1);
    expect(stderr.split('\n')).toEqual([
      `${EXAMPLE}: kpis[1] (search-latency).indicator.type: threshold KPIs count good slices, not events; ` +
        "Sloth's events SLI needs error and total queries",
      `${EXAMPLE}: kpis[2] (login-success).objective.window: 7d is not the SLO period of this export (28d); ` +
        'Sloth takes the period from the command line (--default-slo-period), so export each window on its own ' +
        '(--window 7d)',
      ...['checkout-conversion', 'monthly-revenue', 'cost-per-1k-requests', 'search-index-freshness'].map(
        (id, i) =>
          `${EXAMPLE}: kpis[${3 + i}] (${id}).indicator.type: a value KPI has no Sloth form: Sloth writes SLOs ` +
          '(error and total events), not a value against a target'
      ),
      `${EXAMPLE}: kpis[7] (payment-success).datasource.type: "grafana-postgresql-datasource" is not Prometheus; ` +
        'Sloth writes Prometheus rules',
      ...['shop-revenue', 'orders-per-day', 'incident-mttr'].map(
        (id, i) =>
          `${EXAMPLE}: kpis[${8 + i}] (${id}).indicator.type: a value KPI has no Sloth form: Sloth writes SLOs ` +
          '(error and total events), not a value against a target'
      ),
    ]);
    expect(parseAllDocuments(stdout).map((doc) => doc.toJS().slos.map((slo: { name: string }) => slo.name))).toEqual([
      ['checkout-availability'],
    ]);
  });

  test('a period Sloth has no built-in windows for gets a note on how to run sloth', async () => {
    const { stderr } = await run('convert', EXAMPLE, '--from', 'catalog', '--to', 'sloth', '--window', '7d');
    expect(stderr).toContain(
      'note: Sloth ships alert windows for 28d and 30d only; run sloth generate --default-slo-period 7d with an ' +
        'AlertWindows file for it (--alert-windows-path)'
    );
  });

  test('an SLO that cannot convert is refused by name, the rest converts, and the exit code is 1', async () => {
    const spec = readFileSync(SLOTH_EXAMPLE, 'utf8').replace(
      /sli:\n(\s+)events:\n\s+error_query: sum\(rate\(payment_charges_total[^\n]*\n\s+total_query: [^\n]*\n/,
      'sli:\n$1plugin:\n$1  id: sloth-common/payments/availability\n'
    );
    expect(spec).toContain('sloth-common/payments/availability');
    const file = tempFile('plugin.yaml', spec);
    const { code, stdout, stderr } = await run('convert', file, '--from', 'sloth', '--to', 'catalog');
    expect(code).toBe(1);
    expect(stderr).toContain(
      `${file}: documents[1] (payments-api).slos[0] (charge-success).sli.plugin: SLI plugin ` +
        '"sloth-common/payments/availability" writes its query inside Sloth'
    );
    expect(parse(stdout).kpis.map((k: { id: string }) => k.id)).toEqual([
      'checkout-requests-availability',
      'checkout-requests-latency',
    ]);
  });

  test('the Sloth period and data source of the KPIs can be given', async () => {
    const { stdout } = await run(
      'convert',
      SLOTH_EXAMPLE,
      '--from',
      'sloth',
      '--to',
      'catalog',
      '--window',
      '28d',
      '--datasource-uid',
      'mimir'
    );
    const [kpi] = parse(stdout).kpis;
    expect([kpi.objective.window, kpi.datasource]).toEqual(['28d', { type: 'prometheus', uid: 'mimir' }]);
  });

  test.each([
    ['--from is required', ['--to', 'catalog'], "required option '--from <format>' not specified"],
    ['a format we do not know', ['--from', 'pyrra', '--to', 'catalog'], "argument 'pyrra' is invalid"],
    [
      'a window that is not a duration',
      ['--from', 'sloth', '--to', 'catalog', '--window', 'month'],
      '--window "month" is not a positive duration',
    ],
  ])('%s', async (_name, args, message) => {
    const { code, stderr } = await run('convert', SLOTH_EXAMPLE, ...args);
    expect(code).toBe(1);
    expect(stderr).toContain(message);
  });

  test('catalog → catalog gives the catalog back, checked', async () => {
    const { code, stdout } = await run('convert', EXAMPLE, '--from', 'catalog', '--to', 'catalog');
    expect(code).toBe(0);
    expect(parse(stdout)).toEqual(parse(readFileSync(EXAMPLE, 'utf8')));
  });
});

describe('northstar convert: round trips of the examples', () => {
  async function convert(from: string, to: string, file: string, ...args: string[]) {
    const result = await run('convert', file, '--from', from, '--to', to, ...args);
    return tempFile(`converted.${to}.yaml`, result.stdout);
  }

  test('OpenSLO → catalog → OpenSLO keeps every field both formats have', async () => {
    const catalog = await convert('openslo', 'catalog', OPENSLO_EXAMPLE);
    const back = await convert('catalog', 'openslo', catalog);
    const slos = (file: string) =>
      parseAllDocuments(readFileSync(file, 'utf8'))
        .map((doc) => doc.toJS())
        .filter((doc) => doc.kind === 'SLO');
    const queries = (spec: Record<string, unknown>) => JSON.stringify(spec).match(/"query":"(?:[^"\\]|\\.)*"/g);
    const shared = (slo: Record<string, any>, sliOf: (slo: Record<string, any>) => Record<string, unknown>) => ({
      name: slo.metadata.name,
      displayName: slo.metadata.displayName,
      description: slo.spec.description,
      service: slo.spec.service,
      timeWindow: slo.spec.timeWindow,
      budgetingMethod: slo.spec.budgetingMethod,
      objective: {
        op: slo.spec.objectives[0].op,
        value: slo.spec.objectives[0].value,
        target: slo.spec.objectives[0].target ?? slo.spec.objectives[0].targetPercent / 100,
        timeSliceWindow: slo.spec.objectives[0].timeSliceWindow,
      },
      metrics: Object.keys(sliOf(slo).ratioMetric ?? sliOf(slo)),
      queries: queries(sliOf(slo)),
    });
    const original = readFileSync(OPENSLO_EXAMPLE, 'utf8');
    const sli = parseAllDocuments(original)
      .map((doc) => doc.toJS())
      .find((doc) => doc.kind === 'SLI');
    const inline = (slo: Record<string, any>) => slo.spec.indicator.spec;
    const referenced = (slo: Record<string, any>) => (slo.spec.indicatorRef ? sli.spec : inline(slo));
    expect(slos(back).map((slo) => shared(slo, inline))).toEqual(
      slos(OPENSLO_EXAMPLE).map((slo) => shared(slo, referenced))
    );
  });

  test('Sloth → catalog → Sloth keeps every field both formats have', async () => {
    const catalog = await convert('sloth', 'catalog', SLOTH_EXAMPLE);
    const back = await convert('catalog', 'sloth', catalog);
    const specs = (file: string) =>
      parseAllDocuments(readFileSync(file, 'utf8')).map((doc) => {
        const spec = doc.toJS();
        return {
          service: spec.service,
          owner: spec.labels?.owner,
          slos: spec.slos.map((slo: Record<string, any>) => ({
            name: slo.name,
            objective: slo.objective,
            description: slo.description,
            events: Object.values(slo.sli.events).map((q) =>
              String(q)
                .trim()
                .replace(/\{\{ \.window \}\}/g, '{{.window}}')
            ),
            page: slo.alerting.page_alert?.disable !== true,
            ticket: slo.alerting.ticket_alert?.disable !== true,
            runbook: slo.alerting.annotations?.runbook_url ?? slo.alerting.annotations?.runbook,
          })),
        };
      });
    expect(specs(back)).toEqual(specs(SLOTH_EXAMPLE));
  });

  test('catalog → OpenSLO → catalog gives the SLOs back, every field (value and SQL KPIs have no OpenSLO form)', async () => {
    const back = await convert('openslo', 'catalog', await convert('catalog', 'openslo', EXAMPLE));
    expect(parse(readFileSync(back, 'utf8'))).toEqual(sloCatalog(EXAMPLE));
  });

  test('catalog → Sloth → catalog keeps every field Sloth has; name, audience, decision and tags stay behind', async () => {
    const sloth = await convert('catalog', 'sloth', EXAMPLE, '--window', '28d');
    const [kpi] = parse(readFileSync(await convert('sloth', 'catalog', sloth, '--window', '28d'), 'utf8')).kpis;
    const [original] = parse(readFileSync(EXAMPLE, 'utf8')).kpis;
    const fields = ['id', 'version', 'status', 'description', 'owner', 'datasource', 'indicator', 'objective'];
    const pick = (k: Record<string, unknown>) => Object.fromEntries(fields.map((f) => [f, k[f]]));
    expect(pick(kpi)).toEqual(pick(original));
    expect([kpi.alerting, kpi.links]).toEqual([original.alerting, original.links]);
    // The Sloth SLO name is the display name now, and the tag remembers the Sloth service.
    expect([kpi.name, kpi.tags, kpi.audience, kpi.decision]).toEqual([
      'checkout-availability',
      ['service:team-payments'],
      undefined,
      undefined,
    ]);
  });
});
