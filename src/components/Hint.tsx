import React, {
  cloneElement,
  createContext,
  type FocusEvent,
  type PointerEvent,
  type ReactElement,
  type ReactNode,
  useContext,
  useEffect,
  useId,
  useMemo,
  useState,
} from 'react';
import { Portal, Tooltip } from '@grafana/ui';

type Placement = React.ComponentProps<typeof Tooltip>['placement'];
/** Words, or a function that builds them: called when the hint opens, never for a row that is only rendered. */
export type HintContent = string | (() => ReactNode);

interface OpenHint {
  element: HTMLElement;
  content: HintContent;
  placement: Placement;
}

interface HintLayerApi {
  open: (hint: OpenHint) => void;
  close: (element: HTMLElement) => void;
  closeAny: () => void;
}

const HintLayerContext = createContext<HintLayerApi | null>(null);

interface HintProps {
  content: HintContent;
  placement?: Placement;
  /** One element that takes a ref, focus and pointer events: a span, a div. */
  children: ReactElement;
}

/**
 * Grafana's tooltip on a number, a status or an arrow, opened by hovering or focusing it. Inside a HintLayer the
 * element carries only its handlers, and the layer's one Tooltip opens on whichever element asked: a catalog
 * screen of 20 rows held 70 Tooltips, each mounting floating-ui's hooks, a third of the rows' render. Elsewhere it
 * is Grafana's Tooltip itself.
 */
export function Hint({ content, placement, children }: HintProps) {
  const layer = useContext(HintLayerContext);
  if (!layer) {
    return (
      <Tooltip content={typeof content === 'function' ? () => <>{content()}</> : content} placement={placement}>
        {children}
      </Tooltip>
    );
  }
  const { onPointerEnter, onPointerLeave, onFocus, onBlur } = children.props;
  const open = (element: HTMLElement) => layer.open({ element, content, placement });
  return cloneElement(children, {
    tabIndex: 0,
    onPointerEnter: (event: PointerEvent<HTMLElement>) => {
      onPointerEnter?.(event);
      open(event.currentTarget);
    },
    onPointerLeave: (event: PointerEvent<HTMLElement>) => {
      onPointerLeave?.(event);
      layer.close(event.currentTarget);
    },
    onFocus: (event: FocusEvent<HTMLElement>) => {
      onFocus?.(event);
      open(event.currentTarget);
    },
    onBlur: (event: FocusEvent<HTMLElement>) => {
      onBlur?.(event);
      layer.close(event.currentTarget);
    },
  });
}

/**
 * The one tooltip of the Hints inside it. It closes on Escape, as Grafana's does, and when anything scrolls,
 * because it stands where the element was when it opened.
 */
export function HintLayer({ children }: { children: ReactNode }) {
  const [hint, setHint] = useState<OpenHint | null>(null);
  const api = useMemo<HintLayerApi>(
    () => ({
      open: setHint,
      // A pointer leaving one element after another opened must not close the other's hint.
      close: (element) => setHint((shown) => (shown?.element === element ? null : shown)),
      closeAny: () => setHint(null),
    }),
    []
  );
  return (
    <HintLayerContext.Provider value={api}>
      {children}
      {hint && <OpenHintTooltip hint={hint} onClose={api.closeAny} />}
    </HintLayerContext.Provider>
  );
}

function OpenHintTooltip({ hint, onClose }: { hint: OpenHint; onClose: () => void }) {
  const id = useId();
  const { element, content, placement } = hint;
  useEffect(() => {
    element.setAttribute('aria-describedby', id);
    const closeOnEscape = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    document.addEventListener('keydown', closeOnEscape);
    document.addEventListener('scroll', onClose, true);
    return () => {
      element.removeAttribute('aria-describedby');
      document.removeEventListener('keydown', closeOnEscape);
      document.removeEventListener('scroll', onClose, true);
    };
  }, [element, id, onClose]);
  const rect = element.getBoundingClientRect();
  return (
    <Portal>
      <Tooltip
        show
        placement={placement}
        content={<span id={id}>{typeof content === 'function' ? content() : content}</span>}
      >
        {/* Where the element is: the Tooltip's reference. Inert, so neither a pointer nor Tab ever lands on it. */}
        <span
          aria-hidden
          {...{ inert: '' }}
          style={{
            position: 'fixed',
            left: rect.left,
            top: rect.top,
            width: rect.width,
            height: rect.height,
            pointerEvents: 'none',
          }}
        />
      </Tooltip>
    </Portal>
  );
}
