import React, { Fragment, type ReactNode } from 'react';
import { css } from '@emotion/css';
import { ThemeContext, type GrafanaTheme2 } from '@grafana/data';
import { config } from '@grafana/runtime';
import { GlobalStyles, Icon, Stack, Text, useStyles2 } from '@grafana/ui';

/** A breadcrumb of the top bar: Home, then the section, then the page. */
export interface Crumb {
  text: string;
  url?: string;
}

/**
 * What surrounds a plugin in Grafana: the theme from the user's boot data (through ThemeContext, as Grafana's app
 * provides it), Grafana's global styles, and a top bar with breadcrumbs and the signed-in user.
 */
export function HostChrome({ children }: { children: ReactNode }) {
  return (
    <ThemeContext.Provider value={config.theme2}>
      <GlobalStyles />
      {children}
    </ThemeContext.Provider>
  );
}

export function TopBar({ crumbs }: { crumbs: Crumb[] }) {
  const styles = useStyles2(getStyles);
  const { user } = config.bootData;
  return (
    <header className={styles.bar}>
      <nav aria-label="Breadcrumbs">
        <Stack direction="row" alignItems="center" gap={1}>
          <Icon name="home-alt" />
          {crumbs.map((crumb, i) => (
            <Fragment key={crumb.text}>
              {i > 0 && <Icon name="angle-right" className={styles.separator} />}
              {crumb.url && i < crumbs.length - 1 ? (
                <a className={styles.link} href={crumb.url}>
                  {crumb.text}
                </a>
              ) : (
                <Text color={i === crumbs.length - 1 ? 'primary' : 'secondary'}>{crumb.text}</Text>
              )}
            </Fragment>
          ))}
        </Stack>
      </nav>
      <Text color="secondary">
        {user.name} ({user.orgRole})
      </Text>
    </header>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  bar: css({
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    height: 40,
    padding: theme.spacing(0, 2),
    background: theme.colors.background.primary,
    borderBottom: `1px solid ${theme.colors.border.weak}`,
  }),
  separator: css({ color: theme.colors.text.secondary }),
  link: css({ color: theme.colors.text.secondary, '&:hover': { color: theme.colors.text.primary } }),
});
