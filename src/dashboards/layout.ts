/**
 * Grafana's 24-column grid: panels are placed left to right and wrap to a new line, rows take a line of their
 * own. The layout also hands out panel ids, so ids are unique and follow the reading order.
 */
import type { GridPos, Panel, RowPanel } from '@grafana/schema';

export const GRID_COLUMNS = 24;

/** A panel before it has a place: its width and height in grid units. */
export type Unplaced<T> = Omit<T, 'gridPos' | 'id'> & { size: { w: number; h: number } };

/** GridLayout knows where the next panel goes; `panels` is the dashboard's list, in order. */
export class GridLayout {
  readonly panels: Array<Panel | RowPanel> = [];
  private x = 0;
  private y = 0;
  private lineHeight = 0;
  private nextId = 1;

  add(panel: Unplaced<Panel>): Panel {
    const { size, ...rest } = panel;
    const w = Math.min(Math.max(1, size.w), GRID_COLUMNS);
    if (this.x + w > GRID_COLUMNS) {
      this.newLine();
    }
    const gridPos: GridPos = { x: this.x, y: this.y, w, h: size.h };
    this.x += w;
    this.lineHeight = Math.max(this.lineHeight, size.h);
    const placed: Panel = { ...rest, id: this.nextId++, gridPos };
    this.panels.push(placed);
    return placed;
  }

  /** An expanded row header across the grid; the panels added after it belong to it. */
  row(title: string): RowPanel {
    this.newLine();
    const row: RowPanel = {
      type: 'row',
      id: this.nextId++,
      title,
      collapsed: false,
      gridPos: { x: 0, y: this.y, w: GRID_COLUMNS, h: 1 },
      panels: [],
    };
    this.panels.push(row);
    this.y += 1;
    return row;
  }

  private newLine(): void {
    this.y += this.lineHeight;
    this.x = 0;
    this.lineHeight = 0;
  }
}
