// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';

// jsdom has no canvas. Combobox sizes its menu with text metrics (a rough width is all tests need) and uPlot
// draws sparklines: every other method is a no-op, and properties set (font, lineWidth) read back.
// Calls return the same do-nothing object, so gradients and paths built from the context are no-ops as well.
const nothing = new Proxy(function () {}, { get: () => nothing, apply: () => nothing });
HTMLCanvasElement.prototype.getContext = function () {
  const context = { canvas: this, measureText: (text) => ({ width: String(text).length * 7 }) };
  return new Proxy(context, { get: (target, key) => (key in target ? target[key] : nothing) });
};
global.Path2D = function Path2D() {
  return nothing;
};
