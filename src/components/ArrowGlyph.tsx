import React from 'react';
import { css } from '@emotion/css';
import { useStyles2 } from '@grafana/ui';

/** Grafana's unicons arrow-up and arrow-down (public/img/icons/unicons), drawn at the Icon's `sm` size. */
const PATHS = {
  up: 'M17.71,11.29l-5-5a1,1,0,0,0-.33-.21,1,1,0,0,0-.76,0,1,1,0,0,0-.33.21l-5,5a1,1,0,0,0,1.42,1.42L11,9.41V17a1,1,0,0,0,2,0V9.41l3.29,3.3a1,1,0,0,0,1.42,0A1,1,0,0,0,17.71,11.29Z',
  down: 'M17.71,11.29a1,1,0,0,0-1.42,0L13,14.59V7a1,1,0,0,0-2,0v7.59l-3.29-3.3a1,1,0,0,0-1.42,1.42l5,5a1,1,0,0,0,.33.21.94.94,0,0,0,.76,0,1,1,0,0,0,.33-.21l5-5A1,1,0,0,0,17.71,11.29Z',
};
const SIZE_PX = 14;

/**
 * `<Icon name="arrow-up|arrow-down" size="sm" aria-hidden />` as one plain element: Icon loads its SVG through
 * react-inlinesvg, which parses the file and renders twice for every arrow, and a catalog row has two of them.
 */
export function ArrowGlyph({ direction }: { direction: 'up' | 'down' }) {
  const s = useStyles2(getStyles);
  return (
    <svg className={s.glyph} viewBox="0 0 24 24" width={SIZE_PX} height={SIZE_PX} aria-hidden>
      <path d={PATHS[direction]} />
    </svg>
  );
}

// As Icon's own styles: the arrow takes the text's colour and sits on its middle.
const getStyles = () => ({
  glyph: css({ display: 'inline-block', fill: 'currentColor', flexShrink: 0, lineHeight: 0, verticalAlign: 'middle' }),
});
