/**
 * Runs `callback` once the browser has painted the next frame (a task queued from that frame's animation
 * callback), and returns how to cancel it: work started from a keystroke this way never delays the key's own
 * frame, whose paint is what a user sees as the key's response.
 */
export function afterNextPaint(callback: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(callback, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
