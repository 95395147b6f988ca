// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';

// Combobox sizes its menu with canvas text metrics, which jsdom lacks; a rough width is all tests need.
HTMLCanvasElement.prototype.getContext = () => ({ measureText: (text) => ({ width: String(text).length * 7 }) });
