/**
 * The host formats dashboard variables as Grafana does (e2e/contracts/template-variables.md). Expected texts are
 * worked out by hand from Grafana's formatRegistry and the Prometheus data source's interpolateQueryExpr; in the
 * template strings below, `\\` is one backslash of the query text.
 */
import fc from 'fast-check';
import { prometheusDefaultFormat, prometheusRegexEscape } from './prometheusInterpolation';
import { ALL_VALUE, containsVariable, interpolateVariables, type TemplateVariable } from './templateVariables';

/** The on-call dashboard's `route`: several values at once, All as `.*` (src/dashboards/variables.ts). */
const route = (value: TemplateVariable['value']): TemplateVariable => ({
  name: 'route',
  value,
  multi: true,
  includeAll: true,
  allValue: '.*',
});

/** A variable of one value at a time and no All, like the on-call dashboard's `kpi`. */
const single = (value: string): TemplateVariable => ({ name: 'route', value });

/** Several values, All standing for every option (no allValue). */
const listed = (value: TemplateVariable['value']): TemplateVariable => ({
  name: 'route',
  value,
  multi: true,
  includeAll: true,
  options: ['/pay', 'a.b'],
});

const fill = (text: string, variable: TemplateVariable, format?: Parameters<typeof interpolateVariables>[2]) =>
  interpolateVariables(text, (name) => (name === variable.name ? variable : undefined), format);

describe('the formats a reference names', () => {
  test.each([
    ['regex escapes / and . with one backslash', '${route:regex}', route('/api/v1.2'), '\\/api\\/v1\\.2'],
    ['regex escapes a pipe', '${route:regex}', route('x|y'), 'x\\|y'],
    ['regex leaves a quote alone', '${route:regex}', route(`it's`), `it's`],
    ['regex joins several as alternatives', '${route:regex}', route(['/pay', 'a.b']), '(\\/pay|a\\.b)'],
    ['regex of one picked value has no parentheses', '${route:regex}', route(['a.b']), 'a\\.b'],
    ['regex puts the custom all value in as it is', '${route:regex}', route(ALL_VALUE), '.*'],
    ['regex of All without allValue lists every option', '${route:regex}', listed([ALL_VALUE]), '(\\/pay|a\\.b)'],
    ['pipe joins without escaping', '${route:pipe}', route(['/pay', 'x|y']), '/pay|x|y'],
    ['csv joins with commas', '${route:csv}', route(['/pay', 'a.b']), '/pay,a.b'],
    ['raw keeps one value as it is', '${route:raw}', route('a.b'), 'a.b'],
    ['raw joins several with commas', '${route:raw}', route(['/pay', 'a.b']), '/pay,a.b'],
    ['percentencode encodes / and the sub-delimiters', '${route:percentencode}', route("/a'b"), '%2Fa%27b'],
    ['percentencode writes several as an encoded glob', '${route:percentencode}', route(['x', 'y']), '%7Bx%2Cy%7D'],
    ['percentencode encodes the custom all value', '${route:percentencode}', route(ALL_VALUE), '.%2A'],
    ['no format and no function is a glob', '${route}', route(['/pay', 'a.b']), '{/pay,a.b}'],
    ['an unknown format falls back to glob', '${route:nonsense}', route(['x', 'y']), '{x,y}'],
    ['[[name:format]] is read like ${name:format}', '[[route:regex]]', route('a.b'), 'a\\.b'],
  ])('%s', (_name, text, variable, expected) => {
    expect(fill(text, variable)).toBe(expected);
  });
});

describe("the Prometheus data source's own format, for references without one", () => {
  test.each([
    ['a multi-value variable escapes . for a regex in a PromQL string', route('/api/v1.2'), '/api/v1\\\\.2'],
    ['a slash needs no escape', route('/pay'), '/pay'],
    ['a pipe is escaped, so it is not an alternative', route('x|y'), 'x\\\\|y'],
    ['a backslash becomes four', route('a\\b'), 'a\\\\\\\\b'],
    ['a quote is left alone', route(`it's`), `it's`],
    ['several values become an escaped alternative', route(['/pay', 'a.b']), '(/pay|a\\\\.b)'],
    ['All with allValue is the all value, unescaped', route([ALL_VALUE]), '.*'],
    ['All without allValue lists every option, escaped', listed(ALL_VALUE), '(/pay|a\\\\.b)'],
    ['a single-value variable is escaped only for the string: a dot stays', single('a.b'), 'a.b'],
    ['a single-value variable doubles a backslash', single('a\\b'), 'a\\\\b'],
    ['a single-value variable escapes a single quote with two backslashes', single(`it's`), `it\\\\'s`],
  ])('%s', (_name, variable, expected) => {
    expect(fill('${route}', variable, prometheusDefaultFormat)).toBe(expected);
    expect(fill('$route', variable, prometheusDefaultFormat)).toBe(expected);
  });

  test('a named format wins over the data source function', () => {
    expect(fill('${route:regex}', route('/pay'), prometheusDefaultFormat)).toBe('\\/pay');
  });
});

/** A double-quoted PromQL string's escapes that the escaping above writes: `\\` is one backslash. */
const readPromqlString = (text: string) => text.replace(/\\\\/g, '\\');

test('any value, escaped for the Prometheus data source, reads back as a regex that matches exactly it', () => {
  fc.assert(
    fc.property(
      fc.string({
        unit: fc.constantFrom('/', '.', '|', '\\', '*', '(', ')', '[', ']', '{', '}', '^', '$', '+', '?', 'a', '1'),
      }),
      (value) => {
        const regex = new RegExp(`^(?:${readPromqlString(prometheusRegexEscape(value))})$`);
        expect(regex.test(value)).toBe(true);
        expect(regex.test(`${value}x`)).toBe(false);
      }
    )
  );
});

describe('references the lookup does not know', () => {
  test('stay as written, for the backend to expand', () => {
    const text = 'rate(x{route=~"${route}"}[$__rate_interval]) and ${other:regex}';
    expect(fill(text, route('/pay'), prometheusDefaultFormat)).toBe(
      'rate(x{route=~"/pay"}[$__rate_interval]) and ${other:regex}'
    );
  });

  test.each([
    ['$route', true],
    ['${route:regex}', true],
    ['[[route]]', true],
    ['route="/pay"', false],
  ])('%s contains a variable: %s', (text, contains) => {
    expect(containsVariable(text)).toBe(contains);
  });
});
