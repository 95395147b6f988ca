/**
 * A failed report row's words: a data source type that answers no frames was never evaluated, so it does not read
 * as a failed query; every other failure quotes the data source.
 */
export function failedRowText(error: string | undefined): string {
  const text = error ?? '';
  return text.startsWith('not evaluated: ')
    ? `Not evaluated: ${text.slice('not evaluated: '.length)}`
    : `Query failed: ${text}`;
}
