import React from 'react';
import { css } from '@emotion/css';
import { usePluginContext, type GrafanaTheme2 } from '@grafana/data';
import type { PluginPageProps } from '@grafana/runtime';
import { Stack, useStyles2 } from '@grafana/ui';

/**
 * The host's PluginPage (Grafana's is public/app/core/components/Page): the app's logo and the page title, the
 * subtitle and actions under it, info items, then the page content on the requested background.
 */
export function HostPluginPage({
  pageNav,
  subTitle,
  actions,
  info,
  renderTitle,
  background,
  children,
}: PluginPageProps) {
  const styles = useStyles2(getStyles);
  const meta = usePluginContext()?.meta;
  const title = pageNav?.text ?? meta?.name ?? '';
  return (
    <div className={background === 'canvas' ? styles.canvasPage : styles.page}>
      <div className={styles.header}>
        <Stack direction="row" alignItems="center" justifyContent="space-between" wrap="wrap">
          <Stack direction="row" alignItems="center" gap={2}>
            {meta?.info.logos.large && <img className={styles.logo} src={meta.info.logos.large} alt="" />}
            {renderTitle ? renderTitle(title) : <h1 className={styles.title}>{title}</h1>}
          </Stack>
          {actions}
        </Stack>
        {info && info.length > 0 && (
          <Stack direction="row" gap={2}>
            {info.map((item) => (
              <Stack key={item.label} direction="column" gap={0.5}>
                <span className={styles.infoLabel}>{item.label}</span>
                <div>{item.value}</div>
              </Stack>
            ))}
          </Stack>
        )}
        {subTitle && <div className={styles.subTitle}>{subTitle}</div>}
      </div>
      <div className={styles.content}>{children}</div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  // The page fills the window below the 40 px top bar.
  page: css({
    padding: theme.spacing(2, 4),
    background: theme.colors.background.primary,
    minHeight: 'calc(100vh - 40px)',
  }),
  canvasPage: css({
    padding: theme.spacing(2, 4),
    background: theme.colors.background.canvas,
    minHeight: 'calc(100vh - 40px)',
  }),
  header: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1), marginBottom: theme.spacing(3) }),
  logo: css({ width: 32, height: 32 }),
  title: css({ margin: 0, ...theme.typography.h2 }),
  subTitle: css({ color: theme.colors.text.secondary }),
  infoLabel: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  content: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
});
