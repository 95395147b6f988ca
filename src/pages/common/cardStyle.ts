/** The bordered panel that KPI page sections and live figures sit in, in the theme's colours. */
import type { GrafanaTheme2 } from '@grafana/data';

/** Style object (for `css(...)`, spread where a card needs more) of a section card. */
export function cardStyle(theme: GrafanaTheme2) {
  return {
    padding: theme.spacing(2),
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    background: theme.colors.background.primary,
  };
}
