/**
 * `compute` remembered per key object, for as long as the object lives: a catalog row asks the same KPI for the
 * same derived string on every filtering keystroke, and a KPI object is replaced, never changed.
 */
export function memoPerObject<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const remembered = new WeakMap<K, V>();
  return (key) => {
    if (!remembered.has(key)) {
      remembered.set(key, compute(key));
    }
    return remembered.get(key)!;
  };
}
